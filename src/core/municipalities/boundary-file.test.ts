import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import type { MultiPolygon, Position } from 'geojson';
import { coordinateKind, matchLocalZone, parseCrsName, readBoundaryFile } from './boundary-file.ts';
import { SetupRefusal } from './setup-refusal.ts';

// The fixtures are SCB's Vårgårda as shipped, reprojected here with proj4 and the definitions PostGIS
// has for these codes (spatial_ref_sys), independently of the code under test.
const DEFS: Record<number, string> = {
  4326: '+proj=longlat +datum=WGS84 +no_defs',
  3006: '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  3007: '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=150000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  3008: '+proj=tmerc +lat_0=0 +lon_0=13.5 +k=1 +x_0=150000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
};
const shipped = JSON.parse(readFileSync(new URL('../../../resources/scb/se_kommuner_scb2024_sweref99tm.geojson', import.meta.url), 'utf8')) as {
  features: Array<{ properties: { code: string }; geometry: MultiPolygon }>;
};
const VARGARDA = shipped.features.find((f) => f.properties.code === '1442')!.geometry;
const reproject = (g: MultiPolygon, to: number): MultiPolygon => {
  const c = proj4(DEFS[3006], DEFS[to]);
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map((pt) => c.forward([pt[0], pt[1]])))) };
};
const extentCentre = (g: MultiPolygon): [number, number] => {
  const pts = g.coordinates.flat(2);
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
};
const CENTRE = extentCentre(VARGARDA);
const named = (epsg: string) => ({ type: 'name', properties: { name: epsg } });

/** The largest deviation (metres) of a read boundary from SCB's, vertex by vertex. */
function deviation(a: MultiPolygon, b: MultiPolygon): number {
  const pa = a.coordinates.flat(2), pb = b.coordinates.flat(2);
  assert.equal(pa.length, pb.length);
  return Math.max(...pa.map((p, i) => Math.hypot(p[0] - pb[i][0], p[1] - pb[i][1])));
}

function refused(f: () => unknown, code: string, message: RegExp) {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof SetupRefusal, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });
}

test('a WGS 84 Polygon without a crs member is read as WGS 84 and lands on SCB\'s boundary', () => {
  const wgs = reproject(VARGARDA, 4326);
  const r = readBoundaryFile(JSON.stringify({ type: 'MultiPolygon', coordinates: wgs.coordinates }));
  assert.equal(r.crs, 4326);
  assert.equal(r.crsFrom, 'coordinates');
  assert.ok(deviation(r.geometry3006, VARGARDA) < 0.01, `${deviation(r.geometry3006, VARGARDA)} m`);
  const one = readBoundaryFile(JSON.stringify({ type: 'Polygon', coordinates: wgs.coordinates[0] }));
  assert.equal(one.polygons, 1);
  assert.equal(one.geometry3006.type, 'MultiPolygon');
});

test('a SWEREF 99 TM FeatureCollection with its crs member, as QGIS writes it, is read unchanged', () => {
  const r = readBoundaryFile(JSON.stringify({ type: 'FeatureCollection', crs: named('urn:ogc:def:crs:EPSG::3006'), features: [{ type: 'Feature', properties: { namn: 'Vårgårda' }, geometry: VARGARDA }] }));
  assert.equal(r.crs, 3006);
  assert.equal(r.crsFrom, 'file');
  assert.equal(deviation(r.geometry3006, VARGARDA), 0);
  assert.equal(r.vertices, VARGARDA.coordinates.flat(2).length);
});

test('a local SWEREF 99 zone is read as stated, or found from the municipality when unstated', () => {
  const local = reproject(VARGARDA, 3007);
  const feature = JSON.stringify({ type: 'Feature', properties: {}, geometry: local });
  const stated = readBoundaryFile(feature, { statedCrs: 'EPSG:3007' });
  assert.equal(stated.crs, 3007);
  assert.equal(stated.crsFrom, 'stated');
  assert.ok(deviation(stated.geometry3006, VARGARDA) < 0.01);
  const found = readBoundaryFile(feature, { centre3006: CENTRE });
  assert.equal(found.crs, 3007);
  assert.equal(found.crsFrom, 'coordinates');
  const inFile = readBoundaryFile(JSON.stringify({ type: 'Feature', crs: named('EPSG:3008'), properties: {}, geometry: reproject(VARGARDA, 3008) }));
  assert.equal(inFile.crs, 3008);
  assert.ok(deviation(inFile.geometry3006, VARGARDA) < 0.01);
  assert.equal(matchLocalZone(reproject(VARGARDA, 3008).coordinates.flat(2), CENTRE), 3008);
  refused(() => readBoundaryFile(feature, { statedCrs: '3008', centre3006: CENTRE }), 'crs_mismatch', /--crs says SWEREF 99 13 30 \(EPSG:3008\)[\s\S]*SWEREF 99 12 00 \(EPSG:3007\) on it[\s\S]*--crs 3007/);
  assert.equal(readBoundaryFile(feature, { statedCrs: '3008' }).crs, 3008, 'without the municipality to compare with, a stated zone is taken as stated');
  refused(() => readBoundaryFile(feature), 'crs_undetermined', /local SWEREF 99 zone[\s\S]*--crs/);
  refused(() => readBoundaryFile(feature, { centre3006: [674571, 6580754] }), 'crs_undetermined', /--crs/);
});

test('a file whose coordinates are in another CRS than it states is refused, naming both', () => {
  const wgs = reproject(VARGARDA, 4326), tm = VARGARDA, local = reproject(VARGARDA, 3007);
  refused(() => readBoundaryFile(JSON.stringify({ type: 'MultiPolygon', crs: named('urn:ogc:def:crs:EPSG::3006'), coordinates: wgs.coordinates })),
    'crs_mismatch', /"crs" member says SWEREF 99 TM \(EPSG:3006\)[\s\S]*WGS 84 longitude\/latitude/);
  refused(() => readBoundaryFile(JSON.stringify(tm), { statedCrs: '4326' }), 'crs_mismatch', /WGS 84 \(EPSG:4326\)[\s\S]*SWEREF 99 TM metres/);
  refused(() => readBoundaryFile(JSON.stringify(tm), { statedCrs: '3007' }), 'crs_mismatch', /SWEREF 99 12 00 \(EPSG:3007\)/);
  refused(() => readBoundaryFile(JSON.stringify(local), { statedCrs: '3006' }), 'crs_mismatch', /local SWEREF 99 zone/);
  const swapped = { type: 'MultiPolygon', coordinates: wgs.coordinates.map((p) => p.map((r) => r.map(([x, y]) => [y, x]))) };
  refused(() => readBoundaryFile(JSON.stringify(swapped)), 'crs_mismatch', /axes swapped/);
  refused(() => readBoundaryFile(JSON.stringify({ type: 'Polygon', coordinates: [[[1e7, 1e7], [1e7 + 1, 1e7], [1e7, 1e7 + 1], [1e7, 1e7]]] })), 'crs_mismatch', /no coordinate system/);
});

test('a CRS that is not read, or two statements that differ, are refused', () => {
  refused(() => readBoundaryFile(JSON.stringify({ ...VARGARDA, crs: named('urn:ogc:def:crs:EPSG::3021') })), 'unsupported_crs', /"urn:ogc:def:crs:EPSG::3021"[\s\S]*EPSG:3006/);
  refused(() => readBoundaryFile(JSON.stringify(VARGARDA), { statedCrs: 'RT90' }), 'unsupported_crs', /"RT90"/);
  refused(() => readBoundaryFile(JSON.stringify({ ...VARGARDA, crs: { type: 'link' } })), 'unsupported_crs', /without a name/);
  refused(() => readBoundaryFile(JSON.stringify({ ...VARGARDA, crs: named('EPSG:3006') }), { statedCrs: '3007' }), 'crs_conflict', /EPSG:3006[\s\S]*EPSG:3007/);
});

test('anything but a polygon is refused: not JSON, not GeoJSON, a point, a line, an empty collection, bad rings', () => {
  refused(() => readBoundaryFile('{"type": "Polygon",\n "coordinates": [[[1, 2]'), 'not_json', /not JSON/);
  refused(() => readBoundaryFile('[1, 2]'), 'not_polygon', /not GeoJSON/);
  refused(() => readBoundaryFile(JSON.stringify({ type: 'Point', coordinates: [12.8, 58.0] })), 'not_polygon', /a Point, not a Polygon or MultiPolygon/);
  refused(() => readBoundaryFile(JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[12.8, 58], [12.9, 58]] } })), 'not_polygon', /LineString/);
  refused(() => readBoundaryFile(JSON.stringify({ type: 'Feature', properties: {}, geometry: null })), 'not_polygon', /no geometry/);
  refused(() => readBoundaryFile(JSON.stringify({ type: 'FeatureCollection', features: [] })), 'not_polygon', /without features/);
  refused(() => readBoundaryFile(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: VARGARDA }, { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } }] })),
    'not_polygon', /feature 2 is a Point/);
  const ring: Position[] = [[12.8, 58], [12.9, 58], [12.9, 58.1]];
  refused(() => readBoundaryFile(JSON.stringify({ type: 'Polygon', coordinates: [ring] })), 'bad_coordinates', /3 positions/);
  refused(() => readBoundaryFile(JSON.stringify({ type: 'Polygon', coordinates: [[...ring, [12.8, 58.1]]] })), 'bad_coordinates', /not closed/);
  refused(() => readBoundaryFile(JSON.stringify({ type: 'Polygon', coordinates: [[['12.8', '58'], [12.9, 58], [12.9, 58.1], [12.8, 58]]] })), 'bad_coordinates', /number pairs/);
});

test('CRS names as files and people write them', () => {
  const cases: Array<[string, number | null]> = [
    ['3006', 3006], ['EPSG:3006', 3006], ['epsg:3007', 3007], ['urn:ogc:def:crs:EPSG::3010', 3010], ['urn:ogc:def:crs:EPSG:9.8.15:3006', 3006],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 4326], ['CRS84', 4326], ['WGS84', 4326], ['EPSG:4326', 4326], ['SWEREF99', null], ['', null],
  ];
  for (const [name, code] of cases) assert.equal(parseCrsName(name), code, name);
});

test('the kind of coordinates is read from their ranges', () => {
  assert.equal(coordinateKind([[12.8, 58.0]]), 'degrees');
  assert.equal(coordinateKind([[58.0, 12.8]]), 'swapped-degrees');
  assert.equal(coordinateKind([[370_000, 6_430_000]]), 'tm');
  assert.equal(coordinateKind([[165_000, 6_430_000]]), 'local');
  assert.equal(coordinateKind([[1_300_000, 6_430_000]]), 'unknown', 'RT 90 2.5 gon V');
  assert.equal(coordinateKind([[12.8, 58.0], [370_000, 6_430_000]]), 'unknown', 'mixed');
  assert.equal(coordinateKind([]), 'unknown');
});

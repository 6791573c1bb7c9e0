import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImportFileError } from './errors.ts';
import { crsFromName, readGeoJson } from './geojson.ts';

const bytes = (v: unknown) => new Uint8Array(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8'));
const point = (x: number, y: number, properties: Record<string, unknown> | null = {}, extra: Record<string, unknown> = {}) =>
  ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [x, y] }, ...extra });
const fc = (features: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'FeatureCollection', ...extra, features });
const fileError = (f: () => unknown): Record<string, unknown> => {
  try { f(); } catch (e) { assert.ok(e instanceof ImportFileError, String(e)); return { code: e.code, ...e.params, message: e.message }; }
  assert.fail('no error');
};

test('a row per feature; the properties\' keys in the order first seen, then the point as Longitud/Latitud', () => {
  const t = readGeoJson(bytes(fc([
    point(12.5325, 57.93, { Tidpunkt: '2026-03-04T21:30', Kategori: 'Klotter', Källa: { app: 'x' } }),
    point(12.515, 57.942, { Kategori: 'Brand', Plats: 'Nolby', Polisanmäld: true, Antal: 3, Tom: '  ', Lista: [1, 2] }),
    { type: 'Feature', properties: null, geometry: { type: 'MultiPoint', coordinates: [[12.55, 57.92]] } },
    { type: 'Feature', properties: { Kategori: 'Hot' }, geometry: null },
  ])));
  assert.deepEqual(t.headers, ['Tidpunkt', 'Kategori', 'Källa', 'Plats', 'Polisanmäld', 'Antal', 'Tom', 'Lista', 'Longitud', 'Latitud']);
  assert.deepEqual(t.rows, [
    ['2026-03-04T21:30', 'Klotter', '{"app":"x"}', null, null, null, null, null, 12.5325, 57.93],
    [null, 'Brand', null, 'Nolby', true, 3, null, '[1,2]', 12.515, 57.942],
    [null, null, null, null, null, null, null, null, 12.55, 57.92],
    [null, 'Hot', null, null, null, null, null, null, null, null],
  ]);
  assert.deepEqual(t.rowNumbers, [1, 2, 3, 4]);
  assert.deepEqual([t.format, t.coordinateColumns, t.crs], ['geojson', { x: 'Longitud', y: 'Latitud' }, undefined]);
});

test('a legacy crs member naming SWEREF 99 gives E/N columns and the system as given; CRS84 is WGS 84', () => {
  const tm = readGeoJson(bytes(fc([point(353883.2, 6423583.7, { Typ: 'Klotter' })], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } } })));
  assert.deepEqual([tm.headers, tm.coordinateColumns, tm.crs], [['Typ', 'E', 'N'], { x: 'E', y: 'N' }, 3006]);
  const zone = readGeoJson(bytes(fc([point(181549.5, 6423610.5)], { crs: { type: 'name', properties: { name: 'EPSG:3007' } } })));
  assert.equal(zone.crs, 3007);
  const wgs = readGeoJson(bytes(fc([point(12.5, 57.9)], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } })));
  assert.deepEqual([wgs.crs, wgs.coordinateColumns], [4326, { x: 'Longitud', y: 'Latitud' }]);
  assert.equal(crsFromName('http://www.opengis.net/def/crs/EPSG/0/3011'), 3011);
  assert.equal(crsFromName('EPSG:3857'), null);
  assert.deepEqual(fileError(() => readGeoJson(bytes(fc([point(1, 2)], { crs: { type: 'name', properties: { name: 'EPSG:3857' } } })))), {
    code: 'file_geojson_crs', named: 'EPSG:3857',
    message: 'GeoJSON-filens koordinatsystem ”EPSG:3857” stöds inte; använd WGS 84, SWEREF 99 TM eller en lokal SWEREF 99-zon.',
  });
});

test('a feature\'s own id becomes an id column, unless a property is the id; names never collide', () => {
  const t = readGeoJson(bytes(fc([point(12.5, 57.9, { Typ: 'A' }, { id: 'GJ-1' }), point(12.5, 57.9, { Typ: 'B' }, { id: 2 })])));
  assert.deepEqual([t.headers, t.rows.map((r) => r[0])], [['id', 'Typ', 'Longitud', 'Latitud'], ['GJ-1', 2]]);
  const own = readGeoJson(bytes(fc([point(12.5, 57.9, { ID: 'egen', Longitud: 'väster' }, { id: 'GJ-1' })])));
  assert.deepEqual([own.headers, own.coordinateColumns], [['ID', 'Longitud', 'Longitud (2)', 'Latitud'], { x: 'Longitud (2)', y: 'Latitud' }]);
});

test('a Feature alone is a collection of one', () => {
  const t = readGeoJson(bytes(point(12.5, 57.9, { Typ: 'Klotter' })));
  assert.deepEqual([t.headers, t.rows], [['Typ', 'Longitud', 'Latitud'], [['Klotter', 12.5, 57.9]]]);
});

test('what is not a collection of points is refused, naming the feature', () => {
  const line = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[12, 57], [13, 58]] } };
  assert.deepEqual(fileError(() => readGeoJson(bytes(fc([point(12.5, 57.9), point(12.5, 57.9), line])))), {
    code: 'file_geojson_geometry', feature: 3, type: 'LineString',
    message: 'Objekt 3 i GeoJSON-filen är en ”LineString”; bara punkter (Point) kan importeras.',
  });
  const many = { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: [[12, 57], [13, 58]] } };
  assert.equal(fileError(() => readGeoJson(bytes(fc([many])))).code, 'file_geojson_geometry');
  assert.deepEqual(fileError(() => readGeoJson(bytes(fc([point(1, 2), { type: 'Point', coordinates: [1, 2] }])))).feature, 2);
  assert.deepEqual(fileError(() => readGeoJson(bytes({ type: 'Point', coordinates: [1, 2] }))).message, 'Filen är JSON men ingen GeoJSON FeatureCollection (den är av typen ”Point”).');
  assert.equal(fileError(() => readGeoJson(bytes([1, 2]))).type, 'array');
  assert.equal(fileError(() => readGeoJson(bytes(fc([])))).code, 'file_geojson_empty');
});

test('bad JSON is named by line and character', () => {
  assert.deepEqual(fileError(() => readGeoJson(bytes('{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature",}\n  ]\n}'))), {
    code: 'file_json', line: 4, position: 24, char: '}',
    message: 'Filen är inte giltig JSON: oväntat ”}” på rad 4, tecken 24.',
  });
  assert.deepEqual(fileError(() => readGeoJson(bytes('{"type": "FeatureCollection", "features": ['))), {
    code: 'file_json_end', line: 1, position: 44, message: 'Filen är inte giltig JSON: den tar slut mitt i (rad 1, tecken 44).',
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellPolygon, encodeGpkgGeometry } from './gpkg-geometry.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

// What GDAL 3.6 itself writes for the same geometries in EPSG:3006 (ogr2ogr -f GPKG from GeoJSON, then
// `SELECT hex(geom)`): the encoding is the standard's, byte for byte, not merely readable.
const GDAL_POINT = '47500001BE0B0000010100000000000000419B154100000000F3805841';
const GDAL_SQUARE = '47500003BE0B000000000000409B154100000000289F154100000000F380584100000080318158410103000000010000000500000000000000409B154100000000F380584100000000289F154100000000F380584100000000289F1541000000803181584100000000409B1541000000803181584100000000409B154100000000F3805841';

test('a point is "GP", version 0, little-endian without an envelope, srs_id 3006, then ISO WKB — as GDAL writes it', () => {
  const { blob, envelope } = encodeGpkgGeometry({ type: 'Point', coordinates: [354000.25, 6423500] }, 3006);
  assert.equal(hex(blob), GDAL_POINT);
  assert.deepEqual([...blob.slice(0, 4)], [0x47, 0x50, 0, 0b0000_0001], 'magic, version 0, flags: no envelope, little-endian');
  assert.equal(new DataView(blob.buffer).getInt32(4, true), 3006);
  assert.deepEqual(envelope, [354000.25, 6423500, 354000.25, 6423500], 'the layer extent still gets the point');
});

test('a polygon carries its envelope as minx, maxx, miny, maxy — as GDAL writes it', () => {
  const { blob, envelope } = encodeGpkgGeometry(cellPolygon(354000, 6423500, 250), 3006);
  assert.equal(hex(blob), GDAL_SQUARE);
  assert.equal(blob[3], 0b0000_0011, 'flags: envelope [minx, maxx, miny, maxy], little-endian');
  const v = new DataView(blob.buffer);
  assert.deepEqual([8, 16, 24, 32].map((o) => v.getFloat64(o, true)), [354000, 354250, 6423500, 6423750]);
  assert.deepEqual(envelope, [354000, 6423500, 354250, 6423750]);
});

test('a multipolygon is WKB type 6 holding its polygons, with the envelope of all of them', () => {
  const a = cellPolygon(0, 0, 10).coordinates, b = cellPolygon(100, -50, 10).coordinates;
  const { blob, envelope } = encodeGpkgGeometry({ type: 'MultiPolygon', coordinates: [a, b] }, 3006);
  const v = new DataView(blob.buffer);
  const wkb = 40;
  assert.equal(blob[wkb], 1, 'little-endian WKB');
  assert.equal(v.getUint32(wkb + 1, true), 6);
  assert.equal(v.getUint32(wkb + 5, true), 2, 'two polygons');
  assert.equal(v.getUint32(wkb + 10, true), 3, 'the first is a polygon');
  assert.equal(blob.length, 40 + 9 + 2 * (9 + 4 + 5 * 16));
  assert.deepEqual(envelope, [0, -50, 110, 10]);
  assert.deepEqual([8, 16, 24, 32].map((o) => v.getFloat64(o, true)), [0, 110, -50, 10]);
});

test('a coordinate that is not a number is refused rather than written as NaN', () => {
  assert.throws(() => encodeGpkgGeometry({ type: 'Point', coordinates: [NaN, 6423500] }, 3006), /finite/);
  assert.throws(() => encodeGpkgGeometry({ type: 'LineString', coordinates: [[0, 0], [1, 1]] } as never, 3006), /LineString/);
});

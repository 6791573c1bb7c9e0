import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredCrs, featuresOf, reprojectGeometry } from './index.ts';

test('declaredCrs reads the legacy crs member QGIS writes', () => {
  assert.equal(declaredCrs({ type: 'FeatureCollection' }), 4326);
  assert.equal(declaredCrs({ crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } } }), 3006);
  assert.equal(declaredCrs({ crs: { type: 'name', properties: { name: 'EPSG:3007' } } }), 3007);
  assert.equal(declaredCrs({ crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } }), 4326);
  assert.equal(declaredCrs({ crs: { type: 'name', properties: { name: 'EPSG:2400' } } }), null);
});

test('reprojectGeometry transforms every position and leaves the input alone', () => {
  const g = { type: 'Polygon', coordinates: [[[353586.95, 6423563.36], [353686.95, 6423563.36], [353586.95, 6423663.36], [353586.95, 6423563.36]]] };
  const copy = JSON.parse(JSON.stringify(g));
  const w = reprojectGeometry(g, 3006, 4326) as any;
  assert.deepEqual(g, copy);
  assert.ok(Math.abs(w.coordinates[0][0][0] - 12.527515) < 1e-6 && Math.abs(w.coordinates[0][0][1] - 57.92972) < 1e-6);
});

test('featuresOf accepts a collection, a feature or a bare geometry, with paths', () => {
  const p = { type: 'Point', coordinates: [1, 2] };
  assert.deepEqual(featuresOf({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: p, properties: { a: 1 } }] })!.map((f) => f.path), ['geojson.features[0]']);
  assert.equal(featuresOf({ type: 'Feature', geometry: p, properties: null } as any)![0].path, 'geojson');
  assert.equal(featuresOf(p)![0].geometry, p);
  assert.equal(featuresOf({ type: 'Nonsense' }), null);
});

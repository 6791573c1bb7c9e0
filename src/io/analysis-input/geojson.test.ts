import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGeoJson } from './geojson.ts';
import { numberColumn, stringColumn } from './table.ts';

const point = (x: number, y: number, properties: Record<string, unknown> = {}) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [x, y] }, properties,
});

test('Point features: coordinates are x and y, properties are columns', () => {
  const fc = { type: 'FeatureCollection', features: [point(1, 2, { n: 3, kind: 'a' }), point(4, 5, { n: 6 })] };
  const t = parseGeoJson(JSON.stringify(fc));
  assert.deepEqual(t.columns, ['x', 'y', 'n', 'kind']);
  assert.deepEqual([...numberColumn(t, 'x')], [1, 4]);
  assert.deepEqual([...numberColumn(t, 'n')], [3, 6]);
  assert.deepEqual(stringColumn(t, 'kind'), ['a', '']);
  assert.deepEqual(t.origin, [1, 2]);
});

test('properties called x or y do not hide the coordinates', () => {
  const t = parseGeoJson(JSON.stringify(point(1, 2, { x: 'west' })));
  assert.deepEqual(t.columns, ['x', 'y', 'properties.x']);
  assert.deepEqual([...numberColumn(t, 'x')], [1]);
});

test('errors name the feature (1-based) and the column', () => {
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  assert.throws(() => parseGeoJson(fc([point(1, 2), { type: 'Feature', geometry: { type: 'LineString', coordinates: [] } }]), { source: 'p.geojson' }),
    { message: 'p.geojson, feature 2: the geometry is a LineString, expected a Point' });
  assert.throws(() => parseGeoJson(fc([])), /has no features/);
  assert.throws(() => parseGeoJson('{'), /not valid JSON/);
  assert.throws(() => parseGeoJson('[]'), /expected a GeoJSON FeatureCollection/);
  const t = parseGeoJson(fc([point(1, 2, { n: 1 }), point(3, 4, { n: 'many' })]), { source: 'p.geojson' });
  assert.throws(() => numberColumn(t, 'n'), { message: 'p.geojson, feature 2, column "n": "many" is not a number' });
});

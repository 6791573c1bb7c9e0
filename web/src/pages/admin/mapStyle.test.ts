import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseStyle, boundsOf, distanceM, polygonFromVertices, verticesOfPolygon } from './mapStyle.ts';

test('the small maps\' offline base has only local sources and labels the tätorter with text images (no glyphs)', () => {
  const ms = [{ id: '1489', name: 'Alingsås', geometry: { type: 'Polygon' as const, coordinates: [[[12, 57], [13, 57], [13, 58], [12, 57]]] }, builtUpAreas: [{ code: '1489TB101', name: 'Alingsås', population: 28000, lon: 12.53, lat: 57.93 }] }];
  const style = baseStyle(ms, { raster: null, mode: 'offline' }, 'SCB');
  assert.equal(style.glyphs, undefined);
  assert.equal(style.sprite, undefined);
  for (const s of Object.values(style.sources)) assert.equal(s.type, 'geojson');
  assert.equal(JSON.stringify(style).includes('http'), false);
  const labels = style.layers.filter((l) => l.type === 'symbol') as Array<{ id: string; layout: Record<string, unknown> }>;
  assert.deepEqual(labels.map((l) => [l.id, l.layout.visibility, l.layout['text-field']]), [['built-up-labels', 'visible', undefined]]);
  const raster = { url: 'http://127.0.0.1/api/tiles/osm/{z}/{x}/{y}.png', attribution: 'OSM', maxZoom: 19, viaServer: true };
  const tiles = baseStyle(ms, { raster, mode: 'tiles' }, 'SCB');
  assert.equal(tiles.sources.tiles.type, 'raster');
  assert.deepEqual(tiles.layers.map((l) => l.id), ['background', 'tiles', 'municipality-fill', 'municipality-line', 'built-up-labels']);
});

test('boundsOf spans points, polygons and multipolygons and ignores missing geometries', () => {
  assert.deepEqual(boundsOf([
    { type: 'Point', coordinates: [12.5, 57.9] },
    { type: 'MultiPolygon', coordinates: [[[[12.4, 57.8], [12.7, 57.8], [12.7, 58.1], [12.4, 57.8]]]] },
    null,
  ]), [[12.4, 57.8], [12.7, 58.1]]);
  assert.equal(boundsOf([]), null);
});

test('distanceM: 0.001° of latitude is about 111 m; same point is 0', () => {
  const d = distanceM({ lon: 12.53, lat: 57.93 }, { lon: 12.53, lat: 57.931 });
  assert.ok(Math.abs(d - 111.2) < 0.5, String(d));
  assert.equal(distanceM({ lon: 12, lat: 57 }, { lon: 12, lat: 57 }), 0);
});

test('polygonFromVertices closes the ring and needs three vertices', () => {
  assert.equal(polygonFromVertices([[12, 57], [12.1, 57]]), null);
  assert.deepEqual(polygonFromVertices([[12, 57], [12.1, 57], [12.1, 57.1]]), { type: 'Polygon', coordinates: [[[12, 57], [12.1, 57], [12.1, 57.1], [12, 57]]] });
});

test('verticesOfPolygon undoes the closing vertex', () => {
  const poly = polygonFromVertices([[12, 57], [12.1, 57], [12.1, 57.1]])!;
  assert.deepEqual(verticesOfPolygon(poly), [[12, 57], [12.1, 57], [12.1, 57.1]]);
  assert.deepEqual(verticesOfPolygon({ type: 'Point', coordinates: [1, 2] }), []);
});

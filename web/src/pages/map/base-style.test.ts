import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStyle, LAYER_GROUPS, validTileUrl, type BaseData } from './base-style.ts';

const square = (x: number, y: number, d = 0.01) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const base: BaseData = {
  municipalities: [{ id: '1489', name: 'Alingsås', geometry: square(12.3, 57.8, 0.5) }],
  areas: [{ id: 'a1', municipalityId: '1489', kind: 'district', name: 'Brogården', code: null, properties: {}, geometry: square(12.5, 57.9), areaKm2: 1 }],
  places: [{ id: 'p1', municipalityId: '1489', name: 'Stora torget', kind: 'hotspot', description: null, geometry: { type: 'Point', coordinates: [12.53, 57.93] } }],
  settings: null,
};

test('the offline style fetches nothing: no glyphs, no sprite, only inline GeoJSON sources', () => {
  const style = buildStyle(base);
  assert.equal(style.glyphs, undefined);
  assert.equal(style.sprite, undefined);
  for (const [id, s] of Object.entries(style.sources)) {
    assert.equal(s.type, 'geojson', id);
    assert.equal(typeof (s as { data: unknown }).data, 'object', `${id} data is inline`);
  }
  // No layer draws text with a font (that would need glyphs).
  for (const l of style.layers) assert.equal((l as { layout?: Record<string, unknown> }).layout?.['text-field'], undefined, l.id);
  assert.ok(style.layers.some((l) => l.id === 'municipality-line'));
  const places = style.sources.places as unknown as { data: { features: Array<{ properties: { name: string } }> } };
  assert.equal(places.data.features[0].properties.name, 'Stora torget');
  const labels = style.sources['base-area-labels'] as unknown as { data: { features: Array<{ geometry: { coordinates: number[] } }> } };
  assert.deepEqual(labels.data.features[0].geometry.coordinates.map((c) => Math.round(c * 1000) / 1000), [12.505, 57.905]);
});

test('layer visibility follows the switchable layers, every style layer id is unique', () => {
  const style = buildStyle(base, ['heatmap', 'areas']);
  const vis = (id: string) => (style.layers.find((l) => l.id === id) as { layout?: { visibility?: string } }).layout?.visibility;
  for (const id of LAYER_GROUPS.heatmap) assert.equal(vis(id), 'visible', id);
  for (const id of LAYER_GROUPS.areas) assert.equal(vis(id), 'visible', id);
  for (const id of [...LAYER_GROUPS.points, ...LAYER_GROUPS.hotspots]) assert.equal(vis(id), 'none', id);
  const ids = style.layers.map((l) => l.id);
  assert.equal(new Set(ids).size, ids.length);
  // Data layers sit above the municipality fill and below the place labels.
  assert.ok(ids.indexOf('areas-fill') > ids.indexOf('municipality-fill'));
  assert.ok(ids.indexOf('clusters') > ids.indexOf('hotspots-fill'));
  assert.equal(ids.at(-1), 'place-labels');
});

test('configured raster tiles come with their attribution; bad templates are ignored', () => {
  const style = buildStyle({ ...base, settings: { tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap', maxZoom: 19 } });
  assert.deepEqual(style.sources.tiles, { type: 'raster', tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 19, attribution: '© OpenStreetMap' });
  assert.ok(style.layers.some((l) => l.id === 'tiles'));
  assert.equal(validTileUrl('javascript:alert(1)/{z}/{x}/{y}'), null);
  assert.equal(validTileUrl('https://example.se/tiles.png'), null);
  assert.equal(validTileUrl(null), null);
  assert.equal(buildStyle({ ...base, settings: { tileUrl: 'ftp://x/{z}/{x}/{y}', attribution: null, maxZoom: 19 } }).sources.tiles, undefined);
});

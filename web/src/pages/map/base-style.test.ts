import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStyle, LAYER_GROUPS, type BaseData } from './base-style.ts';
import { baseRaster, type BaseRaster } from '../../ui/base-map.ts';

const square = (x: number, y: number, d = 0.01) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const base: BaseData = {
  municipalities: [{
    id: '1489', name: 'Alingsås', geometry: square(12.3, 57.8, 0.5),
    builtUpAreas: [{ code: '1489TB101', name: 'Alingsås', population: 28000, lon: 12.53, lat: 57.93 }, { code: '1489TB111', name: 'Sollebrunn', population: 1523, lon: 12.53, lat: 58.12 }],
  }],
  areas: [{ id: 'a1', municipalityId: '1489', kind: 'district', name: 'Brogården', code: null, properties: {}, geometry: square(12.5, 57.9), areaKm2: 1 }],
  places: [{ id: 'p1', municipalityId: '1489', name: 'Stora torget', kind: 'hotspot', description: null, geometry: { type: 'Point', coordinates: [12.53, 57.93] } }],
  settings: null,
};
const OFFLINE = { raster: null, mode: 'offline' as const, scbText: 'Gränser och tätorter: SCB (CC0)' };
const osm: BaseRaster = baseRaster({ source: 'osm', tileUrl: '/api/tiles/osm/{z}/{x}/{y}.png', attribution: null, maxZoom: 19 }, { origin: 'http://127.0.0.1:3000', osmText: '© OpenStreetMap-bidragsgivare' })!;

const layer = (style: ReturnType<typeof buildStyle>, id: string) => style.layers.find((l) => l.id === id) as { paint?: Record<string, unknown>; layout?: Record<string, unknown> } | undefined;

test('the offline style fetches nothing: no glyphs, no sprite, only inline GeoJSON sources', () => {
  const style = buildStyle(base, ['points'], OFFLINE);
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

test('offline, the tätorter are named (text images, largest first) and the municipality is filled', () => {
  const style = buildStyle(base, ['points'], OFFLINE);
  const towns = style.sources['built-up-areas'] as unknown as { data: { features: Array<{ properties: { name: string; population: number } }> } };
  assert.deepEqual(towns.data.features.map((f) => f.properties.name), ['Alingsås', 'Sollebrunn']);
  const labels = layer(style, 'built-up-labels')!;
  assert.equal(labels.layout?.visibility, 'visible');
  assert.deepEqual(labels.layout?.['icon-image'], ['concat', 'text:town:', ['to-string', ['get', 'name']]]);
  assert.equal(layer(style, 'municipality-fill')!.paint?.['fill-opacity'], 1);
  assert.equal(layer(style, 'tiles'), undefined, 'no raster layer without a raster source');
  assert.equal((style.sources.municipalities as { attribution?: string }).attribution, 'Gränser och tätorter: SCB (CC0)');
});

test('layer visibility follows the switchable layers, every style layer id is unique', () => {
  const style = buildStyle(base, ['heatmap', 'areas'], OFFLINE);
  const vis = (id: string) => layer(style, id)!.layout?.visibility;
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

test('OpenStreetMap through the server: a raster under everything, with its attribution; the offline layers give way', () => {
  const style = buildStyle(base, ['points'], { raster: osm, mode: 'tiles', scbText: 'SCB' });
  assert.deepEqual(style.sources.tiles, {
    type: 'raster', tiles: ['http://127.0.0.1:3000/api/tiles/osm/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 19,
    attribution: '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap-bidragsgivare</a>',
  });
  const ids = style.layers.map((l) => l.id);
  assert.deepEqual(ids.slice(0, 2), ['background', 'tiles']);
  assert.equal(layer(style, 'tiles')!.layout?.visibility, 'visible');
  assert.equal(layer(style, 'municipality-fill')!.paint?.['fill-opacity'], 0);
  assert.equal(layer(style, 'base-areas-fill')!.paint?.['fill-opacity'], 0);
  assert.equal(layer(style, 'built-up-labels')!.layout?.visibility, 'none');
  // Started offline (the server has not said yet): the raster layer is there but hidden, so it fetches nothing.
  const waiting = buildStyle(base, ['points'], { raster: osm, mode: 'offline', scbText: 'SCB' });
  assert.equal(layer(waiting, 'tiles')!.layout?.visibility, 'none');
  assert.equal(layer(waiting, 'built-up-labels')!.layout?.visibility, 'visible');
});

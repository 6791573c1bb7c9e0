import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerSpecification } from 'maplibre-gl';
import { applyMode, baseRaster, builtUpFeatures, initialMode, validTileUrl, withMode, type ModeTarget } from './base-map.ts';

const ENV = { origin: 'https://lagesbild.kommun.se', osmText: '© OpenStreetMap contributors' };

test('the settings name the raster: OpenStreetMap through the server, another source, or none', () => {
  const osm = baseRaster({ source: 'osm', tileUrl: '/api/tiles/osm/{z}/{x}/{y}.png', attribution: null, maxZoom: 19 }, ENV)!;
  assert.equal(osm.url, 'https://lagesbild.kommun.se/api/tiles/osm/{z}/{x}/{y}.png');
  assert.equal(osm.viaServer, true);
  assert.match(osm.attribution, /^<a href="https:\/\/www\.openstreetmap\.org\/copyright"[^>]*>© OpenStreetMap contributors<\/a>$/);
  // The server runs no proxy: no tiles.
  assert.equal(baseRaster({ source: 'osm', tileUrl: null, attribution: null, maxZoom: 19 }, ENV), null);
  const lm = baseRaster({ source: 'custom', tileUrl: 'https://api.lantmateriet.se/t/{z}/{y}/{x}.png', attribution: '© Lantmäteriet <script>', maxZoom: 17 }, ENV)!;
  assert.deepEqual(lm, { url: 'https://api.lantmateriet.se/t/{z}/{y}/{x}.png', attribution: '© Lantmäteriet &#60;script&#62;', maxZoom: 17, viaServer: false });
  assert.equal(baseRaster({ source: 'custom', tileUrl: 'javascript:alert(1)/{z}/{x}/{y}', attribution: 'x', maxZoom: 17 }, ENV), null);
  assert.equal(baseRaster({ source: 'none', tileUrl: null, attribution: null, maxZoom: 18 }, ENV), null);
  assert.equal(baseRaster(null, ENV), null);
  assert.equal(validTileUrl('https://example.se/tiles.png'), null);
  assert.equal(validTileUrl('ftp://x/{z}/{x}/{y}'), null);
});

test('a map starts on the server\'s tiles only once the server said they can be had', () => {
  const viaServer = { url: 'u', attribution: 'a', maxZoom: 19, viaServer: true };
  assert.equal(initialMode(viaServer, null), 'offline');
  assert.equal(initialMode(viaServer, false), 'offline');
  assert.equal(initialMode(viaServer, true), 'tiles');
  assert.equal(initialMode({ ...viaServer, viaServer: false }, null), 'tiles');
  assert.equal(initialMode(null, true), 'offline');
});

test('switching modes shows the raster or the offline base, on the layers a map has', () => {
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#000' } },
    { id: 'tiles', type: 'raster', source: 'tiles' },
    { id: 'municipality-fill', type: 'fill', source: 'municipalities', paint: { 'fill-color': '#fff' } },
    { id: 'built-up-labels', type: 'symbol', source: 'built-up-areas', layout: { 'icon-image': 'x' } },
  ];
  const offline = withMode(layers, 'offline') as Array<{ id: string; paint?: Record<string, unknown>; layout?: Record<string, unknown> }>;
  assert.equal(offline[1].layout?.visibility, 'none');
  assert.equal(offline[2].paint?.['fill-opacity'], 1);
  assert.equal(offline[2].paint?.['fill-color'], '#fff', 'the rest of the paint stays');
  assert.deepEqual(offline[3].layout, { 'icon-image': 'x', visibility: 'visible' });
  assert.equal((layers[1] as { layout?: unknown }).layout, undefined, 'the input is not changed');

  const calls: string[] = [];
  const map: ModeTarget = {
    getLayer: (id) => (['tiles', 'municipality-fill', 'built-up-labels'].includes(id) ? {} : undefined),
    setPaintProperty: (l, n, v) => calls.push(`paint ${l} ${n}=${String(v)}`),
    setLayoutProperty: (l, n, v) => calls.push(`layout ${l} ${n}=${String(v)}`),
  };
  applyMode(map, 'tiles');
  assert.deepEqual(calls, ['layout tiles visibility=visible', 'paint municipality-fill fill-opacity=0', 'layout built-up-labels visibility=none']);
  calls.length = 0;
  applyMode(map, 'offline');
  assert.deepEqual(calls, ['layout tiles visibility=none', 'paint municipality-fill fill-opacity=1', 'layout built-up-labels visibility=visible']);
});

test('the tätorter of every municipality become labelled points', () => {
  const fc = builtUpFeatures([
    { id: '1489', name: 'Alingsås', geometry: { type: 'Point', coordinates: [0, 0] }, builtUpAreas: [{ code: '1489TB101', name: 'Alingsås', population: 28000, lon: 12.53, lat: 57.93 }] },
    { id: '1442', name: 'Vårgårda', geometry: { type: 'Point', coordinates: [0, 0] }, builtUpAreas: [{ code: '1442TB101', name: 'Vårgårda', population: 6000, lon: 12.8, lat: 58.03 }] },
  ]);
  assert.deepEqual(fc.features.map((f) => [f.properties?.name, (f.geometry as { coordinates: number[] }).coordinates]), [['Alingsås', [12.53, 57.93]], ['Vårgårda', [12.8, 58.03]]]);
});

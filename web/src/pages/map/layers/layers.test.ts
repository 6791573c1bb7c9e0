import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sv, en } from '../../../i18n/catalogue.ts';
import { changeClassOf, countClasses, countClassOf, niceCeil, prepareAreas, CHANGE_CLASSES } from './areas.ts';
import { gridToPoints, heatmapCellSize, metresPerPixel, HEATMAP_CELL_SIZES } from './heatmap.ts';
import { HOTSPOT_BINS, hotspotBin, hotspotLayers } from './hotspots.ts';
import { clusterRadius, preparePoints } from './points.ts';

const msg = (cat: unknown, key: string) => key.split('.').reduce((o: any, k) => o?.[k], cat) as string | undefined;

test('hotspot bins: ArcGIS palette from hot 99 % to cold 99 %, legend in words in both languages', () => {
  assert.deepEqual(HOTSPOT_BINS.map((b) => b.bin), [3, 2, 1, 0, -1, -2, -3]);
  assert.deepEqual(HOTSPOT_BINS.map((b) => b.colour), ['#d62f27', '#ed7551', '#fab984', '#ffffbf', '#c0ccbe', '#849eba', '#4575b5']);
  assert.deepEqual(HOTSPOT_BINS.map((b) => msg(sv, b.label)), ['Hotspot 99 %', 'Hotspot 95 %', 'Hotspot 90 %', 'Inte signifikant', 'Coldspot 90 %', 'Coldspot 95 %', 'Coldspot 99 %']);
  for (const b of HOTSPOT_BINS) assert.ok(msg(en, b.label), b.label);
  assert.equal(msg(sv, hotspotBin(3).label), 'Hotspot 99 %');
  assert.equal(msg(sv, hotspotBin(-2).label), 'Coldspot 95 %');
  assert.equal(hotspotBin(7).bin, 3);
  assert.equal(hotspotBin(0).bin, 0);
  // Stronger confidence, thicker outline (not colour alone); not-significant cells are not drawn.
  assert.ok(hotspotBin(3).width > hotspotBin(2).width && hotspotBin(2).width > hotspotBin(1).width);
  assert.deepEqual((hotspotLayers()[0] as { filter?: unknown }).filter, ['!=', ['get', 'bin'], 0]);
});

test('cluster radius grows with the count, within 12…34 px; labels read as numbers', () => {
  assert.equal(clusterRadius(1), 12);
  assert.ok(clusterRadius(10) < clusterRadius(100) && clusterRadius(100) < clusterRadius(1000));
  assert.equal(clusterRadius(1e9), 34);
  const { data, total } = preparePoints({
    type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [12.5, 57.9] }, properties: { kind: 'cluster', count: 1234, colour: '#aa3377', cellId: 'c1', categoryId: 'k1' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [12.6, 57.9] }, properties: { kind: 'incident', id: 'i1', colour: '#117733', categoryId: 'k1', occurredFrom: '2026-11-20T10:00:00Z', reviewStatus: 'new' } },
    ],
  }, (n) => n.toLocaleString('sv-SE'));
  assert.equal(total, 1235);
  assert.equal(data.features[0].properties!.label, (1234).toLocaleString('sv-SE'));
  assert.equal(data.features[1].properties!.label, undefined);
});

test('heatmap: cell size follows the zoom, weights are relative to the largest cell', () => {
  assert.ok(Math.abs(metresPerPixel(0, 0) - 78271.5) < 1);
  const sizes = [8, 10, 12, 14, 16].map((z) => heatmapCellSize(z, 58));
  assert.deepEqual([...sizes].sort((a, b) => b - a), sizes, 'smaller cells when zoomed in');
  for (const s of sizes) assert.ok(HEATMAP_CELL_SIZES.includes(s));
  assert.equal(heatmapCellSize(13, 58), 100); // 78271.5 · cos 58° / 2^13 ≈ 5.06 m/px; 24 px ≈ 121 m → 100 m
  const g = gridToPoints({ cellSize: 250, cells: [
    { cellId: 'a', col: 1, row: 2, count: 4, lon: 12.5, lat: 57.9 },
    { cellId: 'b', col: 2, row: 2, count: 1, lon: 12.51, lat: 57.9 },
    { cellId: 'c', col: 3, row: 2, count: 0, lon: 12.52, lat: 57.9 },
  ] });
  assert.equal(g.max, 4);
  assert.equal(g.total, 5);
  assert.deepEqual(g.data.features.map((f) => f.properties!.weight), [1, 0.25]);
  assert.equal(gridToPoints({ cellSize: 250, cells: [] }).data.features.length, 0);
});

test('area classes: nice equal intervals for counts, ±10 %/±50 % for change, new and empty areas named', () => {
  assert.deepEqual([0.5, 1, 3, 7, 12, 24, 26, 180, 999].map(niceCeil), [1, 1, 5, 10, 20, 25, 50, 200, 1000]);
  const c = countClasses(97);
  assert.deepEqual(c.breaks, [0, 20, 40, 60, 80]);
  assert.deepEqual(c.classes.map((k) => [k.label, k.params]), [
    ['map.areas.countRange', { from: 0, to: 19 }], ['map.areas.countRange', { from: 20, to: 39 }], ['map.areas.countRange', { from: 40, to: 59 }],
    ['map.areas.countRange', { from: 60, to: 79 }], ['map.areas.countFrom', { from: 80 }],
  ]);
  assert.deepEqual([0, 19, 20, 79, 80, 97].map((n) => countClassOf(n, c.breaks)), [0, 0, 1, 3, 4, 4]);
  assert.deepEqual(countClasses(2).breaks, [0, 1, 2]);
  assert.deepEqual(countClasses(0).breaks, [0]);
  const ch = (count: number, previous: number) => changeClassOf({ count, previous, percentChange: previous ? ((count - previous) / previous) * 100 : null });
  assert.deepEqual([ch(30, 20), ch(12, 10), ch(10, 10), ch(9.5, 10), ch(8, 10), ch(5, 10), ch(3, 0), ch(0, 0)],
    ['up50', 'up10', 'same', 'same', 'down10', 'down50', 'new', 'none']);
  for (const k of CHANGE_CLASSES) assert.ok(msg(sv, k.label) && msg(en, k.label), k.label);
});

test('prepareAreas colours each area and labels it with name and value', () => {
  const sq = (x: number) => ({ type: 'Polygon' as const, coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] });
  const fc = { type: 'FeatureCollection' as const, features: [
    { type: 'Feature' as const, geometry: sq(0), properties: { id: 'a', name: 'Brogården', count: 40, previous: 20, change: 20, percentChange: 100, p: 0.003 } },
    { type: 'Feature' as const, geometry: sq(2), properties: { id: 'b', name: 'Centrum', count: 5, previous: 0, change: 5, percentChange: null, p: 0.06 } },
  ] };
  const f = { number: String, signedPercent: (n: number) => `${n > 0 ? '+' : ''}${Math.round(n)} %`, newLabel: 'nytt' };
  const byCount = prepareAreas(fc, 'count', f);
  assert.deepEqual(byCount.labels.features.map((l) => l.properties!.label), ['Brogården\n40', 'Centrum\n5']);
  assert.deepEqual(byCount.labels.features[0].geometry, { type: 'Point', coordinates: [0.5, 0.5] });
  assert.notEqual(byCount.data.features[0].properties!.fill, byCount.data.features[1].properties!.fill);
  const byChange = prepareAreas(fc, 'change', f);
  assert.deepEqual(byChange.labels.features.map((l) => l.properties!.label), ['Brogården\n+100 %', 'Centrum\nnytt']);
  assert.equal(byChange.data.features[0].properties!.fill, '#b2182b');
  assert.ok(byChange.classes.some((k) => k.label === 'map.areas.new'));
  assert.ok(!byChange.classes.some((k) => k.label === 'map.areas.none'));
});

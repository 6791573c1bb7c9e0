import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitExtent } from './projection.ts';
import { renderMap } from './render.ts';
import { CATEGORIES, CENTRE, fixtureContent, fixtureLayers } from '../fixtures/lagesbild.ts';
import { weeklyChart } from '../charts/weekly.ts';
import { categoryChart } from '../charts/categories.ts';
import { hourWeekdayChart } from '../charts/hour-weekday.ts';
import { followUpChart } from '../charts/follow-up.ts';

test('the projection puts known SWEREF 99 TM points at the expected pixels, north up, one scale on both axes', () => {
  // 10 × 5 km into a 400 × 400 frame at (20, 30): 40 m per pixel, centred vertically.
  const p = fitExtent([350000, 6420000, 360000, 6425000], { x: 20, y: 30, width: 400, height: 400 });
  assert.equal(p.metresPerPixel, 25);
  assert.deepEqual(p.project(350000, 6425000), [20, 130]);
  assert.deepEqual(p.project(360000, 6420000), [420, 330]);
  assert.deepEqual(p.project(355000, 6422500), [220, 230]);
});

test('the map has the boundary, areas, places, hotspot cells by Gi* bin, points, scale bar, north arrow, legend and attribution', () => {
  const c = fixtureContent();
  const svg = renderMap({ title: 'Karta', width: 760, height: 560, extent: c.extent, layers: fixtureLayers(), cells: c.hotspots.cells, cellSize: 250, points: c.points, categories: CATEGORIES, labelPlaces: true });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="760" height="560"/);
  assert.equal((svg.match(/class="boundary"/g) ?? []).length, 1);
  assert.equal((svg.match(/class="area"/g) ?? []).length, 2);
  assert.equal((svg.match(/class="place-marker"/g) ?? []).length, 2);
  assert.equal((svg.match(/class="incident"/g) ?? []).length, c.points.length);
  assert.equal((svg.match(/data-bin="3"[^>]*fill="#d62f27"/g) ?? []).length, 5, 'the 99 % hot cells are dark red');
  assert.equal((svg.match(/data-bin="-2"[^>]*fill="#849eba"/g) ?? []).length, 1, 'the cold cell is blue');
  for (const s of ['class="scale-bar"', 'class="north-arrow"', 'Teckenförklaring', 'Hotspot, 99 % konfidens', 'Skadegörelse (60)', '© SCB', 'Resecentrum']) assert.ok(svg.includes(s), s);
  assert.match(svg, /\d+ km</, 'the scale bar is labelled in km at this scale');
});

test('a cell centred on a known point is drawn where the projection puts that point', () => {
  const cell = { ...fixtureContent().hotspots.cells[12] };
  const extent: [number, number, number, number] = [CENTRE.x - 5000, CENTRE.y - 5000, CENTRE.x + 5000, CENTRE.y + 5000];
  const svg = renderMap({ title: 'K', width: 600, height: 434, extent, layers: { boundary: null, areas: [], places: [] }, cells: [cell], cellSize: 250, points: [], categories: [] });
  const m = /class="hotspot" data-bin="3" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg)!;
  const [x, y, w, h] = m.slice(1).map(Number);
  // Map frame 8,8 386 × 400, the extent padded by 4 % → 10 800 m across 386 px.
  const p = fitExtent([CENTRE.x - 5400, CENTRE.y - 5400, CENTRE.x + 5400, CENTRE.y + 5400], { x: 8, y: 8, width: 386, height: 400 });
  const [cx, cy] = p.project(cell.x, cell.y);
  assert.ok(Math.abs(x + w / 2 - cx) < 0.02 && Math.abs(y + h / 2 - cy) < 0.02, `${x + w / 2},${y + h / 2} vs ${cx},${cy}`);
  assert.ok(Math.abs(w - 250 / p.metresPerPixel) < 0.02);
});

test('the map escapes names and does not need anything from the network', () => {
  const layers = fixtureLayers();
  layers.places[0].name = 'Torget <script>&"';
  const svg = renderMap({ title: 'K', width: 600, height: 400, extent: fixtureContent().extent, layers, cells: [], cellSize: 250, points: [], categories: [], labelPlaces: true });
  assert.ok(svg.includes('Torget &lt;script&gt;&amp;&quot;'));
  assert.doesNotMatch(svg, /https?:\/\/(?!www\.w3\.org)/);
});

test('charts: weekly bars mark the period, category bars, hour × weekday cells, follow-up lines with the start', () => {
  const c = fixtureContent();
  const weekly = weeklyChart(c.weekly, c.period.from);
  assert.equal((weekly.match(/class="week/g) ?? []).length, 26);
  assert.equal((weekly.match(/class="week in-period"/g) ?? []).length, 4);
  const cats = categoryChart(c.byCategory);
  assert.equal((cats.match(/class="current"/g) ?? []).length, 4);
  assert.ok(cats.includes('Skadegörelse'));
  const heat = hourWeekdayChart(c.hourWeekday);
  assert.equal((heat.match(/<rect x=/g) ?? []).length, 7 * 24);
  assert.ok(heat.includes('lördag kl. 22'));
  const fu = followUpChart(Array.from({ length: 16 }, (_, i) => ({ weekStart: new Date(Date.UTC(2026, 5, 1) + i * 7 * 86400_000).toISOString(), response: i < 8 ? 10 : 4, buffer: 6, control: 8 })), '2026-07-27');
  for (const s of ['series-response', 'series-buffer', 'series-control', 'class="start"', 'Åtgärdsområde (R)', 'Buffertzon (D)', 'Kontrollområde (C)']) assert.ok(fu.includes(s), s);
});

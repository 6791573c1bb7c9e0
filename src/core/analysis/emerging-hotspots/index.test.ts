import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { classifyEmergingHotspots, emergingHotspots, EMERGING_PATTERNS, type EmergingPattern } from './index.ts';
import { mannKendall } from '../mann-kendall/index.ts';
import { gistarGrid } from '../gistar/index.ts';
import { createRandom } from '../../random/index.ts';

/**
 * A one-cell z/p series from a pattern string: 'H' significant hot (p 0.001), 'C' significant cold,
 * '.' not significant (p 0.5). z is ±3 (0 for '.') unless given explicitly.
 */
function series(s: string, zs?: number[]): { z: number[]; p: number[] } {
  const z = [...s].map((ch, i) => zs?.[i] ?? (ch === 'H' ? 3 : ch === 'C' ? -3 : 0));
  const p = [...s].map((ch) => (ch === '.' ? 0.5 : 0.001));
  return { z, p };
}
function classify(s: string, zs?: number[]): EmergingPattern {
  const { z, p } = series(s, zs);
  return classifyEmergingHotspots({ cells: 1, steps: s.length, z, p }).pattern[0];
}
const up = (a: number, b: number, n = 10) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
const flat = (v: number, n = 10) => Array.from({ length: n }, (_, i) => v + (i % 2 ? 0.3 : -0.3));

const cases: [EmergingPattern, string, number[]?][] = [
  ['New Hot Spot', '.........H'],
  ['Consecutive Hot Spot', '.......HHH'],
  ['Intensifying Hot Spot', 'HHHHHHHHHH', up(2.5, 4)],
  ['Persistent Hot Spot', 'HHHHHHHHHH', flat(3)],
  ['Diminishing Hot Spot', 'HHHHHHHHHH', up(4, 2.5)],
  ['Sporadic Hot Spot', 'H..H...H.H'],
  ['Oscillating Hot Spot', 'C..H....HH'],
  ['Historical Hot Spot', 'HHHHHHHHH.'],
  ['New Cold Spot', '.........C'],
  ['Consecutive Cold Spot', '........CC'],
  ['Intensifying Cold Spot', 'CCCCCCCCCC', up(-2.5, -4)],
  ['Persistent Cold Spot', 'CCCCCCCCCC', flat(-3)],
  ['Diminishing Cold Spot', 'CCCCCCCCCC', up(-4, -2.5)],
  ['Sporadic Cold Spot', '.C.C..CC.C'],
  ['Oscillating Cold Spot', 'HC.......C'],
  ['Historical Cold Spot', 'CCCCCCCCC.'],
  ['No Pattern Detected', '..........'],
  ['No Pattern Detected', 'H.........'],
  ['No Pattern Detected', 'HHHHHHHH..'],
];
for (const [expected, s, zs] of cases) {
  test(`classifies ${s}${zs ? ' (z trend ' + zs[0].toFixed(1) + '…' + zs[9].toFixed(1) + ')' : ''} as ${expected}`, () => {
    assert.equal(classify(s, zs), expected);
  });
}

test('every ArcGIS pattern is covered by a hand-built cube, all in one cube', () => {
  const z: number[] = [], p: number[] = [];
  for (const [, s, zs] of cases) { const r = series(s, zs); z.push(...r.z); p.push(...r.p); }
  const r = classifyEmergingHotspots({ cells: cases.length, steps: 10, z: Float64Array.from(z), p: Float64Array.from(p) });
  assert.deepEqual(r.pattern, cases.map((c) => c[0]));
  assert.deepEqual(new Set(r.pattern), new Set(EMERGING_PATTERNS));
  for (let c = 0; c < cases.length; c++) {
    const mk = mannKendall(z.slice(c * 10, c * 10 + 10), { slope: false });
    assert.equal(r.trendZ[c], mk.z);
    assert.equal(r.trendP[c], mk.p);
    assert.equal(r.code[c], EMERGING_PATTERNS.indexOf(r.pattern[c]));
  }
});

test('rule order where the published definitions overlap: new and consecutive before oscillating', () => {
  assert.equal(classify('C........H'), 'New Hot Spot');
  assert.equal(classify('C.......HH'), 'Consecutive Hot Spot');
  assert.equal(classify('.H......HH'), 'Sporadic Hot Spot'); // hot before the final run
  assert.equal(classify('CCCCCCCCCH'), 'New Hot Spot'); // the final step decides the family
});

test('"90 %" is compared in integers: 27 of 30 steps is 90 % (0.9·30 is 27.000000000000004 in floating point)', () => {
  assert.equal(classify('H'.repeat(27) + '...'), 'Historical Hot Spot');
  assert.equal(classify('H'.repeat(26) + '....'), 'No Pattern Detected');
  assert.equal(classify('.'.repeat(3) + 'H'.repeat(27), [0, 0, 0, ...up(2.5, 4, 27)]), 'Intensifying Hot Spot');
  assert.equal(classify('.'.repeat(4) + 'H'.repeat(26)), 'Consecutive Hot Spot');
});

test('alpha decides which bins are significant', () => {
  const { z, p } = series('.........H');
  p[9] = 0.03;
  assert.equal(classifyEmergingHotspots({ cells: 1, steps: 10, z, p }).pattern[0], 'New Hot Spot');
  assert.equal(classifyEmergingHotspots({ cells: 1, steps: 10, z, p }, { alpha: 0.01 }).pattern[0], 'No Pattern Detected');
});

test('pipeline: counts per cell and week, Gi* per week equals gistarGrid, a burst in the last weeks is emerging', () => {
  const rnd = createRandom(99);
  const pts: { x: number; y: number; t: number }[] = [];
  // 20 weeks of background over 10 × 10 cells of 100 m; a burst in cell (col 7, row 2) in weeks 18–19
  for (let i = 0; i < 2000; i++) pts.push({ x: rnd.next() * 1000, y: rnd.next() * 1000, t: rnd.int(140) });
  for (let i = 0; i < 60; i++) pts.push({ x: 750 + rnd.next() * 10, y: 250 + rnd.next() * 10, t: 126 + rnd.int(14) });
  const r = emergingHotspots(pts, { cellSize: 100, distance: 150, stepDays: 7, start: 0, end: 140 });
  assert.equal(r.steps, 20);
  assert.equal(r.cells, 100);
  assert.deepEqual(Array.from(r.stepStart.slice(0, 3)), [0, 7, 14]);
  assert.equal(r.counts.reduce((a, b) => a + b, 0), 2060);
  // counts by brute force for the burst cell
  const cell = 2 * 10 + 7;
  for (let s = 0; s < 20; s++) {
    const expected = pts.filter((q) => Math.floor(q.x / 100) === 7 && Math.floor(q.y / 100) === 2 && Math.floor(q.t / 7) === s).length;
    assert.equal(r.counts[cell * 20 + s], expected, `week ${s}`);
  }
  // z of week 19 equals gistarGrid on that week's counts
  const slice = Float64Array.from({ length: 100 }, (_, c) => r.counts[c * 20 + 19]);
  const g = gistarGrid({ cols: 10, rows: 10, cellSize: 100, values: slice }, { distance: 150 });
  for (let c = 0; c < 100; c++) assert.equal(r.z[c * 20 + 19], g.z[c]);
  assert.ok(['Consecutive Hot Spot', 'New Hot Spot'].includes(r.pattern[cell]), r.pattern[cell]);
  assert.equal(r.hasData[cell], 1);
});

test('pipeline: steps are aligned to the end; incidents outside [start, end) are left out', () => {
  const pts = [0, 1, 5, 9, 10, 11, 12, 13].map((t, i) => ({ x: (i % 3) * 100 + 10, y: Math.floor(i / 3) * 100 + 10, t }));
  const r = emergingHotspots(pts, { cellSize: 100, distance: 100, stepDays: 3, start: 1, end: 13, fdr: false });
  assert.equal(r.steps, 4);
  assert.deepEqual(Array.from(r.stepStart), [1, 4, 7, 10]);
  assert.equal(r.counts.reduce((a, b) => a + b, 0), 6); // t = 1, 5, 9, 10, 11, 12
  const r2 = emergingHotspots(pts, { cellSize: 100, distance: 100, stepDays: 4 });
  assert.deepEqual(Array.from(r2.stepStart), [-2, 2, 6, 10]); // end = 14, first step reaches before day 0
});

test('space–time Gi* (timeNeighbours) matches the reference computed with R spdep::localG', () => {
  const ref = JSON.parse(readFileSync(new URL('./fixtures/spacetime-gistar.json', import.meta.url), 'utf8')) as {
    cols: number; rows: number; steps: number; cellSize: number; distance: number; timeNeighbours: number; points: { x: number; y: number; t: number }[]; z: number[];
  };
  const r = emergingHotspots(ref.points, {
    cellSize: ref.cellSize, distance: ref.distance, stepDays: 1, start: 0, end: ref.steps,
    extent: { minX: 0, minY: 0, maxX: ref.cols * ref.cellSize, maxY: ref.rows * ref.cellSize }, timeNeighbours: ref.timeNeighbours,
  });
  assert.equal(r.cells, ref.cols * ref.rows);
  for (let i = 0; i < ref.z.length; i++) {
    const got = r.z[i], want = ref.z[i];
    assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `bin ${i}: ${got} vs ${want}`);
  }
});

test('does not change its input', () => {
  const { z, p } = series('H..H...H.H');
  const z0 = z.slice(), p0 = p.slice();
  classifyEmergingHotspots({ cells: 1, steps: 10, z, p });
  assert.deepEqual([z, p], [z0, p0]);
  const rnd = createRandom(5);
  const pts = Array.from({ length: 200 }, () => ({ x: rnd.next() * 500, y: rnd.next() * 500, t: rnd.int(70) }));
  const copy = structuredClone(pts);
  emergingHotspots(pts, { cellSize: 100, distance: 150, stepDays: 7, timeNeighbours: 1 });
  assert.deepEqual(pts, copy);
});

test('throws precise errors on bad input', () => {
  const { z, p } = series('..........');
  assert.throws(() => classifyEmergingHotspots({ cells: 1, steps: 2, z: [0, 0], p: [1, 1] }), /steps must be an integer >= 3/);
  assert.throws(() => classifyEmergingHotspots({ cells: 2, steps: 10, z, p }), /cube\.z must have cells·steps = 20 values, got 10/);
  assert.throws(() => classifyEmergingHotspots({ cells: 1, steps: 10, z: [...z.slice(0, 9), NaN], p }), /cube\.z\[9\] \(cell 0, step 9\) is not a number/);
  assert.throws(() => classifyEmergingHotspots({ cells: 1, steps: 10, z, p: [...p.slice(0, 9), 1.5] }), /cube\.p\[9\] \(cell 0, step 9\) must be in \[0, 1\], got 1.5/);
  assert.throws(() => classifyEmergingHotspots({ cells: 1, steps: 10, z, p }, { trendAlpha: 1 }), /trendAlpha must be in \(0, 1\), got 1/);
  const pts = [{ x: 0, y: 0, t: 0 }, { x: 100, y: 0, t: 30 }];
  assert.throws(() => emergingHotspots(pts, { cellSize: 0, distance: 100, stepDays: 7 }), /cellSize must be a positive finite number, got 0/);
  assert.throws(() => emergingHotspots(pts, { cellSize: 100, distance: -1, stepDays: 7 }), /distance must be a positive finite number, got -1/);
  assert.throws(() => emergingHotspots(pts, { cellSize: 100, distance: 100, stepDays: NaN }), /stepDays must be a positive finite number, got NaN/);
  assert.throws(() => emergingHotspots(pts, { cellSize: 100, distance: 100, stepDays: 30 }), /holds 2 time steps of 30 days; at least 3 are needed/);
  assert.throws(() => emergingHotspots(pts, { cellSize: 100, distance: 100, stepDays: 1, start: 40, end: 30 }), /end \(30\) must be after options\.start \(40\)/);
  assert.throws(() => emergingHotspots(pts, { cellSize: 100, distance: 100, stepDays: 1, start: 5, end: 20 }), /no incidents between day 5 and day 20/);
  assert.throws(() => emergingHotspots([], { cellSize: 100, distance: 100, stepDays: 1 }), /no incidents/);
  assert.throws(() => emergingHotspots(pts, { cellSize: 100, distance: 100, stepDays: 1, timeNeighbours: -1 }), /timeNeighbours must be a non-negative integer, got -1/);
  assert.throws(() => emergingHotspots([{ x: 0, y: NaN, t: 0 }], { cellSize: 100, distance: 100, stepDays: 1 }), /points\[0\]\.y must be finite/);
});

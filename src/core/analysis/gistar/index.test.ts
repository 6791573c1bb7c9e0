import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gistarPoints, gistarGrid, gistarWeights, type GiStarOptions } from './index.ts';
import { distanceBandWeights, gridDistanceWeights } from '../neighbours/index.ts';

interface Case { distance: number; star: boolean; weights: 'binary' | 'inverse-distance'; power: number; z: number[]; p: number[] }
// spdep::localG output, produced by fixtures/reference.R.
const ref = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as {
  grid: { cols: number; rows: number; cellSize: number; values: number[] };
  gridCases: Case[];
  points: { x: number[]; y: number[]; values: number[] };
  pointCases: Case[];
};

/** Relative tolerance 1e-10, with an absolute floor of 1e-12 for values that are 0 up to rounding. */
function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, rel = 1e-10): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i], e = expected[i];
    const err = Math.abs(a - e);
    assert.ok(err <= rel * Math.abs(e) || err <= 1e-12, `${what}[${i}]: got ${a}, expected ${e} (relative error ${err / Math.abs(e)})`);
  }
}

const opts = (c: Case): GiStarOptions => ({ distance: c.distance, star: c.star, weights: c.weights, power: c.power });
const label = (c: Case) => `d=${c.distance} ${c.star ? 'Gi*' : 'Gi'} ${c.weights}${c.weights === 'binary' ? '' : ` power ${c.power}`}`;

test('README public vectors (PySAL esda): Gi* and Gi on the six points, d <= 15', () => {
  const { x, y, values } = ref.points;
  const star = gistarPoints(x, y, values, { distance: 15 });
  // The README gives 8 decimals: compare to half a unit in the last place.
  const near = (a: ArrayLike<number>, e: number[], what: string) =>
    e.forEach((v, i) => assert.ok(Math.abs(a[i] - v) <= 5e-9, `${what}[${i}]: got ${a[i]}, expected ${v}`));
  near(star.z, [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331], 'Gi* z');
  const gi = gistarPoints(x, y, values, { distance: 15, star: false });
  near(gi.z, [-1.0136729, -0.04361589, 1.31558703, -0.31412676, 1.15373986, 1.77833941], 'Gi z');
});

test('gistarPoints matches spdep::localG on the six points (binary and inverse distance, Gi and Gi*)', () => {
  const { x, y, values } = ref.points;
  for (const c of ref.pointCases) {
    const r = gistarPoints(x, y, values, opts(c));
    assertClose(r.z, c.z, `${label(c)} z`);
    assertClose(r.p, c.p, `${label(c)} p`);
  }
});

test('gistarGrid matches spdep::localG on getisord 16x16 for every distance, weighting and star', () => {
  assert.equal(ref.gridCases.length, 24);
  for (const c of ref.gridCases) {
    const r = gistarGrid(ref.grid, opts(c));
    assertClose(r.z, c.z, `${label(c)} z`);
    assertClose(r.p, c.p, `${label(c)} p`);
  }
});

test('gistarPoints on the grid cell centres and gistarWeights agree with spdep too', () => {
  const { cols, rows, cellSize, values } = ref.grid;
  const x: number[] = [], y: number[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) { x.push(c * cellSize); y.push(r * cellSize); }
  for (const c of ref.gridCases) {
    assertClose(gistarPoints(x, y, values, opts(c)).z, c.z, `points ${label(c)}`);
    const w = gridDistanceWeights(cols, rows, cellSize, { distance: c.distance, weights: c.weights, power: c.power, self: c.star });
    assertClose(gistarWeights(values, w).z, c.z, `grid weights ${label(c)}`);
    const wp = distanceBandWeights(x, y, { distance: c.distance, weights: c.weights, power: c.power, self: c.star });
    assertClose(gistarWeights(values, wp).z, c.z, `point weights ${label(c)}`);
  }
});

test('edge cells have fewer neighbours: a corner hot cell on a uniform background', () => {
  const values = new Float64Array(25); // 5x5
  values[0] = 10;
  const { z, p } = gistarGrid({ cols: 5, rows: 5, cellSize: 1, values }, { distance: 1 });
  // corner cell: itself + 2 neighbours, n = 25, mean 0.4, s² = 100/25 − 0.16 = 3.84
  const expected = (10 - 3 * 0.4) / Math.sqrt(3.84 * ((25 * 3 - 9) / 24));
  assert.ok(Math.abs(z[0] - expected) < 1e-12 * expected);
  assert.ok(p[0] > 0.005 && p[0] < 0.01);
  assert.ok(z[24] < 0);
});

test('constant values give z = 0 and p = 1 instead of NaN', () => {
  const r = gistarGrid({ cols: 4, rows: 3, cellSize: 10, values: new Float64Array(12).fill(2) }, { distance: 15 });
  assert.deepEqual([...r.z], new Array(12).fill(0));
  assert.deepEqual([...r.p], new Array(12).fill(1));
  const g = gistarPoints([0, 1, 2, 50], [0, 0, 0, 0], [3, 3, 3, 3], { distance: 2, star: false });
  assert.deepEqual([...g.z], [0, 0, 0, 0]);
});

test('a point without neighbours gets z = 0, p = 1 for Gi', () => {
  const g = gistarPoints([0, 1, 2, 50], [0, 0, 0, 0], [1, 2, 6, 3], { distance: 2, star: false });
  assert.equal(g.z[3], 0);
  assert.equal(g.p[3], 1);
  assert.notEqual(g.z[0], 0);
});

test('does not change its input', () => {
  const { x, y, values } = ref.points;
  const xs = [...x], ys = [...y], vs = [...values];
  gistarPoints(xs, ys, vs, { distance: 15, weights: 'inverse-distance' });
  assert.deepEqual([xs, ys, vs], [x, y, values]);
  const gv = Float64Array.from(ref.grid.values);
  gistarGrid({ cols: 16, rows: 16, cellSize: 30, values: gv }, { distance: 65 });
  gistarGrid({ cols: 16, rows: 16, cellSize: 30, values: gv }, { distance: 65, weights: 'inverse-distance' });
  assert.deepEqual([...gv], ref.grid.values);
});

test('rejects bad input with precise messages', () => {
  const g = { cols: 2, rows: 2, cellSize: 10, values: [1, 2, 3, 4] };
  assert.throws(() => gistarGrid(g, { distance: -5 }), /gistarGrid: options.distance must be a positive finite number, got -5/);
  assert.throws(() => gistarGrid(g, { distance: NaN }), /options.distance .* got NaN/);
  assert.throws(() => gistarGrid(g, { distance: 10, power: 0 }), /options.power must be a positive finite number, got 0/);
  assert.throws(() => gistarGrid(g, { distance: 10, weights: 'gauss' as never }), /options.weights must be 'binary' or 'inverse-distance', got gauss/);
  assert.throws(() => gistarGrid({ ...g, values: [1, 2, 3] }, { distance: 10 }), /grid.values has 3 entries, expected 4/);
  assert.throws(() => gistarGrid({ ...g, values: [1, NaN, 3, 4] }, { distance: 10 }), /grid.values\[1\] is not a finite number \(NaN\)/);
  assert.throws(() => gistarGrid({ ...g, cols: 0 }, { distance: 10 }), /cols must be a positive integer, got 0/);
  assert.throws(() => gistarGrid({ ...g, cellSize: -1 }, { distance: 10 }), /cellSize must be a positive finite number, got -1/);
  assert.throws(() => gistarGrid({ cols: 1, rows: 1, cellSize: 1, values: [1] }, { distance: 10 }), /Gi\* needs at least 2 locations, got 1/);
  assert.throws(() => gistarGrid(g, { distance: 5, weights: 'inverse-distance' }), /inverse-distance Gi\* needs at least one pair of cells within distance 5/);
  assert.throws(() => gistarPoints([0, 1], [0, 1], [1, 2], { distance: 5, star: false }), /Gi needs at least 3 locations, got 2/);
  assert.throws(() => gistarPoints([0, 1, 2], [0, 1], [1, 2, 3], { distance: 5 }), /x has 3 values but y has 2/);
  assert.throws(() => gistarPoints([0, 1, 2], [0, NaN, 2], [1, 2, 3], { distance: 5 }), /point 1 has a non-finite coordinate \(1, NaN\)/);
  assert.throws(() => gistarPoints([0, 1, 2], [0, 1, 2], [1, 2], { distance: 5 }), /values has 2 entries, expected 3/);
  assert.throws(() => gistarPoints([0, 100, 200], [0, 0, 0], [1, 2, 3], { distance: 5, weights: 'inverse-distance' }), /need at least one pair of distinct points within distance 5/);
});

test('a cell mask limits the study area: same as the in-mask cell centres as points (= spdep)', () => {
  const { cols, rows, cellSize, values } = ref.grid;
  const mask = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mask[r * cols + c] = (c - 7.5) ** 2 + (r - 7.5) ** 2 <= 49 || c < 3 ? 1 : 0;
  const x: number[] = [], y: number[] = [], v: number[] = [], at: number[] = [];
  for (let i = 0; i < cols * rows; i++) if (mask[i]) { x.push((i % cols) * cellSize); y.push(Math.floor(i / cols) * cellSize); v.push(values[i]); at.push(i); }
  const outside = values.map((val, i) => (mask[i] ? val : NaN)); // values outside the mask are ignored
  for (const o of [{ distance: 65 }, { distance: 45, star: false }, { distance: 100, weights: 'inverse-distance' as const }, { distance: 65, star: false, weights: 'inverse-distance' as const, power: 2 }]) {
    const g = gistarGrid({ cols, rows, cellSize, values: outside, mask }, o);
    const p = gistarPoints(x, y, v, o);
    assertClose(at.map((i) => g.z[i]), p.z, `masked ${JSON.stringify(o)}`, 1e-12);
    for (let i = 0; i < cols * rows; i++) if (!mask[i]) assert.deepEqual([g.z[i], g.p[i]], [0, 1]);
  }
  assert.throws(() => gistarGrid({ cols: 2, rows: 2, cellSize: 1, values: [1, 2, 3, 4], mask: [1, 0, 0] }, { distance: 1 }), /grid.mask has 3 entries, expected 4/);
  assert.throws(() => gistarGrid({ cols: 2, rows: 2, cellSize: 1, values: [1, 2, 3, 4], mask: [1, 0, 0, 0] }, { distance: 1 }), /Gi\* needs at least 2 locations, got 1/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nearRepeat, prepareNearRepeat, simulateNearRepeat, summarizeNearRepeat, dayNumber, type SpaceTimePoint } from './index.ts';
import { createRandom } from '../../random/index.ts';

const dataDir = new URL('../../../../../shared/data/analysis-reference/', import.meta.url);
function incidents(file: string): SpaceTimePoint[] {
  return readFileSync(new URL(file, dataDir), 'utf8').trim().split('\n').map((l) => {
    const [x, y, d] = l.split(',');
    return { x: Number(x), y: Number(y), t: dayNumber(d) };
  });
}
function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

interface RefCase {
  file: string; metric: 'manhattan' | 'euclidean'; spatialBandwidth: number; spatialBands: number;
  temporalBandwidth: number; temporalBands: number; pairs: number; observed: number[][];
}
for (const c of fixture<{ cases: RefCase[] }>('reference.json').cases) {
  test(`observed table equals the brute-force NearRepeat computation in R: ${c.file}, ${c.metric}, ${c.spatialBands}×${c.spatialBandwidth} m, ${c.temporalBands}×${c.temporalBandwidth} d`, () => {
    const r = nearRepeat(incidents(c.file), { ...c, iterations: 1 });
    assert.equal(r.pairs, c.pairs);
    assert.deepEqual(r.observed, c.observed);
  });
}

interface NrcCase { file: string; spatialBandwidth: number; spatialBands: number; temporalBandwidth: number; temporalBands: number; rows: string[]; cols: string[]; observed: number[][] }
for (const c of fixture<{ cases: NrcCase[] }>('nrc-1.3-observed.json').cases) {
  test(`float32Coordinates reproduces the Near Repeat Calculator 1.3's own observed table and labels: ${c.file}`, () => {
    const r = nearRepeat(incidents(c.file), { ...c, iterations: 1, float32Coordinates: true });
    assert.deepEqual(r.observed, c.observed);
    assert.deepEqual(r.rows, c.rows);
    assert.deepEqual(r.cols, c.cols);
  });
}

test("the calculator's pathological two-incident examples land where the calculator puts them", () => {
  // NearRepeat vignette "NRC": one pair 100 m and 3 days apart.
  const pts = [{ x: 0, y: 0, t: dayNumber('2019-01-01') }, { x: 0, y: 100, t: dayNumber('2019-01-04') }];
  const a = nearRepeat(pts, { spatialBandwidth: 200, spatialBands: 2, temporalBandwidth: 3, temporalBands: 2, iterations: 2 });
  assert.deepEqual(a.rows, ['Same location', '1 to 200', '201 to 400', 'More than 400']);
  assert.deepEqual(a.cols, ['0 to 3', '4 to 6', 'More than 6']);
  assert.deepEqual(a.observed, [[0, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 0]]);
  const b = nearRepeat(pts, { spatialBandwidth: 100, spatialBands: 2, temporalBandwidth: 3, temporalBands: 2, iterations: 2 });
  assert.deepEqual(b.rows, ['Same location', '1 to 100', '101 to 200', 'More than 200']);
  assert.deepEqual(b.observed, [[0, 0, 0], [0, 0, 0], [0, 1, 0], [0, 0, 0]]);
});

test('same location means distance 0; "0 to 1 days" means the same day', () => {
  const pts = [{ x: 5, y: 5, t: 10 }, { x: 5, y: 5, t: 10 }, { x: 5, y: 5.5, t: 11 }];
  const r = nearRepeat(pts, { spatialBandwidth: 1, spatialBands: 1, temporalBandwidth: 1, temporalBands: 1, iterations: 3 });
  assert.deepEqual(r.cols, ['0 to 1', 'More than 1']);
  assert.deepEqual(r.observed, [[1, 0], [0, 2], [0, 0]]);
  const e = nearRepeat(pts, { spatialBandwidth: 0.5, spatialBands: 2, temporalBandwidth: 1.5, temporalBands: 1, iterations: 3 });
  assert.deepEqual(e.rows, ['Same location', '(0, 0.5)', '[0.5, 1)', 'More than 1']);
  assert.deepEqual(e.cols, ['[0, 1.5)', 'More than 1.5']);
  assert.deepEqual(e.observed, [[1, 0], [0, 0], [2, 0], [0, 0]]);
});

test('Monte Carlo: expected ≈ analytic permutation expectation, p in (0, 1], deterministic for a seed', () => {
  const pts = incidents('chicago_arson.csv');
  const opts = { spatialBandwidth: 200, spatialBands: 3, temporalBandwidth: 1, temporalBands: 3, iterations: 499, seed: 7 };
  const r = nearRepeat(pts, opts);
  // A random permutation gives every pair a random pair of distinct dates, so
  // E[cell] = row total × column total / pairs.
  const R = r.observed.length, C = r.observed[0].length;
  const rowT = r.observed.map((row) => row.reduce((a, b) => a + b, 0));
  const colT = r.observed[0].map((_, c) => r.observed.reduce((a, row) => a + row[c], 0));
  for (let i = 0; i < R; i++) {
    for (let c = 0; c < C; c++) {
      const analytic = (rowT[i] * colT[c]) / r.pairs;
      const tol = 6 * Math.sqrt((3 * Math.max(analytic, 0.05)) / opts.iterations);
      assert.ok(Math.abs(r.expected[i][c] - analytic) <= tol, `cell ${r.rows[i]} × ${r.cols[c]}: mean ${r.expected[i][c]} vs ${analytic}`);
      assert.ok(r.p[i][c] > 0 && r.p[i][c] <= 1);
      const k = r.p[i][c] * (opts.iterations + 1);
      assert.ok(Math.abs(k - Math.round(k)) < 1e-9);
      if (r.expected[i][c] > 0) assert.equal(r.knoxRatio[i][c], r.observed[i][c] / r.expected[i][c]);
    }
  }
  // column totals are the same in every permutation
  for (let c = 0; c < C; c++) {
    const simCol = r.expected.reduce((a, row) => a + row[c], 0);
    assert.ok(Math.abs(simCol - colT[c]) < 1e-6 * colT[c]);
  }
  // the strong same-day near repeat in the arson data is found
  assert.equal(r.p[1][0], 1 / (opts.iterations + 1));
  assert.deepEqual(nearRepeat(pts, opts), r);
  assert.notDeepEqual(nearRepeat(pts, { ...opts, seed: 8 }).expected, r.expected);
});

test('iterations can be split into any ranges with identical results', () => {
  const pts = incidents('chicago_burglary_month1.csv');
  const prep = prepareNearRepeat(pts, { spatialBandwidth: 100, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3, iterations: 20, seed: 3 });
  const whole = summarizeNearRepeat(prep, [simulateNearRepeat(prep, 0, 20)]);
  const split = summarizeNearRepeat(prep, [simulateNearRepeat(prep, 13, 20), simulateNearRepeat(prep, 0, 5), simulateNearRepeat(prep, 5, 13)]);
  assert.deepEqual(split, whole);
  assert.throws(() => summarizeNearRepeat(prep, [simulateNearRepeat(prep, 0, 5)]), /cover 5 iterations, expected 20/);
  assert.throws(() => simulateNearRepeat(prep, 5, 21), /\[5, 21\) must lie within \[0, 20\)/);
});

test('dense case (every pair within the bands) agrees with a brute-force count', () => {
  const rnd = createRandom(11);
  const pts = Array.from({ length: 300 }, () => ({ x: rnd.int(50), y: rnd.int(50), t: rnd.int(40) }));
  for (const [metric, strategy] of [['manhattan', 'space'], ['euclidean', 'space'], ['manhattan', 'time'], ['euclidean', 'time']] as const) {
    const r = nearRepeat(pts, { spatialBandwidth: 20, spatialBands: 6, temporalBandwidth: 5, temporalBands: 6, metric, strategy, iterations: 1 });
    const obs = Array.from({ length: 8 }, () => new Array(7).fill(0));
    for (let i = 0; i < pts.length; i++) {
      for (let j = i + 1; j < pts.length; j++) {
        const dx = pts[i].x - pts[j].x, dy = pts[i].y - pts[j].y;
        const d = metric === 'euclidean' ? Math.hypot(dx, dy) : Math.abs(dx) + Math.abs(dy);
        const row = d === 0 ? 0 : Math.min(7, Math.floor(d / 20) + 1);
        const col = Math.min(6, Math.floor(Math.abs(pts[i].t - pts[j].t) / 5));
        obs[row][col]++;
      }
    }
    assert.deepEqual(r.observed, obs, `${metric}, ${strategy}`);
  }
});

test("'space' and 'time' counting give identical results (observed, expected, p) on real and dense data", () => {
  const rnd = createRandom(12);
  const dense = Array.from({ length: 400 }, () => ({ x: rnd.int(300), y: rnd.int(300), t: rnd.int(60) }));
  const cases = [
    { pts: incidents('chicago_burglary_month1.csv'), o: { spatialBandwidth: 100, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3 } },
    { pts: incidents('chicago_arson.csv'), o: { spatialBandwidth: 1000, spatialBands: 4, temporalBandwidth: 1, temporalBands: 5, metric: 'euclidean' as const } },
    { pts: dense, o: { spatialBandwidth: 50, spatialBands: 13, temporalBandwidth: 3, temporalBands: 4 } },
    { pts: dense, o: { spatialBandwidth: 0.7, spatialBands: 3, temporalBandwidth: 100, temporalBands: 1, metric: 'euclidean' as const } },
  ];
  for (const { pts, o } of cases) {
    const space = nearRepeat(pts, { ...o, iterations: 9, strategy: 'space' });
    const time = nearRepeat(pts, { ...o, iterations: 9, strategy: 'time' });
    assert.deepEqual(time, space);
  }
  assert.equal(prepareNearRepeat(dense, { ...cases[2].o, temporalBands: 1, iterations: 1 }).mode, 'time');
  assert.equal(prepareNearRepeat(cases[0].pts, { ...cases[0].o, iterations: 1 }).mode, 'space');
});

test('does not change its input', () => {
  const pts = incidents('chicago_arson.csv').slice(0, 80);
  const copy = structuredClone(pts);
  nearRepeat(pts, { spatialBandwidth: 500, spatialBands: 2, temporalBandwidth: 7, temporalBands: 2, iterations: 5 });
  assert.deepEqual(pts, copy);
  const cols = { x: Float64Array.from(pts, (p) => p.x), y: Float64Array.from(pts, (p) => p.y), t: Int32Array.from(pts, (p) => p.t) };
  const colsCopy = structuredClone(cols);
  nearRepeat(cols, { spatialBandwidth: 500, spatialBands: 2, temporalBandwidth: 7, temporalBands: 2, iterations: 5, float32Coordinates: true });
  assert.deepEqual(cols, colsCopy);
});

test('throws precise errors on bad input', () => {
  const o = { spatialBandwidth: 100, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3 };
  const two = [{ x: 0, y: 0, t: 0 }, { x: 1, y: 1, t: 1 }];
  assert.throws(() => nearRepeat([], o), /at least 2 incidents to form a pair, got 0/);
  assert.throws(() => nearRepeat([two[0]], o), /at least 2 incidents to form a pair, got 1/);
  assert.throws(() => nearRepeat([two[0], { x: 1, y: NaN, t: 1 }], o), /points\[1\]\.y must be finite, got NaN/);
  assert.throws(() => nearRepeat([two[0], { x: 1, y: 1, t: 1.5 }], o), /points\[1\]\.t must be a whole number of days, got 1.5/);
  assert.throws(() => nearRepeat(two, { ...o, spatialBandwidth: -100 }), /spatialBandwidth must be a positive finite number, got -100/);
  assert.throws(() => nearRepeat(two, { ...o, temporalBandwidth: 0 }), /temporalBandwidth must be a positive finite number, got 0/);
  assert.throws(() => nearRepeat(two, { ...o, spatialBands: 0 }), /spatialBands must be an integer from 1 to 250, got 0/);
  assert.throws(() => nearRepeat(two, { ...o, temporalBands: 2.5 }), /temporalBands must be an integer from 1 to 250, got 2.5/);
  assert.throws(() => nearRepeat(two, { ...o, iterations: 0 }), /iterations must be an integer from 1/);
  assert.throws(() => nearRepeat(two, { ...o, metric: 'chebyshev' as 'manhattan' }), /metric must be 'manhattan' or 'euclidean'/);
  assert.throws(() => nearRepeat(two, { ...o, seed: NaN }), /seed must be a finite number/);
  assert.throws(() => nearRepeat(two, { ...o, strategy: 'fast' as 'auto' }), /strategy must be 'auto', 'space' or 'time'/);
  assert.throws(() => nearRepeat(two, undefined as unknown as typeof o), /options \{spatialBandwidth/);
  assert.throws(() => dayNumber('2016-02-30'), /no such date "2016-02-30"/);
  assert.throws(() => dayNumber('yesterday'), /expected a date 'YYYY-MM-DD'/);
});

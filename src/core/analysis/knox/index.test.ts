import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { knox, poissonUpperTail, poissonPmf } from './index.ts';

interface Case {
  name: string; metric: 'euclidean' | 'manhattan'; spaceThreshold: number; timeThreshold: number;
  x: number[]; y: number[]; t: number[];
  expected: { observed: number[][]; expected: number[][]; pairs: number; statistic: number; lambda: number; pPoisson: number; pPoissonSurveillance: number };
}
const reference = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as {
  cases: Case[]; poissonUpperTail: { k: number; lambda: number; p: number }[];
};

function close(actual: number, expected: number, what: string, rel = 1e-12): void {
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  assert.ok(actual === expected || Math.abs(actual - expected) <= rel * scale, `${what}: got ${actual}, expected ${expected}`);
}

function burkitt(): { x: number; y: number; t: number }[] {
  const lines = readFileSync(new URL('../../../../../shared/data/analysis-reference/burkitt.csv', import.meta.url), 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const ix = head.indexOf('X'), iy = head.indexOf('Y'), it = head.indexOf('T');
  return lines.slice(1).map((l) => { const c = l.split(',').map(Number); return { x: c[ix], y: c[iy], t: c[it] }; });
}

test('reproduces the README vector on burkitt.csv exactly', () => {
  const r = knox(burkitt(), { spaceThreshold: 20, timeThreshold: 5 });
  assert.deepEqual(r.observed, [[13, 3416], [39, 14110]]);
  assert.equal(r.pairs, 17578);
  assert.equal(r.statistic, 13);
  // README: [[10.1438, 3418.856], [41.856, 14107.14]] (rounded there)
  assert.equal(Number(r.expected[0][0].toFixed(4)), 10.1438);
  assert.equal(Number(r.expected[0][1].toFixed(3)), 3418.856);
  assert.equal(Number(r.expected[1][0].toFixed(3)), 41.856);
  assert.equal(Number(r.expected[1][1].toFixed(2)), 14107.14);
});

for (const c of reference.cases) {
  test(`matches R surveillance::knox and ppois: ${c.name}`, () => {
    const r = knox({ x: c.x, y: c.y, t: c.t }, { spaceThreshold: c.spaceThreshold, timeThreshold: c.timeThreshold, metric: c.metric });
    assert.deepEqual(r.observed, c.expected.observed);
    assert.equal(r.pairs, c.expected.pairs);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) close(r.expected[i][j], c.expected.expected[i][j], `expected[${i}][${j}]`);
    close(r.pPoisson, c.expected.pPoisson, 'pPoisson', 1e-12);
    // surveillance's own p-value is P(X > obs) = P(X >= obs + 1)
    close(poissonUpperTail(r.statistic + 1, r.expected[0][0]), c.expected.pPoissonSurveillance, 'surveillance p', 1e-12);
    close(r.ratio, c.expected.statistic / c.expected.lambda, 'ratio');
    assert.equal(r.pSimulated, null);
  });
}

test('poissonUpperTail matches R ppois(k - 1, lambda, lower.tail = FALSE) to 1e-12 relative, far tails included', () => {
  for (const { k, lambda, p } of reference.poissonUpperTail) {
    const got = poissonUpperTail(k, lambda);
    if (p === 0) assert.ok(got < 1e-300, `k=${k} lambda=${lambda}: ${got}`);
    else close(got, p, `P(X >= ${k}), lambda ${lambda}`, 1e-12);
  }
});

test('poissonPmf sums to one and matches the textbook formula for small counts', () => {
  let s = 0;
  for (let x = 0; x < 100; x++) s += poissonPmf(x, 12.5);
  close(s, 1, 'sum', 1e-14);
  close(poissonPmf(3, 2), (Math.exp(-2) * 8) / 6, 'pmf(3; 2)', 1e-14);
});

test('Monte Carlo: mean close–close count approaches the analytic permutation expectation; p in (0, 1]; deterministic per seed', () => {
  const pts = burkitt();
  const B = 999;
  const r = knox(pts, { spaceThreshold: 20, timeThreshold: 5, permutations: B, seed: 42 });
  // Under a random permutation of the times each pair gets a random pair of distinct times, so
  // E[close–close] = (#close in space)(#close in time)/pairs = expected[0][0] exactly.
  const lambda = r.expected[0][0];
  assert.ok(Math.abs((r.simulatedMean as number) - lambda) < 5 * Math.sqrt(lambda / B), `mean ${r.simulatedMean} vs ${lambda}`);
  assert.ok((r.pSimulated as number) > 0 && (r.pSimulated as number) <= 1);
  const count = (r.pSimulated as number) * (B + 1); // (#sim >= obs) + 1, a whole number
  assert.ok(Math.abs(count - Math.round(count)) < 1e-9, `p * (B + 1) = ${count}`);
  const again = knox(pts, { spaceThreshold: 20, timeThreshold: 5, permutations: B, seed: 42 });
  assert.equal(again.pSimulated, r.pSimulated);
  assert.equal(again.simulatedMean, r.simulatedMean);
  const other = knox(pts, { spaceThreshold: 20, timeThreshold: 5, permutations: B, seed: 43 });
  assert.notEqual(other.simulatedMean, r.simulatedMean);
});

test('thresholds are inclusive in space and time', () => {
  const pts = [{ x: 0, y: 0, t: 0 }, { x: 3, y: 4, t: 2 }];
  assert.deepEqual(knox(pts, { spaceThreshold: 5, timeThreshold: 2 }).observed, [[1, 0], [0, 0]]);
  assert.deepEqual(knox(pts, { spaceThreshold: 4.999, timeThreshold: 2 }).observed, [[0, 0], [1, 0]]);
  assert.deepEqual(knox(pts, { spaceThreshold: 7, timeThreshold: 1, metric: 'manhattan' }).observed, [[0, 1], [0, 0]]);
});

test('does not change its input', () => {
  const pts = burkitt().slice(0, 40);
  const copy = structuredClone(pts);
  knox(pts, { spaceThreshold: 30, timeThreshold: 60, permutations: 9 });
  assert.deepEqual(pts, copy);
  const cols = { x: Float64Array.from(pts, (p) => p.x), y: Float64Array.from(pts, (p) => p.y), t: Float64Array.from(pts, (p) => p.t) };
  const colsCopy = structuredClone(cols);
  knox(cols, { spaceThreshold: 30, timeThreshold: 60, permutations: 9 });
  assert.deepEqual(cols, colsCopy);
});

test('throws precise errors on bad input', () => {
  const ok = { spaceThreshold: 1, timeThreshold: 1 };
  assert.throws(() => knox([], ok), /at least 2 points to form a pair, got 0/);
  assert.throws(() => knox([{ x: 0, y: 0, t: 0 }], ok), /at least 2 points to form a pair, got 1/);
  assert.throws(() => knox([{ x: 0, y: 0, t: 0 }, { x: NaN, y: 0, t: 1 }], ok), /points\[1\]\.x must be finite, got NaN/);
  assert.throws(() => knox({ x: [0, 1], y: [0, 1], t: [0] }, ok), /equal lengths, x has 2 and t has 1/);
  assert.throws(() => knox([{ x: 0, y: 0, t: 0 }, { x: 1, y: 0, t: 1 }], { spaceThreshold: -1, timeThreshold: 1 }), /spaceThreshold must be >= 0, got -1/);
  assert.throws(() => knox([{ x: 0, y: 0, t: 0 }, { x: 1, y: 0, t: 1 }], { spaceThreshold: 1, timeThreshold: NaN }), /timeThreshold must be a number, got NaN/);
  assert.throws(() => knox([{ x: 0, y: 0, t: 0 }, { x: 1, y: 0, t: 1 }], { ...ok, metric: 'chebyshev' as 'euclidean' }), /metric must be 'euclidean' or 'manhattan'/);
  assert.throws(() => knox([{ x: 0, y: 0, t: 0 }, { x: 1, y: 0, t: 1 }], { ...ok, permutations: 2.5 }), /permutations must be a non-negative integer, got 2.5/);
  assert.throws(() => knox([{ x: 0, y: 0, t: 0 }, { x: 1, y: 0, t: 1 }], undefined as unknown as typeof ok), /options \{spaceThreshold, timeThreshold\} are required/);
  assert.throws(() => poissonUpperTail(1.5, 2), /k must be a non-negative integer, got 1.5/);
  assert.throws(() => poissonUpperTail(1, -2), /lambda must be finite and >= 0, got -2/);
});

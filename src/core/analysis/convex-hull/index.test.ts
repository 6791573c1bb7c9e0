import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { convexHull, convexHullArea, convexHullRing, polygonArea } from './index.ts';
import { createRandom } from '../../random/index.ts';

// Areas of spatstat's convexhull.xy on the reference data, produced by ../clark-evans/fixtures/reference.R.
const spatstat = JSON.parse(readFileSync(new URL('../clark-evans/fixtures/expected.json', import.meta.url), 'utf8')) as
  Record<string, { x: number[]; y: number[]; hullArea: number }>;

const readme12 = {
  x: [66.22, 22.52, 31.01, 9.47, 30.78, 75.21, 79.26, 8.23, 98.73, 89.78, 65.19, 54.46],
  y: [32.54, 22.39, 81.21, 31.02, 60.1, 58.93, 7.68, 39.93, 77.17, 42.53, 92.08, 8.48],
};

test('hull area of the README 12 points is 5294.00395', () => {
  assert.ok(Math.abs(convexHullArea(readme12) - 5294.00395) < 1e-9);
});

test('hull areas agree with spatstat convexhull.xy to 1e-12 on the reference data sets', () => {
  for (const name of ['readme12', 'burkitt', 'chicago_arson', 'chicago_burglary']) {
    const s = spatstat[name];
    const a = convexHullArea({ x: s.x, y: s.y });
    assert.ok(Math.abs(a - s.hullArea) <= 1e-12 * s.hullArea, `${name}: ${a} vs spatstat ${s.hullArea}`);
  }
});

test('hull is counter-clockwise, strictly convex and contains every point (random points)', () => {
  const rnd = createRandom(7);
  const n = 2000;
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) { x[i] = Math.round(rnd.normal() * 100); y[i] = Math.round(rnd.normal() * 60); }
  const h = convexHull({ x, y });
  const k = h.length;
  for (let i = 0; i < k; i++) {
    const a = h[i], b = h[(i + 1) % k], c = h[(i + 2) % k];
    const turn = (x[b] - x[a]) * (y[c] - y[a]) - (y[b] - y[a]) * (x[c] - x[a]);
    assert.ok(turn > 0, `corner ${i} does not turn left`);
    for (let p = 0; p < n; p++) {
      const side = (x[b] - x[a]) * (y[p] - y[a]) - (y[b] - y[a]) * (x[p] - x[a]);
      assert.ok(side >= 0, `point ${p} lies outside edge ${i}`);
    }
  }
});

test('degenerate inputs: one point, duplicates, collinear points, a square with an inner and an edge point', () => {
  assert.deepEqual([...convexHull({ x: [5], y: [5] })], [0]);
  assert.deepEqual([...convexHull({ x: [1, 1, 1], y: [2, 2, 2] })].length, 1);
  assert.deepEqual([...convexHull({ x: [0, 2, 1, 3], y: [0, 2, 1, 3] })], [0, 3]);
  assert.equal(convexHullArea({ x: [0, 2, 1, 3], y: [0, 2, 1, 3] }), 0);
  const sq = { x: [0, 2, 2, 0, 1, 1], y: [0, 0, 2, 2, 1, 0] };
  assert.deepEqual([...convexHull(sq)], [0, 1, 2, 3]);
  assert.equal(convexHullArea(sq), 4);
  assert.deepEqual(convexHullRing(sq), [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]);
  assert.equal(polygonArea(sq, [0, 1]), 0);
});

test('a 20 × 20 lattice (many collinear points on the octagon of extremes) has the four corners as hull', () => {
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) { x.push(i); y.push(j); }
  const h = [...convexHull({ x, y })].map((k) => [x[k], y[k]]);
  assert.deepEqual(h, [[0, 0], [19, 0], [19, 19], [0, 19]]);
  assert.equal(convexHullArea({ x, y }), 361);
});

test('large projected coordinates (SWEREF 99 TM) keep full precision', () => {
  const x = [340000, 340100, 340100, 340000], y = [6420000, 6420000, 6420100.5, 6420100.5];
  assert.equal(convexHullArea({ x, y }), 100 * 100.5);
});

test('does not change its input', () => {
  const x = [3, 1, 2, 0], y = [0, 1, 3, 2];
  convexHull({ x, y }); convexHullArea({ x, y });
  assert.deepEqual(x, [3, 1, 2, 0]);
  assert.deepEqual(y, [0, 1, 3, 2]);
});

test('bad input is rejected with a precise message', () => {
  assert.throws(() => convexHull({ x: [], y: [] }), /convexHull: needs at least 1 point, got 0/);
  assert.throws(() => convexHull({ x: [1, 2], y: [1] }), /points.x has 2 coordinates but points.y has 1/);
  assert.throws(() => convexHull({ x: [1, NaN], y: [1, 2] }), /points.x\[1\] must be a finite number, got NaN/);
  assert.throws(() => convexHull({ x: [1, 2], y: [1, Infinity] }), /points.y\[1\] must be a finite number, got Infinity/);
  assert.throws(() => convexHull(null as never), /points must be \{ x, y \}/);
});

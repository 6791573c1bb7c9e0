import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { clarkEvans, nearestNeighbourDistances } from './index.ts';
import { createRandom } from '../../random/index.ts';

interface Set { x: number[]; y: number[]; nnd: number[]; meanNnd: number; hullArea: number; bboxArea: number;
  rHull: number; rBbox: number; zHullExactSE: number; zBboxExactSE: number }
const spatstat = JSON.parse(readFileSync(new URL('./fixtures/expected.json', import.meta.url), 'utf8')) as Record<string, Set>;
const SETS = ['readme12', 'burkitt', 'chicago_arson', 'chicago_burglary'];
const EXACT_SE = Math.sqrt((4 - Math.PI) / (4 * Math.PI));

function close(actual: number, want: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - want) <= tol * Math.abs(want), `${what}: got ${actual}, want ${want}`);
}

test('README 12 points: mean NND, areas and R with hull and bounding box', () => {
  const p = { x: spatstat.readme12.x, y: spatstat.readme12.y };
  const hull = clarkEvans(p);
  close(hull.meanDistance, 21.612139802, 1e-10, 'mean NND');
  close(hull.area, 5294.00395, 1e-12, 'hull area');
  close(hull.ratio, 2.0579094, 1e-7, 'R (hull)');
  assert.equal(hull.areaMethod, 'hull');
  assert.equal(hull.pattern, 'dispersed');
  const box = clarkEvans(p, { area: 'bbox' });
  close(box.area, 7638.2, 1e-12, 'bbox area');
  close(box.ratio, 1.7132584, 1e-7, 'R (bbox)');
  const d = nearestNeighbourDistances(p);
  close(Math.min(...d), 8.99587, 1e-6, 'min NND');
  close(Math.max(...d), 34.63124, 1e-6, 'max NND');
});

test('agrees with spatstat (nndist, clarkevans correction="none", clarkevans.test Z) to 1e-12 on four data sets', () => {
  for (const name of SETS) {
    const s = spatstat[name];
    const p = { x: s.x, y: s.y };
    const d = nearestNeighbourDistances(p);
    s.nnd.forEach((v, i) => assert.ok(Math.abs(d[i] - v) <= 1e-12 * Math.max(v, 1), `${name} nnd[${i}]: ${d[i]} vs ${v}`));
    for (const [area, r, z] of [['hull', s.rHull, s.zHullExactSE], ['bbox', s.rBbox, s.zBboxExactSE]] as const) {
      const exact = clarkEvans(p, { area, se: 'exact' });
      close(exact.meanDistance, s.meanNnd, 1e-12, `${name} mean`);
      close(exact.ratio, r, 1e-12, `${name} R (${area})`);
      close(exact.z, z, 1e-12, `${name} z (${area}, exact SE)`);
      // The default rounded constant 0.26136 scales z by exactly EXACT_SE / 0.26136.
      close(clarkEvans(p, { area }).z, (z * EXACT_SE) / 0.26136, 1e-12, `${name} z (${area}, rounded SE)`);
    }
  }
});

test('z and p by hand for a given area', () => {
  // Three points, NNDs 5, 5, 8.062…; area 100.
  const r = clarkEvans({ x: [0, 3, 10], y: [0, 4, 0] }, { area: 100 });
  const mean = (5 + 5 + Math.hypot(7, 4)) / 3;
  const lambda = 3 / 100;
  const expected = 0.5 / Math.sqrt(lambda);
  close(r.meanDistance, mean, 1e-15, 'mean');
  close(r.ratio, mean / expected, 1e-15, 'R');
  close(r.z, (mean - expected) / (0.26136 / Math.sqrt(3 * lambda)), 1e-14, 'z');
  assert.equal(r.areaMethod, 'given');
  assert.ok(r.pValue > 0 && r.pValue <= 1);
});

test('nearest-neighbour distances equal brute force on clustered points with duplicates', () => {
  const rnd = createRandom(42);
  const n = 3000;
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = rnd.int(5);
    x[i] = Math.round(c * 1000 + rnd.normal() * 30);
    y[i] = i % 7 === 0 ? 12 : Math.round(c * 300 + rnd.normal() * 30);
  }
  const d = nearestNeighbourDistances({ x, y });
  for (let i = 0; i < n; i += 3) {
    let b = Infinity;
    for (let j = 0; j < n; j++) if (j !== i) b = Math.min(b, (x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2);
    assert.equal(d[i], Math.sqrt(b), `point ${i}`);
  }
  assert.deepEqual([...nearestNeighbourDistances({ x: [1, 1], y: [2, 2] })], [0, 0]);
});

test('does not change its input', () => {
  const x = [3, 1, 2, 0, 5], y = [0, 1, 3, 2, 5];
  const tx = Float64Array.from(x);
  clarkEvans({ x, y });
  clarkEvans({ x: tx, y }, { area: 'bbox' });
  assert.deepEqual(x, [3, 1, 2, 0, 5]);
  assert.deepEqual(y, [0, 1, 3, 2, 5]);
  assert.deepEqual([...tx], [3, 1, 2, 0, 5]);
});

test('bad input is rejected with a precise message', () => {
  assert.throws(() => clarkEvans({ x: [1], y: [1] }), /clarkEvans: needs at least 2 points, got 1/);
  assert.throws(() => clarkEvans({ x: [1, NaN], y: [1, 2] }), /clarkEvans: points.x\[1\] must be a finite number, got NaN/);
  assert.throws(() => clarkEvans({ x: [0, 1, 2], y: [0, 1, 2] }), /convex hull of the 3 points has area 0 \(all points on a line\); give options.area/);
  assert.throws(() => clarkEvans({ x: [0, 1, 2], y: [0, 1, 2] }, { area: -5 }), /options.area must be 'hull', 'bbox' or a finite area > 0, got -5/);
  assert.throws(() => clarkEvans({ x: [0, 1, 2], y: [0, 1, 0] }, { se: 'x' as never }), /options.se must be 'rounded' or 'exact'/);
  assert.throws(() => nearestNeighbourDistances({ x: [1], y: [1] }), /needs at least 2 points, got 1/);
});

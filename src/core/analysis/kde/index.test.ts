import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { kde, defaultBandwidth } from './index.ts';
import { createRandom } from '../../random/index.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/expected.json', import.meta.url), 'utf8')) as {
  points: Record<string, { x: number[]; y: number[] }>;
  bandwidths: { name: string; bandwidth: number; standardDistance: number; medianDistance: number; n: number }[];
  rasters: { name: string; bandwidth: number; originX: number; originY: number; cellSize: number; cols: number; rows: number;
    weights: number[] | null; values: number[] }[];
};
const pointsOf = (name: string) => fixture.points[name.replace('_age_weighted', '')];
const ageWeights = () => fixture.rasters.find((r) => r.name === 'burkitt_age_weighted')!.weights!;

function close(actual: number, want: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - want) <= tol * Math.abs(want), `${what}: got ${actual}, want ${want}`);
}

test('default bandwidth (ArcGIS rule) agrees with the numpy reference to 1e-12, weighted and unweighted', () => {
  for (const b of fixture.bandwidths) {
    const weights = b.name.endsWith('_age_weighted') ? ageWeights() : undefined;
    const got = defaultBandwidth(pointsOf(b.name), weights);
    close(got.bandwidth, b.bandwidth, 1e-12, `${b.name} bandwidth`);
    close(got.standardDistance, b.standardDistance, 1e-12, `${b.name} SD`);
    close(got.medianDistance, b.medianDistance, 1e-12, `${b.name} Dm`);
    assert.equal(got.n, b.n);
  }
});

test('densities agree with the numpy brute force cell by cell to 1e-12 (burkitt, weighted burkitt, Chicago)', () => {
  for (const r of fixture.rasters) {
    const out = kde(pointsOf(r.name), {
      cellSize: r.cellSize,
      bandwidth: r.name === 'burkitt' ? undefined : r.bandwidth, // burkitt: the default rule
      weights: r.weights ?? undefined,
      extent: { minX: r.originX, minY: r.originY, maxX: r.originX + r.cols * r.cellSize, maxY: r.originY + r.rows * r.cellSize },
    });
    assert.equal(out.originX, r.originX, `${r.name} originX`);
    assert.equal(out.originY, r.originY, `${r.name} originY`);
    assert.equal(out.cols, r.cols, `${r.name} cols`);
    assert.equal(out.rows, r.rows, `${r.name} rows`);
    close(out.bandwidth, r.bandwidth, 1e-12, `${r.name} bandwidth`);
    let max = 0;
    for (const v of r.values) max = Math.max(max, v);
    r.values.forEach((v, i) => {
      // Relative to the cell, or to the raster's maximum where the density is a sliver near 0.
      assert.ok(Math.abs(out.values[i] - v) <= 1e-12 * Math.max(Math.abs(v), 1e-3 * max), `${r.name} cell ${i}: ${out.values[i]} vs ${v}`);
    });
  }
});

test('the density integrates to the number of points (and to Σw) over a raster that covers every kernel', () => {
  const rnd = createRandom(3);
  const n = 500;
  const x = new Float64Array(n), y = new Float64Array(n), w = new Float64Array(n);
  let sw = 0;
  for (let i = 0; i < n; i++) { x[i] = 1000 + rnd.normal() * 300; y[i] = 5000 + rnd.normal() * 200; w[i] = 1 + rnd.int(4); sw += w[i]; }
  for (const [weights, total] of [[undefined, n], [w, sw]] as const) {
    const r = kde({ x, y }, { cellSize: 2, bandwidth: 150, weights });
    let s = 0;
    for (const v of r.values) s += v;
    close(s * r.cellSize * r.cellSize, total, 2e-4, 'integral');
  }
});

test('raster is anchored: origin on multiples of the cell size, row 0 south, peak in the right cell', () => {
  const r = kde({ x: [103], y: [207] }, { cellSize: 10, bandwidth: 25 });
  assert.equal(r.originX, 70); // 103 − 25 = 78 → snapped down to 70
  assert.equal(r.originY, 180); // 207 − 25 = 182 → 180
  assert.equal(r.cols, 6); // up to 128 → 130
  assert.equal(r.rows, 6); // up to 232 → 240
  let best = 0;
  for (let i = 1; i < r.values.length; i++) if (r.values[i] > r.values[best]) best = i;
  assert.equal(best, 2 * r.cols + 3); // cell centre (105, 205), the closest to (103, 207)
  const d2 = 2 * 2 + 2 * 2;
  close(r.values[best], ((3 / Math.PI) * (1 - d2 / 625) ** 2) / 625, 1e-14, 'peak value by hand');
  const a = kde({ x: [103], y: [207] }, { cellSize: 10, bandwidth: 25, anchor: { x: 5, y: 5 } });
  assert.equal(a.originX, 75);
  assert.equal(a.originY, 175);
});

test('a point farther than r from every cell centre contributes nothing; zero weights are skipped', () => {
  const r = kde({ x: [0, 1000], y: [0, 0] }, { cellSize: 10, bandwidth: 20, extent: { minX: -50, minY: -50, maxX: 50, maxY: 50 } });
  const alone = kde({ x: [0], y: [0] }, { cellSize: 10, bandwidth: 20, extent: { minX: -50, minY: -50, maxX: 50, maxY: 50 } });
  assert.deepEqual([...r.values], [...alone.values]);
  const z = kde({ x: [0, 5], y: [0, 5] }, { cellSize: 10, bandwidth: 20, weights: [1, 0], extent: { minX: -50, minY: -50, maxX: 50, maxY: 50 } });
  assert.deepEqual([...z.values], [...alone.values]);
});

test('does not change its input', () => {
  const x = [1, 5, 9], y = [2, 6, 1], w = [1, 2, 3];
  kde({ x, y }, { cellSize: 1, weights: w });
  assert.deepEqual(x, [1, 5, 9]);
  assert.deepEqual(y, [2, 6, 1]);
  assert.deepEqual(w, [1, 2, 3]);
});

test('bad input is rejected with a precise message', () => {
  const p = { x: [0, 10], y: [0, 5] };
  assert.throws(() => kde({ x: [], y: [] }, { cellSize: 1 }), /kde: needs at least 1 point, got 0/);
  assert.throws(() => kde(p, { cellSize: 0 }), /options.cellSize must be a finite number > 0, got 0/);
  assert.throws(() => kde(p, { cellSize: 1, bandwidth: -3 }), /options.bandwidth must be a finite distance > 0, got -3/);
  assert.throws(() => kde({ x: [0, NaN], y: [0, 1] }, { cellSize: 1, bandwidth: 1 }), /points.x\[1\] must be a finite number, got NaN/);
  assert.throws(() => kde(p, { cellSize: 1, weights: [1] }), /weights has 1 values for 2 points/);
  assert.throws(() => kde(p, { cellSize: 1, weights: [1, -1] }), /weights\[1\] must be a finite number ≥ 0, got -1/);
  assert.throws(() => kde(p, { cellSize: 1, bandwidth: 1, extent: { minX: 5, minY: 0, maxX: 5, maxY: 1 } }), /options.extent must have finite minX < maxX/);
  assert.throws(() => kde(p, { cellSize: 0.001, bandwidth: 100 }), /more than options.maxCells \(25000000\)/);
  assert.throws(() => kde({ x: [1], y: [1] }, { cellSize: 1 }), /median distance to the mean centre is 0\); give options.bandwidth/);
  assert.throws(() => defaultBandwidth(p, [0, 0]), /the weights sum to 0/);
  assert.throws(() => kde(p, undefined as never), /options with at least cellSize are required/);
});

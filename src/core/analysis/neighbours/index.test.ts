import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  distanceBandWeights, gridDistanceWeights, gridStencil, weightsConstants, weightOf, checkWeights,
} from './index.ts';

test('distanceBandWeights: sorted rows, coincident points are neighbours, self only on request', () => {
  const w = distanceBandWeights([0, 10, 40, 0], [0, 0, 0, 0], { distance: 15 });
  assert.deepEqual([...w.offsets], [0, 2, 4, 4, 6]);
  assert.deepEqual([...w.neighbours], [1, 3, 0, 3, 0, 1]);
  const s = distanceBandWeights([0, 10, 40], [0, 0, 0], { distance: 15, self: true });
  assert.deepEqual([...s.neighbours], [0, 1, 0, 1, 2]);
  assert.equal(s.selfIncluded, true);
});

test('inverse distance: d^-power, zero distances get the largest finite weight (spdep nb2listwdist)', () => {
  const w = distanceBandWeights([0, 10, 40, 45], [0, 0, 0, 0], { distance: 15, weights: 'inverse-distance', power: 2, self: true });
  // smallest positive distance is 5 (points 2 and 3) → self weight 1/25
  assert.deepEqual([...w.weights], [1 / 25, 1 / 100, 1 / 100, 1 / 25, 1 / 25, 1 / 25, 1 / 25, 1 / 25]);
  const r = distanceBandWeights([0, 10, 40, 45], [0, 0, 0, 0], { distance: 15, style: 'row' });
  assert.deepEqual([...r.weights], [1, 1, 1, 1]);
});

test('grid weights equal point weights on the cell centres; stencil and constants', () => {
  const x: number[] = [], y: number[] = [];
  for (let r = 0; r < 7; r++) for (let c = 0; c < 5; c++) { x.push(c * 20); y.push(r * 20); }
  for (const opts of [{ distance: 20 }, { distance: 29 }, { distance: 45, weights: 'inverse-distance' as const, self: true }, { distance: 45, style: 'row' as const }]) {
    const g = gridDistanceWeights(5, 7, 20, opts);
    const p = distanceBandWeights(x, y, opts);
    assert.deepEqual(g.offsets, p.offsets);
    assert.deepEqual(g.neighbours, p.neighbours);
    g.weights.forEach((v, k) => assert.ok(Math.abs(v - p.weights[k]) <= 1e-15 * v));
  }
  const st = gridStencil(1, Math.SQRT2);
  assert.equal(st.dx.length, 9);
  assert.deepEqual([...st.halfWidth], [-1, 1, 1, 1, -1]);
  // rook on 2x2: every cell has 2 neighbours, S0 = 8, S1 = Σ(w² + w·w) = 16, S2 = Σ(2+2)² = 64
  const c = weightsConstants(gridDistanceWeights(2, 2, 1, { distance: 1 }));
  assert.deepEqual([c.n, c.S0, c.S1, c.S2], [4, 8, 16, 64]);
  const rw = gridDistanceWeights(3, 1, 1, { distance: 1, style: 'row' });
  assert.equal(weightOf(rw, 1, 0), 0.5);
  assert.equal(weightOf(rw, 0, 2), 0);
});

test('does not change its input', () => {
  const x = [3, 1, 2, 8], y = [0, 5, 1, 1];
  distanceBandWeights(x, y, { distance: 4 });
  assert.deepEqual([x, y], [[3, 1, 2, 8], [0, 5, 1, 1]]);
});

test('rejects bad input with precise messages', () => {
  assert.throws(() => distanceBandWeights([0, 1], [0], { distance: 1 }), /distanceBandWeights: x has 2 values but y has 1/);
  assert.throws(() => distanceBandWeights([0, NaN], [0, 1], { distance: 1 }), /point 1 has a non-finite coordinate \(NaN, 1\)/);
  assert.throws(() => distanceBandWeights([0, 1], [0, 1], { distance: -1 }), /options.distance must be a positive finite number, got -1/);
  assert.throws(() => distanceBandWeights([0, 1], [0, 1], { distance: 1, style: 'X' as never }), /options.style must be 'raw' or 'row', got X/);
  assert.throws(() => distanceBandWeights([0, 10], [0, 0], { distance: 1, weights: 'inverse-distance', self: true }), /need at least one pair of distinct locations/);
  assert.throws(() => gridDistanceWeights(0, 3, 1, { distance: 1 }), /gridDistanceWeights: cols must be a positive integer, got 0/);
  const w = gridDistanceWeights(2, 2, 1, { distance: 1 });
  assert.throws(() => checkWeights(w, 5, 'f'), /f: weights are for 4 observations but there are 5 values/);
  assert.throws(() => checkWeights({ ...w, neighbours: Uint32Array.from([1, 2, 0, 3, 3, 0, 2, 1]) }, 4, 'f'), /row 2 neighbours are not strictly ascending/);
});

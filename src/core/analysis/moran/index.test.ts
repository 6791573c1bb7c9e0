import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { moranGlobal, localMoran, QUADRANT } from './index.ts';
import { gridDistanceWeights, distanceBandWeights, type SpatialWeights } from '../neighbours/index.ts';
import { createRandom } from '../../random/index.ts';

interface Grid { cols: number; rows: number; cellSize: number; values: number[] }
interface Case {
  grid: string; distance: number; style: 'W' | 'B' | 'idw';
  I: number; expected: number; varianceNormality: number; varianceRandomisation: number;
  zNormality: number; zRandomisation: number; pNormality: number; pRandomisation: number;
  Ii: number[]; EIi: number[]; VarIi: number[]; ZIi: number[]; quadrant: string[];
}
// spdep::moran.test and spdep::localmoran: fixtures/reference.R.
const ref = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as { grids: Record<string, Grid>; cases: Case[] };

function close(a: number, e: number, what: string, rel = 1e-10): void {
  const err = Math.abs(a - e);
  assert.ok(err <= rel * Math.abs(e) || err <= 1e-13, `${what}: got ${a}, expected ${e} (relative error ${err / Math.abs(e)})`);
}

function weightsFor(c: Case): SpatialWeights {
  const g = ref.grids[c.grid];
  return gridDistanceWeights(g.cols, g.rows, g.cellSize, c.style === 'idw'
    ? { distance: c.distance, weights: 'inverse-distance' }
    : { distance: c.distance, style: c.style === 'W' ? 'row' : 'raw' });
}
const label = (c: Case) => `${c.grid} d=${c.distance} ${c.style}`;
const codes: Record<string, number> = { 'High-High': QUADRANT.HH, 'Low-High': QUADRANT.LH, 'Low-Low': QUADRANT.LL, 'High-Low': QUADRANT.HL };

test('moranGlobal matches spdep::moran.test (normality and randomisation) to 1e-10', () => {
  assert.equal(ref.cases.length, 8);
  for (const c of ref.cases) {
    const r = moranGlobal(ref.grids[c.grid].values, weightsFor(c));
    close(r.I, c.I, `${label(c)} I`);
    close(r.expected, c.expected, `${label(c)} E(I)`);
    close(r.varianceNormality, c.varianceNormality, `${label(c)} Var normality`);
    close(r.varianceRandomisation, c.varianceRandomisation, `${label(c)} Var randomisation`);
    close(r.zNormality, c.zNormality, `${label(c)} z normality`);
    close(r.zRandomisation, c.zRandomisation, `${label(c)} z randomisation`);
    close(r.pNormality, c.pNormality, `${label(c)} p normality`, 1e-8);
    close(r.pRandomisation, c.pRandomisation, `${label(c)} p randomisation`, 1e-8);
  }
});

test('localMoran Ii, E(Ii), Var(Ii), z and quadrants match spdep::localmoran to 1e-10', () => {
  for (const c of ref.cases) {
    const r = localMoran(ref.grids[c.grid].values, weightsFor(c), { permutations: 0 });
    assert.equal(r.pSim, undefined);
    c.Ii.forEach((e, i) => close(r.I[i], e, `${label(c)} Ii[${i}]`));
    c.EIi.forEach((e, i) => close(r.expected[i], e, `${label(c)} E(Ii)[${i}]`));
    c.VarIi.forEach((e, i) => close(r.variance[i], e, `${label(c)} Var(Ii)[${i}]`));
    c.ZIi.forEach((e, i) => close(r.z[i], e, `${label(c)} Z(Ii)[${i}]`));
    assert.deepEqual([...r.quadrant], c.quadrant.map((q) => codes[q]), `${label(c)} quadrants`);
  }
});

test('permutation pseudo p-values are deterministic per seed and vary between seeds', () => {
  const c = ref.cases[0];
  const w = weightsFor(c);
  const a = localMoran(ref.grids.getisord.values, w, { permutations: 199, seed: 42 });
  const b = localMoran(ref.grids.getisord.values, w, { permutations: 199, seed: 42 });
  const d = localMoran(ref.grids.getisord.values, w, { permutations: 199, seed: 43 });
  assert.deepEqual(a.pSim, b.pSim);
  assert.notDeepEqual(a.pSim, d.pSim);
  for (const p of a.pSim!) assert.ok(p >= 1 / 200 && p <= 0.5 + 1e-12);
});

test('permutation p-values behave statistically: uniform-ish under the null, small for strong clusters', () => {
  // Null: i.i.d. values on a 30x30 grid; the folded p_sim is uniform on (0, 0.5], so ~10 % fall ≤ 0.05.
  const rnd = createRandom(7);
  const v = Array.from({ length: 900 }, () => rnd.normal());
  const w = gridDistanceWeights(30, 30, 1, { distance: 1.5, style: 'row' });
  const r = localMoran(v, w, { permutations: 499, seed: 1 });
  const share = r.pSim!.filter((p) => p <= 0.05).length / 900;
  assert.ok(share > 0.06 && share < 0.14, `share of p_sim ≤ 0.05 under the null: ${share}`);
  // Analytic and permutation tests agree where the evidence is clear: folded p_sim ≈ one tail ≈ p/2.
  const g = localMoran(ref.grids.getisord.values, weightsFor(ref.cases[0]), { permutations: 999, seed: 3 });
  let strong = 0, weak = 0;
  g.p.forEach((p, i) => {
    if (p < 0.002) { strong++; assert.ok(g.pSim![i] <= 0.01, `cell ${i}: p ${p}, p_sim ${g.pSim![i]}`); }
    if (p > 0.6) { weak++; assert.ok(g.pSim![i] > 0.1, `cell ${i}: p ${p}, p_sim ${g.pSim![i]}`); }
  });
  assert.ok(strong >= 8 && weak > 20, `strong ${strong}, weak ${weak}`);
});

test('does not change its input', () => {
  const vals = [...ref.grids.getisord.values];
  const w = weightsFor(ref.cases[1]);
  const wt = w.weights.slice();
  moranGlobal(vals, w); localMoran(vals, w, { permutations: 9 });
  assert.deepEqual(vals, ref.grids.getisord.values);
  assert.deepEqual(w.weights, wt);
});

test('rejects bad input with precise messages', () => {
  const w = gridDistanceWeights(3, 3, 1, { distance: 1 });
  const v = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  assert.throws(() => moranGlobal([1, 2, 3], w), /moranGlobal: weights are for 9 observations but there are 3 values/);
  assert.throws(() => moranGlobal(v.map(() => 4), w), /all 9 values are equal/);
  assert.throws(() => moranGlobal([1, 2, NaN, 4, 5, 6, 7, 8, 9], w), /values\[2\] is not a finite number/);
  assert.throws(() => localMoran(v, gridDistanceWeights(3, 3, 1, { distance: 1, self: true })), /needs weights without self/);
  assert.throws(() => localMoran(v, w, { permutations: -1 }), /options.permutations must be a non-negative integer, got -1/);
  assert.throws(() => moranGlobal([1, 2, 3], distanceBandWeights([0, 1, 2], [0, 0, 0], { distance: 1 })), /needs at least 4 observations with neighbours, got 3/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generalG, generalGPoints } from './index.ts';
import { distanceBandWeights } from '../neighbours/index.ts';

interface Case {
  name: string; distance: number; weights: 'binary' | 'inverse-distance'; power: number; x: number[]; y: number[]; values: number[];
  G: number; expected: number; variance: number; z: number; pGreater: number; p: number;
}
// spdep::globalG.test: fixtures/reference.R.
const ref = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as { cases: Case[] };

function close(a: number, e: number, what: string, rel = 1e-10): void {
  assert.ok(Math.abs(a - e) <= rel * Math.abs(e), `${what}: got ${a}, expected ${e} (relative error ${Math.abs(a - e) / Math.abs(e)})`);
}

test('README public vector: G = 0.55709779, z = 0.9426278, one-sided p = 0.1729357', () => {
  const r = generalGPoints([10, 20, 40, 15, 30, 30], [10, 10, 10, 20, 20, 30], [2, 3, 3.2, 5, 8, 7], { distance: 15 });
  assert.ok(Math.abs(r.G - 0.55709779) < 5e-9);
  assert.ok(Math.abs(r.z - 0.9426278) < 5e-8);
  assert.ok(Math.abs(r.pGreater - 0.1729357) < 5e-8);
  close(r.p, 2 * r.pGreater, 'two-sided p', 1e-15);
});

test('matches spdep::globalG.test to 1e-10 (points and the getisord grid, binary and inverse distance)', () => {
  for (const c of ref.cases) {
    const r = generalGPoints(c.x, c.y, c.values, { distance: c.distance, weights: c.weights, power: c.power });
    close(r.G, c.G, `${c.name} G`);
    close(r.expected, c.expected, `${c.name} E(G)`);
    close(r.variance, c.variance, `${c.name} Var(G)`, 1e-9);
    close(r.z, c.z, `${c.name} z`);
    close(r.pGreater, c.pGreater, `${c.name} p (greater)`, 1e-9);
    close(r.p, c.p, `${c.name} p (two-sided)`, 1e-9);
  }
});

test('does not change its input', () => {
  const c = ref.cases[2];
  const v = [...c.values];
  const w = distanceBandWeights(c.x, c.y, { distance: 30 });
  const nb = w.neighbours.slice(), wt = w.weights.slice();
  generalG(v, w);
  assert.deepEqual(v, c.values);
  assert.deepEqual([w.neighbours, w.weights], [nb, wt]);
});

test('rejects bad input with precise messages', () => {
  const x = [0, 1, 2, 3, 4], y = [0, 0, 0, 0, 0];
  const w = distanceBandWeights(x, y, { distance: 1.5 });
  assert.throws(() => generalG([1, 2, -3, 4, 5], w), /generalG: values\[2\] is negative \(-3\)/);
  assert.throws(() => generalG([1, 2, NaN, 4, 5], w), /values\[2\] is not a finite number/);
  assert.throws(() => generalG([1, 2, 3], w), /weights are for 5 observations but there are 3 values/);
  assert.throws(() => generalG([0, 0, 0, 0, 5], w), /G is undefined/);
  assert.throws(() => generalGPoints([0, 1, 2], [0, 0, 0], [1, 2, 3], { distance: 5 }), /needs at least 4 observations with neighbours, got 3/);
  assert.throws(() => generalGPoints(x, y, [1, 2, 3, 4, 5], { distance: 0 }), /options.distance must be a positive finite number, got 0/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gini, concentration, lorenzCurve } from './index.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/expected.json', import.meta.url), 'utf8')) as {
  cases: { counts: number[]; standard: number; unbiased: number; generalized: number; places50: number; places80: number }[];
};

function close(actual: number | null, want: number, tol: number, what: string): void {
  assert.ok(actual !== null, `${what}: got null`);
  assert.ok(Math.abs(actual - want) <= tol * Math.max(Math.abs(want), 1e-300) || Math.abs(actual - want) < 1e-15,
    `${what}: got ${actual}, want ${want}`);
}

const zeros = (k: number) => new Array<number>(k).fill(0);

test('the four lorenzgini vectors of the reference README', () => {
  const a = gini([10, 8, 2, ...zeros(7)]);
  close(a.standard, 0.78, 1e-12, 'standard (10,8,2,0…)');
  close(a.generalized, 0.78, 1e-12, 'generalized (10,8,2,0…)');
  const b = gini([5, 2, 1, ...zeros(7)]);
  close(b.standard, 0.8, 1e-12, 'standard (5,2,1,0…)');
  close(b.generalized, 0.75, 1e-12, 'generalized (5,2,1,0…)');
  const c = gini([10, ...zeros(9)]);
  close(c.standard, 0.9, 1e-12, 'standard (10, nine 0)');
  close(c.unbiased, 1, 1e-12, 'unbiased (10, nine 0)');
  const d = gini([10, ...zeros(99)]);
  close(d.standard, 0.99, 1e-12, 'standard (10, ninety-nine 0)');
  close(d.generalized, 0.9, 1e-12, 'generalized (10, ninety-nine 0)');
});

test('agrees with the literal R definitions (pairwise differences, Lorenz areas) to 1e-12, real Chicago counts included', () => {
  for (const [i, c] of fixture.cases.entries()) {
    const g = gini(c.counts);
    close(g.standard, c.standard, 1e-12, `case ${i} standard`);
    close(g.unbiased, c.unbiased, 1e-12, `case ${i} unbiased`);
    close(g.generalized, c.generalized, 1e-12, `case ${i} generalized`);
    const k = concentration(c.counts).shares!;
    assert.equal(k[0].places, c.places50, `case ${i} places holding 50 %`);
    assert.equal(k[1].places, c.places80, `case ${i} places holding 80 %`);
    assert.equal(k[0].fraction, c.places50 / c.counts.length);
  }
});

test('concentration counts zero-count places in the total and picks the fewest places', () => {
  const r = concentration([10, 8, 2, ...zeros(7)]);
  assert.equal(r.places, 10);
  assert.equal(r.total, 20);
  assert.deepEqual(r.shares, [
    { share: 0.5, places: 1, fraction: 0.1 },
    { share: 0.8, places: 2, fraction: 0.2 },
  ]);
  // 0.1 · 3 = 0.30000000000000004 and · 10 = 3.0000000000000004: 3 of 10 must still count as 30 %.
  assert.equal(concentration(new Array<number>(10).fill(1), [0.1 * 3]).shares![0].places, 3);
  assert.deepEqual(concentration([1, 1, 1, 1], [1]).shares, [{ share: 1, places: 4, fraction: 1 }]);
});

test('Lorenz curve runs from (0,0) to (1,1) over places sorted ascending; its area gives the Gini', () => {
  const { x, y } = lorenzCurve([3, 0, 1]);
  assert.deepEqual([...x], [0, 1 / 3, 2 / 3, 1]);
  assert.deepEqual([...y], [0, 0, 0.25, 1]);
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  close(1 - 2 * area, gini([3, 0, 1]).standard!, 1e-14, 'Gini from the Lorenz area');
});

test('undefined values are null with a reason', () => {
  assert.deepEqual(gini([0, 0, 0]), { places: 3, total: 0, standard: null, unbiased: null, generalized: null, reason: 'no-incidents' });
  const one = gini([7]);
  assert.equal(one.standard, 0);
  assert.equal(one.unbiased, null);
  assert.equal(one.reason, 'single-place');
  assert.equal(concentration([0, 0]).shares, null);
  assert.equal(gini([2, 2, 2, 2]).standard, 0);
});

test('does not change its input (arrays and typed arrays)', () => {
  const a = [3, 0, 7, 1];
  const t = Uint32Array.from(a);
  gini(a); concentration(a); lorenzCurve(a);
  gini(t); concentration(t); lorenzCurve(t);
  assert.deepEqual(a, [3, 0, 7, 1]);
  assert.deepEqual([...t], [3, 0, 7, 1]);
});

test('bad input is rejected with a precise message', () => {
  assert.throws(() => gini([]), /gini: counts is empty; give one count per place, zeros included/);
  assert.throws(() => gini([1, NaN]), /gini: counts\[1\] must be a finite number ≥ 0, got NaN/);
  assert.throws(() => gini([1, -2]), /counts\[1\] must be a finite number ≥ 0, got -2/);
  assert.throws(() => gini(null as unknown as number[]), /counts must be an array/);
  assert.throws(() => concentration([1, 2], [0]), /concentration: shares\[0\] must be in \(0, 1\], got 0/);
  assert.throws(() => concentration([1, 2], [1.5]), /shares\[0\] must be in \(0, 1\], got 1.5/);
  assert.throws(() => lorenzCurve([0, 0]), /lorenzCurve: all counts are 0/);
});

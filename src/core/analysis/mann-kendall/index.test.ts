import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mannKendall, sensSlope, medianInPlace } from './index.ts';
import { createRandom } from '../../random/index.ts';

interface Case {
  name: string;
  alpha: number;
  values: (number | null)[];
  expected: {
    n: number; s: number; varS: number; z: number; p: number; pPyMannKendall: number; tau: number;
    senSlope: number; intercept: number; trend: string; h: boolean;
  };
}
const reference = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as { cases: Case[] };

function close(actual: number, expected: number, what: string, rel = 1e-12): void {
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  assert.ok(actual === expected || Math.abs(actual - expected) <= rel * scale, `${what}: got ${actual}, expected ${expected}`);
}

for (const c of reference.cases) {
  test(`matches pyMannKendall 1.4.2 original_test: ${c.name}`, () => {
    const values = c.values.map((v) => (v === null ? NaN : v));
    const r = mannKendall(values, { alpha: c.alpha });
    const e = c.expected;
    assert.equal(r.n, e.n);
    assert.equal(r.s, e.s);
    close(r.varS, e.varS, 'varS');
    close(r.z, e.z, 'z');
    close(r.p, e.p, 'p', 1e-9);
    assert.ok(Math.abs(r.p - e.pPyMannKendall) <= 1e-15, `p vs pyMannKendall's 2(1-Phi): ${r.p} vs ${e.pPyMannKendall}`);
    close(r.tau, e.tau, 'tau');
    close(r.senSlope, e.senSlope, 'senSlope');
    close(r.intercept, e.intercept, 'intercept');
    assert.equal(r.trend, e.trend);
    assert.equal(r.h, e.h);
  });
}

test('reproduces the numbers pyMannKendall asserts in its own test suite for this series', () => {
  // tests/test_pymannkendall.py::test_original_test (Monthly Rainfall, the same 360 values).
  const values = readFileSync(new URL('../../../../../shared/data/analysis-reference/mann_kendall_series.csv', import.meta.url), 'utf8')
    .trim().split('\n').slice(1).map(Number);
  assert.equal(values.length, 360);
  const r = mannKendall(values);
  assert.equal(r.s, -1959);
  assert.equal(r.varS, 4889800.333333333);
  close(r.z, -0.8854562842589916, 'z', 1e-15);
  close(r.p, 0.37591058740506833, 'p', 1e-14);
  close(r.tau, -0.03153167653875869, 'tau', 1e-15);
  assert.equal(r.trend, 'no trend');
  assert.equal(r.h, false);
  // Their suite asserts slope -0.0064516… from an older release that dropped the missing values
  // before the slope; 1.4.2 keeps the original positions, which we follow: -1/157.
  close(r.senSlope, -0.006369426751592357, 'senSlope', 1e-15);
});

test('all-equal series: S = 0, Var(S) = 0, z = 0, p = 1, no trend (documented, as pyMannKendall)', () => {
  const r = mannKendall([2, 2, 2, NaN, 2]);
  assert.deepEqual(
    { n: r.n, s: r.s, varS: r.varS, z: r.z, p: r.p, tau: r.tau, slope: r.senSlope, intercept: r.intercept, trend: r.trend, h: r.h },
    { n: 4, s: 0, varS: 0, z: 0, p: 1, tau: 0, slope: 0, intercept: 2, trend: 'no trend', h: false },
  );
});

test('slope: false skips Sen slope', () => {
  const r = mannKendall([1, 3, 2, 5], { slope: false });
  assert.ok(Number.isNaN(r.senSlope) && Number.isNaN(r.intercept));
  assert.equal(r.s, 4);
});

test('sensSlope keeps the original positions of missing values', () => {
  assert.deepEqual(sensSlope([1, NaN, 3, 4]), { slope: 1, intercept: 1 });
  assert.deepEqual(sensSlope([0, NaN, NaN, 3, NaN, 5]), { slope: 1, intercept: 0 });
});

test('medianInPlace equals the sorted-array median on random data with ties', () => {
  const rnd = createRandom(7);
  for (let len = 1; len < 60; len++) {
    const a = new Float64Array(len);
    for (let i = 0; i < len; i++) a[i] = rnd.int(10) - 3;
    const s = Float64Array.from(a).sort();
    const expected = len % 2 ? s[len >> 1] : (s[len / 2 - 1] + s[len / 2]) / 2;
    assert.equal(medianInPlace(a), expected, `length ${len}`);
  }
});

test('does not change its input', () => {
  const values = [3, NaN, 1, 4, 1, 5, NaN, 9, 2, 6];
  const copy = values.slice();
  mannKendall(values);
  sensSlope(values);
  assert.deepEqual(values, copy);
  const typed = Float64Array.from(copy);
  mannKendall(typed);
  assert.deepEqual(Array.from(typed), copy);
});

test('throws precise errors on bad input', () => {
  assert.throws(() => mannKendall([]), /at least 3 non-missing values, got 0 \(of 0; 0 missing\)/);
  assert.throws(() => mannKendall([1, NaN, 2, NaN]), /at least 3 non-missing values, got 2 \(of 4; 2 missing\)/);
  assert.throws(() => mannKendall([1, 2, Infinity, 4]), /values\[2\] must be finite/);
  assert.throws(() => mannKendall([1, 2, '3' as unknown as number, 4]), /values\[2\] must be a number/);
  assert.throws(() => mannKendall([1, 2, 3], { alpha: 0 }), /alpha must be in \(0, 1\), got 0/);
  assert.throws(() => mannKendall([1, 2, 3], { alpha: NaN }), /alpha must be in \(0, 1\)/);
  assert.throws(() => mannKendall(null as unknown as number[]), /values must be an array/);
  assert.throws(() => sensSlope([1, NaN]), /sensSlope: needs at least 3 non-missing values/);
});

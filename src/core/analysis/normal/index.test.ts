import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { normalCdf, normalSf, twoSidedP, normalQuantile } from './index.ts';

// Expected values from R's pnorm/qnorm: see fixtures/reference.R.
const ref = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as {
  z: number[]; cdf: number[]; sf: number[]; twoSided: number[]; p: number[]; quantile: number[];
};

function close(actual: number, expected: number, rel: number, what: string): void {
  if (actual === expected) return;
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
  assert.ok(err <= rel, `${what}: got ${actual}, expected ${expected} (relative error ${err})`);
}

test('normalCdf matches R pnorm to 1e-14 relative, including the far tails', () => {
  ref.z.forEach((z, i) => close(normalCdf(z), ref.cdf[i], 1e-14, `normalCdf(${z})`));
});

test('normalSf matches R pnorm(lower.tail = FALSE) to 1e-14 relative', () => {
  ref.z.forEach((z, i) => close(normalSf(z), ref.sf[i], 1e-14, `normalSf(${z})`));
});

test('twoSidedP matches 2 * pnorm(-|z|) to 1e-14 relative', () => {
  ref.z.forEach((z, i) => close(twoSidedP(z), ref.twoSided[i], 1e-14, `twoSidedP(${z})`));
});

test('normalQuantile matches R qnorm to 1e-14 relative', () => {
  ref.p.forEach((p, i) => close(normalQuantile(p), ref.quantile[i], 1e-14, `normalQuantile(${p})`));
});

test('quantile and CDF are inverse to each other', () => {
  for (const p of [1e-12, 0.001, 0.05, 0.3, 0.5, 0.8, 0.975]) close(normalCdf(normalQuantile(p)), p, 1e-13, `cdf(quantile(${p}))`);
});

test('infinities and symmetry', () => {
  assert.equal(normalCdf(Infinity), 1);
  assert.equal(normalCdf(-Infinity), 0);
  assert.equal(normalSf(Infinity), 0);
  assert.equal(twoSidedP(Infinity), 0);
  assert.equal(twoSidedP(0), 1);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.equal(normalQuantile(0.5), 0);
  for (const z of [0.3, 1.7, 4.2, 9]) assert.equal(normalSf(z), normalCdf(-z));
});

test('rejects NaN and out-of-range input with a precise message', () => {
  assert.throws(() => normalCdf(NaN), /normalCdf\(z\): z must be a number, got NaN/);
  assert.throws(() => normalSf(NaN), /normalSf/);
  assert.throws(() => twoSidedP(NaN), /twoSidedP/);
  assert.throws(() => normalQuantile(NaN), /normalQuantile\(p\): p must be a probability in \[0, 1\], got NaN/);
  assert.throws(() => normalQuantile(-0.1), /got -0.1/);
  assert.throws(() => normalQuantile(1.5), /got 1.5/);
});

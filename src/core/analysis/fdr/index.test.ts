import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { benjaminiHochberg, bhCriticalP, confidenceBins } from './index.ts';

interface Case { z: number[]; p: number[]; bh: number[]; binsFdr: number[]; binsRaw: number[] }
// R p.adjust(method = "BH") and bins from it: fixtures/reference.R.
const ref = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as Record<string, Case>;

test('benjaminiHochberg matches R p.adjust(method = "BH") to 1e-14 relative', () => {
  for (const [name, c] of Object.entries(ref)) {
    const q = benjaminiHochberg(c.p);
    c.bh.forEach((e, i) => assert.ok(Math.abs(q[i] - e) <= 1e-14 * e, `${name}[${i}]: got ${q[i]}, expected ${e}`));
  }
});

test('confidenceBins with and without FDR match the bins derived from R', () => {
  for (const [name, c] of Object.entries(ref)) {
    const fdr = c.binsFdr.map((b) => b + 0), raw = c.binsRaw.map((b) => b + 0); // R writes sign(z)·0 as -0
    assert.deepEqual([...confidenceBins(c.z, c.p, { fdr: true })], fdr, `${name} FDR`);
    assert.deepEqual([...confidenceBins(c.z, c.p, { fdr: false })], raw, `${name} raw`);
    assert.deepEqual([...confidenceBins(c.z, c.p)], fdr, `${name} default is FDR`);
  }
});

test('bhCriticalP: significant exactly when the adjusted p-value is <= alpha', () => {
  for (const c of Object.values(ref)) {
    const q = benjaminiHochberg(c.p);
    for (const a of [0.1, 0.05, 0.01]) {
      const crit = bhCriticalP(c.p, a);
      c.p.forEach((p, i) => assert.equal(p <= crit, q[i] <= a));
    }
  }
  assert.equal(bhCriticalP([0.01, 0.04, 0.03, 0.5], 0.05), 0.01);
  assert.equal(bhCriticalP([0.5, 0.9], 0.05), -Infinity);
});

test('small hand-checked example', () => {
  const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.5]);
  assert.deepEqual([...q], [0.04, (4 / 3) * 0.04, (4 / 3) * 0.04, 0.5]);
  assert.deepEqual([...confidenceBins([3.1, -2.0, 0.2], [0.0019, 0.0455, 0.84], { fdr: false })], [3, -2, 0]);
  assert.deepEqual([...benjaminiHochberg([])], []);
  assert.deepEqual([...confidenceBins([], [])], []);
});

test('does not change its input', () => {
  const c = ref.mixture;
  const z = [...c.z], p = [...c.p];
  benjaminiHochberg(p); bhCriticalP(p, 0.05); confidenceBins(z, p);
  assert.deepEqual(z, c.z);
  assert.deepEqual(p, c.p);
});

test('rejects bad input with precise messages', () => {
  assert.throws(() => benjaminiHochberg([0.1, NaN]), /benjaminiHochberg: p\[1\] must be a p-value in \[0, 1\], got NaN/);
  assert.throws(() => benjaminiHochberg([1.2]), /p\[0\] must be a p-value in \[0, 1\], got 1.2/);
  assert.throws(() => bhCriticalP([0.1], 0), /alpha must be in \(0, 1\), got 0/);
  assert.throws(() => confidenceBins([1, 2], [0.1]), /z has 2 values but p has 1/);
  assert.throws(() => confidenceBins([1, NaN], [0.1, 0.2]), /z\[1\] is NaN/);
  assert.throws(() => confidenceBins([1], [-0.1]), /p\[0\] must be a p-value/);
});

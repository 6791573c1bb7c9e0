import { test } from 'node:test';
import assert from 'node:assert/strict';
import { predictionAccuracy, topCells } from './index.ts';

function close(actual: number | null, want: number, what: string): void {
  assert.ok(actual !== null && Math.abs(actual - want) <= 1e-14 * Math.max(1, Math.abs(want)), `${what}: got ${actual}, want ${want}`);
}

test('PAI, PEI and RRI by hand on a 4-cell example', () => {
  const r = predictionAccuracy({ hotspot: [1, 0, 0, 0], next: [6, 2, 1, 1], current: [5, 1, 1, 1] });
  assert.equal(r.n, 6); assert.equal(r.N, 10); assert.equal(r.a, 1); assert.equal(r.A, 4);
  close(r.hitRate, 0.6, 'hit rate');
  close(r.areaShare, 0.25, 'area share');
  close(r.pai, 2.4, 'PAI');
  assert.equal(r.nMax, 6);
  close(r.pei, 1, 'PEI');
  close(r.rri, (6 / 5) / (10 / 8), 'RRI');
});

test('hotspots that miss: PAI below 1, PEI = n / best possible n', () => {
  // 10 cells of 250 m × 250 m; hotspots are cells 0 and 1; next period the crime moved to cells 2 and 3.
  const next = [1, 0, 8, 5, 1, 1, 0, 0, 2, 2];
  const current = [7, 6, 1, 1, 0, 0, 1, 0, 1, 1];
  const r = predictionAccuracy({ hotspot: [true, true, false, false, false, false, false, false, false, false], next, current, cellArea: 62_500 });
  assert.equal(r.n, 1); assert.equal(r.N, 20);
  assert.equal(r.a, 125_000); assert.equal(r.A, 625_000);
  close(r.pai, (1 / 20) / (2 / 10), 'PAI');
  assert.equal(r.nMax, 13);
  close(r.pei, 1 / 13, 'PEI');
  close(r.rri, (1 / 13) / (20 / 18), 'RRI');
});

test('unequal cell areas: PAI uses the areas, PEI is null', () => {
  const r = predictionAccuracy({ hotspot: [1, 0, 0], next: [4, 4, 2], cellArea: [1, 2, 7] });
  close(r.pai, (4 / 10) / (1 / 10), 'PAI');
  assert.equal(r.pei, null);
  assert.equal(r.peiReason, 'unequal-cell-areas');
  assert.equal(r.rriReason, 'no-current-counts');
});

test('zero cases are null with a reason, never Infinity or NaN', () => {
  let r = predictionAccuracy({ hotspot: [1, 0], next: [0, 0], current: [3, 1] });
  assert.equal(r.pai, null); assert.equal(r.paiReason, 'no-incidents');
  assert.equal(r.pei, null); assert.equal(r.peiReason, 'no-incidents');
  assert.equal(r.rri, null); assert.equal(r.rriReason, 'no-incidents');
  assert.equal(r.hitRate, null);
  r = predictionAccuracy({ hotspot: [0, 0], next: [1, 2], current: [3, 1] });
  assert.equal(r.paiReason, 'no-hotspots'); assert.equal(r.peiReason, 'no-hotspots'); assert.equal(r.rriReason, 'no-hotspots');
  assert.equal(r.areaShare, 0);
  r = predictionAccuracy({ hotspot: [1, 0], next: [1, 2], current: [0, 4] });
  close(r.pai, (1 / 3) / 0.5, 'PAI');
  assert.equal(r.rri, null); assert.equal(r.rriReason, 'no-incidents-in-hotspots-before');
  // Hotspots cover everything: PAI = 1, PEI = 1.
  r = predictionAccuracy({ hotspot: [1, 1], next: [1, 2] });
  assert.equal(r.pai, 1); assert.equal(r.pei, 1);
});

test('topCells marks the k highest cells, ties by lower index', () => {
  assert.deepEqual([...topCells([3, 9, 1, 9], 2)], [0, 1, 0, 1]);
  assert.deepEqual([...topCells([5, 5, 5], 1)], [1, 0, 0]);
  assert.deepEqual([...topCells([1, 2], 0)], [0, 0]);
  const current = [7, 6, 1, 1, 0];
  const r = predictionAccuracy({ hotspot: topCells(current, 2), next: [1, 0, 8, 5, 1], current });
  assert.equal(r.hotspotCells, 2);
  assert.equal(r.n, 1);
});

test('does not change its input', () => {
  const hotspot = [1, 0, 0], next = [3, 1, 2], current = [2, 2, 1];
  predictionAccuracy({ hotspot, next, current });
  topCells(next, 2);
  assert.deepEqual(hotspot, [1, 0, 0]);
  assert.deepEqual(next, [3, 1, 2]);
  assert.deepEqual(current, [2, 2, 1]);
});

test('bad input is rejected with a precise message', () => {
  assert.throws(() => predictionAccuracy({ hotspot: [], next: [] }), /there are no cells \(hotspot is empty\)/);
  assert.throws(() => predictionAccuracy({ hotspot: [1, 0], next: [1] }), /next has 1 values for 2 cells/);
  assert.throws(() => predictionAccuracy({ hotspot: [1, 0], next: [1, -1] }), /next\[1\] must be a finite number ≥ 0, got -1/);
  assert.throws(() => predictionAccuracy({ hotspot: [1, 0], next: [1, 1], current: [NaN, 1] }), /current\[0\] must be a finite number ≥ 0, got NaN/);
  assert.throws(() => predictionAccuracy({ hotspot: [1, 0], next: [1, 1], cellArea: 0 }), /cellArea must be a finite number > 0, got 0/);
  assert.throws(() => predictionAccuracy({ hotspot: [1, 0], next: [1, 1], cellArea: [1, -2] }), /cellArea\[1\] must be a finite number > 0, got -2/);
  assert.throws(() => predictionAccuracy({ hotspot: [1, 0] } as never), /next \(counts of the evaluated period\) is required/);
  assert.throws(() => topCells([1, 2], 3), /k must be an integer in \[0, 2\], got 3/);
  assert.throws(() => topCells([1, NaN], 1), /values\[1\] must be a number, got NaN/);
});

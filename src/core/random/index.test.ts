import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from './index.ts';

test('the same seed gives the same stream, another seed another', () => {
  const a = createRandom(42), b = createRandom(42), c = createRandom(43);
  const sa = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(sa, Array.from({ length: 5 }, () => b.next()));
  assert.notDeepEqual(sa, Array.from({ length: 5 }, () => c.next()));
});

test('next() is uniform on [0,1): mean and bounds over 100k draws', () => {
  const r = createRandom(1);
  let sum = 0, min = 1, max = 0;
  for (let i = 0; i < 100_000; i++) { const x = r.next(); sum += x; min = Math.min(min, x); max = Math.max(max, x); }
  assert.ok(min >= 0 && max < 1);
  assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.005, `mean ${sum / 100_000}`);
});

test('shuffle is a permutation and int() rejects n <= 0', () => {
  const r = createRandom(7);
  const a = r.shuffle([1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual([...a].sort(), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.throws(() => r.int(0), /n > 0/);
});

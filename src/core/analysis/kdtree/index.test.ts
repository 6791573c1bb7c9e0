import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KDTree } from './index.ts';
import { createRandom } from '../../random/index.ts';

test('kd-tree radius search finds exactly the brute-force neighbours (boundary included)', () => {
  const rnd = createRandom(11);
  const n = 3000;
  const x = Array.from({ length: n }, () => Math.round(rnd.next() * 1000));
  const y = Array.from({ length: n }, () => Math.round(rnd.next() * 1000));
  const tree = new KDTree({ x, y }, 16);
  for (const q of [0, 17, 999, 2500]) {
    for (const r of [0, 5, 30, 120]) {
      const got: number[] = [];
      tree.within(x[q], y[q], r, (j) => got.push(j));
      const want: number[] = [];
      for (let j = 0; j < n; j++) if ((x[j] - x[q]) ** 2 + (y[j] - y[q]) ** 2 <= r * r) want.push(j);
      assert.deepEqual(got.sort((a, b) => a - b), want, `query ${q} r ${r}`);
    }
  }
});

test('KDTree.within returns exactly the points with d ≤ r (boundary included)', () => {
  const x = [0, 3, 6, 0, 1], y = [0, 4, 8, 5, 1];
  const tree = new KDTree({ x, y }, 1);
  const found: number[] = [];
  tree.within(0, 0, 5, (id) => found.push(id));
  assert.deepEqual(found.sort(), [0, 1, 3, 4]);
});

test('passes the squared distance, accepts no points, leaves its input alone', () => {
  const x = [3, 1, 2, 8], y = [0, 5, 1, 1];
  const tree = new KDTree({ x, y }, 1);
  const d2: Record<number, number> = {};
  tree.within(2, 1, 2, (id, d) => { d2[id] = d; });
  assert.deepEqual(d2, { 0: 2, 2: 0 });
  assert.deepEqual([x, y], [[3, 1, 2, 8], [0, 5, 1, 1]]);
  let visits = 0;
  new KDTree({ x: [], y: [] }).within(0, 0, 1e9, () => visits++);
  assert.equal(visits, 0);
});

test('rejects bad input with precise messages', () => {
  assert.throws(() => new KDTree({ x: [0, 1], y: [0, 1] }, 0), /KDTree: nodeSize must be an integer ≥ 1, got 0/);
  assert.throws(() => new KDTree({ x: [0, NaN], y: [0, 1] }), /KDTree: points.x\[1\] must be a finite number, got NaN/);
  assert.throws(() => new KDTree({ x: [0, 1], y: [0] }), /KDTree: points.x has 2 coordinates but points.y has 1/);
});

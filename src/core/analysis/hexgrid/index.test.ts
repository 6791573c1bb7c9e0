import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { binHex, hexAt, hexCenter, hexVertices, hexId } from './index.ts';

// Brute-force nearest-centre binning in Python: fixtures/reference.py.
const ref = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as {
  x: number[]; y: number[]; cases: { size: number; q: number[]; r: number[]; counts: number[] }[];
};

test('matches brute-force nearest-centre binning of 522 real points', () => {
  for (const c of ref.cases) {
    const h = binHex(ref.x, ref.y, { size: c.size });
    assert.deepEqual([...h.q], c.q, `q at size ${c.size}`);
    assert.deepEqual([...h.r], c.r, `r at size ${c.size}`);
    assert.deepEqual([...h.counts], c.counts, `counts at size ${c.size}`);
    for (let i = 0; i < ref.x.length; i++) {
      const k = h.cellOf[i];
      const [cx, cy] = hexCenter(c.size, h.q[k], h.r[k]);
      assert.ok(Math.hypot(ref.x[i] - cx, ref.y[i] - cy) <= c.size * (1 + 1e-12), `point ${i} is inside its hexagon`);
    }
  }
});

test('geometry: size is the circumradius, vertices form a closed regular hexagon', () => {
  const ring = hexVertices(100, 2, -1, 10, 20);
  assert.equal(ring.length, 7);
  assert.deepEqual(ring[0], ring[6]);
  const [cx, cy] = hexCenter(100, 2, -1, 10, 20);
  for (const [x, y] of ring) assert.ok(Math.abs(Math.hypot(x - cx, y - cy) - 100) < 1e-9);
  for (let k = 0; k < 6; k++) assert.ok(Math.abs(Math.hypot(ring[k + 1][0] - ring[k][0], ring[k + 1][1] - ring[k][1]) - 100) < 1e-9);
  let area = 0;
  for (let k = 0; k < 6; k++) area += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  assert.ok(Math.abs(area / 2 - (3 * Math.sqrt(3) / 2) * 1e4) < 1e-6, 'counter-clockwise, area (3√3/2)R²');
  // neighbours share an edge: centres √3·R apart
  const [ax, ay] = hexCenter(100, 0, 0), [bx, by] = hexCenter(100, 0, 1);
  assert.ok(Math.abs(Math.hypot(bx - ax, by - ay) - Math.sqrt(3) * 100) < 1e-9);
  assert.deepEqual(hexAt(100, 0, 100), [1, 0]);
  assert.deepEqual(hexAt(-1, -1, 100), [0, 0]);
  assert.equal(hexId(250, 12, -3), 'hex250:12:-3');
});

test('small example, alignment origin and weights', () => {
  const h = binHex([0, 10, 300], [0, 5, 0], { size: 100 });
  assert.deepEqual([[...h.q], [...h.r], [...h.counts], [...h.cellOf]], [[0, 2], [0, 0], [2, 1], [0, 0, 1]]);
  const w = binHex([1000, 1010], [500, 500], { size: 50, alignX: 1000, alignY: 500, weights: [2, 0.5] });
  assert.deepEqual([[...w.q], [...w.r], [...w.counts]], [[0], [0], [2.5]]);
});

test('does not change its input', () => {
  const x = [...ref.x], y = [...ref.y];
  binHex(x, y, { size: 400 });
  assert.deepEqual([x, y], [ref.x, ref.y]);
});

test('rejects bad input with precise messages', () => {
  assert.throws(() => binHex([1], [1], { size: 0 }), /binHex: options.size \(circumradius\) must be a positive finite number, got 0/);
  assert.throws(() => binHex([1, 2], [1], { size: 1 }), /x has 2 values but y has 1/);
  assert.throws(() => binHex([1, Infinity], [1, 2], { size: 1 }), /point 1 has a non-finite coordinate \(Infinity, 2\)/);
  assert.throws(() => binHex([1], [1], { size: 1, weights: [NaN] }), /options.weights\[0\] is not a finite number/);
  assert.throws(() => binHex([1e12], [0], { size: 1 }), /hexagons from the alignment origin/);
});

test('sparse points far apart take the sparse path and give the same bins as hexAt', () => {
  const x = [0, 5e6, -3e6, 5e6 + 1], y = [0, 2e6, 7e6, 2e6];
  const h = binHex(x, y, { size: 10 });
  assert.equal(h.q.length, 3);
  for (let i = 0; i < x.length; i++) assert.deepEqual([h.q[h.cellOf[i]], h.r[h.cellOf[i]]], hexAt(x[i], y[i], 10));
  for (let k = 1; k < h.r.length; k++) assert.ok(h.r[k] > h.r[k - 1] || (h.r[k] === h.r[k - 1] && h.q[k] > h.q[k - 1]), 'sorted by r, then q');
  assert.equal(binHex([], [], { size: 5 }).q.length, 0);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contours, ringArea, type Raster, type Ring } from './index.ts';
import { kde } from '../kde/index.ts';

/** A raster from rows written north first (as one reads them), origin (0, 0), cell size 1. */
function raster(northFirst: number[][]): Raster {
  const rows = northFirst.length, cols = northFirst[0].length;
  const values = new Float64Array(rows * cols);
  northFirst.forEach((r, k) => r.forEach((v, c) => { values[(rows - 1 - k) * cols + c] = v; }));
  return { originX: 0, originY: 0, cellSize: 1, cols, rows, values };
}

function assertClosed(ring: Ring): void {
  assert.ok(ring.length >= 4, 'a ring has at least 3 distinct positions');
  assert.deepEqual(ring[ring.length - 1], ring[0], 'ring is closed');
}

function contains(ring: Ring, [x, y]: [number, number]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

const peak = raster([
  [0, 0, 0, 0, 0],
  [0, 1, 1, 1, 0],
  [0, 1, 3, 1, 0],
  [0, 1, 1, 1, 0],
  [0, 0, 0, 0, 0],
]);

test('a single peak gives one counter-clockwise ring per level, nested', () => {
  const out = contours(peak, [0.5, 2]);
  assert.equal(out.length, 2);
  const [outer, inner] = out.map((l) => {
    assert.equal(l.polygons.length, 1, `level ${l.level}: one polygon`);
    assert.equal(l.polygons[0].length, 1, `level ${l.level}: no holes`);
    return l.polygons[0][0];
  });
  for (const r of [outer, inner]) { assertClosed(r); assert.ok(ringArea(r) > 0, 'exterior is counter-clockwise'); }
  for (const p of inner) assert.ok(contains(outer, p), `inner position ${p} lies inside the outer ring`);
  // Level 2 around the centre cell (centre (2.5, 2.5), value 3, neighbours 1): crossings half way.
  const xs = inner.map((p) => p[0]), ys = inner.map((p) => p[1]);
  assert.deepEqual([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)], [2, 3, 2, 3]);
  assert.equal(ringArea(inner), 0.5); // the diamond through the four edge midpoints
  // Level 0.5: crossings half way between the 1s and the 0s, corners cut at the diagonal cells.
  const ox = outer.map((p) => p[0]);
  assert.equal(Math.min(...ox), 1);
  assert.equal(Math.max(...ox), 4);
});

test('levels above the maximum give nothing; below the minimum the whole raster', () => {
  assert.deepEqual(contours(peak, [3.5])[0].polygons, []);
  // At exactly the maximum the region shrinks to a point: rings of zero area are dropped.
  assert.deepEqual(contours(peak, [3])[0].polygons, []);
  assert.equal(contours(peak, [2.9])[0].polygons.length, 1);
  const all = contours(peak, [-1])[0].polygons;
  assert.equal(all.length, 1);
  const ring = all[0][0];
  assertClosed(ring);
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  assert.deepEqual([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)], [0, 5, 0, 5]);
  // 5 × 5 minus the four half-cell corner triangles (½ · ½ · ½ each).
  assert.equal(ringArea(ring), 25 - 4 * 0.125);
});

test('saddles are decided by the mean of the four corners', () => {
  const saddle = raster([
    [0, 1],
    [1, 0],
  ]);
  // Mean 0.5 ≥ 0.5: the two high corners are joined into one polygon.
  assert.equal(contours(saddle, [0.5])[0].polygons.length, 1);
  // Mean 0.5 < 0.6: two separate polygons.
  const two = contours(saddle, [0.6])[0].polygons;
  assert.equal(two.length, 2);
  for (const p of two) { assertClosed(p[0]); assert.ok(ringArea(p[0]) > 0); }
  const other = raster([
    [1, 0],
    [0, 1],
  ]);
  assert.equal(contours(other, [0.5])[0].polygons.length, 1);
  assert.equal(contours(other, [0.6])[0].polygons.length, 2);
});

test('a ring of high cells gives a polygon with a clockwise hole; an island in the hole is its own polygon', () => {
  const donut = raster([
    [0, 0, 0, 0, 0, 0, 0],
    [0, 5, 5, 5, 5, 5, 0],
    [0, 5, 0, 0, 0, 5, 0],
    [0, 5, 0, 9, 0, 5, 0],
    [0, 5, 0, 0, 0, 5, 0],
    [0, 5, 5, 5, 5, 5, 0],
    [0, 0, 0, 0, 0, 0, 0],
  ]);
  const polys = contours(donut, [2])[0].polygons;
  assert.equal(polys.length, 2);
  const withHole = polys.find((p) => p.length === 2)!;
  const island = polys.find((p) => p.length === 1)!;
  assert.ok(withHole && island);
  assert.ok(ringArea(withHole[0]) > 0, 'exterior counter-clockwise');
  assert.ok(ringArea(withHole[1]) < 0, 'hole clockwise');
  assertClosed(withHole[1]);
  for (const p of island[0]) assert.ok(contains(withHole[1], p), `island position ${p} lies in the hole`);
});

test('coordinates follow the raster: origin, cell size, row 0 south', () => {
  const r: Raster = { originX: 1000, originY: 2000, cellSize: 10, cols: 3, rows: 2, values: Float64Array.from([0, 0, 0, 0, 0, 4]) };
  // The high cell is row 1 (north), column 2 (east): centre (1025, 2015).
  const ring = contours(r, [2])[0].polygons[0][0];
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  assert.deepEqual([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)], [1020, 1030, 2010, 2020]);
});

test('contours of a kernel density raster are closed and counter-clockwise', () => {
  const k = kde({ x: [100, 130, 400, 410, 415], y: [100, 110, 300, 290, 310] }, { cellSize: 10, bandwidth: 60 });
  let max = 0;
  for (const v of k.values) max = Math.max(max, v);
  for (const level of contours(k, [max * 0.1, max * 0.5, max * 0.9])) {
    assert.ok(level.polygons.length >= 1);
    for (const poly of level.polygons) { assertClosed(poly[0]); assert.ok(ringArea(poly[0]) > 0); }
  }
});

test('NaN cells count as no data (below every level)', () => {
  const r = raster([[5, NaN, 5]]);
  assert.equal(contours(r, [1])[0].polygons.length, 2);
});

test('does not change its input', () => {
  const copy = Float64Array.from(peak.values);
  const levels = [0.5, 2];
  contours(peak, levels);
  assert.deepEqual([...peak.values], [...copy]);
  assert.deepEqual(levels, [0.5, 2]);
});

test('bad input is rejected with a precise message', () => {
  assert.throws(() => contours(peak, [NaN]), /contours: levels\[0\] must be a finite number, got NaN/);
  assert.throws(() => contours({ ...peak, values: new Float64Array(3) }, [1]), /raster.values has 3 values, expected cols × rows = 25/);
  assert.throws(() => contours({ ...peak, cellSize: 0 }, [1]), /raster.cellSize must be a finite number > 0, got 0/);
  assert.throws(() => contours({ ...peak, cols: 0 }, [1]), /raster.cols must be an integer ≥ 1, got 0/);
  assert.throws(() => contours({ ...peak, originX: NaN }, [1]), /raster.originX must be a finite number, got NaN/);
  assert.throws(() => contours(peak, 1 as never), /levels must be an array of numbers/);
  assert.throws(() => contours(null as never, [1]), /raster \{ originX, originY, cellSize, cols, rows, values \} is required/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { binGrid, cellCenter, cellBounds, cellId, parseCellId, cellIndexAt } from './index.ts';

// Counts from base R on the Chicago arson points: fixtures/reference.R.
const ref = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as {
  x: number[]; y: number[];
  grids: { cellSize: number; col0: number; row0: number; cols: number; rows: number; counts: number[] }[];
};

test('counts per cell match an independent R binning of 522 real points', () => {
  for (const g of ref.grids) {
    const grid = binGrid(ref.x, ref.y, { cellSize: g.cellSize });
    assert.deepEqual([grid.col0, grid.row0, grid.cols, grid.rows], [g.col0, g.row0, g.cols, g.rows], `size ${g.cellSize}`);
    assert.deepEqual([...grid.counts], g.counts, `counts at size ${g.cellSize}`);
    assert.equal(grid.originX, g.col0 * g.cellSize);
    for (let i = 0; i < ref.x.length; i++) assert.equal(cellIndexAt(grid, ref.x[i], ref.y[i]), grid.cellOf![i]);
  }
});

test('small example: layout, row 0 is the southernmost, cell geometry and ids', () => {
  const g = binGrid([5, 15, 15], [5, 5, 25], { cellSize: 10 });
  assert.deepEqual([g.cols, g.rows, g.originX, g.originY], [2, 3, 0, 0]);
  assert.deepEqual([...g.counts], [1, 1, 0, 0, 0, 1]);
  assert.deepEqual([...g.cellOf!], [0, 1, 5]);
  assert.deepEqual(cellCenter(g, 5), [15, 25]);
  assert.deepEqual(cellBounds(g, 5), [10, 20, 20, 30]);
  assert.equal(cellId(g, 5), '10:1:2');
  assert.deepEqual(parseCellId('10:1:2'), { cellSize: 10, col: 1, row: 2 });
});

test('cells are stable between data sets: the same place has the same id', () => {
  const a = binGrid([676_100, 690_000], [6_534_100, 6_540_000], { cellSize: 250 });
  const b = binGrid([676_120, 600_000], [6_534_180, 6_500_000], { cellSize: 250 });
  assert.equal(cellId(a, a.cellOf![0]), '250:2704:26136');
  assert.equal(cellId(b, b.cellOf![0]), '250:2704:26136');
  const c = binGrid([-5], [-15], { cellSize: 10, alignX: 3, alignY: 3 });
  assert.equal(cellId(c, 0), '10:-1:-2');
  assert.deepEqual(cellBounds(c, 0), [-7, -17, 3, -7]);
});

test('explicit extent: snapped outward, outside points dropped, closed max edge', () => {
  const g = binGrid([0, 99.9, 100, 150, -1], [0, 50, 100, 10, 5], { cellSize: 50, extent: { minX: 0, minY: 0, maxX: 100, maxY: 100 } });
  assert.deepEqual([g.cols, g.rows], [2, 2]);
  assert.deepEqual([...g.cellOf!], [0, 3, 3, -1, -1]);
  assert.deepEqual([...g.counts], [1, 0, 0, 2]);
  const h = binGrid([], [], { cellSize: 40, extent: { minX: 10, minY: 10, maxX: 90, maxY: 50 } });
  assert.deepEqual([h.col0, h.row0, h.cols, h.rows, h.originX], [0, 0, 3, 2, 0]);
});

test('weights are summed per cell; cellOf can be switched off', () => {
  const g = binGrid([1, 2, 30], [1, 2, 1], { cellSize: 10, weights: [0.5, 2, 1], cellOf: false });
  assert.deepEqual([...g.counts], [2.5, 0, 0, 1]);
  assert.equal(g.cellOf, undefined);
});

test('does not change its input', () => {
  const x = [...ref.x], y = [...ref.y], w = x.map(() => 2);
  const e = { minX: 355000, minY: 570000, maxX: 360000, maxY: 580000 };
  binGrid(x, y, { cellSize: 500, weights: w, extent: e });
  assert.deepEqual([x, y], [ref.x, ref.y]);
  assert.deepEqual(w, ref.x.map(() => 2));
  assert.deepEqual(e, { minX: 355000, minY: 570000, maxX: 360000, maxY: 580000 });
});

test('rejects bad input with precise messages', () => {
  assert.throws(() => binGrid([1], [1], { cellSize: 0 }), /binGrid: options.cellSize must be a positive finite number, got 0/);
  assert.throws(() => binGrid([1], [1], { cellSize: NaN }), /got NaN/);
  assert.throws(() => binGrid([1, 2], [1], { cellSize: 1 }), /x has 2 values but y has 1/);
  assert.throws(() => binGrid([1, NaN], [1, 2], { cellSize: 1 }), /point 1 has a non-finite coordinate \(NaN, 2\)/);
  assert.throws(() => binGrid([1, NaN], [1, 2], { cellSize: 1, extent: { minX: 0, minY: 0, maxX: 5, maxY: 5 } }), /point 1 has a non-finite coordinate \(NaN, 2\)/);
  assert.throws(() => binGrid([], [], { cellSize: 1 }), /no points and no options.extent/);
  assert.throws(() => binGrid([1], [1], { cellSize: 1, weights: [1, 2] }), /options.weights has 2 values, expected 1/);
  assert.throws(() => binGrid([1], [1], { cellSize: 1, weights: [NaN] }), /options.weights\[0\] is not a finite number/);
  assert.throws(() => binGrid([0, 1e6], [0, 1e6], { cellSize: 1 }), /more than maxCells 50000000/);
  assert.throws(() => binGrid([1], [1], { cellSize: 1, extent: { minX: 5, minY: 0, maxX: 5, maxY: 1 } }), /options.extent is empty/);
  const g = binGrid([1], [1], { cellSize: 1 });
  assert.throws(() => cellCenter(g, 1), /cellCenter: cell index must be an integer in \[0, 1\), got 1/);
  assert.throws(() => parseCellId('abc'), /parseCellId: not a cell id/);
});

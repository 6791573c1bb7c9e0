import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeCounts, mergeGridCells, mergeNewest } from './merge-aggregates.ts';
import type { PointRow, RankedCell } from './aggregates.ts';

const cell = (col: number, row: number, count: number, x: number, y: number, categoryId: string, categoryCount: number, id = ''): RankedCell =>
  ({ col, row, count, x, y, categoryId, categoryCount, id, occurredFrom: new Date(id ? Date.UTC(2026, 10, 1) : 0), reviewStatus: id ? 'new' : '' });

const A1 = 'a1000000-0000-4000-8000-000000000000', A2 = 'a2000000-0000-4000-8000-000000000000';
const B1 = 'b1000000-0000-4000-8000-000000000000', B2 = '0b200000-0000-4000-8000-000000000000';

test('cells of one municipality alone pass as they are, the single incident of a cell of one kept', () => {
  const a = [cell(1, 1, 3, 10, 10, A1, 2), cell(2, 1, 1, 20, 10, A2, 1, 'c0000000-0000-4000-8000-000000000001')];
  const b = [cell(5, 5, 4, 50, 50, B1, 4)];
  const m = mergeGridCells([a, b]);
  assert.equal(m.length, 3);
  assert.equal(m.find((c) => c.col === 2), a[1], 'the cell of one is the part\'s own');
  assert.equal(m.find((c) => c.col === 5), b[0]);
  assert.deepEqual(mergeGridCells([a]), a, 'one part is the answer');
});

test('a cell on the boundary: counts added, the position weighted by them, the commonest category of either part', () => {
  // Alingsås 3 (2 of A1) at (10, 20); Vårgårda 1 at (30, 40): together 4, at the mean of all four.
  const [m] = mergeGridCells([[cell(1, 1, 3, 10, 20, A1, 2)], [cell(1, 1, 1, 30, 40, B1, 1, 'c0000000-0000-4000-8000-000000000001')]]);
  assert.deepEqual({ ...m }, { col: 1, row: 1, count: 4, x: 15, y: 25, categoryId: A1, categoryCount: 2, id: '', occurredFrom: new Date(0), reviewStatus: '' });
  // The commonest of the second part when it has more of its category than the first of its own.
  const [n] = mergeGridCells([[cell(1, 1, 5, 0, 0, A1, 2)], [cell(1, 1, 3, 0, 0, B1, 3)]]);
  assert.equal(n.categoryId, B1);
  assert.equal(n.categoryCount, 3);
});

test('among categories of equal count, the smaller id (as mode() over the ids), in whichever order the parts come', () => {
  const a = [cell(1, 1, 4, 0, 0, A1, 2)], b = [cell(1, 1, 2, 0, 0, B2, 2)];
  assert.equal(mergeGridCells([a, b])[0].categoryId, B2);
  assert.equal(mergeGridCells([b, a])[0].categoryId, B2);
  // Three parts: the cell merged twice.
  const c = [cell(1, 1, 6, 0, 0, B1, 3)];
  const [m] = mergeGridCells([a, b, c]);
  assert.equal(m.count, 12);
  assert.equal(m.categoryId, B1);
});

const point = (id: string, at: string): PointRow => ({ id, x: 0, y: 0, categoryId: A1, occurredFrom: new Date(at), reviewStatus: 'new' });

test('the newest points of several parts: newest first, the larger id first at the same start, at most the limit', () => {
  const a = [point('a3', '2026-11-03T10:00:00Z'), point('a2', '2026-11-02T10:00:00Z'), point('a1', '2026-11-01T10:00:00Z')];
  const b = [point('b3', '2026-11-02T10:00:00Z'), point('b1', '2026-10-30T10:00:00Z')];
  assert.deepEqual(mergeNewest([a, b], 4).map((p) => p.id), ['a3', 'b3', 'a2', 'a1']);
  assert.deepEqual(mergeNewest([b, a], 10).map((p) => p.id), ['a3', 'b3', 'a2', 'a1', 'b1']);
  assert.deepEqual(mergeNewest([a], 2).map((p) => p.id), ['a3', 'a2']);
  assert.deepEqual(mergeNewest([[], []], 5), []);
});

test('counts per cell of several parts: a cell in more than one holds their sum, the others pass as they are', () => {
  const a = [{ col: 1, row: 1, count: 3 }, { col: 2, row: 1, count: 1 }];
  const b = [{ col: 2, row: 1, count: 4 }, { col: 5, row: 5, count: 2 }];
  const c = [{ col: 2, row: 1, count: 2 }];
  const key = (x: { col: number; row: number }) => `${x.col}:${x.row}`;
  const sorted = (xs: Array<{ col: number; row: number; count: number }>) => [...xs].sort((x, y) => key(x).localeCompare(key(y)));
  assert.deepEqual(sorted(mergeCounts([a, b, c])), [{ col: 1, row: 1, count: 3 }, { col: 2, row: 1, count: 7 }, { col: 5, row: 5, count: 2 }]);
  assert.equal(mergeCounts([a]), a);
  assert.deepEqual(a, [{ col: 1, row: 1, count: 3 }, { col: 2, row: 1, count: 1 }], 'the parts are left as they were');
});

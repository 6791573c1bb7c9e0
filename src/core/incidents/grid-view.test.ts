import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transform } from '../geo/index.ts';
import { pointInRing } from '../geo/polygon.ts';
import { createRandom } from '../random/index.ts';
import { gridExtent, gridViewCells, wholeCells, type GridView } from './grid-view.ts';
import { referenceRing, VIEWS } from '../../../test/support/map-views.ts';

const SIZES = [50, 75, 100, 200, 250, 500, 1000, 2000];

const has = (g: GridView, c: number, r: number) => c >= g.c0 && c <= g.c1 && r >= g.lo[c - g.c0] && r <= g.hi[c - g.c0];

test('every point of a view lies in one of its grid cells, at every cell size', () => {
  const rnd = createRandom(5);
  for (const [name, [w, s, e, n]] of VIEWS) {
    const points = [...referenceRing([w, s, e, n]), ...Array.from({ length: 3000 }, () => transform(4326, 3006, w + rnd.next() * (e - w), s + rnd.next() * (n - s)))];
    for (const size of SIZES) {
      const g = gridViewCells([w, s, e, n], size);
      assert.ok(g, name);
      for (const [x, y] of points) assert.ok(has(g, Math.floor(x / size), Math.floor(y / size)), `${name}, ${size} m: ${x}, ${y}`);
    }
  }
});

test('every grid cell of a view touches it: no more than the cells it reaches into', () => {
  for (const [name, box] of VIEWS) {
    const r = referenceRing(box);
    const inside = (x: number, y: number) => pointInRing(x, y, r);
    for (const size of SIZES) {
      const g = gridViewCells(box, size)!;
      if ((g.c1 - g.c0 + 1) * (g.r1 - g.r0 + 1) > 200_000) continue;
      for (let c = g.c0; c <= g.c1; c++) {
        for (let row = g.lo[c - g.c0]; row <= g.hi[c - g.c0]; row++) {
          // The cell grown by the few metres the view's edge may be off (and, in a grid not of 50 m
          // cells, by the 50 m column it is found by): a corner in the view, or the view's edge through it.
          const m = size % 50 === 0 ? 3 : 53;
          const [x0, y0, x1, y1] = [c * size - m, row * size - m, (c + 1) * size + m, (row + 1) * size + m];
          const touched = [[x0, y0], [x1, y0], [x0, y1], [x1, y1]].some(([x, y]) => inside(x, y))
            || r.some(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1);
          assert.ok(touched, `${name}, ${size} m: cell ${c}:${row} does not touch the view`);
        }
      }
    }
  }
});

test('a grid of a multiple of 50 m is whole rollup cells: each 50 m cell is in it exactly when its grid cell is', () => {
  for (const [name, box] of VIEWS.slice(0, 4)) {
    for (const size of [50, 100, 200, 250, 1000]) {
      const g = gridViewCells(box, size)!;
      const inner = wholeCells(g);
      const k = size / 50;
      assert.equal(inner.whole, k);
      assert.deepEqual(inner.edge, []);
      assert.equal(inner.c0 % k, 0);
      assert.equal((inner.c1 + 1) % k, 0);
      const [x0, y0, x1, y1] = gridExtent(g);
      for (let c = x0 / 50; c < x1 / 50; c++) {
        for (let r = y0 / 50; r < y1 / 50; r++) {
          const inInner = c >= inner.c0 && c <= inner.c1 && r >= inner.lo[c - inner.c0] && r <= inner.hi[c - inner.c0];
          assert.equal(inInner, has(g, Math.floor(c / k), Math.floor(r / k)), `${name}, ${size} m: 50 m cell ${c}:${r}`);
        }
      }
    }
  }
  assert.throws(() => wholeCells(gridViewCells(VIEWS[0][1], 75)!), RangeError);
});

test('a view outside Sweden has no cells', () => {
  assert.equal(gridViewCells([-10, 40, -9, 41], 250), null);
});

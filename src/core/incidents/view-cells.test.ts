import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transform } from '../geo/index.ts';
import { pointInRing, rectInside } from '../geo/polygon.ts';
import { createRandom } from '../random/index.ts';
import { innerCells, insideCells, type InnerCells } from './view-cells.ts';
import { referenceRing, VIEWS } from '../../../test/support/map-views.ts';

/** Whether the square [x − g, x + 50 + g] × [y − g, y + 50 + g] lies wholly inside the ring. */
const squareInside = (ring: Array<[number, number]>, x: number, y: number, g = 0) =>
  rectInside([ring], (px, py) => pointInRing(px, py, ring), { minX: x - g, minY: y - g, maxX: x + 50 + g, maxY: y + 50 + g });

const cellOf = (inner: InnerCells, x: number, y: number) => {
  const c = Math.floor(x / 50), r = Math.floor(y / 50);
  return c >= inner.c0 && c <= inner.c1 && r >= inner.lo[c - inner.c0] && r <= inner.hi[c - inner.c0];
};

for (const [name, box] of VIEWS) {
  test(`the inner cells of a view lie inside it, and no more of it is left to its edge than the cells it cuts: ${name}`, () => {
    const inner = innerCells(box);
    assert.ok(inner, 'the view has inner cells');
    const ring = referenceRing(box);
    // A column's cells lie between its lowest and its highest inner cell: those two decide.
    const step = Math.max(1, Math.floor((inner.c1 - inner.c0) / 400));
    for (let c = inner.c0; c <= inner.c1; c += step) {
      const lo = inner.lo[c - inner.c0], hi = inner.hi[c - inner.c0];
      if (lo > hi) continue;
      assert.ok(squareInside(ring, c * 50, lo * 50), `column ${c}: its lowest inner cell ${lo} lies inside`);
      assert.ok(squareInside(ring, c * 50, hi * 50), `column ${c}: its highest inner cell ${hi} lies inside`);
      // Tight: the cell below (above) the column's cells is cut by the edge, or within 2 m of it.
      assert.ok(!squareInside(ring, c * 50, (lo - 1) * 50, 2), `column ${c}: the cell below ${lo} is cut by the edge`);
      assert.ok(!squareInside(ring, c * 50, (hi + 1) * 50, 2), `column ${c}: the cell above ${hi} is cut by the edge`);
    }
    assert.ok(inner.r0 === Math.min(...inner.lo.filter((l, i) => l <= inner.hi[i])) && inner.r1 === Math.max(...inner.hi.filter((h, i) => inner.lo[i] <= h)));
    assert.ok(inner.edge.length <= 64, `${inner.edge.length} rectangles along the edge`);
  });

  test(`every point of a view lies in an inner cell or in a rectangle along its edge: ${name}`, () => {
    const inner = innerCells(box)!;
    const rnd = createRandom(7);
    const [w, s, e, n] = box;
    const points: Array<[number, number]> = [];
    for (let k = 0; k < 4000; k++) points.push([w + rnd.next() * (e - w), s + rnd.next() * (n - s)]);
    // And the edge itself, corners included, where the database's ST_Intersects counts an incident.
    for (let k = 0; k <= 400; k++) {
      const u = k / 400;
      points.push([w + u * (e - w), s], [w + u * (e - w), n], [w, s + u * (n - s)], [e, s + u * (n - s)]);
    }
    const inRect = (x: number, y: number) => inner.edge.some(([a, b, c, d]) => x >= a && x <= c && y >= b && y <= d);
    for (const [lon, lat] of points) {
      const [x, y] = transform(4326, 3006, lon, lat);
      assert.ok(cellOf(inner, x, y) || inRect(x, y), `(${lon}, ${lat}) → (${x}, ${y}) is neither in an inner cell nor along the edge`);
    }
  });

  // The monthly rollups' and totals' 250 m cells, and the totals' 100 m cells.
  for (const [k, size] of [[5, 250], [2, 100]]) {
    test(`the ${size} m cells are whole ${size} m cells among the inner cells: ${name}`, () => {
      const inner = innerCells(box)!;
      const blocks = insideCells(inner.view, k);
      if (!blocks) return;
      assert.equal(blocks.c0 % k, 0);
      assert.equal((blocks.c1 + 1) % k, 0);
      for (let c = blocks.c0; c <= blocks.c1; c++) {
        const lo = blocks.lo[c - blocks.c0], hi = blocks.hi[c - blocks.c0];
        if (lo > hi) continue;
        assert.ok(lo % k === 0 && (hi + 1) % k === 0, `column ${c}: rows ${lo}–${hi} are whole ${size} m cells`);
        assert.ok(c >= inner.c0 && c <= inner.c1 && lo >= inner.lo[c - inner.c0] && hi <= inner.hi[c - inner.c0], `column ${c}: inside the 50 m inner cells`);
      }
    });
  }
}

test('a district view (zoom 14) leaves a band along its edge as wide as the cells it cuts, not the wedge its turn makes', () => {
  // Stockholm lies 3° east of the central meridian: projected, a view is turned by about 2.6°. The
  // largest upright rectangle inside a 2.8 km view left a wedge up to 240 m wide along its top.
  const box = VIEWS[1][1];
  const inner = innerCells(box)!;
  const [x0, y0, x1, y1] = inner.view.extent;
  const perimeter = 2 * (x1 - x0 + y1 - y0);
  const edgeArea = inner.edge.reduce((sum, [a, b, c, d]) => sum + (c - a) * (d - b), 0);
  assert.ok(edgeArea / perimeter < 100, `the rectangles along the edge are ${(edgeArea / perimeter).toFixed(0)} m wide on average`);
});

test('no inner cells where the view lies outside Sweden or is smaller than a cell', () => {
  assert.equal(innerCells([-10, 40, -9, 41]), null);
  assert.equal(innerCells([12.5200, 57.9200, 12.5204, 57.9202]), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRandom } from '../random/index.ts';
import { bandedPolygon } from './banded-polygon.ts';
import { bbox, boundaryRings, flattenRings, pointInMultiPolygon, rectInside, type MultiPolygonRings, type Ring } from './polygon.ts';
import { transform } from './crs.ts';

const data = new URL('../../../../shared/data/', import.meta.url);
const alingsas = boundaryRings(JSON.parse(readFileSync(new URL('boundaries/alingsas_1489_kommun_scb2024_sweref99tm.geojson', data), 'utf8')));
const withHole: MultiPolygonRings = [[...alingsas[0], [[352000, 6420000], [352000, 6425000], [356000, 6425000], [356000, 6420000], [352000, 6420000]]]];
/** A lon/lat box over Alingsås as the map sends it, in SWEREF 99 TM with 16 points per side. */
const lonLatBox: MultiPolygonRings = (() => {
  const ring: Array<[number, number]> = [];
  const side = (x0: number, y0: number, x1: number, y1: number) => {
    for (let k = 0; k < 16; k++) ring.push(transform(4326, 3006, x0 + ((x1 - x0) * k) / 16, y0 + ((y1 - y0) * k) / 16));
  };
  side(12.3, 57.85, 12.75, 57.85); side(12.75, 57.85, 12.75, 58.0); side(12.75, 58.0, 12.3, 58.0); side(12.3, 58.0, 12.3, 57.85);
  ring.push(ring[0]);
  return [[ring]];
})();
const shapes = { 'the Alingsås boundary': alingsas, 'the boundary with a hole': withHole, 'a lon/lat box': lonLatBox };

/** The distance from (x, y) to the nearest edge of any ring, edge by edge. */
function distanceToEdges(x: number, y: number, rings: Ring[]): number {
  let best = Infinity;
  for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [x0, y0] = r[j], dx = r[i][0] - x0, dy = r[i][1] - y0;
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(x0 + t * dx - x, y0 + t * dy - y));
  }
  return best;
}

for (const [name, shape] of Object.entries(shapes)) {
  test(`banded: the same inside/outside as the plain even–odd test, on 100,000 points and at every vertex (${name})`, () => {
    const banded = bandedPolygon(shape);
    const b = bbox(shape);
    const r = createRandom(5);
    let inside = 0;
    for (let k = 0; k < 100_000; k++) {
      const x = b.minX - 500 + r.next() * (b.maxX - b.minX + 1000), y = b.minY - 500 + r.next() * (b.maxY - b.minY + 1000);
      const want = pointInMultiPolygon(x, y, shape);
      inside += want ? 1 : 0;
      assert.equal(banded.contains(x, y), want, `${x},${y}`);
    }
    assert.ok(inside > 20_000, 'not vacuous');
    // Vertices and points a hair from them: where a band's edge list is most likely to miss one.
    for (const ring of flattenRings(shape)) for (const [vx, vy] of ring) {
      for (const [dx, dy] of [[0, 0], [1e-7, 0], [0, 1e-7], [-1e-7, -1e-7], [0.5, -0.5], [-3, 2]]) {
        assert.equal(banded.contains(vx + dx, vy + dy), pointInMultiPolygon(vx + dx, vy + dy, shape), `${vx + dx},${vy + dy}`);
      }
    }
  });

  test(`banded: near an edge exactly when the distance says so, and never wrong about a point's side (${name})`, () => {
    const banded = bandedPolygon(shape);
    const rings = flattenRings(shape);
    const r = createRandom(6);
    let near = 0;
    for (let k = 0; k < 3000; k++) {
      // Points close to the boundary: a random vertex, moved by up to 20 m.
      const ring = rings[r.int(rings.length)], [vx, vy] = ring[r.int(ring.length)];
      const x = vx + (r.next() - 0.5) * 40, y = vy + (r.next() - 0.5) * 40, d = 0.5 + r.next() * 5;
      const dist = distanceToEdges(x, y, rings);
      if (dist <= d) { near++; assert.equal(banded.nearEdge(x, y, d), true, `${x},${y} is ${dist} m from an edge, d ${d}`); }
      if (!banded.nearEdge(x, y, d)) {
        assert.ok(dist > d);
        // Then the whole neighbourhood is on the point's side.
        for (const [dx, dy] of [[d, 0], [-d, 0], [0, d], [0, -d], [0.7 * d, 0.7 * d]]) {
          assert.equal(pointInMultiPolygon(x + 0.99 * dx, y + 0.99 * dy, shape), banded.contains(x, y));
        }
      }
    }
    assert.ok(near > 300, `not vacuous (${near})`);
  });

  test(`banded: a rectangle is inside exactly when the plain test says so (${name})`, () => {
    const banded = bandedPolygon(shape);
    const rings = flattenRings(shape);
    const contains = (x: number, y: number) => pointInMultiPolygon(x, y, shape);
    const b = bbox(shape);
    const r = createRandom(8);
    let inside = 0;
    for (let k = 0; k < 5000; k++) {
      const size = [50, 100, 400, 1600][k % 4];
      const x = b.minX + r.next() * (b.maxX - b.minX), y = b.minY + r.next() * (b.maxY - b.minY);
      const rect = { minX: x, minY: y, maxX: x + size, maxY: y + size };
      const want = rectInside(rings, contains, rect);
      inside += want ? 1 : 0;
      assert.equal(banded.rectInside(rect), want, JSON.stringify(rect));
    }
    assert.ok(inside > 500 && inside < 4900, `not vacuous (${inside})`);
  });
}

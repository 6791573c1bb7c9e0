/**
 * Spatial conditions of an index query: a polygon or a WGS84 box prepared once (bands of edges, a
 * rectangle known to be inside), and both at once. Pure.
 */
import { bandedPolygon, boundaryRings, createPointInPolygon, transform } from '../geo/index.ts';
import type { IndexFilter } from './query.ts';

export type Within = NonNullable<IndexFilter['within']>;

/** A polygon (GeoJSON in EPSG:3006) as a fast spatial condition. */
export function withinGeometry(geojson3006: unknown): Within {
  const rings = boundaryRings(geojson3006);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const poly of rings) for (const [x, y] of poly[0]) {
    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
  }
  // The grid answers most points at once; the bands test rectangles and nearness on a few edges.
  const banded = bandedPolygon(rings);
  return { minX, minY, maxX, maxY, contains: createPointInPolygon(rings, banded), covers: banded.rectInside, nearEdge: banded.nearEdge };
}

/** A WGS84 bbox as the polygon it is in EPSG:3006 (edges densified: a lon/lat box is curved there). */
export function withinBbox([w, s, e, n]: [number, number, number, number]): Within {
  const ring: Array<[number, number]> = [];
  const steps = 16;
  const edge = (x0: number, y0: number, x1: number, y1: number) => {
    for (let k = 0; k < steps; k++) ring.push(transform(4326, 3006, x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps));
  };
  edge(w, s, e, s); edge(e, s, e, n); edge(e, n, w, n); edge(w, n, w, s);
  ring.push(ring[0]);
  // The edges in order bottom, right, top, left: the innermost of each bounds a rectangle inside.
  const side = (k: number) => ring.slice(k * steps, (k + 1) * steps + 1);
  const inner = {
    minY: Math.max(...side(0).map((p) => p[1])), maxX: Math.min(...side(1).map((p) => p[0])),
    maxY: Math.min(...side(2).map((p) => p[1])), minX: Math.max(...side(3).map((p) => p[0])),
  };
  // Only the thin strip between the rectangle and the curved edges needs the exact test, on the
  // few edges of the point's band.
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  const banded = bandedPolygon([[ring]]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys), contains: banded.contains, inner, covers: banded.rectInside, nearEdge: banded.nearEdge };
}

/** A condition nothing meets (an area the caller may not see). */
export const NOTHING: Within = { minX: 1, minY: 1, maxX: 0, maxY: 0, contains: () => false };

/** Both spatial conditions (either may be absent). */
export function both(a: Within | undefined, b: Within | undefined): Within | undefined {
  if (!a || !b) return a ?? b;
  return {
    minX: Math.max(a.minX, b.minX), minY: Math.max(a.minY, b.minY), maxX: Math.min(a.maxX, b.maxX), maxY: Math.min(a.maxY, b.maxY),
    contains: (x, y) => a.contains(x, y) && b.contains(x, y),
    covers: a.covers && b.covers ? (r) => a.covers!(r) && b.covers!(r) : undefined,
    nearEdge: a.nearEdge && b.nearEdge ? (x, y, d) => a.nearEdge!(x, y, d) || b.nearEdge!(x, y, d) : undefined,
    inner: a.inner && b.inner ? {
      minX: Math.max(a.inner.minX, b.inner.minX), minY: Math.max(a.inner.minY, b.inner.minY),
      maxX: Math.min(a.inner.maxX, b.inner.maxX), maxY: Math.min(a.inner.maxY, b.inner.maxY),
    } : undefined,
  };
}

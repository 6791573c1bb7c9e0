import type { BBox, MultiPolygonRings, Ring } from './types.ts';
import { segmentMeetsRect } from './segment-rect.ts';

/**
 * A shape prepared for many point and rectangle tests. Its edges are bucketed by horizontal band,
 * so that a test reads only the edges whose height reaches the point's band: a handful instead of
 * every edge of the ring (a lon/lat box in SWEREF 99 TM has 64, a municipality thousands).
 */
export interface BandedPolygon {
  /** Even–odd over every ring, with the same arithmetic as pointInRing: the same answer for every point. */
  contains(x: number, y: number): boolean;
  /**
   * Whether an edge passes within d of (x, y) (or a little farther). When it answers false, every
   * point closer than d to (x, y) lies on the same side of the boundary: a position known only to
   * within d is still decided.
   */
  nearEdge(x: number, y: number, d: number): boolean;
  /** Whether the rectangle lies wholly inside: its corners are inside and no edge meets it. */
  rectInside(r: BBox): boolean;
}

export function bandedPolygon(polygons: MultiPolygonRings): BandedPolygon {
  const rings: Ring[] = [];
  for (const p of polygons) for (const r of p) rings.push(r);
  let count = 0, minY = Infinity, maxY = -Infinity;
  for (const r of rings) {
    count += r.length;
    for (const p of r) { if (p[1] < minY) minY = p[1]; if (p[1] > maxY) maxY = p[1]; }
  }
  // About two edges per band for a long boundary; at most a few thousand bands.
  const bands = Math.max(1, Math.min(4096, Math.ceil(count / 2)));
  const height = (maxY - minY) / bands || 1;
  // Monotone in y (a subtraction and a division by a positive constant round monotonically): an
  // edge spanning [lo, hi] is in every band a y between them falls in, whatever the rounding.
  const bandOf = (y: number) => Math.max(0, Math.min(bands - 1, Math.floor((y - minY) / height)));
  const each = (visit: (xj: number, yj: number, xi: number, yi: number) => void) => {
    for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) visit(r[j][0], r[j][1], r[i][0], r[i][1]);
  };
  const start = new Uint32Array(bands + 1);
  each((_xj, yj, _xi, yi) => {
    for (let b = bandOf(Math.min(yi, yj)), last = bandOf(Math.max(yi, yj)); b <= last; b++) start[b + 1]++;
  });
  for (let b = 0; b < bands; b++) start[b + 1] += start[b];
  // Per band, its edges as (xj, yj, xi, yi): the order pointInRing reads them in.
  const e = new Float64Array(start[bands] * 4);
  const fill = start.slice(0, bands);
  each((xj, yj, xi, yi) => {
    for (let b = bandOf(Math.min(yi, yj)), last = bandOf(Math.max(yi, yj)); b <= last; b++) {
      const k = fill[b]++ * 4;
      e[k] = xj; e[k + 1] = yj; e[k + 2] = xi; e[k + 3] = yi;
    }
  });

  const contains = (x: number, y: number): boolean => {
    if (!(y >= minY && y <= maxY)) return false;
    const b = bandOf(y);
    let inside = false;
    for (let k = start[b] * 4, end = start[b + 1] * 4; k < end; k += 4) {
      const xj = e[k], yj = e[k + 1], xi = e[k + 2], yi = e[k + 3];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };

  const nearEdge = (x: number, y: number, d: number): boolean => {
    if (y + d < minY || y - d > maxY) return false;
    const d2 = d * d;
    for (let b = bandOf(y - d), last = bandOf(y + d); b <= last; b++) {
      for (let k = start[b] * 4, end = start[b + 1] * 4; k < end; k += 4) {
        const x0 = e[k], y0 = e[k + 1], x1 = e[k + 2], y1 = e[k + 3];
        // Most edges of a band are far from the point sideways: a comparison rules them out.
        if ((x0 < x - 2 * d && x1 < x - 2 * d) || (x0 > x + 2 * d && x1 > x + 2 * d) || (y0 < y - 2 * d && y1 < y - 2 * d) || (y0 > y + 2 * d && y1 > y + 2 * d)) continue;
        const dx = x1 - x0, dy = y1 - y0;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2)) : 0;
        const px = x0 + t * dx - x, py = y0 + t * dy - y;
        // Twice the distance: the projection's own rounding must not let a close edge slip by.
        if (px * px + py * py <= 4 * d2) return true;
      }
    }
    return false;
  };

  const rectInside = (r: BBox): boolean => {
    if (!contains(r.minX, r.minY) || !contains(r.maxX, r.minY) || !contains(r.maxX, r.maxY) || !contains(r.minX, r.maxY)) return false;
    // An edge that meets the rectangle has a point with a y inside it: it is in one of these bands.
    for (let b = bandOf(r.minY), last = bandOf(r.maxY); b <= last; b++) {
      for (let k = start[b] * 4, end = start[b + 1] * 4; k < end; k += 4) {
        const x0 = e[k], y0 = e[k + 1], x1 = e[k + 2], y1 = e[k + 3];
        if ((x0 < r.minX && x1 < r.minX) || (x0 > r.maxX && x1 > r.maxX) || (y0 < r.minY && y1 < r.minY) || (y0 > r.maxY && y1 > r.maxY)) continue;
        if (segmentMeetsRect(x0, y0, x1, y1, r)) return false;
      }
    }
    return true;
  };

  return { contains, nearEdge, rectInside };
}

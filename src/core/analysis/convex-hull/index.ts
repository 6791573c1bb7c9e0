/**
 * Convex hull of 2-D points by Andrew's monotone chain (A. M. Andrew, "Another efficient algorithm for
 * convex hulls in two dimensions", Inf. Process. Lett. 9, 1979): sort by x then y, build the lower and
 * upper chains, O(n log n). Collinear points on the hull's edges are dropped, so the hull holds only
 * its corners, counter-clockwise.
 */

/** Points as two coordinate arrays of equal length (plain arrays or typed arrays). */
export interface Points2D {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** Check a Points2D argument: equal lengths, finite coordinates. Shared with the other point operations. */
export function checkPoints(points: Points2D, fn: string, minPoints = 1): number {
  if (points === null || typeof points !== 'object' || !points.x || !points.y ||
      typeof points.x.length !== 'number' || typeof points.y.length !== 'number') {
    throw new TypeError(`${fn}: points must be { x, y } with two arrays of coordinates`);
  }
  const n = points.x.length;
  if (points.y.length !== n) throw new RangeError(`${fn}: points.x has ${n} coordinates but points.y has ${points.y.length}`);
  if (n < minPoints) {
    throw new RangeError(`${fn}: needs at least ${minPoints} point${minPoints === 1 ? '' : 's'}, got ${n}`);
  }
  for (let i = 0; i < n; i++) {
    const xi = points.x[i];
    const yi = points.y[i];
    if (typeof xi !== 'number' || !Number.isFinite(xi)) throw new RangeError(`${fn}: points.x[${i}] must be a finite number, got ${xi}`);
    if (typeof yi !== 'number' || !Number.isFinite(yi)) throw new RangeError(`${fn}: points.y[${i}] must be a finite number, got ${yi}`);
  }
  return n;
}

/**
 * Indices of the convex hull's corners, counter-clockwise, starting at the lowest-x (then lowest-y)
 * point, not repeated at the end. Fewer than three distinct, non-collinear points give the distinct
 * extreme points (0, 1 or 2 indices).
 *
 * @param {Points2D} points the points
 * @returns {Uint32Array} hull corner indices into points
 * @example
 * convexHull({ x: [0, 2, 2, 0, 1], y: [0, 0, 2, 2, 1] }); // Uint32Array [0, 1, 2, 3]
 */
export function convexHull(points: Points2D): Uint32Array {
  let n = checkPoints(points, 'convexHull', 1);
  const { x, y } = points;
  const order = candidates(x, y, n);
  order.sort((a, b) => x[a] - x[b] || y[a] - y[b] || a - b);
  n = order.length;
  const hull = new Uint32Array(2 * n + 1);
  let k = 0;
  const cross = (o: number, a: number, b: number) => (x[a] - x[o]) * (y[b] - y[o]) - (y[a] - y[o]) * (x[b] - x[o]);
  // Lower chain, left to right.
  for (let i = 0; i < n; i++) {
    const p = order[i];
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) k--;
    hull[k++] = p;
  }
  // Upper chain, right to left.
  const lower = k + 1;
  for (let i = n - 2; i >= 0; i--) {
    const p = order[i];
    while (k >= lower && cross(hull[k - 2], hull[k - 1], p) <= 0) k--;
    hull[k++] = p;
  }
  k--; // the last point repeats the first
  // All points identical: the chains collapse to the same point twice.
  if (k === 2 && x[hull[0]] === x[hull[1]] && y[hull[0]] === y[hull[1]]) k = 1;
  if (k < 1) k = 1;
  return hull.slice(0, k);
}

/**
 * Akl–Toussaint heuristic (S. G. Akl, G. T. Toussaint, Inf. Process. Lett. 7, 1978): the points
 * extreme in the eight directions x, y, x + y, x − y span a convex octagon inside the hull; points
 * strictly inside it cannot be corners, so only the others are sorted. Removes most points of
 * realistic data, which turns a million-point hull from seconds into milliseconds.
 */
function candidates(x: ArrayLike<number>, y: ArrayLike<number>, n: number): Uint32Array {
  const all = () => { const o = new Uint32Array(n); for (let i = 0; i < n; i++) o[i] = i; return o; };
  if (n < 16) return all();
  // Extremes, counter-clockwise from the leftmost: min x, min x+y, min y, max x−y, max x, max x+y, max y, min x−y.
  const ext = new Uint32Array(8);
  const best = new Float64Array(8).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const xi = x[i], yi = y[i];
    const s = xi + yi, d = xi - yi;
    if (xi < best[0]) { best[0] = xi; ext[0] = i; }
    if (s < best[1]) { best[1] = s; ext[1] = i; }
    if (yi < best[2]) { best[2] = yi; ext[2] = i; }
    if (-d < best[3]) { best[3] = -d; ext[3] = i; }
    if (-xi < best[4]) { best[4] = -xi; ext[4] = i; }
    if (-s < best[5]) { best[5] = -s; ext[5] = i; }
    if (-yi < best[6]) { best[6] = -yi; ext[6] = i; }
    if (d < best[7]) { best[7] = d; ext[7] = i; }
  }
  const poly: number[] = [];
  for (let k = 0; k < 8; k++) {
    const e = ext[k];
    const last = poly.length ? poly[poly.length - 1] : -1;
    if (last === -1 || x[e] !== x[last] || y[e] !== y[last]) poly.push(e);
  }
  while (poly.length > 1 && x[poly[0]] === x[poly[poly.length - 1]] && y[poly[0]] === y[poly[poly.length - 1]]) poly.pop();
  if (poly.length < 3) return all();
  const m = poly.length;
  const ex = new Float64Array(m), ey = new Float64Array(m), dx = new Float64Array(m), dy = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const a = poly[k], b = poly[(k + 1) % m];
    ex[k] = x[a]; ey[k] = y[a]; dx[k] = x[b] - x[a]; dy[k] = y[b] - y[a];
  }
  const keep = new Uint32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    let inside = true;
    for (let k = 0; k < m; k++) {
      // Strictly left of every edge (counter-clockwise polygon) means strictly inside.
      if (dx[k] * (y[i] - ey[k]) - dy[k] * (x[i] - ex[k]) <= 0) { inside = false; break; }
    }
    if (!inside) keep[count++] = i;
  }
  return keep.slice(0, count);
}

/**
 * Area of a polygon given by corner indices (shoelace formula, absolute value).
 *
 * @param {Points2D} points the points
 * @param {ArrayLike<number>} ring corner indices in order (not closed)
 * @returns {number} the area (0 for fewer than three corners)
 * @example
 * polygonArea({ x: [0, 2, 2, 0], y: [0, 0, 2, 2] }, [0, 1, 2, 3]); // 4
 */
export function polygonArea(points: Points2D, ring: ArrayLike<number>): number {
  if (ring.length < 3) return 0;
  const { x, y } = points;
  // Shift to the first corner so large projected coordinates (6.4e6 m northings) lose no precision.
  const x0 = x[ring[0]];
  const y0 = y[ring[0]];
  let s = 0;
  for (let i = 1; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    s += (x[a] - x0) * (y[b] - y0) - (x[b] - x0) * (y[a] - y0);
  }
  return Math.abs(s) / 2;
}

/**
 * Area of the convex hull of the points.
 *
 * @param {Points2D} points the points
 * @returns {number} the hull's area (0 when all points are collinear)
 * @example
 * convexHullArea({ x: [0, 2, 2, 0, 1], y: [0, 0, 2, 2, 1] }); // 4
 */
export function convexHullArea(points: Points2D): number {
  return polygonArea(points, convexHull(points));
}

/**
 * The hull as a closed GeoJSON-style ring (first position repeated last), counter-clockwise.
 *
 * @param {Points2D} points the points
 * @returns {[number, number][]} the ring's positions
 * @example
 * convexHullRing({ x: [0, 1, 0], y: [0, 0, 1] }); // [[0,0],[1,0],[0,1],[0,0]]
 */
export function convexHullRing(points: Points2D): [number, number][] {
  const h = convexHull(points);
  const ring: [number, number][] = [];
  for (let i = 0; i < h.length; i++) ring.push([points.x[h[i]], points.y[h[i]]]);
  ring.push([points.x[h[0]], points.y[h[0]]]);
  return ring;
}

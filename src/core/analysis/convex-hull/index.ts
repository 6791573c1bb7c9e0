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
  const n = checkPoints(points, 'convexHull', 1);
  const { x, y } = points;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b] || y[a] - y[b] || a - b);
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

/**
 * Hexagonal binning of points. Hexagons are pointy-topped (a vertex points north) and `size` is the
 * circumradius R: the distance from a centre to each vertex (= side length). Width √3·R, height 2R,
 * area (3√3/2)·R². Cells are addressed by axial coordinates (q, r) of a lattice aligned to a fixed
 * origin (alignX, alignY) (default 0, 0), which is the centre of hexagon (0, 0):
 *   centre(q, r) = (alignX + √3·R·(q + r/2), alignY + 1.5·R·r).
 * A point belongs to the hexagon whose centre is nearest (cube rounding of its fractional axial
 * coordinates), so hexagon ids are stable between runs and data sets.
 * Only hexagons with at least one point are returned (sorted by r, then q).
 */

export interface HexBins {
  /** Circumradius R of every hexagon. */
  size: number;
  alignX: number;
  alignY: number;
  /** Axial q of each occupied hexagon. */
  q: Int32Array;
  /** Axial r of each occupied hexagon (rows run south → north). */
  r: Int32Array;
  /** Count (or summed weight) per hexagon. */
  counts: Float64Array;
  /** Index into q/r/counts of each input point. */
  cellOf: Int32Array;
}

export interface HexOptions {
  /** Circumradius (centre to vertex) in coordinate units, > 0. */
  size: number;
  /** Alignment origin (the centre of hexagon 0, 0); default 0, 0. */
  alignX?: number;
  alignY?: number;
  /** Weight per point (default 1). */
  weights?: ArrayLike<number>;
}

const SQRT3 = Math.sqrt(3);
const KEY_SHIFT = 67108864; // 2^26: key = r·2^26 + q, exact while |q| < 2^25 and |r| < 2^26

/**
 * The axial (q, r) of the hexagon containing (x, y).
 * @param x x coordinate
 * @param y y coordinate
 * @param size circumradius
 * @param alignX alignment origin x (default 0)
 * @param alignY alignment origin y (default 0)
 * @returns [q, r]
 * @example
 * hexAt(100, 0, 100); // [1, 0]
 */
export function hexAt(x: number, y: number, size: number, alignX = 0, alignY = 0): [number, number] {
  const dx = (x - alignX) / size, dy = (y - alignY) / size;
  const fq = (SQRT3 / 3) * dx - dy / 3;
  const fr = (2 / 3) * dy;
  const fs = -fq - fr;
  let q = Math.round(fq), r = Math.round(fr);
  const s = Math.round(fs);
  const eq = Math.abs(q - fq), er = Math.abs(r - fr), es = Math.abs(s - fs);
  if (eq > er && eq > es) q = -r - s;
  else if (er > es) r = -q - s;
  return [q + 0, r + 0];
}

/**
 * Count points per hexagon.
 *
 * @param x x coordinates (projected metres)
 * @param y y coordinates
 * @param options size (circumradius), alignment origin, weights
 * @returns the occupied hexagons with counts and each point's hexagon
 * @example
 * const h = binHex([0, 10, 300], [0, 5, 0], { size: 100 });
 * // h.q = [0, 2], h.r = [0, 0], h.counts = [2, 1]
 */
export function binHex(x: ArrayLike<number>, y: ArrayLike<number>, options: HexOptions): HexBins {
  const fn = 'binHex';
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object with a size`);
  const { size, alignX = 0, alignY = 0, weights } = options;
  if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0) throw new RangeError(`${fn}: options.size (circumradius) must be a positive finite number, got ${size}`);
  if (!Number.isFinite(alignX) || !Number.isFinite(alignY)) throw new RangeError(`${fn}: options.alignX/alignY must be finite numbers, got (${alignX}, ${alignY})`);
  if (x == null || y == null || typeof x.length !== 'number' || typeof y.length !== 'number') throw new TypeError(`${fn}: x and y must be arrays of numbers`);
  const n = x.length;
  if (y.length !== n) throw new RangeError(`${fn}: x has ${n} values but y has ${y.length}`);
  if (weights !== undefined && weights.length !== n) throw new RangeError(`${fn}: options.weights has ${weights.length} values, expected ${n} (one per point)`);
  // Axial coordinates of every point (cube rounding inlined: no allocation per point).
  const pq = new Int32Array(n), pr = new Int32Array(n);
  let qMin = Infinity, qMax = -Infinity, rMin = Infinity, rMax = -Infinity;
  const inv = 1 / size;
  for (let i = 0; i < n; i++) {
    const xi = x[i], yi = y[i];
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) throw new RangeError(`${fn}: point ${i} has a non-finite coordinate (${xi}, ${yi})`);
    if (weights !== undefined && !Number.isFinite(weights[i])) throw new RangeError(`${fn}: options.weights[${i}] is not a finite number (${weights[i]})`);
    const dx = (xi - alignX) * inv, dy = (yi - alignY) * inv;
    const fq = (SQRT3 / 3) * dx - dy / 3, fr = (2 / 3) * dy, fs = -fq - fr;
    let q = Math.round(fq), r = Math.round(fr);
    const t = Math.round(fs);
    const eq = Math.abs(q - fq), er = Math.abs(r - fr), es = Math.abs(t - fs);
    if (eq > er && eq > es) q = -r - t;
    else if (er > es) r = -q - t;
    if (Math.abs(q) >= KEY_SHIFT / 2 || Math.abs(r) >= KEY_SHIFT) throw new RangeError(`${fn}: point ${i} is ${Math.max(Math.abs(q), Math.abs(r))} hexagons from the alignment origin; use a larger size or a nearer origin`);
    pq[i] = q; pr[i] = r;
    if (q < qMin) qMin = q; if (q > qMax) qMax = q;
    if (r < rMin) rMin = r; if (r > rMax) rMax = r;
  }
  const cellOf = new Int32Array(n);
  let qs: Int32Array, rs: Int32Array, counts: Float64Array;
  const span = n === 0 ? 0 : (qMax - qMin + 1) * (rMax - rMin + 1);
  if (span <= 4 * n + 1_000_000) {
    // Dense: a slot per lattice position of the bounding range; row-major (r, then q) = sorted order.
    const width = qMax - qMin + 1;
    const slot = new Int32Array(span).fill(-1);
    for (let i = 0; i < n; i++) slot[(pr[i] - rMin) * width + (pq[i] - qMin)] = 0;
    let m = 0;
    for (let k = 0; k < span; k++) if (slot[k] === 0) slot[k] = m++;
    qs = new Int32Array(m); rs = new Int32Array(m); counts = new Float64Array(m);
    for (let k = 0; k < span; k++) if (slot[k] >= 0) { qs[slot[k]] = (k % width) + qMin; rs[slot[k]] = Math.floor(k / width) + rMin; }
    for (let i = 0; i < n; i++) cellOf[i] = slot[(pr[i] - rMin) * width + (pq[i] - qMin)];
  } else {
    // Sparse: sort the distinct keys r·2^26 + q.
    const slot = new Map<number, number>();
    for (let i = 0; i < n; i++) slot.set(pr[i] * KEY_SHIFT + pq[i], 0);
    const unique = Float64Array.from(slot.keys()).sort();
    const m = unique.length;
    qs = new Int32Array(m); rs = new Int32Array(m); counts = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const r = Math.round(unique[k] / KEY_SHIFT);
      rs[k] = r; qs[k] = unique[k] - r * KEY_SHIFT;
      slot.set(unique[k], k);
    }
    for (let i = 0; i < n; i++) cellOf[i] = slot.get(pr[i] * KEY_SHIFT + pq[i])!;
  }
  for (let i = 0; i < n; i++) counts[cellOf[i]] += weights === undefined ? 1 : weights[i];
  return { size, alignX, alignY, q: qs, r: rs, counts, cellOf };
}

/**
 * Centre of hexagon (q, r).
 * @param size circumradius
 * @param q axial q
 * @param r axial r
 * @param alignX alignment origin x (default 0)
 * @param alignY alignment origin y (default 0)
 * @returns [x, y]
 * @example
 * hexCenter(100, 1, 1); // [259.8…, 150]
 */
export function hexCenter(size: number, q: number, r: number, alignX = 0, alignY = 0): [number, number] {
  return [alignX + SQRT3 * size * (q + r / 2), alignY + 1.5 * size * r];
}

/**
 * The polygon of hexagon (q, r) as a closed ring (7 positions, counter-clockwise from the south
 * vertex), ready for a GeoJSON Polygon.
 * @param size circumradius
 * @param q axial q
 * @param r axial r
 * @param alignX alignment origin x (default 0)
 * @param alignY alignment origin y (default 0)
 * @returns [[x, y], …] with the first position repeated at the end
 * @example
 * hexVertices(100, 0, 0)[0]; // [0, -100]
 */
export function hexVertices(size: number, q: number, r: number, alignX = 0, alignY = 0): [number, number][] {
  const [cx, cy] = hexCenter(size, q, r, alignX, alignY);
  const ring: [number, number][] = [];
  for (let k = 0; k < 6; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 3; // south, south-east, north-east, north, north-west, south-west
    ring.push([cx + size * Math.cos(a), cy + size * Math.sin(a)]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/**
 * Stable id of a hexagon: `hex${size}:${q}:${r}`.
 * @param size circumradius
 * @param q axial q
 * @param r axial r
 * @returns e.g. 'hex250:12:-3'
 * @example
 * hexId(250, 12, -3); // 'hex250:12:-3'
 */
export function hexId(size: number, q: number, r: number): string {
  return `hex${size}:${q}:${r}`;
}

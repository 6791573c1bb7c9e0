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
  const keys = new Float64Array(n);
  const slot = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`${fn}: point ${i} has a non-finite coordinate (${x[i]}, ${y[i]})`);
    if (weights !== undefined && !Number.isFinite(weights[i])) throw new RangeError(`${fn}: options.weights[${i}] is not a finite number (${weights[i]})`);
    const [q, r] = hexAt(x[i], y[i], size, alignX, alignY);
    if (Math.abs(q) >= KEY_SHIFT / 2 || Math.abs(r) >= KEY_SHIFT) throw new RangeError(`${fn}: point ${i} is ${Math.max(Math.abs(q), Math.abs(r))} hexagons from the alignment origin; use a larger size or a nearer origin`);
    const key = r * KEY_SHIFT + q;
    keys[i] = key;
    if (!slot.has(key)) slot.set(key, 0);
  }
  const unique = Float64Array.from(slot.keys()).sort();
  const m = unique.length;
  const qs = new Int32Array(m), rs = new Int32Array(m), counts = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const key = unique[k];
    const r = Math.round(key / KEY_SHIFT);
    rs[k] = r; qs[k] = key - r * KEY_SHIFT;
    slot.set(key, k);
  }
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = slot.get(keys[i])!;
    cellOf[i] = k;
    counts[k] += weights === undefined ? 1 : weights[i];
  }
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

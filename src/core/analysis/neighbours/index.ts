/**
 * Spatial neighbours and weights for the analysis operations: a static kd-tree for fixed-radius
 * search over arbitrary points, and sparse weights matrices (compressed rows, as spdep's `listw`)
 * for distance-band neighbours of points or of the cells of a regular grid.
 *
 * Conventions (the same as spdep's `dnearneigh` + `nb2listw`/`nb2listwdist`, so results can be
 * checked against spdep):
 * - j is a neighbour of i when i ≠ j and their Euclidean distance d_ij ≤ distance (boundary
 *   included). Coincident points (d = 0) are neighbours too; spdep's `dnearneigh(x, 0, d)` drops
 *   them unless called with `bounds = c("GE", "LE")`.
 * - `weights: 'binary'`: w_ij = 1. `weights: 'inverse-distance'`: w_ij = d_ij^(−power). A zero
 *   distance (the self weight when `self` is true, coincident points) gets the largest finite
 *   weight of the whole matrix, i.e. (smallest positive neighbour distance)^(−power) — exactly
 *   `spdep::nb2listwdist(include.self(nb), pts, type = "idw", style = "raw", alpha = power)`.
 *   On a grid that is cellSize^(−power): the cell weighs as much as an edge neighbour.
 * - `self: true` adds i to its own neighbours (weight 1 for binary), as `spdep::include.self`.
 * - `style: 'row'` divides each row by its sum (spdep style "W"); the default 'raw' leaves them.
 */
import { KDTree } from '../kdtree/index.ts';

/** Sparse spatial weights in compressed-row form: row i is neighbours[offsets[i] .. offsets[i+1]). */
export interface SpatialWeights {
  /** Number of observations. */
  n: number;
  /** Row starts, length n + 1. */
  offsets: Uint32Array;
  /** Neighbour indices, ascending within each row. */
  neighbours: Uint32Array;
  /** Weight of each neighbour entry. */
  weights: Float64Array;
  /** Whether each observation is its own neighbour (Gi* rather than Gi). */
  selfIncluded: boolean;
}

export interface DistanceWeightsOptions {
  /** Distance band: neighbours lie within this distance (same unit as the coordinates; > 0). */
  distance: number;
  /** 'binary' (default): 1 for every neighbour; 'inverse-distance': d^(−power). */
  weights?: 'binary' | 'inverse-distance';
  /** Exponent of inverse-distance weights (default 1). */
  power?: number;
  /** Include each observation as its own neighbour (default false). */
  self?: boolean;
  /** 'raw' (default) keeps the weights; 'row' makes every non-empty row sum to 1 (spdep style "W"). */
  style?: 'raw' | 'row';
}

/** Validate the shared options; returns the resolved values. */
export function resolveDistanceOptions(options: DistanceWeightsOptions, fn: string): { distance: number; idw: boolean; power: number } {
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object with a distance`);
  const { distance, weights = 'binary', power = 1 } = options;
  if (typeof distance !== 'number' || !Number.isFinite(distance) || distance <= 0) {
    throw new RangeError(`${fn}: options.distance must be a positive finite number, got ${distance}`);
  }
  if (weights !== 'binary' && weights !== 'inverse-distance') {
    throw new RangeError(`${fn}: options.weights must be 'binary' or 'inverse-distance', got ${String(weights)}`);
  }
  if (typeof power !== 'number' || !Number.isFinite(power) || power <= 0) {
    throw new RangeError(`${fn}: options.power must be a positive finite number, got ${power}`);
  }
  return { distance, idw: weights === 'inverse-distance', power };
}

/** Check that coordinates are two equally long arrays of finite numbers. */
export function checkCoordinates(x: ArrayLike<number>, y: ArrayLike<number>, fn: string): void {
  if (x == null || y == null || typeof x.length !== 'number' || typeof y.length !== 'number') {
    throw new TypeError(`${fn}: x and y must be arrays of numbers`);
  }
  if (x.length !== y.length) throw new RangeError(`${fn}: x has ${x.length} values but y has ${y.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`${fn}: point ${i} has a non-finite coordinate (${x[i]}, ${y[i]})`);
  }
}

/**
 * Distance-band weights between points (see the module comment for the conventions).
 *
 * @param x x coordinates (projected, e.g. EPSG:3006 metres)
 * @param y y coordinates
 * @param options distance band, weighting, self inclusion and row style
 * @returns compressed-row weights, neighbours ascending within each row
 * @example
 * const w = distanceBandWeights([0, 10, 40], [0, 0, 0], { distance: 15 });
 * // w.offsets = [0, 1, 2, 2], w.neighbours = [1, 0], w.weights = [1, 1]
 */
export function distanceBandWeights(x: ArrayLike<number>, y: ArrayLike<number>, options: DistanceWeightsOptions): SpatialWeights {
  const fn = 'distanceBandWeights';
  const { distance, idw, power } = resolveDistanceOptions(options, fn);
  checkCoordinates(x, y, fn);
  const self = options.self === true;
  const n = x.length;
  const tree = new KDTree({ x, y }, 64);
  const rows: number[][] = [];
  const d2s: number[][] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const found: number[] = [];
    tree.within(x[i], y[i], distance, (j) => { if (j !== i || self) found.push(j); });
    found.sort((a, b) => a - b);
    const dd = found.map((j) => { const dx = x[j] - x[i], dy = y[j] - y[i]; return dx * dx + dy * dy; });
    rows.push(found); d2s.push(dd); count += found.length;
  }
  const offsets = new Uint32Array(n + 1);
  const neighbours = new Uint32Array(count);
  const dist2 = new Float64Array(count);
  for (let i = 0, k = 0; i < n; i++) {
    offsets[i] = k;
    for (let t = 0; t < rows[i].length; t++, k++) { neighbours[k] = rows[i][t]; dist2[k] = d2s[i][t]; }
  }
  offsets[n] = count;
  return finishWeights(n, offsets, neighbours, dist2, idw, power, self, options.style ?? 'raw', fn);
}

/**
 * Distance-band weights between the cells of a regular grid (cell centres cellSize apart, cells in
 * row-major order, index = row·cols + col). With distance = cellSize this is rook contiguity, with
 * cellSize·√2 queen contiguity.
 *
 * @param cols number of columns (≥ 1)
 * @param rows number of rows (≥ 1)
 * @param cellSize side of a cell (> 0)
 * @param options distance band, weighting, self inclusion and row style
 * @returns compressed-row weights over cols·rows cells
 * @example
 * const w = gridDistanceWeights(3, 3, 100, { distance: 100 }); // rook neighbours
 */
export function gridDistanceWeights(cols: number, rows: number, cellSize: number, options: DistanceWeightsOptions): SpatialWeights {
  const fn = 'gridDistanceWeights';
  checkGridShape(cols, rows, cellSize, fn);
  const { distance, idw, power } = resolveDistanceOptions(options, fn);
  const self = options.self === true;
  const st = gridStencil(cellSize, distance);
  const n = cols * rows;
  const off: number[] = [];
  const nb: number[] = [];
  const d2: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      off.push(nb.length);
      for (let k = 0; k < st.dx.length; k++) {
        const rr = r + st.dy[k], cc = c + st.dx[k];
        if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
        if (st.dx[k] === 0 && st.dy[k] === 0 && !self) continue;
        nb.push(rr * cols + cc); d2.push(st.d2[k]);
      }
    }
  }
  off.push(nb.length);
  return finishWeights(n, Uint32Array.from(off), Uint32Array.from(nb), Float64Array.from(d2), idw, power, self, options.style ?? 'raw', fn);
}

/** Validate a grid's shape. */
export function checkGridShape(cols: number, rows: number, cellSize: number, fn: string): void {
  if (!Number.isInteger(cols) || cols < 1) throw new RangeError(`${fn}: cols must be a positive integer, got ${cols}`);
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`${fn}: rows must be a positive integer, got ${rows}`);
  if (typeof cellSize !== 'number' || !Number.isFinite(cellSize) || cellSize <= 0) throw new RangeError(`${fn}: cellSize must be a positive finite number, got ${cellSize}`);
}

/** Cell offsets within a distance band on a grid, ordered by (dy, dx): the same for every cell. */
export interface GridStencil {
  /** Largest |dx| or |dy| in cells. */
  radius: number;
  dx: Int32Array;
  dy: Int32Array;
  /** Squared distance of each offset (coordinate units²). */
  d2: Float64Array;
  /** For each dy in −radius..radius (index dy + radius): the largest |dx| within the band, or −1. */
  halfWidth: Int32Array;
}

/**
 * The offsets (dx, dy), in cells, whose centre distance (dx·s)² + (dy·s)² ≤ distance², including (0, 0).
 *
 * @param cellSize side of a cell
 * @param distance distance band
 * @returns the stencil
 */
export function gridStencil(cellSize: number, distance: number): GridStencil {
  const radius = Math.floor(distance / cellSize) + 1;
  const r2 = distance * distance;
  const dx: number[] = [], dy: number[] = [], d2: number[] = [];
  const halfWidth = new Int32Array(2 * radius + 1).fill(-1);
  for (let j = -radius; j <= radius; j++) {
    for (let i = -radius; i <= radius; i++) {
      const ex = i * cellSize, ey = j * cellSize;
      const dd = ex * ex + ey * ey;
      if (dd <= r2) { dx.push(i); dy.push(j); d2.push(dd); if (i > halfWidth[j + radius]) halfWidth[j + radius] = i; }
    }
  }
  return { radius, dx: Int32Array.from(dx), dy: Int32Array.from(dy), d2: Float64Array.from(d2), halfWidth };
}

function finishWeights(
  n: number, offsets: Uint32Array, neighbours: Uint32Array, dist2: Float64Array,
  idw: boolean, power: number, self: boolean, style: 'raw' | 'row', fn: string,
): SpatialWeights {
  if (style !== 'raw' && style !== 'row') throw new RangeError(`${fn}: options.style must be 'raw' or 'row', got ${String(style)}`);
  const weights = new Float64Array(neighbours.length);
  if (!idw) weights.fill(1);
  else {
    let minPos = Infinity;
    for (let k = 0; k < dist2.length; k++) if (dist2[k] > 0 && dist2[k] < minPos) minPos = dist2[k];
    let zeroWeight = NaN;
    for (let k = 0; k < dist2.length; k++) {
      if (dist2[k] > 0) { weights[k] = Math.sqrt(dist2[k]) ** -power; continue; }
      if (Number.isNaN(zeroWeight)) {
        if (minPos === Infinity) throw new RangeError(`${fn}: inverse-distance weights need at least one pair of distinct locations within the distance band; the zero-distance (self) weight is taken from the smallest positive distance and none exists`);
        zeroWeight = Math.sqrt(minPos) ** -power;
      }
      weights[k] = zeroWeight;
    }
  }
  if (style === 'row') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = offsets[i]; k < offsets[i + 1]; k++) s += weights[k];
      if (s > 0) for (let k = offsets[i]; k < offsets[i + 1]; k++) weights[k] /= s;
    }
  }
  return { n, offsets, neighbours, weights, selfIncluded: self };
}

/**
 * Check that a weights object is well formed for n observations (offsets monotone, neighbour
 * indices in range and ascending within each row, weights finite).
 *
 * @param w the weights
 * @param n the expected number of observations
 * @param fn name of the calling function, for the message
 */
export function checkWeights(w: SpatialWeights, n: number, fn: string): void {
  if (w === null || typeof w !== 'object' || !(w.offsets instanceof Uint32Array) || !(w.neighbours instanceof Uint32Array) || !(w.weights instanceof Float64Array)) {
    throw new TypeError(`${fn}: weights must be a SpatialWeights object { n, offsets, neighbours, weights, selfIncluded }`);
  }
  if (w.n !== n || w.offsets.length !== n + 1) throw new RangeError(`${fn}: weights are for ${w.n} observations but there are ${n} values`);
  if (w.offsets[0] !== 0 || w.offsets[n] !== w.neighbours.length || w.weights.length !== w.neighbours.length) {
    throw new RangeError(`${fn}: weights are malformed (offsets do not span neighbours/weights)`);
  }
  for (let i = 0; i < n; i++) {
    if (w.offsets[i + 1] < w.offsets[i]) throw new RangeError(`${fn}: weights.offsets decrease at row ${i}`);
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
      if (w.neighbours[k] >= n) throw new RangeError(`${fn}: row ${i} has neighbour ${w.neighbours[k]}, outside 0..${n - 1}`);
      if (k > w.offsets[i] && w.neighbours[k] <= w.neighbours[k - 1]) throw new RangeError(`${fn}: row ${i} neighbours are not strictly ascending`);
      if (!Number.isFinite(w.weights[k])) throw new RangeError(`${fn}: row ${i} has a non-finite weight ${w.weights[k]}`);
    }
  }
}

/** Weight of entry (i, j), 0 if j is not a neighbour of i (binary search in the sorted row). */
export function weightOf(w: SpatialWeights, i: number, j: number): number {
  let lo = w.offsets[i], hi = w.offsets[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = w.neighbours[mid];
    if (v === j) return w.weights[mid];
    if (v < j) lo = mid + 1; else hi = mid - 1;
  }
  return 0;
}

/**
 * The constants of the global statistics' moments, exactly as `spdep::spweights.constants`
 * (adjust.n = TRUE): n counts only observations with at least one neighbour;
 * S0 = Σ_ij w_ij, S1 = Σ_i Σ_j (w_ij² + w_ij·w_ji), S2 = Σ_i (w_i· + w_·i)².
 *
 * @param w weights
 * @returns { n, nAll, S0, S1, S2, hasNeighbour }
 */
export function weightsConstants(w: SpatialWeights): { n: number; nAll: number; S0: number; S1: number; S2: number; hasNeighbour: Uint8Array } {
  const nAll = w.n;
  const rowSum = new Float64Array(nAll), colSum = new Float64Array(nAll);
  const hasNeighbour = new Uint8Array(nAll);
  let n = 0, S0 = 0, S1 = 0;
  for (let i = 0; i < nAll; i++) {
    const a = w.offsets[i], b = w.offsets[i + 1];
    if (b > a) { hasNeighbour[i] = 1; n++; }
    let rs = 0;
    for (let k = a; k < b; k++) {
      const j = w.neighbours[k], wij = w.weights[k];
      rs += wij;
      colSum[j] += wij;
      S1 += wij * wij + wij * weightOf(w, j, i);
    }
    rowSum[i] = rs;
    S0 += rs;
  }
  let S2 = 0;
  for (let i = 0; i < nAll; i++) { const s = rowSum[i] + colSum[i]; S2 += s * s; }
  return { n, nAll, S0, S1, S2, hasNeighbour };
}

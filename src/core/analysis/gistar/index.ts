/**
 * Getis-Ord local statistics Gi* (each location counted in its own neighbourhood) and Gi (self
 * excluded), as z-scores with two-sided normal p-values.
 *
 * With weights w_ij, lag L_i = Σ_j w_ij x_j, W_i = Σ_j w_ij, S1_i = Σ_j w_ij²:
 * - Gi*:  z_i = (L_i − X̄·W_i) / √(s² · (n·S1_i − W_i²)/(n − 1)),   X̄ and s² = Σ(x − X̄)²/n over all n.
 * - Gi:   z_i = (L_i − X̄_i·W_i) / √(s_i² · ((n−1)·S1_i − W_i²)/(n − 2)), X̄_i and s_i² over the other
 *   n − 1 observations.
 * This is `spdep::localG` (Gi* when the neighbours include self) and PySAL esda `G_Local(transform='B')`.
 * Weights are distance bands (binary or inverse distance); see `src/core/analysis/neighbours` for the
 * exact convention, which is spdep's `dnearneigh` + `nb2listwdist`.
 *
 * Degenerate cases are defined rather than NaN: when the values do not vary (s² = 0), or a location's
 * variance term is 0 (no neighbours for Gi, or every location a neighbour), z = 0 and p = 1.
 */
import { twoSidedP } from '../normal/index.ts';
import {
  checkCoordinates, checkGridShape, gridStencil, resolveDistanceOptions,
  type SpatialWeights,
} from '../neighbours/index.ts';
import { KDTree } from '../kdtree/index.ts';

export interface GiStarOptions {
  /** Distance band (same unit as the coordinates or the grid's cellSize); neighbours have d ≤ distance. */
  distance: number;
  /** true (default): Gi*, self included; false: Gi, self excluded. */
  star?: boolean;
  /** 'binary' (default) or 'inverse-distance' (w = d^(−power); zero distances get the largest finite weight). */
  weights?: 'binary' | 'inverse-distance';
  /** Inverse-distance exponent, default 1. */
  power?: number;
}

export interface GiStarResult {
  /** z-score of each location. */
  z: Float64Array;
  /** Two-sided normal p-value of each z. */
  p: Float64Array;
}

/** Check values: an array of finite numbers of the expected length. */
function checkValues(values: ArrayLike<number>, n: number, fn: string, what = 'values'): void {
  if (values == null || typeof values.length !== 'number') throw new TypeError(`${fn}: ${what} must be an array of numbers`);
  if (values.length !== n) throw new RangeError(`${fn}: ${what} has ${values.length} entries, expected ${n}`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) throw new RangeError(`${fn}: ${what}[${i}] is not a finite number (${values[i]})`);
}

function checkCount(n: number, star: boolean, fn: string): void {
  const need = star ? 2 : 3;
  if (n < need) throw new RangeError(`${fn}: ${star ? 'Gi*' : 'Gi'} needs at least ${need} locations, got ${n}`);
}

/**
 * Turn lags, weight sums and squared-weight sums into z and p (in place of the lag arrays' owners).
 * Shared by the point, grid and general-weights versions.
 */
export function giZScores(values: ArrayLike<number>, lag: Float64Array, wsum: Float64Array, w2sum: Float64Array, star: boolean, mask?: ArrayLike<number>): GiStarResult {
  const N = values.length;
  let n = 0, sum = 0;
  for (let i = 0; i < N; i++) if (!mask || mask[i]) { sum += values[i]; n++; }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < N; i++) if (!mask || mask[i]) { const d = values[i] - mean; ss += d * d; }
  const z = new Float64Array(N);
  const p = new Float64Array(N);
  const tiny = 1e-13 * ss;
  for (let i = 0; i < N; i++) {
    if (mask && !mask[i]) { p[i] = 1; continue; }
    const W = wsum[i], S1 = w2sum[i];
    let num: number, v: number;
    if (star) {
      num = lag[i] - W * mean;
      v = (ss / n) * ((n * S1 - W * W) / (n - 1));
    } else {
      // Leave-one-out mean and variance of the other n − 1 values (stable update of the full sums).
      const xi = values[i];
      const mi = (sum - xi) / (n - 1);
      const di = xi - mean;
      const ssi = ss - (n / (n - 1)) * di * di;
      num = lag[i] - W * mi;
      v = ssi <= tiny ? 0 : (ssi / (n - 1)) * (((n - 1) * S1 - W * W) / (n - 2));
    }
    if (!(v > 0) || ss <= 0) { z[i] = 0; p[i] = 1; continue; }
    const zi = num / Math.sqrt(v);
    z[i] = zi;
    p[i] = twoSidedP(zi);
  }
  return { z, p };
}

/**
 * Gi* (or Gi) for arbitrary points with distance-band weights, using a kd-tree for the band search.
 *
 * @param x x coordinates (projected metres, e.g. EPSG:3006)
 * @param y y coordinates
 * @param values the value at each point (e.g. a count)
 * @param options distance band, star, weighting and exponent
 * @returns z-scores and two-sided p-values, one per point
 * @example
 * const { z, p } = gistarPoints([10, 20, 40, 15, 30, 30], [10, 10, 10, 20, 20, 30], [2, 3, 3.2, 5, 8, 7], { distance: 15 });
 * // z[5] ≈ 2.02424331
 */
export function gistarPoints(x: ArrayLike<number>, y: ArrayLike<number>, values: ArrayLike<number>, options: GiStarOptions): GiStarResult {
  const fn = 'gistarPoints';
  const { distance, idw, power } = resolveDistanceOptions(options, fn);
  const star = options.star ?? true;
  checkCoordinates(x, y, fn);
  const n = x.length;
  checkValues(values, n, fn);
  checkCount(n, star, fn);
  const tree = new KDTree({ x, y }, 64);
  let zeroWeight = 1;
  if (idw) {
    // spdep's nb2listwdist rule: a zero distance gets the largest finite weight, (min positive d)^−power.
    let minPos = Infinity;
    for (let i = 0; i < n; i++) tree.within(x[i], y[i], distance, (_j, d2) => { if (d2 > 0 && d2 < minPos) minPos = d2; });
    const needZero = star || hasCoincident(tree, x, y, distance);
    if (needZero && minPos === Infinity) throw new RangeError(`${fn}: inverse-distance weights need at least one pair of distinct points within distance ${distance}; the zero-distance (self) weight is taken from the smallest positive distance and none exists`);
    zeroWeight = Math.sqrt(minPos) ** -power;
  }
  const lag = new Float64Array(n), wsum = new Float64Array(n), w2sum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let L = 0, W = 0, S1 = 0;
    tree.within(x[i], y[i], distance, (j, d2) => {
      if (j === i && !star) return;
      const w = !idw ? 1 : d2 > 0 ? Math.sqrt(d2) ** -power : zeroWeight;
      L += w * values[j]; W += w; S1 += w * w;
    });
    lag[i] = L; wsum[i] = W; w2sum[i] = S1;
  }
  return giZScores(values, lag, wsum, w2sum, star);
}

function hasCoincident(tree: KDTree, x: ArrayLike<number>, y: ArrayLike<number>, distance: number): boolean {
  let found = false;
  for (let i = 0; i < x.length && !found; i++) tree.within(x[i], y[i], distance, (j, d2) => { if (j !== i && d2 === 0) found = true; });
  return found;
}

/**
 * Gi* (or Gi) on a regular grid whose cells are the study area (edge cells simply have fewer
 * neighbours). The neighbour offsets within the distance are the same for every cell: binary bands
 * are summed from per-row prefix sums (O(cells · band rows)), inverse-distance bands with a stencil.
 *
 * Optional `grid.mask` (row-major, length cols·rows) limits the study area to the cells where it is
 * non-zero: other cells are neither locations nor neighbours (n counts only masked-in cells, their
 * values are ignored) and get z = 0, p = 1. With a mask and inverse-distance Gi*, the self weight is
 * still (smallest cell-centre distance in the band)^(−power), i.e. that of an edge neighbour.
 *
 * @param grid cols, rows, cellSize, the row-major values (length cols·rows), e.g. counts per cell, and
 *   an optional mask
 * @param options distance band (in the unit of cellSize), star, weighting and exponent
 * @returns z-scores and two-sided p-values, row-major like the values
 * @example
 * const { z } = gistarGrid({ cols: 3, rows: 3, cellSize: 100, values: [0, 0, 0, 0, 9, 1, 0, 1, 0] }, { distance: 150 });
 */
export function gistarGrid(
  grid: { cols: number; rows: number; cellSize: number; values: ArrayLike<number>; mask?: ArrayLike<number> },
  options: GiStarOptions,
): GiStarResult {
  const fn = 'gistarGrid';
  if (grid === null || typeof grid !== 'object') throw new TypeError(`${fn}: grid must be an object { cols, rows, cellSize, values }`);
  const { cols, rows, cellSize } = grid;
  checkGridShape(cols, rows, cellSize, fn);
  const { distance, idw, power } = resolveDistanceOptions(options, fn);
  const star = options.star ?? true;
  const n = cols * rows;
  let values = grid.values;
  const mask = grid.mask;
  if (mask !== undefined) {
    if (mask === null || mask.length !== n) throw new RangeError(`${fn}: grid.mask has ${mask?.length} entries, expected ${n}`);
    if (values == null || values.length !== n) throw new RangeError(`${fn}: grid.values has ${values?.length} entries, expected ${n}`);
    const masked = new Float64Array(n);
    let inside = 0;
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const v = values[i];
      if (!Number.isFinite(v)) throw new RangeError(`${fn}: grid.values[${i}] is not a finite number (${v})`);
      masked[i] = v; inside++;
    }
    checkCount(inside, star, fn);
    values = masked;
  } else {
    checkValues(values, n, fn, 'grid.values');
    checkCount(n, star, fn);
  }
  const st = gridStencil(cellSize, distance);
  const lag = new Float64Array(n), wsum = new Float64Array(n), w2sum = new Float64Array(n);
  if (!idw) binaryBand(values, mask, cols, rows, st.radius, st.halfWidth, star, lag, wsum, w2sum);
  else {
    let minPos = Infinity;
    for (let k = 0; k < st.d2.length; k++) {
      const dx = st.dx[k], dy = st.dy[k];
      if ((dx !== 0 || dy !== 0) && Math.abs(dx) < cols && Math.abs(dy) < rows && st.d2[k] < minPos) minPos = st.d2[k];
    }
    if (star && minPos === Infinity) throw new RangeError(`${fn}: inverse-distance Gi* needs at least one pair of cells within distance ${distance} (cellSize ${cellSize}); the self weight is taken from the smallest positive distance and none exists`);
    const w = new Float64Array(st.d2.length);
    for (let k = 0; k < w.length; k++) w[k] = st.d2[k] > 0 ? Math.sqrt(st.d2[k]) ** -power : star ? Math.sqrt(minPos) ** -power : 0;
    stencilSum(values, mask, cols, rows, st.dx, st.dy, w, lag, wsum, w2sum);
  }
  return giZScores(values, lag, wsum, w2sum, star, mask);
}

/** Binary band: for each band row, the cells x−h..x+h, summed via that row's prefix sums. */
function binaryBand(
  values: ArrayLike<number>, mask: ArrayLike<number> | undefined, cols: number, rows: number, radius: number, halfWidth: Int32Array, star: boolean,
  lag: Float64Array, wsum: Float64Array, w2sum: Float64Array,
): void {
  const stride = cols + 1;
  const prefix = new Float64Array(rows * stride);
  // With a mask, values outside it are already 0; the neighbour count comes from a prefix of the mask.
  const count = mask ? new Float64Array(rows * stride) : undefined;
  for (let r = 0; r < rows; r++) {
    let s = 0, m = 0;
    const base = r * stride, vb = r * cols;
    for (let c = 0; c < cols; c++) {
      s += values[vb + c]; prefix[base + c + 1] = s;
      if (count) { if (mask![vb + c]) m++; count[base + c + 1] = m; }
    }
  }
  for (let r = 0; r < rows; r++) {
    const dyLo = Math.max(-radius, -r), dyHi = Math.min(radius, rows - 1 - r);
    for (let c = 0; c < cols; c++) {
      let L = 0, W = 0;
      for (let dy = dyLo; dy <= dyHi; dy++) {
        const h = halfWidth[dy + radius];
        if (h < 0) continue;
        const c0 = c - h < 0 ? 0 : c - h;
        const c1 = c + h >= cols ? cols - 1 : c + h;
        const base = (r + dy) * stride;
        L += prefix[base + c1 + 1] - prefix[base + c0];
        W += count ? count[base + c1 + 1] - count[base + c0] : c1 - c0 + 1;
      }
      const i = r * cols + c;
      if (!star) { L -= values[i]; W -= 1; }
      lag[i] = L; wsum[i] = W; w2sum[i] = W;
    }
  }
}

/** General stencil: for each offset, add w·value of the shifted cell to every cell that has it. */
function stencilSum(
  values: ArrayLike<number>, mask: ArrayLike<number> | undefined, cols: number, rows: number, dxs: Int32Array, dys: Int32Array, w: Float64Array,
  lag: Float64Array, wsum: Float64Array, w2sum: Float64Array,
): void {
  const v = values instanceof Float64Array ? values : Float64Array.from(values);
  if (mask) {
    for (let k = 0; k < w.length; k++) {
      const wk = w[k], dx = dxs[k], dy = dys[k];
      if (wk === 0) continue;
      for (let r = Math.max(0, -dy); r < Math.min(rows, rows - dy); r++) {
        for (let c = Math.max(0, -dx); c < Math.min(cols, cols - dx); c++) {
          const i = r * cols + c, j = i + dy * cols + dx;
          if (!mask[j]) continue;
          lag[i] += wk * v[j]; wsum[i] += wk; w2sum[i] += wk * wk;
        }
      }
    }
    return;
  }
  for (let k = 0; k < w.length; k++) {
    const wk = w[k];
    if (wk === 0) continue;
    const dx = dxs[k], dy = dys[k];
    const r0 = Math.max(0, -dy), r1 = Math.min(rows, rows - dy);
    const c0 = Math.max(0, -dx), c1 = Math.min(cols, cols - dx);
    if (r0 >= r1 || c0 >= c1) continue;
    const wk2 = wk * wk;
    const shift = dy * cols + dx;
    for (let r = r0; r < r1; r++) {
      const rowStart = r * cols;
      for (let i = rowStart + c0, end = rowStart + c1; i < end; i++) {
        lag[i] += wk * v[i + shift];
        wsum[i] += wk;
        w2sum[i] += wk2;
      }
    }
  }
}

/**
 * Gi* or Gi with any precomputed weights (e.g. polygons, k nearest neighbours): Gi* when
 * `weights.selfIncluded`, Gi otherwise.
 *
 * @param values the value of each observation
 * @param weights compressed-row weights (see neighbours/)
 * @returns z-scores and two-sided p-values
 * @example
 * const w = distanceBandWeights(x, y, { distance: 15, self: true });
 * const { z } = gistarWeights(values, w);
 */
export function gistarWeights(values: ArrayLike<number>, weights: SpatialWeights): GiStarResult {
  const fn = 'gistarWeights';
  const n = weights.n;
  checkValues(values, n, fn);
  checkCount(n, weights.selfIncluded, fn);
  const lag = new Float64Array(n), wsum = new Float64Array(n), w2sum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let L = 0, W = 0, S1 = 0;
    for (let k = weights.offsets[i]; k < weights.offsets[i + 1]; k++) {
      const w = weights.weights[k];
      L += w * values[weights.neighbours[k]]; W += w; S1 += w * w;
    }
    lag[i] = L; wsum[i] = W; w2sum[i] = S1;
  }
  return giZScores(values, lag, wsum, w2sum, weights.selfIncluded);
}

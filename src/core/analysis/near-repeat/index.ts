import { toColumns, type SpaceTimeInput } from './points.ts';
import { iterationSeed } from './permutation.ts';
import { createRandom } from '../../random/index.ts';

export { dayNumber, toColumns } from './points.ts';
export type { SpaceTimeInput, SpaceTimePoint, SpaceTimeColumns } from './points.ts';
export { iterationSeed } from './permutation.ts';

export interface NearRepeatOptions {
  /** Width of each spatial band, in the unit of x and y (metres). Required, > 0. */
  spatialBandwidth: number;
  /** Number of spatial bands after "Same location" (then "More than …"). Required, 1–250. */
  spatialBands: number;
  /** Width of each temporal band in days. Required, > 0. */
  temporalBandwidth: number;
  /** Number of temporal bands (then "More than …"). Required, 1–250. */
  temporalBands: number;
  /** Distance between incidents. Default 'manhattan' (as the calculator and NearRepeat). */
  metric?: 'manhattan' | 'euclidean';
  /** Monte Carlo iterations (permutations of the dates). Default 99. */
  iterations?: number;
  /** Seed; iteration k permutes with its own stream derived from (seed, k). Default 1. */
  seed?: number;
  /**
   * Round x and y to 32-bit floats before measuring, as the Near Repeat Calculator 1.3 stores them;
   * reproduces its observed tables to the pair. Default false (full double precision, as NearRepeat).
   */
  float32Coordinates?: boolean;
}

export interface NearRepeatResult {
  /** Observed pairs per spatial row × temporal column. */
  observed: number[][];
  /** Mean over the iterations of the simulated pairs (the calculator's "mean expected"). */
  expected: number[][];
  /** observed / expected (NaN for 0/0, Infinity when nothing was simulated but something observed). */
  knoxRatio: number[][];
  /** (#iterations with simulated ≥ observed + 1) / (iterations + 1). */
  p: number[][];
  /** "Same location", the spatial bands, "More than …". */
  rows: string[];
  /** The temporal bands, "More than …". */
  cols: string[];
  /** Number of pairs n(n−1)/2. */
  pairs: number;
  /** Monte Carlo iterations used. */
  iterations: number;
}

export const defaultOptions = {
  metric: 'manhattan' as 'manhattan' | 'euclidean', // street-network-like distance, the calculator's default
  iterations: 99, // the calculator's p = 0.01 setting
  seed: 1, // reproducible unless the caller varies it
  float32Coordinates: false, // measure in double precision like R; true mimics the calculator
};

/**
 * Everything a Monte Carlo iteration needs, in typed arrays only (so it can be sent to a worker):
 * incidents are relabelled in x order; pairs closer than the last spatial break are kept as a
 * compressed row list (pairs i < j of the relabelled incidents) with their spatial row.
 */
export interface NearRepeatPrepared {
  n: number;
  /** Spatial rows stored per pair: "Same location" + spatialBands (the "More than" row is derived). */
  nearRows: number;
  /** Temporal columns: temporalBands + "More than". */
  cols: number;
  iterations: number;
  seed: number;
  /** Day of each incident in INPUT order (what gets permuted). */
  days: Int32Array;
  /** Input index of the k-th incident in x order. */
  order: Uint32Array;
  /** Pairs of relabelled incident k are nb[rowStart[k] .. rowStart[k+1]). */
  rowStart: Uint32Array;
  nb: Uint32Array;
  /** Spatial row of each stored pair: 0 = same location, 1..spatialBands. */
  band: Uint8Array;
  /** Temporal column of a day difference dt = 0 .. span. */
  timeBand: Uint8Array;
  /** Pairs per temporal column over ALL pairs: unchanged by any permutation of the dates. */
  colTotals: Float64Array;
  /** Observed table, (nearRows + 1) × cols, row-major. */
  observed: Float64Array;
  rows: string[];
  colLabels: string[];
}

/** Sums over a range of iterations; ranges combine by adding (so workers can split the work). */
export interface NearRepeatPartial {
  /** Σ simulated count per cell, (nearRows + 1) × cols. */
  sum: Float64Array;
  /** Number of iterations with simulated ≥ observed, per cell. */
  atLeast: Float64Array;
  iterations: number;
}

function positive(v: unknown, name: string): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`nearRepeat: options.${name} must be a number, got ${v}`);
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`nearRepeat: options.${name} must be a positive finite number, got ${v}`);
  return v;
}
function count(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`nearRepeat: options.${name} must be an integer from ${min} to ${max}, got ${v}`);
  }
  return v;
}

/** Labels as the Near Repeat Calculator prints them (integer bandwidths), interval notation otherwise. */
function labels(bw: number, k: number, spatial: boolean): string[] {
  const out: string[] = [];
  const integer = Number.isInteger(bw);
  if (spatial) {
    out.push('Same location');
    for (let i = 1; i <= k; i++) {
      const lo = (i - 1) * bw, hi = i * bw;
      out.push(integer ? `${i === 1 ? 1 : lo + 1} to ${hi}` : `${i === 1 ? '(' : '['}${lo}, ${hi})`);
    }
  } else {
    for (let i = 0; i < k; i++) {
      const lo = i * bw, hi = (i + 1) * bw;
      out.push(integer ? `${i === 0 ? 0 : lo + 1} to ${hi}` : `[${lo}, ${hi})`);
    }
  }
  out.push(`More than ${k * bw}`);
  return out;
}

/**
 * The deterministic part of {@link nearRepeat}: checks the input, finds the pairs closer than the
 * last spatial break, and computes the observed table. Exposed for the worker-thread driver.
 *
 * @param {SpaceTimeInput} points incidents {x, y, t} with t in whole days
 * @param {NearRepeatOptions} options see {@link nearRepeat}
 * @returns {NearRepeatPrepared} typed arrays for {@link simulateNearRepeat}
 */
export function prepareNearRepeat(points: SpaceTimeInput, options: NearRepeatOptions): NearRepeatPrepared {
  if (options == null || typeof options !== 'object') throw new TypeError('nearRepeat: options {spatialBandwidth, spatialBands, temporalBandwidth, temporalBands} are required');
  const sbw = positive(options.spatialBandwidth, 'spatialBandwidth');
  const K = count(options.spatialBands, 'spatialBands', 1, 250);
  const tbw = positive(options.temporalBandwidth, 'temporalBandwidth');
  const KT = count(options.temporalBands, 'temporalBands', 1, 250);
  const { metric, iterations, seed, float32Coordinates } = { ...defaultOptions, ...options };
  if (typeof float32Coordinates !== 'boolean') throw new TypeError(`nearRepeat: options.float32Coordinates must be true or false, got ${float32Coordinates}`);
  if (metric !== 'manhattan' && metric !== 'euclidean') throw new RangeError(`nearRepeat: options.metric must be 'manhattan' or 'euclidean', got ${JSON.stringify(metric)}`);
  count(iterations, 'iterations', 1, 1e7);
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new TypeError(`nearRepeat: options.seed must be a finite number, got ${seed}`);

  const { n, x, y, t } = toColumns(points, 'nearRepeat', true);
  if (n < 2) throw new RangeError(`nearRepeat: needs at least 2 incidents to form a pair, got ${n}`);
  const days = Int32Array.from(t);

  // Temporal column of every possible day difference: [k·tbw, (k+1)·tbw) → k, beyond → KT.
  let tmin = days[0], tmax = days[0];
  for (let i = 1; i < n; i++) { if (days[i] < tmin) tmin = days[i]; if (days[i] > tmax) tmax = days[i]; }
  const span = tmax - tmin;
  const timeBand = new Uint8Array(span + 1);
  for (let dt = 0, k = 0; dt <= span; dt++) {
    while (k < KT && dt >= (k + 1) * tbw) k++;
    timeBand[dt] = k;
  }

  // Spatial breaks as R's cut(d, c(0, ε, sbw, 2·sbw, …, K·sbw, Inf), right = FALSE).
  const breaks = new Float64Array(K + 1);
  for (let k = 1; k <= K; k++) breaks[k] = k * sbw;
  const reach = breaks[K];

  // Relabel in x order and sweep: only pairs with |dx| < reach can be nearer than reach.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b] || a - b);
  const xs = new Float64Array(n), ys = new Float64Array(n), ds = new Int32Array(n);
  for (let k = 0; k < n; k++) { xs[k] = x[order[k]]; ys[k] = y[order[k]]; ds[k] = days[order[k]]; }
  if (float32Coordinates) { for (let k = 0; k < n; k++) { xs[k] = Math.fround(xs[k]); ys[k] = Math.fround(ys[k]); } }

  const euclid = metric === 'euclidean';
  let cap = Math.max(16, n * 4);
  let nb = new Uint32Array(cap), band = new Uint8Array(cap);
  const rowStart = new Uint32Array(n + 1);
  const C = KT + 1, R = K + 2;
  const observed = new Float64Array(R * C);
  let m = 0;
  for (let a = 0; a < n; a++) {
    rowStart[a] = m;
    const xa = xs[a], ya = ys[a], da = ds[a];
    for (let b = a + 1; b < n; b++) {
      const dx = xs[b] - xa;
      if (dx >= reach) break;
      const dy = ya - ys[b];
      const d = euclid ? Math.sqrt(dx * dx + dy * dy) : dx + Math.abs(dy);
      if (d >= reach) continue;
      let r = 0;
      if (d > 0) { r = 1; while (d >= breaks[r]) r++; }
      if (m === cap) {
        cap *= 2;
        const nb2 = new Uint32Array(cap); nb2.set(nb); nb = nb2;
        const band2 = new Uint8Array(cap); band2.set(band); band = band2;
      }
      nb[m] = b; band[m] = r; m++;
      observed[r * C + timeBand[Math.abs(da - ds[b])]]++;
    }
  }
  rowStart[n] = m;

  // Column totals over all pairs from the sorted days: pairs with dt < k·tbw by two pointers.
  const sortedDays = Int32Array.from(days).sort();
  const pairs = (n * (n - 1)) / 2;
  const below = new Float64Array(KT + 1); // below[k] = #pairs with dt < k·tbw
  for (let k = 1; k <= KT; k++) {
    const lim = k * tbw;
    let c = 0;
    for (let i = 0, j = 0; i < n; i++) {
      if (j < i + 1) j = i + 1;
      while (j < n && sortedDays[j] - sortedDays[i] < lim) j++;
      c += j - i - 1;
    }
    below[k] = c;
  }
  const colTotals = new Float64Array(C);
  for (let k = 0; k < KT; k++) colTotals[k] = below[k + 1] - below[k];
  colTotals[KT] = pairs - below[KT];
  for (let c = 0; c < C; c++) {
    let near = 0;
    for (let r = 0; r <= K; r++) near += observed[r * C + c];
    observed[(K + 1) * C + c] = colTotals[c] - near;
  }

  return {
    n, nearRows: K + 1, cols: C, iterations, seed, days, order, rowStart,
    nb: nb.slice(0, m), band: band.slice(0, m), timeBand, colTotals, observed,
    rows: labels(sbw, K, true), colLabels: labels(tbw, KT, false),
  };
}

/**
 * Monte Carlo iterations [from, to) of a prepared near-repeat analysis. Iteration k permutes the
 * dates over the incidents with createRandom(iterationSeed(seed, k)), so any split of the
 * iterations gives the same sums.
 *
 * @param {NearRepeatPrepared} prep from {@link prepareNearRepeat}
 * @param {number} from first iteration (inclusive)
 * @param {number} to last iteration (exclusive)
 * @returns {NearRepeatPartial} per-cell sums and counts of simulated ≥ observed
 */
export function simulateNearRepeat(prep: NearRepeatPrepared, from: number, to: number): NearRepeatPartial {
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= prep.iterations)) {
    throw new RangeError(`simulateNearRepeat: iteration range [${from}, ${to}) must lie within [0, ${prep.iterations})`);
  }
  const { n, nearRows, cols: C, days, order, rowStart, nb, band, timeBand, colTotals, observed, seed } = prep;
  const cells = (nearRows + 1) * C;
  const sum = new Float64Array(cells), atLeast = new Float64Array(cells);
  const counts = new Float64Array(cells);
  const perm = new Int32Array(n), ds = new Int32Array(n);
  const beyond = nearRows * C;
  for (let it = from; it < to; it++) {
    perm.set(days);
    createRandom(iterationSeed(seed, it)).shuffle(perm, n);
    for (let k = 0; k < n; k++) ds[k] = perm[order[k]];
    counts.fill(0);
    for (let a = 0; a < n; a++) {
      const da = ds[a];
      for (let e = rowStart[a], end = rowStart[a + 1]; e < end; e++) {
        const dt = da - ds[nb[e]];
        counts[band[e] * C + timeBand[dt < 0 ? -dt : dt]]++;
      }
    }
    for (let c = 0; c < C; c++) {
      let near = 0;
      for (let r = 0; r < nearRows; r++) near += counts[r * C + c];
      counts[beyond + c] = colTotals[c] - near;
    }
    for (let i = 0; i < cells; i++) {
      sum[i] += counts[i];
      if (counts[i] >= observed[i]) atLeast[i]++;
    }
  }
  return { sum, atLeast, iterations: to - from };
}

/**
 * Turns the observed table and the (merged) Monte Carlo sums into the result tables.
 *
 * @param {NearRepeatPrepared} prep from {@link prepareNearRepeat}
 * @param {NearRepeatPartial[]} partials covering every iteration exactly once
 * @returns {NearRepeatResult}
 */
export function summarizeNearRepeat(prep: NearRepeatPrepared, partials: NearRepeatPartial[]): NearRepeatResult {
  const R = prep.nearRows + 1, C = prep.cols;
  const sum = new Float64Array(R * C), atLeast = new Float64Array(R * C);
  let its = 0;
  for (const p of partials) {
    its += p.iterations;
    for (let i = 0; i < R * C; i++) { sum[i] += p.sum[i]; atLeast[i] += p.atLeast[i]; }
  }
  if (its !== prep.iterations) throw new RangeError(`summarizeNearRepeat: partials cover ${its} iterations, expected ${prep.iterations}`);
  const table = (f: (i: number) => number) => Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => f(r * C + c)));
  return {
    observed: table((i) => prep.observed[i]),
    expected: table((i) => sum[i] / its),
    knoxRatio: table((i) => prep.observed[i] / (sum[i] / its)),
    p: table((i) => (atLeast[i] + 1) / (its + 1)),
    rows: prep.rows.slice(),
    cols: prep.colLabels.slice(),
    pairs: (prep.n * (prep.n - 1)) / 2,
    iterations: its,
  };
}

/**
 * Near-repeat analysis: the Knox test over bands of distance and time, as Ratcliffe's Near Repeat
 * Calculator (NRC 1.3) and the R package NearRepeat (Steenbeek) compute it. Every pair of incidents
 * is counted in a spatial row and a temporal column; the dates are then permuted over the
 * (fixed) locations `iterations` times to give the expected counts, Knox ratios and p-values.
 *
 * Bins are half-open, as NearRepeat with `right = FALSE`:
 * - rows: "Same location" (distance exactly 0), then band k = [(k−1)·w, k·w) without distance 0
 *   for k = 1..spatialBands, then "More than K·w" = [K·w, ∞). Equals NearRepeat's
 *   `sds = c(0, ε, w, 2w, …, K·w, Inf)` for ε below the smallest non-zero distance.
 * - columns: band k = [k·v, (k+1)·v) days for k = 0..temporalBands−1, then [K·v, ∞).
 *   The calculator labels them "0 to v", "v+1 to 2v", …: its "0 to 1 days" column holds Δt = 0.
 *   These labels are used for integer bandwidths (interval notation otherwise).
 * - Knox ratio = observed / mean simulated; p = (#simulated ≥ observed + 1)/(iterations + 1).
 *
 * The calculator keeps coordinates as 32-bit floats, which moves a pair across a band edge now
 * and then; `float32Coordinates: true` reproduces its observed tables to the pair. Pairs beyond the last spatial break
 * are never stored: permuting dates leaves each temporal column's total unchanged, so the
 * "More than" row is that total minus the rows above it.
 *
 * @param {SpaceTimeInput} points incidents {x, y, t}: projected coordinates and t in whole days (see dayNumber)
 * @param {NearRepeatOptions} options spatialBandwidth, spatialBands, temporalBandwidth, temporalBands, metric ('manhattan'), iterations (99), seed (1)
 * @returns {NearRepeatResult} observed, expected, knoxRatio, p tables with rows and cols labels
 * @throws {RangeError|TypeError} fewer than 2 incidents, NaN or fractional days, bad options
 * @example
 * const r = nearRepeat(incidents, { spatialBandwidth: 100, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3 });
 * // r.rows: ['Same location', '1 to 100', '101 to 200', '201 to 300', 'More than 300']
 * // r.cols: ['0 to 7', '8 to 14', '15 to 21', 'More than 21']
 */
export function nearRepeat(points: SpaceTimeInput, options: NearRepeatOptions): NearRepeatResult {
  const prep = prepareNearRepeat(points, options);
  return summarizeNearRepeat(prep, [simulateNearRepeat(prep, 0, prep.iterations)]);
}

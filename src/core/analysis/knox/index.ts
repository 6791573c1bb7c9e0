import { toColumns, type SpaceTimeInput } from '../near-repeat/points.ts';
import { permuteInto } from '../near-repeat/permutation.ts';
import { poissonUpperTail } from '../poisson/index.ts';

export { poissonUpperTail, poissonPmf } from '../poisson/index.ts';
export type { SpaceTimeInput, SpaceTimePoint, SpaceTimeColumns } from '../near-repeat/points.ts';

export interface KnoxOptions {
  /** A pair is close in space when its distance d ≤ spaceThreshold (same unit as x, y). Required, ≥ 0. */
  spaceThreshold: number;
  /** A pair is close in time when |t_i − t_j| ≤ timeThreshold (days). Required, ≥ 0. */
  timeThreshold: number;
  /** Distance between two incidents. Default 'euclidean' (Knox 1964). */
  metric?: 'euclidean' | 'manhattan';
  /** Monte Carlo permutations of the times (0 = none, the default). */
  permutations?: number;
  /** Seed of the permutations (default 1). Iteration k uses its own stream derived from (seed, k). */
  seed?: number;
}

export type Table2x2 = [[number, number], [number, number]];

export interface KnoxResult {
  /** Pairs by [space close, space far] × [time close, time far]: [[cc, cf], [fc, ff]]. */
  observed: Table2x2;
  /** Expected counts under independence of space and time: row total × column total / pairs. */
  expected: Table2x2;
  /** Number of pairs n(n−1)/2. */
  pairs: number;
  /** Knox statistic: the number of pairs close in both space and time (observed[0][0]). */
  statistic: number;
  /** statistic / expected[0][0] (NaN when nothing is expected). */
  ratio: number;
  /** P(X ≥ statistic) for X ~ Poisson(expected[0][0]). */
  pPoisson: number;
  /** Monte Carlo p = (#permutations with statistic ≥ observed + 1)/(permutations + 1); null without permutations. */
  pSimulated: number | null;
  /** Mean close–close count over the permutations; null without permutations. */
  simulatedMean: number | null;
}

export const defaultOptions = {
  metric: 'euclidean' as 'euclidean' | 'manhattan', // as Knox (1964) and the README test vector
  permutations: 0, // no Monte Carlo p-value unless asked for
  seed: 1, // reproducible by default
};

function checkNonNegative(v: unknown, name: string): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`knox: options.${name} must be a number, got ${v}`);
  if (v < 0) throw new RangeError(`knox: options.${name} must be >= 0, got ${v}`);
  return v;
}

/**
 * The Knox (1964) test for space–time interaction: every pair of incidents is classified as close
 * or far in space (distance ≤ `spaceThreshold`, both thresholds inclusive) and in time
 * (|Δt| ≤ `timeThreshold` days); the 2×2 table of pair counts is compared with the counts expected
 * if closeness in space and in time were independent. The p-value of the close–close count uses
 * the Poisson approximation P(X ≥ observed), X ~ Poisson(expected); optionally a Monte Carlo
 * p-value permutes the times over the (fixed) locations. Equals R `surveillance::knox` for the table
 * and expected counts (its Poisson p-value is P(X > observed) instead); reproduces the classic
 * Burkitt's lymphoma vector (PySAL). O(n²) time; the close-in-space pairs are kept for the permutations.
 *
 * @param {SpaceTimeInput} points incidents `{x, y, t}` (t in days) as objects or columns; at least 2
 * @param {KnoxOptions} options spaceThreshold, timeThreshold, metric, permutations, seed
 * @returns {KnoxResult} observed and expected tables, statistic, ratio, pPoisson, pSimulated
 * @throws {RangeError|TypeError} on fewer than 2 points, NaN/non-finite coordinates or times, bad options
 * @example
 * const r = knox(points, { spaceThreshold: 20, timeThreshold: 5 });
 * // burkitt.csv: r.observed = [[13, 3416], [39, 14110]], r.expected[0][0] ≈ 10.1438
 */
export function knox(points: SpaceTimeInput, options: KnoxOptions): KnoxResult {
  if (options == null || typeof options !== 'object') throw new TypeError('knox: options {spaceThreshold, timeThreshold} are required');
  const s = checkNonNegative(options.spaceThreshold, 'spaceThreshold');
  const tt = checkNonNegative(options.timeThreshold, 'timeThreshold');
  const { metric, permutations, seed } = { ...defaultOptions, ...options };
  if (metric !== 'euclidean' && metric !== 'manhattan') throw new RangeError(`knox: options.metric must be 'euclidean' or 'manhattan', got ${JSON.stringify(metric)}`);
  if (!Number.isInteger(permutations) || permutations < 0) throw new RangeError(`knox: options.permutations must be a non-negative integer, got ${permutations}`);
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new TypeError(`knox: options.seed must be a finite number, got ${seed}`);
  const { n, x, y, t } = toColumns(points, 'knox');
  if (n < 2) throw new RangeError(`knox: needs at least 2 points to form a pair, got ${n}`);

  const euclid = metric === 'euclidean';
  let cc = 0, cf = 0, fc = 0, ff = 0;
  const near: number[] = []; // close-in-space pairs, flattened (i, j)
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i], yi = y[i], ti = t[i];
    for (let j = i + 1; j < n; j++) {
      const dx = xi - x[j], dy = yi - y[j];
      const d = euclid ? Math.sqrt(dx * dx + dy * dy) : Math.abs(dx) + Math.abs(dy);
      const closeT = Math.abs(ti - t[j]) <= tt;
      if (d <= s) {
        if (permutations > 0) near.push(i, j);
        if (closeT) cc++; else cf++;
      } else if (closeT) fc++; else ff++;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const rows = [cc + cf, fc + ff], cols = [cc + fc, cf + ff];
  const expected: Table2x2 = [
    [(rows[0] * cols[0]) / pairs, (rows[0] * cols[1]) / pairs],
    [(rows[1] * cols[0]) / pairs, (rows[1] * cols[1]) / pairs],
  ];
  const lambda = expected[0][0];

  let pSimulated: number | null = null, simulatedMean: number | null = null;
  if (permutations > 0) {
    // Permuting the times keeps the set of pairwise time differences, so only the close–close
    // count among the close-in-space pairs changes.
    const tp = new Float64Array(n);
    let atLeast = 0, total = 0;
    for (let it = 0; it < permutations; it++) {
      permuteInto(t, tp, seed, it);
      let c = 0;
      for (let k = 0; k < near.length; k += 2) if (Math.abs(tp[near[k]] - tp[near[k + 1]]) <= tt) c++;
      if (c >= cc) atLeast++;
      total += c;
    }
    pSimulated = (atLeast + 1) / (permutations + 1);
    simulatedMean = total / permutations;
  }

  return {
    observed: [[cc, cf], [fc, ff]],
    expected,
    pairs,
    statistic: cc,
    ratio: cc / lambda,
    pPoisson: poissonUpperTail(cc, lambda),
    pSimulated,
    simulatedMean,
  };
}

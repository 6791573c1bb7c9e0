import { mannKendall } from '../mann-kendall/index.ts';

/** ArcGIS Emerging Hot Spot Analysis pattern names, in the order of their codes. */
export const EMERGING_PATTERNS = [
  'No Pattern Detected',
  'New Hot Spot', 'Consecutive Hot Spot', 'Intensifying Hot Spot', 'Persistent Hot Spot',
  'Diminishing Hot Spot', 'Sporadic Hot Spot', 'Oscillating Hot Spot', 'Historical Hot Spot',
  'New Cold Spot', 'Consecutive Cold Spot', 'Intensifying Cold Spot', 'Persistent Cold Spot',
  'Diminishing Cold Spot', 'Sporadic Cold Spot', 'Oscillating Cold Spot', 'Historical Cold Spot',
] as const;

export type EmergingPattern = (typeof EMERGING_PATTERNS)[number];

/** A space–time cube of Gi* results, cell-major: the value of cell c at time step t is at c·steps + t. */
export interface ZPCube {
  cells: number;
  steps: number;
  /** Gi* z-score per bin. */
  z: ArrayLike<number>;
  /** p-value per bin (two-sided; FDR-adjusted if the caller wants FDR control). */
  p: ArrayLike<number>;
}

export interface ClassifyOptions {
  /** A bin is a significant hot (cold) spot when p ≤ alpha and z > 0 (z < 0). Default 0.05. */
  alpha?: number;
  /** Significance level of the Mann–Kendall trend of a cell's z series. Default 0.05. */
  trendAlpha?: number;
}

export interface ClassifyResult {
  /** Pattern code per cell: an index into EMERGING_PATTERNS. */
  code: Uint8Array;
  /** Pattern name per cell. */
  pattern: EmergingPattern[];
  /** Mann–Kendall z and p of each cell's Gi* z series. */
  trendZ: Float64Array;
  trendP: Float64Array;
  /** Number of significant hot and cold bins per cell. */
  hotSteps: Uint32Array;
  coldSteps: Uint32Array;
}

export const defaultClassifyOptions: Required<ClassifyOptions> = {
  alpha: 0.05, // significance of a Gi* bin
  trendAlpha: 0.05, // significance of the Mann–Kendall trend
};

const HOT = 1, COLD = 9; // offsets of the hot and cold families in EMERGING_PATTERNS
const NEW = 0, CONSECUTIVE = 1, INTENSIFYING = 2, PERSISTENT = 3, DIMINISHING = 4, SPORADIC = 5, OSCILLATING = 6, HISTORICAL = 7;

/**
 * Classifies every cell of a Gi* space–time cube into the ArcGIS Emerging Hot Spot Analysis
 * patterns (ArcGIS Pro, "How Emerging Hot Spot Analysis works"). With n time steps, a bin is hot
 * (cold) when p ≤ alpha and z > 0 (z < 0); "90 %" means at least 90 % of the n steps, compared in
 * integers (10·count ≥ 9·n). The trend is the Mann–Kendall test of the cell's z series
 * (pyMannKendall original_test), significant when its p < trendAlpha.
 *
 * The final step decides the family (this removes the overlaps the published table leaves open):
 * - Final step hot, first matching rule wins, in ArcGIS's order:
 *   - New: no hot step before the final one.
 *   - Consecutive: the final uninterrupted run of hot steps has length ≥ 2, there is no hot step
 *     before that run, and fewer than 90 % of the steps are hot.
 *   - Intensifying: ≥ 90 % hot and a significant increasing trend.
 *   - Persistent: ≥ 90 % hot and no significant trend.
 *   - Diminishing: ≥ 90 % hot and a significant decreasing trend.
 *   - Sporadic: < 90 % hot (hot on and off) and never a significant cold spot.
 *   - Oscillating: < 90 % hot and a significant cold spot at some earlier step.
 * - Final step cold: the same seven rules with hot and cold swapped; for cold spots "intensifying"
 *   is a significant decreasing trend of z (ever colder), "diminishing" an increasing one.
 * - Final step neither: Historical Hot Spot when ≥ 90 % of the steps are hot, Historical Cold Spot
 *   when ≥ 90 % are cold (so persistent, intensifying and diminishing include the final step).
 * - Anything else: No Pattern Detected.
 * ArcGIS asks for at least 10 time steps; fewer are accepted (90 % of fewer than 10 steps is all).
 *
 * @param {ZPCube} cube cells, steps, z and p (cell-major, length cells·steps); at least 3 steps
 * @param {ClassifyOptions} [options] alpha (0.05), trendAlpha (0.05)
 * @returns {ClassifyResult} code and pattern per cell, the trend z and p, hot and cold step counts
 * @throws {RangeError} wrong lengths, fewer than 3 steps, NaN z or p, p outside [0, 1], bad alpha
 * @example
 * // one cell, 10 weekly steps, significant hot spot only in the last week
 * const z = [0, 0, 0, 0, 0, 0, 0, 0, 0, 3], p = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0.003];
 * classifyEmergingHotspots({ cells: 1, steps: 10, z, p }).pattern; // ['New Hot Spot']
 */
export function classifyEmergingHotspots(cube: ZPCube, options: ClassifyOptions = {}): ClassifyResult {
  const fn = 'classifyEmergingHotspots';
  const { alpha, trendAlpha } = { ...defaultClassifyOptions, ...options };
  for (const [name, a] of [['alpha', alpha], ['trendAlpha', trendAlpha]] as const) {
    if (typeof a !== 'number' || !(a > 0 && a < 1)) throw new RangeError(`${fn}: options.${name} must be in (0, 1), got ${a}`);
  }
  if (cube == null || typeof cube !== 'object') throw new TypeError(`${fn}: cube must be an object { cells, steps, z, p }`);
  const { cells, steps, z, p } = cube;
  if (!Number.isInteger(cells) || cells < 1) throw new RangeError(`${fn}: cube.cells must be a positive integer, got ${cells}`);
  if (!Number.isInteger(steps) || steps < 3) throw new RangeError(`${fn}: cube.steps must be an integer >= 3 (Mann–Kendall needs 3 time steps), got ${steps}`);
  for (const [name, a] of [['z', z], ['p', p]] as const) {
    if (a == null || a.length !== cells * steps) throw new RangeError(`${fn}: cube.${name} must have cells·steps = ${cells * steps} values, got ${a?.length}`);
  }
  for (let i = 0; i < cells * steps; i++) {
    if (Number.isNaN(z[i]) || typeof z[i] !== 'number') throw new RangeError(`${fn}: cube.z[${i}] (cell ${Math.floor(i / steps)}, step ${i % steps}) is not a number: ${z[i]}`);
    if (!(p[i] >= 0 && p[i] <= 1)) throw new RangeError(`${fn}: cube.p[${i}] (cell ${Math.floor(i / steps)}, step ${i % steps}) must be in [0, 1], got ${p[i]}`);
  }

  const code = new Uint8Array(cells);
  const trendZ = new Float64Array(cells), trendP = new Float64Array(cells);
  const hotSteps = new Uint32Array(cells), coldSteps = new Uint32Array(cells);
  const state = new Int8Array(steps); // +1 hot, −1 cold, 0 neither
  const series = new Float64Array(steps);
  for (let c = 0; c < cells; c++) {
    const base = c * steps;
    let nHot = 0, nCold = 0;
    for (let t = 0; t < steps; t++) {
      const zi = z[base + t];
      series[t] = zi;
      const sig = p[base + t] <= alpha;
      state[t] = sig && zi > 0 ? 1 : sig && zi < 0 ? -1 : 0;
      if (state[t] === 1) nHot++; else if (state[t] === -1) nCold++;
    }
    hotSteps[c] = nHot; coldSteps[c] = nCold;
    const mk = mannKendall(series, { alpha: trendAlpha, slope: false });
    trendZ[c] = mk.z; trendP[c] = mk.p;
    const significantTrend = mk.p < trendAlpha;
    const final = state[steps - 1];
    if (final === 0) {
      if (10 * nHot >= 9 * steps) code[c] = HOT + HISTORICAL;
      else if (10 * nCold >= 9 * steps) code[c] = COLD + HISTORICAL;
      continue;
    }
    // the family of the final step: same = hot for a hot final step, other = the opposite
    const nSame = final === 1 ? nHot : nCold, nOther = final === 1 ? nCold : nHot;
    const family = final === 1 ? HOT : COLD;
    let run = 0;
    while (run < steps && state[steps - 1 - run] === final) run++;
    const mostly = 10 * nSame >= 9 * steps;
    let k: number;
    if (nSame === 1) k = NEW;
    else if (run >= 2 && run === nSame && !mostly) k = CONSECUTIVE;
    else if (mostly) {
      const intensifying = final === 1 ? mk.z > 0 : mk.z < 0;
      k = !significantTrend ? PERSISTENT : intensifying ? INTENSIFYING : DIMINISHING;
    } else k = nOther === 0 ? SPORADIC : OSCILLATING;
    code[c] = family + k;
  }
  return { code, pattern: Array.from(code, (k) => EMERGING_PATTERNS[k]), trendZ, trendP, hotSteps, coldSteps };
}

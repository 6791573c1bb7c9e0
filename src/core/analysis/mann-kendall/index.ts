import { normalQuantile, twoSidedP } from '../normal/index.ts';

/** Options of {@link mannKendall}. */
export interface MannKendallOptions {
  /** Significance level of the two-sided test behind `h` and `trend` (0 < alpha < 1). Default 0.05. */
  alpha?: number;
  /** Compute Sen's slope and intercept (O(n²) memory and time). Default true; NaN when false. */
  slope?: boolean;
}

export type Trend = 'increasing' | 'decreasing' | 'no trend';

export interface MannKendallResult {
  /** Number of non-missing values the test used. */
  n: number;
  /** Mann–Kendall score S = Σ_{i<j} sgn(x_j − x_i) over the non-missing values. */
  s: number;
  /** Var(S) with the tie correction (n(n−1)(2n+5) − Σ t(t−1)(2t+5)) / 18. */
  varS: number;
  /** (S − 1)/√Var(S) for S > 0, (S + 1)/√Var(S) for S < 0, 0 for S = 0. */
  z: number;
  /** Two-sided p-value 2·P(Z ≥ |z|). */
  p: number;
  /** Kendall's tau-a: S / (n(n−1)/2). */
  tau: number;
  /** Sen's slope (Theil–Sen): median of (x_j − x_i)/(j − i) over pairs of non-missing values at their original positions. */
  senSlope: number;
  /** Intercept of the Kendall–Theil line (Conover): median(x) − median(positions of the non-missing values, from 0) · slope. */
  intercept: number;
  /** 'increasing' / 'decreasing' when h, else 'no trend'. */
  trend: Trend;
  /** True when |z| > Φ⁻¹(1 − alpha/2). */
  h: boolean;
}

export const defaultOptions: Required<MannKendallOptions> = {
  alpha: 0.05, // two-sided significance level
  slope: true, // compute Sen's slope and the intercept
};

/** Copies the non-missing values (NaN = missing) and checks the rest; positions are kept for Sen's slope. */
function collect(values: ArrayLike<number>, fn: string): { x: Float64Array; pos: Float64Array } {
  if (values == null || typeof values.length !== 'number') throw new TypeError(`${fn}: values must be an array of numbers`);
  const x = new Float64Array(values.length);
  const pos = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') throw new TypeError(`${fn}: values[${i}] must be a number (NaN for missing), got ${v === null ? 'null' : typeof v}`);
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw new RangeError(`${fn}: values[${i}] must be finite (NaN marks a missing value), got ${v}`);
    x[n] = v;
    pos[n] = i;
    n++;
  }
  if (n < 3) {
    throw new RangeError(`${fn}: needs at least 3 non-missing values, got ${n} (of ${values.length}; ${values.length - n} missing)`);
  }
  return { x: x.subarray(0, n), pos: pos.subarray(0, n) };
}

/** k-th smallest (0-based) of a[0..len) by in-place quickselect (Hoare partition, median-of-three). */
function select(a: Float64Array, len: number, k: number): number {
  let lo = 0, hi = len - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot
    let p = a[mid];
    const l = a[lo], h = a[hi];
    if ((l <= p) !== (l <= h)) p = l; else if ((h <= p) !== (h <= l)) p = h;
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (k <= j) hi = j; else if (k >= i) lo = i; else return a[k];
  }
  return a[k];
}

/** Median as numpy computes it: the middle value, or the mean of the two middle values. Reorders `a`. */
export function medianInPlace(a: Float64Array, len = a.length): number {
  if (len === 0) throw new RangeError('median of an empty array');
  const h = len >>> 1;
  if (len % 2 === 1) return select(a, len, h);
  const upper = select(a, len, h);
  // after selecting h, a[0..h) holds the h smallest values: the lower middle is their maximum
  let lower = -Infinity;
  for (let i = 0; i < h; i++) if (a[i] > lower) lower = a[i];
  return (lower + upper) / 2;
}

function sens(x: Float64Array, pos: Float64Array): { slope: number; intercept: number } {
  const n = x.length;
  const d = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i], pi = pos[i];
    for (let j = i + 1; j < n; j++) d[k++] = (x[j] - xi) / (pos[j] - pi);
  }
  const slope = medianInPlace(d, k);
  const intercept = medianInPlace(Float64Array.from(x)) - medianInPlace(Float64Array.from(pos)) * slope;
  return { slope, intercept };
}

/**
 * Sen's slope (Theil–Sen estimator) and the Kendall–Theil intercept, as pyMannKendall 1.4.2
 * `sens_slope`: missing values (NaN) keep their place in time, so a pair's slope divides by the
 * distance between the original positions; the intercept is median(x) − median(positions) · slope
 * with positions counted from 0.
 *
 * @param {ArrayLike<number>} values a series at equal time steps; NaN marks a missing value
 * @returns {{ slope: number, intercept: number }}
 * @example
 * sensSlope([1, NaN, 3, 4]); // { slope: 1, intercept: 1 }
 */
export function sensSlope(values: ArrayLike<number>): { slope: number; intercept: number } {
  const { x, pos } = collect(values, 'sensSlope');
  return sens(x, pos);
}

/**
 * Mann–Kendall trend test, exactly as pyMannKendall 1.4.2 `original_test` (Mann 1945, Kendall 1975,
 * Gilbert 1987): missing values (NaN) are dropped, S = Σ_{i<j} sgn(x_j − x_i), Var(S) with the tie
 * correction, Z = (S ∓ 1)/√Var(S) (0 when S = 0), two-sided normal p-value, tau = S/(n(n−1)/2),
 * and Sen's slope and intercept ({@link sensSlope}). A series whose values are all equal gives
 * S = 0, Var(S) = 0, z = 0, p = 1 and 'no trend' (as pyMannKendall). The p-value is computed as
 * 2·Φ(−|z|) without the cancellation of pyMannKendall's 2·(1 − Φ(|z|)); both agree to 1e−16 absolute.
 * O(n²) time.
 *
 * @param {ArrayLike<number>} values a series at equal time steps; NaN marks a missing value; at least 3 non-missing
 * @param {MannKendallOptions} [options] `alpha` (default 0.05), `slope` (default true)
 * @returns {MannKendallResult} n, s, varS, z, p, tau, senSlope, intercept, trend, h
 * @throws {RangeError} fewer than 3 non-missing values, ±Infinity, alpha outside (0, 1)
 * @example
 * const r = mannKendall([1, 2, 2, 3, 3, 3, 5, 4, 4, 7]);
 * // r.s === 36, r.trend === 'increasing', r.senSlope === 0.5
 */
export function mannKendall(values: ArrayLike<number>, options: MannKendallOptions = {}): MannKendallResult {
  const { alpha, slope: wantSlope } = { ...defaultOptions, ...options };
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) throw new RangeError(`mannKendall: options.alpha must be in (0, 1), got ${alpha}`);
  const { x, pos } = collect(values, 'mannKendall');
  const n = x.length;

  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i];
    for (let j = i + 1; j < n; j++) {
      const d = x[j] - xi;
      if (d > 0) s++; else if (d < 0) s--;
    }
  }

  // tie groups from a sorted copy
  const sorted = Float64Array.from(x).sort();
  let tieSum = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    if (t > 1) tieSum += t * (t - 1) * (2 * t + 5);
    i = j;
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieSum) / 18;

  const z = s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0;
  const p = twoSidedP(z);
  const h = Math.abs(z) > normalQuantile(1 - alpha / 2);
  const trend: Trend = h ? (z < 0 ? 'decreasing' : 'increasing') : 'no trend';
  const tau = s / (0.5 * n * (n - 1));
  const { slope, intercept } = wantSlope ? sens(x, pos) : { slope: NaN, intercept: NaN };
  return { n, s, varS, z, p, tau, senSlope: slope, intercept, trend, h };
}

/**
 * Exact binomial and Poisson helpers for comparing counts: the binomial probability mass function,
 * its tails, Clopper–Pearson limits (beta quantiles with integer shapes) and the exact test for a
 * change in a Poisson rate. They reproduce R's `dbinom`, `pbinom`, `binom.test` and the two-sample
 * `poisson.test` to about 1e-14 relative.
 *
 * - Probabilities: C. Loader, "Fast and accurate computation of binomial probabilities" (2000), the
 *   saddle-point form b(x; n, p) = √(n / (2π x (n−x))) · exp(δ(n) − δ(x) − δ(n−x) − D(x, np) − D(n−x, nq))
 *   with δ the error of Stirling's formula and D(x, m) = x log(x/m) + m − x the deviance term (series
 *   form when x ≈ m). Exact to ~1e-15 relative also far in the tails, where n!/(x!(n−x)!)·pˣqⁿ⁻ˣ is not.
 * - Tails: sums of probabilities from the far end towards the mode, stopped once terms no longer add
 *   to the sum; the tail holding the mode is 1 − the other tail.
 * - Quantiles: the Clopper–Pearson limits are beta quantiles with integer shapes, solved through
 *   I_p(x, n−x+1) = P(Bin(n, p) ≥ x) by safeguarded Newton iteration to full double precision.
 */

/** Stirling error δ(k) = ln k! − (k + ½) ln k + k − ½ ln 2π, exact for k = 0…15 (computed with mpmath, 40 digits). */
const STIRLING_ERROR_SMALL = [
  0, 0.08106146679532725822, 0.041340695955409294094, 0.027677925684998339149, 0.020790672103765093112,
  0.016644691189821192163, 0.013876128823070747999, 0.011896709945891770095, 0.010411265261972096497,
  0.0092554621827127329177, 0.0083305634333628712565, 0.007573675487951840795, 0.0069428401072095298657,
  0.0064089941880042070684, 0.0059513701127588477356, 0.005554733551962801371,
];
const LN_2PI = 1.8378770664093454836;
/** Smallest positive normal double. */
const DBL_MIN = 2.2250738585072014e-308;

/** δ(k) for a non-negative integer k: the table, then the asymptotic Stirling series. */
function stirlingError(k: number): number {
  if (k <= 15) return STIRLING_ERROR_SMALL[k];
  const k2 = k * k;
  // 1/(12k) − 1/(360k³) + 1/(1260k⁵) − 1/(1680k⁷) + 1/(1188k⁹), truncated once the next term is below 1e-17.
  if (k > 500) return (1 / 12 - 1 / 360 / k2) / k;
  if (k > 80) return (1 / 12 - (1 / 360 - 1 / 1260 / k2) / k2) / k;
  if (k > 35) return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / 1680 / k2) / k2) / k2) / k;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / k2) / k2) / k2) / k2) / k;
}

/** Deviance term D(x, m) = x ln(x/m) + m − x, by its series in v = (x−m)/(x+m) when x is close to m. */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    if (Math.abs(s) < DBL_MIN) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
  }
  return x * Math.log(x / m) + m - x;
}

function checkCount(value: number, name: string, fn: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${fn}: ${name} must be a non-negative integer, got ${value}`);
  }
}

function checkProbability(p: number, fn: string): void {
  if (typeof p !== 'number' || Number.isNaN(p) || p < 0 || p > 1) {
    throw new RangeError(`${fn}: p must be a probability in [0, 1], got ${p}`);
  }
}

/** b(x; n, p) without argument checks (x, n integers, 0 ≤ p ≤ 1). */
function pmf(x: number, n: number, p: number): number {
  const q = 1 - p;
  if (x < 0 || x > n) return 0;
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -deviance(n, n * q) - n * p : n * Math.log(q));
  }
  if (x === n) return Math.exp(q < 0.1 ? -deviance(n, n * p) - n * q : n * Math.log(p));
  const lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviance(x, n * p) - deviance(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}

/**
 * Binomial probability mass b(x; n, p) = C(n, x) pˣ (1−p)ⁿ⁻ˣ, as R's `dbinom(x, n, p)`.
 *
 * @param {number} x number of successes (integer ≥ 0; values above n give 0)
 * @param {number} n number of trials (integer ≥ 0)
 * @param {number} p success probability in [0, 1]
 * @returns {number} the probability
 * @example
 * binomPmf(3, 10, 0.5); // 0.1171875
 */
export function binomPmf(x: number, n: number, p: number): number {
  checkCount(x, 'x', 'binomPmf');
  checkCount(n, 'n', 'binomPmf');
  checkProbability(p, 'binomPmf');
  return pmf(x, n, p);
}

/** P(X ≤ x) for x below the mode: sum downwards until the terms stop mattering. */
function sumDown(x: number, n: number, p: number): number {
  let s = 0;
  for (let i = x; i >= 0; i--) {
    const t = pmf(i, n, p);
    // Below the mode the terms only shrink: once one underflows, all the rest do.
    if (t === 0) break;
    const s1 = s + t;
    if (s1 === s && t < s * 1e-17) break;
    s = s1;
  }
  return s;
}

/** P(X ≥ k) for k above the mode: sum upwards until the terms stop mattering. */
function sumUp(k: number, n: number, p: number): number {
  let s = 0;
  for (let i = k; i <= n; i++) {
    const t = pmf(i, n, p);
    // Above the mode the terms only shrink: once one underflows, all the rest do.
    if (t === 0) break;
    const s1 = s + t;
    if (s1 === s && t < s * 1e-17) break;
    s = s1;
  }
  return s;
}

/** P(X ≤ x) (lower) or P(X > x) (upper) without argument checks; x may be any integer. */
function tail(x: number, n: number, p: number, lower: boolean): number {
  if (x < 0) return lower ? 0 : 1;
  if (x >= n) return lower ? 1 : 0;
  if (p === 0) return lower ? 1 : 0;
  if (p === 1) return lower ? 0 : 1;
  const mode = Math.floor((n + 1) * p);
  if (lower) return x < mode ? sumDown(x, n, p) : 1 - sumUp(x + 1, n, p);
  return x + 1 > mode ? sumUp(x + 1, n, p) : 1 - sumDown(x, n, p);
}

/**
 * Binomial distribution function, as R's `pbinom(x, n, p, lower.tail)`.
 *
 * @param {number} x integer (any sign; below 0 gives 0 for the lower tail)
 * @param {number} n number of trials (integer ≥ 0)
 * @param {number} p success probability in [0, 1]
 * @param {boolean} [lowerTail=true] true: P(X ≤ x); false: P(X > x)
 * @returns {number} the tail probability
 * @example
 * binomCdf(2, 10, 0.5); // 0.0546875
 */
export function binomCdf(x: number, n: number, p: number, lowerTail = true): number {
  if (typeof x !== 'number' || !Number.isInteger(x)) throw new RangeError(`binomCdf: x must be an integer, got ${x}`);
  checkCount(n, 'n', 'binomCdf');
  checkProbability(p, 'binomCdf');
  return tail(x, n, p, lowerTail);
}

/**
 * Solve for p in [0, 1] with P(Bin(n, p) ≥ k) = target (increasing in p), 1 ≤ k ≤ n, 0 < target < 1.
 * Safeguarded Newton: the derivative of P(X ≥ k) in p is n·b(k−1; n−1, p).
 */
function solveUpperTail(k: number, n: number, target: number): number {
  let lo = 0;
  let hi = 1;
  let p = k / n;
  for (let iter = 0; iter < 400; iter++) {
    const f = tail(k - 1, n, p, false) - target;
    if (f === 0) return p;
    if (f > 0) hi = p; else lo = p;
    const slope = n * pmf(k - 1, n - 1, p);
    let next = slope > 0 ? p - f / slope : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - p) <= 2 * Number.EPSILON * p || hi - lo <= 2 * Number.EPSILON * hi) return next;
    p = next;
  }
  return p;
}

/**
 * Clopper–Pearson ("exact") confidence interval for a binomial proportion, as R's `binom.test`:
 * lower = qbeta(α/2, x, n−x+1) (0 when x = 0), upper = qbeta(1−α/2, x+1, n−x) (1 when x = n).
 *
 * @param {number} x number of successes (integer, 0 ≤ x ≤ n)
 * @param {number} n number of trials (integer ≥ 0; n = 0 gives [0, 1])
 * @param {number} [confLevel=0.95] confidence level in (0, 1)
 * @returns {[number, number]} lower and upper limit
 * @example
 * clopperPearson(3, 10); // [0.0667395…, 0.6524528…]
 */
export function clopperPearson(x: number, n: number, confLevel = 0.95): [number, number] {
  checkCount(x, 'x', 'clopperPearson');
  checkCount(n, 'n', 'clopperPearson');
  if (x > n) throw new RangeError(`clopperPearson: x (${x}) must not exceed n (${n})`);
  checkConfLevel(confLevel, 'clopperPearson');
  const alpha = (1 - confLevel) / 2;
  const lower = x === 0 ? 0 : solveUpperTail(x, n, alpha);
  // P(Bin(n, p) ≤ x) = α  ⇔  P(Bin(n, p) ≥ x+1) = 1 − α
  const upper = x === n ? 1 : solveUpperTail(x + 1, n, 1 - alpha);
  return [lower, upper];
}

function checkConfLevel(confLevel: number, fn: string): void {
  if (typeof confLevel !== 'number' || !(confLevel > 0 && confLevel < 1)) {
    throw new RangeError(`${fn}: confLevel must be a number strictly between 0 and 1, got ${confLevel}`);
  }
}

/** Result of {@link binomTest}. */
export interface BinomTestResult {
  /** Two-sided p-value by R's rule: the probability of outcomes no more likely than x (relative tolerance 1e-7). */
  pValue: number;
  /** x / n; null when n = 0. */
  estimate: number | null;
  /** Clopper–Pearson interval for the success probability. */
  confInt: [number, number];
}

/** Largest index in [from, to] where pred holds, given pred is true on a prefix; from − 1 if none. */
function lastTrue(from: number, to: number, pred: (i: number) => boolean): number {
  let lo = from - 1;
  let hi = to;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (pred(mid)) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** The two-sided p-value of {@link binomTest} alone (no interval: the interval costs most of the time at large n). */
function binomTwoSidedP(x: number, n: number, p: number): number {
  let pValue: number;
  if (p === 0) pValue = x === 0 ? 1 : 0;
  else if (p === 1) pValue = x === n ? 1 : 0;
  else {
    const relErr = 1 + 1e-7;
    const d = pmf(x, n, p) * relErr;
    const m = n * p;
    if (x === m) pValue = 1;
    else if (x < m) {
      // b(i) is non-increasing for i ≥ ceil(m); count the i in [ceil(m), n] with b(i) ≤ d.
      const first = lastTrue(Math.ceil(m), n, (i) => pmf(i, n, p) > d) + 1;
      const y = n - first + 1;
      pValue = tail(x, n, p, true) + tail(n - y, n, p, false);
    } else {
      // b(i) is non-decreasing for i ≤ floor(m); count the i in [0, floor(m)] with b(i) ≤ d.
      const y = lastTrue(0, Math.floor(m), (i) => pmf(i, n, p) <= d) + 1;
      pValue = tail(y - 1, n, p, true) + tail(x - 1, n, p, false);
    }
    pValue = Math.min(1, pValue);
  }
  return pValue;
}

/**
 * Exact two-sided binomial test of H0: success probability = p, as R's
 * `binom.test(x, n, p, alternative = "two.sided")`: the p-value sums the probabilities of all
 * outcomes whose probability is at most b(x; n, p)·(1 + 1e-7).
 *
 * @param {number} x number of successes (integer, 0 ≤ x ≤ n)
 * @param {number} n number of trials (integer ≥ 0)
 * @param {number} [p=0.5] hypothesised probability in [0, 1]
 * @param {number} [confLevel=0.95] level of the Clopper–Pearson interval
 * @returns {BinomTestResult} p-value, estimate and interval
 * @example
 * binomTest(2, 12).pValue; // 0.0385742… (R: binom.test(2, 12))
 */
export function binomTest(x: number, n: number, p = 0.5, confLevel = 0.95): BinomTestResult {
  checkCount(x, 'x', 'binomTest');
  checkCount(n, 'n', 'binomTest');
  if (x > n) throw new RangeError(`binomTest: x (${x}) must not exceed n (${n})`);
  checkProbability(p, 'binomTest');
  checkConfLevel(confLevel, 'binomTest');
  const pValue = binomTwoSidedP(x, n, p);
  return { pValue, estimate: n === 0 ? null : x / n, confInt: clopperPearson(x, n, confLevel) };
}

/**
 * The two-sided p-value of {@link poissonRateTest} (H0: rate ratio 1) without its confidence
 * interval; the same number, much faster for large counts.
 *
 * @example
 * poissonRateTestPValue(30, 1, 15, 1); // 0.0356978… (R: poisson.test(c(30, 15), c(1, 1))$p.value)
 */
export function poissonRateTestPValue(x1: number, t1: number, x2: number, t2: number): number {
  checkCount(x1, 'x1', 'poissonRateTestPValue');
  checkCount(x2, 'x2', 'poissonRateTestPValue');
  if (!(t1 > 0) || !(t2 > 0) || !Number.isFinite(t1) || !Number.isFinite(t2)) throw new RangeError(`poissonRateTestPValue: exposures must be finite numbers > 0, got ${t1}, ${t2}`);
  return binomTwoSidedP(x1, x1 + x2, t1 / (t1 + t2));
}

/** Why a quantity of {@link poissonRateTest} is null. */
export type RateRatioNullReason = 'both-zero' | 'base-zero';

/** Result of {@link poissonRateTest}. */
export interface PoissonRateTestResult {
  /** Two-sided p-value of H0: rate1 / rate2 = r (R's `poisson.test(c(x1, x2), c(t1, t2), r)$p.value`). */
  pValue: number;
  /** (x1/t1) / (x2/t2); null when x2 = 0 (R gives Inf, or NaN when x1 = 0 too). */
  rateRatio: number | null;
  /** Why rateRatio is null: 'base-zero' (x2 = 0, x1 > 0) or 'both-zero'; null when it is a number. */
  rateRatioReason: RateRatioNullReason | null;
  /** Confidence interval of the rate ratio; the upper limit is null when unbounded (x2 = 0; R gives Inf). */
  confInt: [number, number | null];
  /**
   * Count expected in period 1 under H0: (x1 + x2)·r·t1 / (r·t1 + t2). (R's printed "expected count1"
   * is n·r·t1/(t1 + r·t2), which differs from the mean of its own test when r ≠ 1.)
   */
  expectedCount1: number;
}

/**
 * Exact test for a change in a Poisson rate, conditional on the total: given x1 + x2 = n, x1 is
 * binomial with p = r·t1/(r·t1 + t2). Two-sided as R's `poisson.test(c(x1, x2), c(t1, t2), r)`,
 * with its rate ratio (x1/t1)/(x2/t2) and the interval pp/(1 − pp)·t2/t1 from the Clopper–Pearson
 * interval pp of p. Infinite or undefined values of R (x2 = 0) are returned as null.
 *
 * @param {number} x1 count in the period of interest (integer ≥ 0)
 * @param {number} t1 its exposure (time base, area …; > 0)
 * @param {number} x2 count in the comparison period (integer ≥ 0)
 * @param {number} t2 its exposure (> 0)
 * @param {{ r?: number, confLevel?: number }} [options] r: hypothesised rate ratio (default 1); confLevel (default 0.95)
 * @returns {PoissonRateTestResult} p-value, rate ratio and its interval
 * @example
 * poissonRateTest(30, 1, 15, 1).pValue; // 0.0356978… (R: poisson.test(c(30, 15), c(1, 1)))
 */
export function poissonRateTest(
  x1: number,
  t1: number,
  x2: number,
  t2: number,
  options: { r?: number; confLevel?: number } = {},
): PoissonRateTestResult {
  checkCount(x1, 'x1', 'poissonRateTest');
  checkCount(x2, 'x2', 'poissonRateTest');
  for (const [name, t] of [['t1', t1], ['t2', t2]] as const) {
    if (typeof t !== 'number' || !Number.isFinite(t) || !(t > 0)) {
      throw new RangeError(`poissonRateTest: ${name} (exposure) must be a finite number > 0, got ${t}`);
    }
  }
  const r = options.r ?? 1;
  if (typeof r !== 'number' || !Number.isFinite(r) || !(r > 0)) {
    throw new RangeError(`poissonRateTest: options.r (hypothesised rate ratio) must be a finite number > 0, got ${r}`);
  }
  const confLevel = options.confLevel ?? 0.95;
  checkConfLevel(confLevel, 'poissonRateTest');
  const n = x1 + x2;
  const p = (r * t1) / (r * t1 + t2);
  const test = binomTest(x1, n, p, confLevel);
  const [lo, hi] = test.confInt;
  const factor = t2 / t1;
  return {
    pValue: test.pValue,
    rateRatio: x2 === 0 ? null : x1 / t1 / (x2 / t2),
    rateRatioReason: x2 === 0 ? (x1 === 0 ? 'both-zero' : 'base-zero') : null,
    confInt: [(lo / (1 - lo)) * factor, hi === 1 ? null : (hi / (1 - hi)) * factor],
    expectedCount1: (n * r * t1) / (r * t1 + t2),
  };
}

/**
 * P(X = x) for X ~ Poisson(lambda), x a non-negative integer.
 *
 * @param x count
 * @param lambda mean (≥ 0)
 * @returns the probability
 */
export function poissonPmf(x: number, lambda: number): number {
  if (lambda === 0) return x === 0 ? 1 : 0;
  if (x < 0) return 0;
  if (x === 0) return Math.exp(-lambda);
  return Math.exp(-stirlingError(x) - deviance(x, lambda) - 0.5 * LN_2PI) / Math.sqrt(x);
}

/**
 * Upper tail P(X ≥ k) of a Poisson(lambda) distribution, accurate to ~1e−14 relative also far in
 * the tail (equals R's `ppois(k - 1, lambda, lower.tail = FALSE)`).
 *
 * @param k a non-negative integer
 * @param lambda the mean, finite and ≥ 0
 * @returns P(X ≥ k)
 * @throws {RangeError} on a negative or fractional k or a negative/non-finite lambda
 * @example
 * poissonUpperTail(13, 10.143816133803618); // 0.2222666738887782
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`poissonUpperTail: k must be a non-negative integer, got ${k}`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`poissonUpperTail: lambda must be finite and >= 0, got ${lambda}`);
  if (k === 0) return 1;
  if (lambda === 0) return 0;
  if (k > lambda) {
    // Σ_{x ≥ k} pmf(x): terms fall by the factor λ/(x+1) < 1; the ratio form avoids re-evaluating pmf.
    let term = poissonPmf(k, lambda);
    if (term === 0) return 0;
    let sum = term;
    for (let x = k + 1; ; x++) {
      term *= lambda / x;
      const next = sum + term;
      if (next === sum) break;
      sum = next;
    }
    return Math.min(1, sum);
  }
  // k ≤ λ: the lower tail Σ_{x < k} is at most about one half, so 1 − lower loses nothing relevant.
  let term = poissonPmf(k - 1, lambda);
  let lower = term;
  for (let x = k - 1; x > 0; x--) {
    term *= x / lambda;
    const next = lower + term;
    if (next === lower) break;
    lower = next;
  }
  return Math.max(0, 1 - lower);
}

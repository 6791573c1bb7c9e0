/**
 * Poisson probabilities in full double precision, for the Knox test's p-value. The point
 * probability follows C. Loader, "Fast and accurate computation of binomial probabilities" (2000),
 * as R's `dpois`: exp(−stirlerr(x) − bd0(x, λ)) / √(2πx), which keeps its relative accuracy far in
 * the tails where exp(−λ)·λ^x/x! would overflow or underflow.
 */

const LN_SQRT_2PI = 0.918938533204672741780329736406; // log(sqrt(2*pi))

/**
 * stirlerr(n) = ln(n!) − ln(√(2π n)·(n/e)^n) for integer n: exact values (from the series below
 * evaluated in extended precision) for n ≤ 15, the Stirling–de Moivre series beyond.
 */
const SFERR = [
  0.0, // n = 0 is not used
  0.0810614667953272582196702, 0.0413406959554092940938221, 0.02767792568499833914878929, 0.02079067210376509311152277,
  0.01664469118982119216319487, 0.01387612882307074799874573, 0.01189670994589177009505572, 0.010411265261972096497478567,
  0.009255462182712732917728637, 0.008330563433362871256469318, 0.007573675487951840794972024, 0.006942840107209529865664152,
  0.006408994188004207068439631, 0.005951370112758847735624416, 0.005554733551962801371038690,
];

function stirlerr(n: number): number {
  if (n <= 15) return SFERR[n];
  const S0 = 1 / 12, S1 = 1 / 360, S2 = 1 / 1260, S3 = 1 / 1680, S4 = 1 / 1188;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** Deviance term bd0(x, np) = x·ln(x/np) + np − x, computed without cancellation near x = np. */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    if (Math.abs(s) < Number.MIN_VALUE) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
  }
  return x * Math.log(x / np) + np - x;
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
  return Math.exp(-stirlerr(x) - bd0(x, lambda) - LN_SQRT_2PI) / Math.sqrt(x);
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

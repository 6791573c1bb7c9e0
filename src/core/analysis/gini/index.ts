/**
 * Concentration of incidents over places: the Gini coefficient (standard, unbiased and generalized),
 * the share of places that hold a given share of the incidents, and the Lorenz curve.
 *
 * Places are all places that could have had incidents (grid cells, street segments, addresses), so
 * places with zero incidents must be in the input: they are what makes crime look concentrated.
 *
 * - Standard Gini: G = Σ_i Σ_j |x_i − x_j| / (2 N² x̄), computed from the ascending sort as
 *   G = 2 Σ_i i·x_(i) / (N Σx) − (N + 1)/N (i = 1…N). Same as R `ineq::Gini(x)`.
 * - Unbiased (small-sample) Gini: G · N/(N − 1), which reaches 1 when one place holds everything.
 * - Generalized Gini (Bernasco & Steenbeek 2017, "More places than crimes", J. Quant. Criminol. 33):
 *   with n = Σx events over N places and n < N, even the most even spread leaves N − n places empty,
 *   so the line of maximal equality is the Lorenz curve of n places holding one event each. Measuring
 *   against it gives G' = 1 − (1 − G)·N/n; when n ≥ N, G' = G.
 */

/** Result of {@link gini}. Values are null when undefined, with the reason. */
export interface GiniResult {
  /** Number of places N (including those with zero incidents). */
  places: number;
  /** Number of incidents n = Σ counts. */
  total: number;
  /** Standard Gini in [0, 1 − 1/N]; null when total = 0. */
  standard: number | null;
  /** N/(N − 1) · standard; null when total = 0 or N = 1. */
  unbiased: number | null;
  /** Bernasco & Steenbeek's generalized Gini; equals standard when total ≥ N; null when total = 0. */
  generalized: number | null;
  /** Why values are null: 'no-incidents' (total = 0) or 'single-place' (unbiased with N = 1); else null. */
  reason: 'no-incidents' | 'single-place' | null;
}

function checkCounts(counts: ArrayLike<number>, fn: string): void {
  if (counts === null || typeof counts !== 'object' || typeof counts.length !== 'number') {
    throw new TypeError(`${fn}: counts must be an array or typed array of numbers`);
  }
  if (counts.length === 0) throw new RangeError(`${fn}: counts is empty; give one count per place, zeros included`);
  for (let i = 0; i < counts.length; i++) {
    const v = counts[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${fn}: counts[${i}] must be a finite number ≥ 0, got ${v}`);
    }
  }
}

/** A sorted copy (ascending) as Float64Array; the input is not touched. */
function sortedCopy(counts: ArrayLike<number>): Float64Array {
  const a = Float64Array.from(counts as ArrayLike<number>);
  a.sort();
  return a;
}

/**
 * Gini coefficients of incident counts over places.
 *
 * @param {ArrayLike<number>} counts one count per place, zeros included (finite, ≥ 0)
 * @returns {GiniResult} standard, unbiased and generalized Gini
 * @example
 * gini([5, 2, 1, 0, 0, 0, 0, 0, 0, 0]);
 * // { places: 10, total: 8, standard: 0.8, unbiased: 0.888…, generalized: 0.75, reason: null } (up to rounding)
 */
export function gini(counts: ArrayLike<number>): GiniResult {
  checkCounts(counts, 'gini');
  const x = sortedCopy(counts);
  const N = x.length;
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < N; i++) {
    total += x[i];
    weighted += (i + 1) * x[i];
  }
  if (total === 0) {
    return { places: N, total, standard: null, unbiased: null, generalized: null, reason: 'no-incidents' };
  }
  const standard = Math.max(0, (2 * weighted) / (N * total) - (N + 1) / N);
  const generalized = total >= N ? standard : 1 - ((1 - standard) * N) / total;
  return {
    places: N,
    total,
    standard,
    unbiased: N > 1 ? (standard * N) / (N - 1) : null,
    generalized,
    reason: N > 1 ? null : 'single-place',
  };
}

/** One row of {@link concentration}. */
export interface ConcentrationShare {
  /** Requested share of incidents, e.g. 0.5. */
  share: number;
  /** Fewest places that together hold at least this share of the incidents. */
  places: number;
  /** places / N: the share of all places (zero-count places included in N). */
  fraction: number;
}

/**
 * "Share of places that hold half (80 %) of the incidents": sort places by count, descending, and
 * take the fewest from the top whose counts sum to at least share · total. The fraction is over all
 * N places, zero-count places included. A relative tolerance of 1e-12 absorbs rounding in share · total.
 *
 * @param {ArrayLike<number>} counts one count per place, zeros included
 * @param {number[]} [shares=[0.5, 0.8]] shares of incidents in (0, 1]
 * @returns {{ places: number, total: number, shares: ConcentrationShare[] | null }} null shares when total = 0
 * @example
 * concentration([10, 8, 2, 0, 0, 0, 0, 0, 0, 0]).shares;
 * // [{ share: 0.5, places: 1, fraction: 0.1 }, { share: 0.8, places: 2, fraction: 0.2 }]
 */
export function concentration(
  counts: ArrayLike<number>,
  shares: readonly number[] = [0.5, 0.8],
): { places: number; total: number; shares: ConcentrationShare[] | null } {
  checkCounts(counts, 'concentration');
  shares.forEach((s, i) => {
    if (typeof s !== 'number' || !(s > 0 && s <= 1)) throw new RangeError(`concentration: shares[${i}] must be in (0, 1], got ${s}`);
  });
  const x = sortedCopy(counts).reverse();
  const N = x.length;
  let total = 0;
  for (let i = 0; i < N; i++) total += x[i];
  if (total === 0) return { places: N, total, shares: null };
  const out = shares.map((share) => {
    const need = share * total * (1 - 1e-12);
    let cum = 0;
    let k = 0;
    while (k < N && cum < need) cum += x[k++];
    return { share, places: k, fraction: k / N };
  });
  return { places: N, total, shares: out };
}

/**
 * Lorenz curve: places sorted ascending by count; point i is (i/N, share of incidents in the i places
 * with the fewest), from (0, 0) to (1, 1).
 *
 * @param {ArrayLike<number>} counts one count per place, zeros included; total must be > 0
 * @returns {{ x: Float64Array, y: Float64Array }} N + 1 points
 * @example
 * lorenzCurve([0, 1, 3]); // x: [0, 1/3, 2/3, 1], y: [0, 0, 0.25, 1]
 */
export function lorenzCurve(counts: ArrayLike<number>): { x: Float64Array; y: Float64Array } {
  checkCounts(counts, 'lorenzCurve');
  const s = sortedCopy(counts);
  const N = s.length;
  let total = 0;
  for (let i = 0; i < N; i++) total += s[i];
  if (total === 0) throw new RangeError('lorenzCurve: all counts are 0; a Lorenz curve needs at least one incident');
  const x = new Float64Array(N + 1);
  const y = new Float64Array(N + 1);
  let cum = 0;
  for (let i = 0; i < N; i++) {
    cum += s[i];
    x[i + 1] = (i + 1) / N;
    y[i + 1] = cum / total;
  }
  y[N] = 1;
  return { x, y };
}

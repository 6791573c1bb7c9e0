/**
 * False discovery rate control for many simultaneous tests (one per grid cell): Benjamini–Hochberg
 * adjusted p-values, the BH critical p-value, and the ArcGIS-style confidence bins of a hot spot map.
 *
 * The FDR rule implemented for the bins (what ArcGIS's Hot Spot Analysis does with "Apply False
 * Discovery Rate Correction"): for each confidence level α ∈ {0.10, 0.05, 0.01}, sort all m p-values
 * ascending, p(1) ≤ … ≤ p(m), find the largest k with p(k) ≤ α·k/m and call every cell with
 * p ≤ p(k) significant at that level (none if no such k). This is the Benjamini–Hochberg step-up
 * procedure applied over all cells at each level; a cell is significant at level α exactly when its
 * BH-adjusted p-value (R `p.adjust(method = "BH")`) is ≤ α.
 */

function checkP(p: ArrayLike<number>, fn: string): void {
  if (p == null || typeof p.length !== 'number') throw new TypeError(`${fn}: p must be an array of p-values`);
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new RangeError(`${fn}: p[${i}] must be a p-value in [0, 1], got ${v}`);
  }
}

/** Indices of p sorted ascending by value (ties by index, so the order is deterministic). */
function ascendingOrder(p: ArrayLike<number>): Uint32Array {
  const m = p.length;
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  // Sort a copy of the values with their indices packed: stable and fast for large m.
  const v = Float64Array.from(p);
  order.sort((a, b) => v[a] - v[b] || a - b);
  return order;
}

/**
 * Benjamini–Hochberg adjusted p-values, identical to R's `p.adjust(p, method = "BH")`:
 * q(i) = min_{j ≥ i} min(1, m/j · p(j)) in ascending order.
 *
 * @param p p-values in [0, 1]
 * @returns adjusted p-values in the input order
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.5]); // [0.04, 0.0533…, 0.0533…, 0.5]
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  checkP(p, 'benjaminiHochberg');
  const m = p.length;
  const out = new Float64Array(m);
  if (m === 0) return out;
  const order = ascendingOrder(p);
  let running = Infinity;
  for (let k = m; k >= 1; k--) {
    const i = order[k - 1];
    const q = (m / k) * p[i];
    if (q < running) running = q;
    out[i] = running < 1 ? running : 1;
  }
  return out;
}

/**
 * The Benjamini–Hochberg critical p-value at level alpha: the largest p(k) with p(k) ≤ alpha·k/m,
 * or −Infinity when no p-value qualifies (then nothing is significant).
 *
 * @param p p-values in [0, 1]
 * @param alpha false discovery rate, in (0, 1)
 * @returns the critical p-value; significant ⇔ p ≤ critical
 * @example
 * bhCriticalP([0.01, 0.04, 0.03, 0.5], 0.05); // 0.01
 */
export function bhCriticalP(p: ArrayLike<number>, alpha: number): number {
  checkP(p, 'bhCriticalP');
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`bhCriticalP: alpha must be in (0, 1), got ${alpha}`);
  return criticalFromSorted(sortedCopy(p), alpha);
}

function sortedCopy(p: ArrayLike<number>): Float64Array {
  return Float64Array.from(p).sort();
}

/** Largest sorted[k−1] with sorted[k−1] ≤ alpha·k/m; `sorted` holds the smallest of the m p-values. */
function criticalFromSorted(sorted: Float64Array, alpha: number, m = sorted.length): number {
  for (let k = sorted.length; k >= 1; k--) if (sorted[k - 1] <= (alpha * k) / m) return sorted[k - 1];
  return -Infinity;
}

/** The confidence levels of the bins: bin 3 ↔ α = 0.01 (99 %), 2 ↔ 0.05 (95 %), 1 ↔ 0.10 (90 %). */
export const CONFIDENCE_ALPHAS = [0.1, 0.05, 0.01] as const;

export interface ConfidenceBinOptions {
  /** Apply the FDR rule (default true, as ArcGIS's hot spot tools recommend for many cells). */
  fdr?: boolean;
}

/**
 * ArcGIS "Gi_Bin" confidence bins: +3/+2/+1 for hot spots at 99/95/90 % confidence, −3/−2/−1 for
 * cold spots, 0 for not significant. Without FDR a cell's level is the highest with p ≤ α; with FDR
 * the per-level thresholds are the BH critical p-values over all cells (see the module comment).
 *
 * @param z z-scores (their sign gives hot or cold)
 * @param p two-sided p-values, same length
 * @param options { fdr } (default true)
 * @returns Int8Array of bins in −3..3
 * @example
 * confidenceBins([3.1, -2.0, 0.2], [0.0019, 0.0455, 0.84], { fdr: false }); // Int8Array [3, -2, 0]
 */
export function confidenceBins(z: ArrayLike<number>, p: ArrayLike<number>, options: ConfidenceBinOptions = {}): Int8Array {
  const fn = 'confidenceBins';
  if (z == null || typeof z.length !== 'number') throw new TypeError(`${fn}: z must be an array of z-scores`);
  checkP(p, fn);
  if (z.length !== p.length) throw new RangeError(`${fn}: z has ${z.length} values but p has ${p.length}`);
  for (let i = 0; i < z.length; i++) if (Number.isNaN(z[i])) throw new RangeError(`${fn}: z[${i}] is NaN`);
  const fdr = options.fdr ?? true;
  let thresholds: number[] = [...CONFIDENCE_ALPHAS];
  if (fdr) {
    // p(k) ≤ α·k/m ≤ α, so only p-values ≤ the largest α can be critical: sort just those, keeping
    // their ranks (every smaller p-value is among them), instead of all m cells.
    const m = p.length;
    const amax = CONFIDENCE_ALPHAS[0];
    let count = 0;
    for (let i = 0; i < m; i++) if (p[i] <= amax) count++;
    const small = new Float64Array(count);
    for (let i = 0, k = 0; i < m; i++) if (p[i] <= amax) small[k++] = p[i];
    small.sort();
    thresholds = CONFIDENCE_ALPHAS.map((a) => criticalFromSorted(small, a, m));
  }
  const [t1, t2, t3] = thresholds;
  const out = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const pi = p[i];
    const level = pi <= t3 ? 3 : pi <= t2 ? 2 : pi <= t1 ? 1 : 0;
    out[i] = z[i] > 0 ? level : z[i] < 0 ? -level : 0;
  }
  return out;
}

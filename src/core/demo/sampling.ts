/** Drawing from weights with the seeded PRNG: cumulative tables, inverse-CDF picks, exponentials. */
import type { Random } from '../random/index.ts';

export function cumulative(weights: ArrayLike<number>): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) { s += weights[i]; c[i] = s; }
  return c;
}

/** Index i with cum[i−1] ≤ u·total < cum[i]. */
export function pick(cum: Float64Array, u: number, lo = 0, hi = cum.length): number {
  const total = cum[hi - 1], base = lo > 0 ? cum[lo - 1] : 0;
  const target = base + u * (total - base);
  hi -= 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > target) hi = mid; else lo = mid + 1;
  }
  return lo;
}

export function expo(rng: Random, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

/** A uniform unsigned 32-bit word. */
export function u32(rng: Random): number {
  return Math.floor(rng.next() * 4294967296) >>> 0;
}

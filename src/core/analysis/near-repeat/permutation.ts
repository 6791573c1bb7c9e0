import { createRandom } from '../../random/index.ts';

/**
 * Seed of Monte Carlo iteration `iteration` of a run seeded with `seed`: a 32-bit hash of both, so
 * every iteration has its own random stream and a run split over workers (any number, any order)
 * draws exactly the same permutations as a single-threaded run.
 *
 * @param seed the run's seed (finite number; its integer part is used)
 * @param iteration 0-based iteration index
 * @returns a 32-bit unsigned seed for createRandom
 */
export function iterationSeed(seed: number, iteration: number): number {
  let h = (Math.floor(seed) >>> 0) ^ Math.imul(iteration + 1, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  // fold in the high part of seeds beyond 32 bits so that e.g. 1 and 2^32 + 1 differ
  h = (h + Math.floor(Math.floor(seed) / 4294967296)) | 0;
  return h >>> 0;
}

/**
 * Writes into `out` the values of `source` in the order of iteration `iteration`'s random
 * permutation (Fisher–Yates with createRandom(iterationSeed(seed, iteration))).
 */
export function permuteInto(source: ArrayLike<number>, out: { length: number; [i: number]: number }, seed: number, iteration: number): void {
  for (let i = 0; i < source.length; i++) out[i] = source[i];
  createRandom(iterationSeed(seed, iteration)).shuffle(out, source.length);
}

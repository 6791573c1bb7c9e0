/**
 * Getis-Ord General G: is the sum of the values concentrated (high values near high values) more
 * than under spatial randomness? G = Σ_i Σ_j≠i w_ij x_i x_j / Σ_i Σ_j≠i x_i x_j, with the exact
 * moments of Getis & Ord (1992) as implemented in `spdep::globalG.test` (defaults: adjust.n,
 * B1correct, adjust.x — observations without neighbours are left out of n and of the x sums).
 * Values must be non-negative; binary distance-band weights are the usual choice.
 */
import { normalSf, twoSidedP } from '../normal/index.ts';
import { checkWeights, distanceBandWeights, weightsConstants, type SpatialWeights } from '../neighbours/index.ts';

export interface GeneralGResult {
  /** Observed General G. */
  G: number;
  /** E(G) = S0 / (n(n − 1)). */
  expected: number;
  /** Var(G) under randomisation. */
  variance: number;
  /** z = (G − E(G)) / √Var(G). */
  z: number;
  /** One-sided p-value for clustering of high values, P(Z ≥ z) (spdep's default "greater"). */
  pGreater: number;
  /** Two-sided p-value. */
  p: number;
}

/**
 * General G with any weights.
 *
 * @param values non-negative values, one per observation
 * @param weights compressed-row weights (see neighbours/), normally binary without self
 * @returns G, E(G), Var(G), z and p-values
 * @example
 * const w = distanceBandWeights([10, 20, 40, 15, 30, 30], [10, 10, 10, 20, 20, 30], { distance: 15 });
 * generalG([2, 3, 3.2, 5, 8, 7], w); // { G: 0.55709779, z: 0.9426278, pGreater: 0.1729357, … }
 */
export function generalG(values: ArrayLike<number>, weights: SpatialWeights): GeneralGResult {
  const fn = 'generalG';
  if (values == null || typeof values.length !== 'number') throw new TypeError(`${fn}: values must be an array of numbers`);
  const nAll = values.length;
  checkWeights(weights, nAll, fn);
  for (let i = 0; i < nAll; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new RangeError(`${fn}: values[${i}] is not a finite number (${v})`);
    if (v < 0) throw new RangeError(`${fn}: values[${i}] is negative (${v}); General G needs non-negative values`);
  }
  const { n, S0, S1, S2, hasNeighbour } = weightsConstants(weights);
  if (n < 4) throw new RangeError(`${fn}: needs at least 4 observations with neighbours, got ${n}`);
  let numer = 0;
  for (let i = 0; i < nAll; i++) {
    let lag = 0;
    for (let k = weights.offsets[i]; k < weights.offsets[i + 1]; k++) lag += weights.weights[k] * values[weights.neighbours[k]];
    numer += values[i] * lag;
  }
  let sx = 0, sx2 = 0, sx3 = 0, sx4 = 0;
  for (let i = 0; i < nAll; i++) {
    if (!hasNeighbour[i]) continue;
    const v = values[i], v2 = v * v;
    sx += v; sx2 += v2; sx3 += v2 * v; sx4 += v2 * v2;
  }
  const denom = sx * sx - sx2;
  if (!(denom > 0)) throw new RangeError(`${fn}: the values of observations with neighbours have no two non-zero values; G is undefined`);
  const G = numer / denom;
  const n1 = n - 1, n2 = n - 2, n3 = n - 3, nn = n * n, S02 = S0 * S0;
  const E = S0 / (n * n1);
  const B0 = (nn - 3 * n + 3) * S1 - n * S2 + 3 * S02;
  const B1 = -((nn - n) * S1 - 2 * n * S2 + 6 * S02);
  const B2 = -(2 * n * S1 - (n + 3) * S2 + 6 * S02);
  const B3 = 4 * n1 * S1 - 2 * (n + 1) * S2 + 8 * S02;
  const B4 = S1 - S2 + S02;
  const variance = (B0 * sx2 * sx2 + B1 * sx4 + B2 * sx * sx * sx2 + B3 * sx * sx3 + B4 * sx ** 4) / (denom * denom * n * n1 * n2 * n3) - E * E;
  if (!(variance > 0)) throw new RangeError(`${fn}: the variance of G is not positive (${variance}); the weights or values are degenerate`);
  const z = (G - E) / Math.sqrt(variance);
  return { G, expected: E, variance, z, pGreater: normalSf(z), p: twoSidedP(z) };
}

/**
 * General G of point values with a distance band (binary by default, self excluded).
 *
 * @param x x coordinates
 * @param y y coordinates
 * @param values non-negative values
 * @param options distance band and weighting (see neighbours/)
 * @returns as generalG
 * @example
 * generalGPoints([10, 20, 40, 15, 30, 30], [10, 10, 10, 20, 20, 30], [2, 3, 3.2, 5, 8, 7], { distance: 15 }).G; // 0.55709779
 */
export function generalGPoints(
  x: ArrayLike<number>, y: ArrayLike<number>, values: ArrayLike<number>,
  options: { distance: number; weights?: 'binary' | 'inverse-distance'; power?: number },
): GeneralGResult {
  return generalG(values, distanceBandWeights(x, y, { distance: options.distance, weights: options.weights, power: options.power }));
}

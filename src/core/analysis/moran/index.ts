/**
 * Moran's I: global spatial autocorrelation with its normality and randomisation tests
 * (`spdep::moran.test`, adjust.n = TRUE), and local Moran's I (Anselin 1995) with the analytic
 * conditional moments of `spdep::localmoran` (defaults conditional = TRUE, mlvar = TRUE), the
 * quadrant of each observation and conditional-permutation pseudo p-values (seeded).
 */
import { twoSidedP } from '../normal/index.ts';
import { checkWeights, weightsConstants, type SpatialWeights } from '../neighbours/index.ts';
import { createRandom } from '../../random/index.ts';

export interface MoranResult {
  /** Moran's I = (n/S0) Σ_i z_i Σ_j w_ij z_j / Σ z². */
  I: number;
  /** E(I) = −1/(n − 1). */
  expected: number;
  /** Var(I) under the normality assumption. */
  varianceNormality: number;
  /** Var(I) under randomisation (uses the sample kurtosis). */
  varianceRandomisation: number;
  zNormality: number;
  zRandomisation: number;
  /** Two-sided p-values (spdep's default alternative "greater" is normalSf(z)). */
  pNormality: number;
  pRandomisation: number;
}

function checkValues(values: ArrayLike<number>, fn: string): void {
  if (values == null || typeof values.length !== 'number') throw new TypeError(`${fn}: values must be an array of numbers`);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) throw new RangeError(`${fn}: values[${i}] is not a finite number (${values[i]})`);
}

function centred(values: ArrayLike<number>): { z: Float64Array; zz: number } {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  const mean = s / n;
  const z = new Float64Array(n);
  let zz = 0;
  for (let i = 0; i < n; i++) { z[i] = values[i] - mean; zz += z[i] * z[i]; }
  return { z, zz };
}

function lagOf(w: SpatialWeights, z: Float64Array): Float64Array {
  const out = new Float64Array(w.n);
  for (let i = 0; i < w.n; i++) {
    let s = 0;
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) s += w.weights[k] * z[w.neighbours[k]];
    out[i] = s;
  }
  return out;
}

/**
 * Global Moran's I with normality and randomisation z-scores.
 *
 * @param values one value per observation (at least 4, not all equal)
 * @param weights compressed-row weights (see neighbours/); row-standardised ('row') as is common
 * @returns I, its expectation, both variances, z-scores and two-sided p-values
 * @example
 * const w = gridDistanceWeights(16, 16, 30, { distance: 30, style: 'row' });
 * const { I, zRandomisation } = moranGlobal(values, w);
 */
export function moranGlobal(values: ArrayLike<number>, weights: SpatialWeights): MoranResult {
  const fn = 'moranGlobal';
  checkValues(values, fn);
  checkWeights(weights, values.length, fn);
  const { z, zz } = centred(values);
  if (!(zz > 0)) throw new RangeError(`${fn}: all ${values.length} values are equal; Moran's I is undefined`);
  const { n, S0, S1, S2 } = weightsConstants(weights);
  if (n < 4) throw new RangeError(`${fn}: needs at least 4 observations with neighbours, got ${n}`);
  if (!(S0 !== 0)) throw new RangeError(`${fn}: the weights sum to 0`);
  const lz = lagOf(weights, z);
  let cross = 0, z4 = 0;
  for (let i = 0; i < z.length; i++) { cross += z[i] * lz[i]; z4 += z[i] ** 4; }
  const I = (n / S0) * (cross / zz);
  const K = (z.length * z4) / (zz * zz);
  const nn = n * n, S02 = S0 * S0;
  const EI = -1 / (n - 1);
  const vN = (nn * S1 - n * S2 + 3 * S02) / (S02 * (nn - 1)) - EI * EI;
  const a = n * (S1 * (nn - 3 * n + 3) - n * S2 + 3 * S02);
  const b = K * (S1 * (nn - n) - 2 * n * S2 + 6 * S02);
  const vR = (a - b) / ((n - 1) * (n - 2) * (n - 3) * S02) - EI * EI;
  const zN = (I - EI) / Math.sqrt(vN);
  const zR = (I - EI) / Math.sqrt(vR);
  return {
    I, expected: EI, varianceNormality: vN, varianceRandomisation: vR,
    zNormality: zN, zRandomisation: zR,
    pNormality: Number.isNaN(zN) ? NaN : twoSidedP(zN), pRandomisation: Number.isNaN(zR) ? NaN : twoSidedP(zR),
  };
}

/** Quadrant codes (PySAL's `q`): the sign of z_i and of its spatial lag Σ w_ij z_j (0 counts as low). */
export const QUADRANT = { HH: 1, LH: 2, LL: 3, HL: 4 } as const;

export interface LocalMoranOptions {
  /** Number of conditional permutations (default 999; 0 skips them). */
  permutations?: number;
  /** Seed of the permutations (default 1). */
  seed?: number;
}

export interface LocalMoranResult {
  /** Local Moran's Ii = (z_i / m2) Σ_j w_ij z_j, m2 = Σz²/n. */
  I: Float64Array;
  /** Conditional E(Ii) = −z_i² W_i / ((n − 1) m2). */
  expected: Float64Array;
  /** Conditional Var(Ii) (spdep::localmoran). */
  variance: Float64Array;
  /** (Ii − E(Ii)) / √Var(Ii). */
  z: Float64Array;
  /** Two-sided normal p-value of z. */
  p: Float64Array;
  /** Quadrant: 1 HH, 2 LH, 3 LL, 4 HL (see QUADRANT). */
  quadrant: Int8Array;
  /** Folded conditional-permutation pseudo p-value (PySAL's p_sim), or undefined when permutations = 0. */
  pSim?: Float64Array;
}

/**
 * Local Moran's I with analytic moments, quadrants and conditional-permutation pseudo p-values:
 * for each i, the other n − 1 values are randomly reassigned to i's neighbours (`permutations`
 * times, seeded), and p_sim = (min(#{I_sim ≥ Ii}, #{I_sim < Ii}) + 1)/(permutations + 1) — PySAL
 * esda's folded definition.
 *
 * @param values one value per observation
 * @param weights weights without self (row-standardised is the usual choice)
 * @param options permutations (default 999) and seed (default 1)
 * @returns Ii, E(Ii), Var(Ii), z, p, quadrant and pSim per observation
 * @example
 * const r = localMoran(values, gridDistanceWeights(16, 16, 30, { distance: 30, style: 'row' }), { seed: 7 });
 */
export function localMoran(values: ArrayLike<number>, weights: SpatialWeights, options: LocalMoranOptions = {}): LocalMoranResult {
  const fn = 'localMoran';
  checkValues(values, fn);
  const n = values.length;
  checkWeights(weights, n, fn);
  if (weights.selfIncluded) throw new RangeError(`${fn}: weights include each observation as its own neighbour; local Moran's I needs weights without self`);
  if (n < 3) throw new RangeError(`${fn}: needs at least 3 observations, got ${n}`);
  const permutations = options.permutations ?? 999;
  if (!Number.isInteger(permutations) || permutations < 0) throw new RangeError(`${fn}: options.permutations must be a non-negative integer, got ${permutations}`);
  const { z, zz } = centred(values);
  if (!(zz > 0)) throw new RangeError(`${fn}: all ${n} values are equal; local Moran's I is undefined`);
  const m2 = zz / n;
  const lz = lagOf(weights, z);
  const I = new Float64Array(n), E = new Float64Array(n), V = new Float64Array(n), Z = new Float64Array(n), P = new Float64Array(n);
  const quadrant = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    let Wi = 0, Wi2 = 0;
    for (let k = weights.offsets[i]; k < weights.offsets[i + 1]; k++) { const w = weights.weights[k]; Wi += w; Wi2 += w * w; }
    const zi = z[i];
    I[i] = (zi / m2) * lz[i];
    E[i] = -(zi * zi * Wi) / ((n - 1) * m2);
    V[i] = (zi / m2) ** 2 * (n / (n - 2)) * (Wi2 - (Wi * Wi) / (n - 1)) * (m2 - (zi * zi) / (n - 1));
    Z[i] = (I[i] - E[i]) / Math.sqrt(V[i]);
    P[i] = Number.isNaN(Z[i]) ? NaN : twoSidedP(Z[i]);
    const high = zi > 0, lagHigh = lz[i] > 0;
    quadrant[i] = high ? (lagHigh ? QUADRANT.HH : QUADRANT.HL) : lagHigh ? QUADRANT.LH : QUADRANT.LL;
  }
  const result: LocalMoranResult = { I, expected: E, variance: V, z: Z, p: P, quadrant };
  if (permutations > 0) result.pSim = conditionalPermutation(z, m2, weights, I, permutations, options.seed ?? 1);
  return result;
}

function conditionalPermutation(z: Float64Array, m2: number, w: SpatialWeights, I: Float64Array, nsim: number, seed: number): Float64Array {
  const n = z.length;
  const rnd = createRandom(seed);
  const pool = new Uint32Array(n); // a permutation of 0..n−1
  const pos = new Uint32Array(n); // pos[v] = where v is in pool
  for (let i = 0; i < n; i++) { pool[i] = i; pos[i] = i; }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = w.offsets[i], k = w.offsets[i + 1] - a;
    // Move i to the end so that the first n − 1 pool entries are "everybody else".
    const pi = pos[i], last = pool[n - 1];
    pool[pi] = last; pos[last] = pi; pool[n - 1] = i; pos[i] = n - 1;
    const factor = z[i] / m2;
    let above = 0;
    for (let s = 0; s < nsim; s++) {
      let lag = 0;
      for (let t = 0; t < k; t++) {
        const j = t + Math.floor(rnd.next() * (n - 1 - t)); // partial Fisher–Yates over the n − 1 others
        const u = pool[t], v = pool[j];
        pool[t] = v; pos[v] = t; pool[j] = u; pos[u] = j;
        lag += w.weights[a + t] * z[pool[t]];
      }
      if (factor * lag >= I[i]) above++;
    }
    const folded = Math.min(above, nsim - above);
    out[i] = (folded + 1) / (nsim + 1);
  }
  return out;
}

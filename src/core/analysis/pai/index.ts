/**
 * How well did this period's hotspots predict the next period's crime?
 *
 * - PAI, prediction accuracy index (S. Chainey, L. Tompson, S. Uhlig, "The utility of hotspot mapping
 *   for predicting spatial patterns of crime", Security Journal 21, 2008):
 *     PAI = (n/N) / (a/A)
 *   n = next-period incidents inside the hotspot cells, N = all next-period incidents in the study
 *   area, a = area of the hotspot cells, A = the study area. The hit rate n/N per share of area
 *   searched: 1 is no better than chance, higher is better.
 * - PEI, prediction efficiency index (J. M. Hunt, "Do crime hot spots move?", NIJ 2016; used with PAI
 *   in Chainey's evaluations of hotspot maps): PEI = PAI / PAI_max, where PAI_max is the PAI of the
 *   best possible selection of the same size in the evaluated period: the k cells with the most
 *   next-period incidents, k = the number of hotspot cells. With equal cells, PEI = n / n_max, in
 *   [0, 1]. (Defined for equal-area cells only; PEI* of White, Hunt & Green 2023 is not this.)
 * - RRI, recapture rate index (N. Levine, "The 'hottest' part of a hotspot", Security Journal 21, 2008):
 *     RRI = (n₂/n₁) / (N₂/N₁)
 *   incidents in the hotspots in the next (2) against the current (1) period, relative to the change
 *   in the whole area: above 1, the hotspots kept more of their crime than the area as a whole.
 *
 * Undefined values are null with a reason, never Infinity or NaN.
 */

export interface PaiInput {
  /** Per cell: truthy (1/true) when the cell is a hotspot of the current period. */
  hotspot: ArrayLike<number | boolean>;
  /** Per cell: incidents in the evaluated (next) period. */
  next: ArrayLike<number>;
  /** Per cell: incidents in the current period (the one the hotspots were found in); needed for RRI. */
  current?: ArrayLike<number>;
  /** Area of each cell (one number for equal cells, or one per cell). Default 1: areas in cells. */
  cellArea?: number | ArrayLike<number>;
}

export type PaiNullReason =
  | 'no-incidents' // N = 0 in the evaluated period
  | 'no-hotspots' // no hotspot cell (a = 0)
  | 'no-current-counts' // RRI needs the current period's counts
  | 'no-incidents-in-hotspots-before' // RRI: n₁ = 0
  | 'unequal-cell-areas'; // PEI is defined here for equal-area cells only

export interface PaiResult {
  /** Number of cells, and of hotspot cells. */
  cells: number;
  hotspotCells: number;
  /** n and N: next-period incidents in the hotspots and in all cells. */
  n: number;
  N: number;
  /** a and A: hotspot area and total area. */
  a: number;
  A: number;
  /** n/N; null when N = 0. */
  hitRate: number | null;
  /** a/A. */
  areaShare: number;
  pai: number | null;
  paiReason: PaiNullReason | null;
  /** Best n any selection of hotspotCells cells could have caught (equal cells). */
  nMax: number | null;
  pei: number | null;
  peiReason: PaiNullReason | null;
  rri: number | null;
  rriReason: PaiNullReason | null;
}

function checkCounts(v: ArrayLike<number> | undefined, name: string, cells: number): void {
  if (v === undefined) return;
  if (v === null || typeof v !== 'object' || typeof v.length !== 'number') throw new TypeError(`predictionAccuracy: ${name} must be an array of numbers`);
  if (v.length !== cells) throw new RangeError(`predictionAccuracy: ${name} has ${v.length} values for ${cells} cells (hotspot has ${cells})`);
  for (let i = 0; i < cells; i++) {
    if (typeof v[i] !== 'number' || !Number.isFinite(v[i]) || v[i] < 0) {
      throw new RangeError(`predictionAccuracy: ${name}[${i}] must be a finite number ≥ 0, got ${v[i]}`);
    }
  }
}

/**
 * PAI, PEI and RRI of a set of hotspot cells against the next period's incidents.
 *
 * @param {PaiInput} input hotspot mask, next-period counts, optional current counts and cell areas
 * @returns {PaiResult} the indices (null with a reason where undefined) and their ingredients
 * @example
 * predictionAccuracy({ hotspot: [1, 0, 0, 0], next: [6, 2, 1, 1], current: [5, 1, 1, 1] });
 * // n 6, N 10, hitRate 0.6, areaShare 0.25, pai 2.4, pei 1, rri (6/5)/(10/8) = 0.96
 */
export function predictionAccuracy(input: PaiInput): PaiResult {
  if (input === null || typeof input !== 'object') throw new TypeError('predictionAccuracy: input { hotspot, next } is required');
  const { hotspot, next, current, cellArea = 1 } = input;
  if (!hotspot || typeof hotspot.length !== 'number') throw new TypeError('predictionAccuracy: hotspot must be an array with one flag per cell');
  const cells = hotspot.length;
  if (cells === 0) throw new RangeError('predictionAccuracy: there are no cells (hotspot is empty)');
  if (next === undefined) throw new TypeError('predictionAccuracy: next (counts of the evaluated period) is required');
  checkCounts(next, 'next', cells);
  checkCounts(current, 'current', cells);
  let equalAreas = true;
  if (typeof cellArea === 'number') {
    if (!Number.isFinite(cellArea) || !(cellArea > 0)) throw new RangeError(`predictionAccuracy: cellArea must be a finite number > 0, got ${cellArea}`);
  } else {
    if (!cellArea || cellArea.length !== cells) throw new RangeError(`predictionAccuracy: cellArea has ${cellArea?.length} values for ${cells} cells`);
    for (let i = 0; i < cells; i++) {
      if (!Number.isFinite(cellArea[i]) || !(cellArea[i] > 0)) throw new RangeError(`predictionAccuracy: cellArea[${i}] must be a finite number > 0, got ${cellArea[i]}`);
      if (cellArea[i] !== cellArea[0]) equalAreas = false;
    }
  }
  const areaOf = (i: number) => (typeof cellArea === 'number' ? cellArea : cellArea[i]);

  let hotspotCells = 0, n = 0, N = 0, a = 0, A = 0, n1 = 0, N1 = 0;
  for (let i = 0; i < cells; i++) {
    const hot = Boolean(hotspot[i]);
    N += next[i];
    A += areaOf(i);
    if (current) N1 += current[i];
    if (hot) {
      hotspotCells++;
      n += next[i];
      a += areaOf(i);
      if (current) n1 += current[i];
    }
  }
  const hitRate = N > 0 ? n / N : null;
  const areaShare = a / A;
  let pai: number | null = null;
  let paiReason: PaiNullReason | null = null;
  if (N === 0) paiReason = 'no-incidents';
  else if (hotspotCells === 0) paiReason = 'no-hotspots';
  else pai = n / N / areaShare;

  let nMax: number | null = null;
  let pei: number | null = null;
  let peiReason: PaiNullReason | null = null;
  if (!equalAreas) peiReason = 'unequal-cell-areas';
  else if (N === 0) peiReason = 'no-incidents';
  else if (hotspotCells === 0) peiReason = 'no-hotspots';
  else {
    const sorted = Float64Array.from(next).sort();
    nMax = 0;
    for (let k = 0; k < hotspotCells; k++) nMax += sorted[cells - 1 - k];
    pei = n / nMax; // nMax > 0: the top cell holds at least one of the N > 0 incidents
  }

  let rri: number | null = null;
  let rriReason: PaiNullReason | null = null;
  if (!current) rriReason = 'no-current-counts';
  else if (hotspotCells === 0) rriReason = 'no-hotspots';
  else if (n1 === 0) rriReason = 'no-incidents-in-hotspots-before';
  else if (N === 0) rriReason = 'no-incidents';
  else rri = (n / n1) / (N / N1);

  return { cells, hotspotCells, n, N, a, A, hitRate, areaShare, pai, paiReason, nMax, pei, peiReason, rri, rriReason };
}

/**
 * Hotspot mask of the k cells with the highest values (ties broken by lower index), e.g. the top 5 %
 * of a kernel density raster or of this period's counts, to feed {@link predictionAccuracy}.
 *
 * @param {ArrayLike<number>} values one value per cell
 * @param {number} k number of cells to mark (integer, 0 ≤ k ≤ cells)
 * @returns {Uint8Array} 1 for the top k cells, else 0
 * @example
 * topCells([3, 9, 1, 9], 2); // Uint8Array [0, 1, 0, 1]
 */
export function topCells(values: ArrayLike<number>, k: number): Uint8Array {
  if (!values || typeof values.length !== 'number') throw new TypeError('topCells: values must be an array of numbers');
  if (!Number.isInteger(k) || k < 0 || k > values.length) throw new RangeError(`topCells: k must be an integer in [0, ${values.length}], got ${k}`);
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number' || Number.isNaN(values[i])) throw new RangeError(`topCells: values[${i}] must be a number, got ${values[i]}`);
  }
  const order = Array.from({ length: values.length }, (_, i) => i).sort((p, q) => values[q] - values[p] || p - q);
  const mask = new Uint8Array(values.length);
  for (let j = 0; j < k; j++) mask[order[j]] = 1;
  return mask;
}

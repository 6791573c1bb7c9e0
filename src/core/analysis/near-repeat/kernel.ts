/**
 * Hot loops of the near-repeat analysis. Two ways to count a table for one assignment of days to
 * incidents, chosen per data set by which touches fewer pairs:
 *
 * - 'space': the pairs nearer than the last spatial break are stored once (x-sorted sweep, as a
 *   compressed row list with each pair's spatial row); an iteration looks up only their day
 *   difference. The "More than" spatial row follows from the column totals, which no permutation
 *   of the days changes.
 * - 'time': nothing per pair is stored; an iteration sorts the incidents by their permuted day
 *   (counting sort) and visits only the pairs closer in time than the last temporal break,
 *   measuring their distance on the fly. The "More than" temporal column follows from the row
 *   totals, which no permutation of the days changes either.
 *
 * Both produce identical counts (tested); the choice only changes speed and memory.
 */

/** Spatial row of a distance d: 0 for d = 0, k for d in [(k−1)·w, k·w), K + 1 beyond K·w. */
export function spatialRow(d: number, breaks: Float64Array, bandwidth: number): number {
  const K = breaks.length - 1;
  if (d === 0) return 0;
  if (d >= breaks[K]) return K + 1;
  // breaks[k] = k·w: the quotient is right up to one step; the comparisons make it exact
  let r = Math.min(K, Math.floor(d / bandwidth) + 1);
  while (r > 1 && d < breaks[r - 1]) r--;
  while (d >= breaks[r]) r++;
  return r;
}

export interface PairGeometry {
  n: number;
  /** Coordinates in input order (rounded to float32 if asked). */
  x: Float64Array;
  y: Float64Array;
  euclid: boolean;
  /** breaks[k] = k · bandwidth, k = 0..K. */
  breaks: Float64Array;
  bandwidth: number;
}

function distance(g: PairGeometry, i: number, j: number): number {
  const dx = g.x[i] - g.x[j], dy = g.y[i] - g.y[j];
  return g.euclid ? Math.sqrt(dx * dx + dy * dy) : Math.abs(dx) + Math.abs(dy);
}
// countTime() inlines the same two formulas; keep them identical.

/**
 * One pass over the pairs nearer than the last break (x-sorted sweep). Returns the number of
 * pairs per spatial row 0..K (the row totals) and, when `store`, the compressed row list in x order.
 */
export function sweepNearPairs(g: PairGeometry, store: boolean): {
  rowTotals: Float64Array; order: Uint32Array; rowStart: Uint32Array; nb: Uint32Array; band: Uint8Array;
} {
  const { n, x } = g;
  const K = g.breaks.length - 1, reach = g.breaks[K];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b] || a - b);
  const rowTotals = new Float64Array(K + 1);
  const rowStart = new Uint32Array(store ? n + 1 : 0);
  let cap = store ? Math.max(16, n * 4) : 0;
  let nb = new Uint32Array(cap), band = new Uint8Array(cap);
  let m = 0;
  for (let a = 0; a < n; a++) {
    if (store) rowStart[a] = m;
    const ia = order[a], xa = x[ia];
    for (let b = a + 1; b < n; b++) {
      const ib = order[b];
      if (x[ib] - xa >= reach) break;
      const d = distance(g, ia, ib);
      if (d >= reach) continue;
      const r = spatialRow(d, g.breaks, g.bandwidth);
      rowTotals[r]++;
      if (!store) continue;
      if (m === cap) {
        cap *= 2;
        const nb2 = new Uint32Array(cap); nb2.set(nb); nb = nb2;
        const band2 = new Uint8Array(cap); band2.set(band); band = band2;
      }
      nb[m] = b; band[m] = r; m++;
    }
  }
  if (store) rowStart[n] = m;
  return { rowTotals, order, rowStart, nb: nb.slice(0, m), band: band.slice(0, m) };
}

/**
 * Space mode: adds the counts of the stored pairs to `counts` (rows 0..K only).
 * `ds` holds the days in x order; `timeBandSym[dt + span]` is the temporal column of dt.
 */
export function countSpace(
  counts: Int32Array, ds: Int32Array, rowStart: Uint32Array, nb: Uint32Array, bandC: Uint16Array, timeBandSym: Uint8Array, span: number,
): void {
  const n = ds.length;
  for (let a = 0; a < n; a++) {
    const da = ds[a] + span;
    for (let e = rowStart[a], end = rowStart[a + 1]; e < end; e++) counts[bandC[e] + timeBandSym[da - ds[nb[e]]]]++;
  }
}

/**
 * Time mode: adds the counts of all pairs closer in time than `closeSpan` days (columns whose
 * band < KT) and nearer than the last spatial break to `counts`. `day` is in input order and runs
 * from 0 to span. Scratch arrays: `start` (span + 2), `byDay`, `sx`, `sy`, `sd` (n each).
 */
export function countTime(
  counts: Int32Array, g: PairGeometry, day: Int32Array, span: number, closeSpan: number, timeBand: Uint8Array, C: number,
  start: Int32Array, byDay: Int32Array, sx: Float64Array, sy: Float64Array, sd: Int32Array,
): void {
  const n = g.n;
  const K = g.breaks.length - 1;
  start.fill(0);
  for (let i = 0; i < n; i++) start[day[i] + 1]++;
  for (let d = 0; d <= span; d++) start[d + 1] += start[d];
  // byDay: incidents ordered by day (stable); start[d] is the first position of day d afterwards
  for (let i = 0; i < n; i++) byDay[start[day[i]]++] = i;
  for (let d = span; d > 0; d--) start[d] = start[d - 1];
  start[0] = 0;
  const breaks = g.breaks, bw = g.bandwidth, euclid = g.euclid, reach = breaks[K];
  // gather into day order so the inner loop reads memory sequentially
  for (let p = 0; p < n; p++) { const i = byDay[p]; sx[p] = g.x[i]; sy[p] = g.y[i]; sd[p] = day[i]; }
  for (let p = 0; p < n; p++) {
    const di = sd[p], xi = sx[p], yi = sy[p];
    const last = Math.min(span, di + closeSpan - 1);
    const end = start[last + 1];
    for (let q = p + 1; q < end; q++) {
      const dx = xi - sx[q], dy = yi - sy[q];
      const d = euclid ? Math.sqrt(dx * dx + dy * dy) : Math.abs(dx) + Math.abs(dy);
      if (d >= reach) continue;
      // spatialRow() inlined
      let r = 0;
      if (d !== 0) {
        r = Math.min(K, Math.floor(d / bw) + 1);
        while (r > 1 && d < breaks[r - 1]) r--;
        while (d >= breaks[r]) r++;
      }
      counts[r * C + timeBand[sd[q] - di]]++;
    }
  }
}

/**
 * Kernel density of points on a raster with the quartic (biweight) kernel, as ArcGIS's Kernel Density
 * (Silverman 1986, eq. 4.5):
 *
 *   density(c) = (1/r²) Σ_{i: d_i < r} w_i · (3/π) · (1 − (d_i/r)²)²
 *
 * with d_i the distance from the centre of cell c to point i, r the bandwidth (search radius) and w_i
 * an optional weight (default 1). The density is per square coordinate unit (per m² for SWEREF 99 TM;
 * multiply by 1e6 for per km²) and integrates to Σw over the plane.
 *
 * The raster is aligned to a fixed anchor (default (0, 0)): cell edges lie at anchor + k·cellSize, so
 * rasters of different periods or areas line up cell for cell. Row 0 is the southernmost row.
 *
 * Default bandwidth (ArcGIS's spatial variant of Silverman's rule of thumb):
 *   r = 0.9 · min(SD, √(1/ln 2) · Dm) · n^(−0.2)
 * SD is the standard distance √(Σ w((x−x̄)² + (y−ȳ)²)/Σw) about the (weighted) mean centre, Dm the
 * (weighted) median distance to that centre and n = Σw (the number of points when unweighted).
 */

/** Points as two coordinate arrays of equal length. */
export interface Points2D {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** A raster of densities (or any values), row-major, row 0 = southernmost. */
export interface Raster {
  /** x of the raster's west edge. */
  originX: number;
  /** y of the raster's south edge. */
  originY: number;
  /** Side of a (square) cell. */
  cellSize: number;
  cols: number;
  rows: number;
  /** values[row * cols + col], cell centre at (originX + (col + ½)·cellSize, originY + (row + ½)·cellSize). */
  values: Float64Array;
}

export interface KdeOptions {
  /** Side of a raster cell, > 0 (metres). Required. */
  cellSize: number;
  /** Bandwidth r > 0; default: the ArcGIS rule ({@link defaultBandwidth}). */
  bandwidth?: number;
  /** One weight ≥ 0 per point (e.g. a count of incidents at an address); default 1 each. */
  weights?: ArrayLike<number>;
  /** Area to cover; snapped outwards to the anchor grid. Default: the points' bounding box grown by r. */
  extent?: { minX: number; minY: number; maxX: number; maxY: number };
  /** A point on a cell corner; the raster's cells align to it. Default (0, 0). */
  anchor?: { x: number; y: number };
  /** Refuse rasters larger than this many cells (memory guard). Default 25,000,000. */
  maxCells?: number;
}

const defaultOptions = {
  // Corners at whole multiples of the cell size from the coordinate origin.
  anchor: { x: 0, y: 0 },
  // 25 million cells = 200 MB of Float64: more than any municipality needs at 10 m.
  maxCells: 25_000_000,
};

function checkPointsAndWeights(points: Points2D, weights: ArrayLike<number> | undefined, fn: string): number {
  if (points === null || typeof points !== 'object' || !points.x || !points.y) {
    throw new TypeError(`${fn}: points must be { x, y } with two arrays of coordinates`);
  }
  const n = points.x.length;
  if (points.y.length !== n) throw new RangeError(`${fn}: points.x has ${n} coordinates but points.y has ${points.y.length}`);
  if (n === 0) throw new RangeError(`${fn}: needs at least 1 point, got 0`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(points.x[i])) throw new RangeError(`${fn}: points.x[${i}] must be a finite number, got ${points.x[i]}`);
    if (!Number.isFinite(points.y[i])) throw new RangeError(`${fn}: points.y[${i}] must be a finite number, got ${points.y[i]}`);
  }
  if (weights !== undefined) {
    if (weights.length !== n) throw new RangeError(`${fn}: weights has ${weights.length} values for ${n} points`);
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new RangeError(`${fn}: weights[${i}] must be a finite number ≥ 0, got ${w}`);
    }
  }
  return n;
}

/**
 * The ArcGIS default bandwidth r = 0.9 · min(SD, √(1/ln 2)·Dm) · n^(−0.2).
 *
 * @param {Points2D} points the points (at least 2 distinct)
 * @param {ArrayLike<number>} [weights] optional weights ≥ 0 (n becomes Σw; centre, SD and median weighted)
 * @returns {{ bandwidth: number, standardDistance: number, medianDistance: number, n: number }}
 * @example
 * defaultBandwidth({ x: [0, 10, 0, 10], y: [0, 0, 10, 10] }).bandwidth; // 0.9·min(7.07…, 8.49…)·4^−0.2 = 4.8229…
 */
export function defaultBandwidth(
  points: Points2D,
  weights?: ArrayLike<number>,
): { bandwidth: number; standardDistance: number; medianDistance: number; n: number } {
  const count = checkPointsAndWeights(points, weights, 'defaultBandwidth');
  const w = (i: number) => (weights ? weights[i] : 1);
  let sw = 0, mx = 0, my = 0;
  for (let i = 0; i < count; i++) { sw += w(i); mx += w(i) * points.x[i]; my += w(i) * points.y[i]; }
  if (!(sw > 0)) throw new RangeError('defaultBandwidth: the weights sum to 0');
  mx /= sw;
  my /= sw;
  let ss = 0;
  const dist = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const dx = points.x[i] - mx;
    const dy = points.y[i] - my;
    ss += w(i) * (dx * dx + dy * dy);
    dist[i] = Math.sqrt(dx * dx + dy * dy);
  }
  const standardDistance = Math.sqrt(ss / sw);
  const medianDistance = weightedMedian(dist, weights);
  const bandwidth = 0.9 * Math.min(standardDistance, Math.sqrt(1 / Math.LN2) * medianDistance) * Math.pow(sw, -0.2);
  if (!(bandwidth > 0)) {
    throw new RangeError('defaultBandwidth: the points do not spread (median distance to the mean centre is 0); give options.bandwidth');
  }
  return { bandwidth, standardDistance, medianDistance, n: sw };
}

/** Median of values; with weights, the value where the cumulative weight passes half (midpoint on an exact half). */
function weightedMedian(values: Float64Array, weights?: ArrayLike<number>): number {
  const n = values.length;
  if (!weights) {
    const s = Float64Array.from(values).sort();
    return n % 2 ? s[(n - 1) >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => weights[i] > 0);
  order.sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (const i of order) total += weights[i];
  let cum = 0;
  for (let k = 0; k < order.length; k++) {
    cum += weights[order[k]];
    if (cum === total / 2 && k + 1 < order.length) return (values[order[k]] + values[order[k + 1]]) / 2;
    if (cum > total / 2) return values[order[k]];
  }
  return values[order[order.length - 1]];
}

/**
 * Quartic kernel density of points on an anchored raster.
 *
 * @param {Points2D} points the points (projected coordinates)
 * @param {KdeOptions} options cellSize (required), bandwidth, weights, extent, anchor, maxCells
 * @returns {Raster & { bandwidth: number }} densities per square unit, row 0 = south, and the bandwidth used
 * @example
 * const r = kde({ x: [100, 120], y: [200, 210] }, { cellSize: 10, bandwidth: 50 });
 * r.values[r.cols * 5 + 6]; // density at that cell centre, per m²
 */
export function kde(points: Points2D, options: KdeOptions): Raster & { bandwidth: number } {
  if (options === null || typeof options !== 'object') throw new TypeError('kde: options with at least cellSize are required');
  const n = checkPointsAndWeights(points, options.weights, 'kde');
  const cs = options.cellSize;
  if (typeof cs !== 'number' || !Number.isFinite(cs) || !(cs > 0)) throw new RangeError(`kde: options.cellSize must be a finite number > 0, got ${cs}`);
  let r: number;
  if (options.bandwidth === undefined) r = defaultBandwidth(points, options.weights).bandwidth;
  else {
    r = options.bandwidth;
    if (typeof r !== 'number' || !Number.isFinite(r) || !(r > 0)) throw new RangeError(`kde: options.bandwidth must be a finite distance > 0, got ${r}`);
  }
  const anchor = options.anchor ?? defaultOptions.anchor;
  if (!Number.isFinite(anchor.x) || !Number.isFinite(anchor.y)) throw new RangeError(`kde: options.anchor must have finite x and y, got (${anchor.x}, ${anchor.y})`);
  const maxCells = options.maxCells ?? defaultOptions.maxCells;
  let ext = options.extent;
  if (ext === undefined) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, points.x[i]); maxX = Math.max(maxX, points.x[i]);
      minY = Math.min(minY, points.y[i]); maxY = Math.max(maxY, points.y[i]);
    }
    ext = { minX: minX - r, minY: minY - r, maxX: maxX + r, maxY: maxY + r };
  } else if (![ext.minX, ext.minY, ext.maxX, ext.maxY].every(Number.isFinite) || !(ext.maxX > ext.minX) || !(ext.maxY > ext.minY)) {
    throw new RangeError(`kde: options.extent must have finite minX < maxX and minY < maxY, got ${JSON.stringify(ext)}`);
  }
  // Snap outwards to the anchor grid (a relative slack of 1e-9 cell keeps exact multiples exact).
  const originX = anchor.x + Math.floor((ext.minX - anchor.x) / cs + 1e-9) * cs;
  const originY = anchor.y + Math.floor((ext.minY - anchor.y) / cs + 1e-9) * cs;
  const cols = Math.max(1, Math.ceil((ext.maxX - originX) / cs - 1e-9));
  const rows = Math.max(1, Math.ceil((ext.maxY - originY) / cs - 1e-9));
  if (cols * rows > maxCells) {
    throw new RangeError(`kde: the raster would have ${cols} × ${rows} = ${cols * rows} cells, more than options.maxCells (${maxCells}); use a larger cellSize or a smaller extent`);
  }
  const values = new Float64Array(cols * rows);
  const r2 = r * r;
  const span = Math.ceil(r / cs) + 1;
  const dx2 = new Float64Array(2 * span + 2);
  const weights = options.weights;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    if (w === 0) continue;
    const px = points.x[i];
    const py = points.y[i];
    // Cells whose centre can be closer than r: centre = origin + (k + ½)·cs.
    const c0 = Math.max(0, Math.ceil((px - r - originX) / cs - 0.5));
    const c1 = Math.min(cols - 1, Math.floor((px + r - originX) / cs - 0.5));
    const r0 = Math.max(0, Math.ceil((py - r - originY) / cs - 0.5));
    const r1 = Math.min(rows - 1, Math.floor((py + r - originY) / cs - 0.5));
    if (c0 > c1 || r0 > r1) continue;
    for (let c = c0; c <= c1; c++) {
      const dx = originX + (c + 0.5) * cs - px;
      dx2[c - c0] = dx * dx;
    }
    for (let row = r0; row <= r1; row++) {
      const dy = originY + (row + 0.5) * cs - py;
      const dy2 = dy * dy;
      if (dy2 >= r2) continue;
      const base = row * cols;
      for (let c = c0; c <= c1; c++) {
        const d2 = dx2[c - c0] + dy2;
        if (d2 < r2) {
          const t = 1 - d2 / r2;
          values[base + c] += w * t * t;
        }
      }
    }
  }
  const k = 3 / (Math.PI * r2);
  for (let j = 0; j < values.length; j++) values[j] *= k;
  return { originX, originY, cellSize: cs, cols, rows, values, bandwidth: r };
}

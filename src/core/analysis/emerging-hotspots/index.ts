import { binGrid, type Extent } from '../grid/index.ts';
import { gistarGrid, giZScores } from '../gistar/index.ts';
import { gridStencil } from '../neighbours/index.ts';
import { benjaminiHochberg } from '../fdr/index.ts';
import { toColumns, type SpaceTimeInput } from '../near-repeat/points.ts';
import { classifyEmergingHotspots, type EmergingPattern } from './classify.ts';

export { classifyEmergingHotspots, EMERGING_PATTERNS, defaultClassifyOptions } from './classify.ts';
export type { EmergingPattern, ZPCube, ClassifyOptions, ClassifyResult } from './classify.ts';

export interface EmergingHotspotsOptions {
  /** Side of a grid cell (metres). Required. */
  cellSize: number;
  /** Gi* neighbourhood: cells whose centres are within this distance (binary weights). Required. */
  distance: number;
  /** Length of a time step in days (7 = weeks). Required. */
  stepDays: number;
  /** First day of the analysis (inclusive); default the earliest incident. */
  start?: number;
  /** Day after the analysis (exclusive); default the latest incident + 1 (whole days). */
  end?: number;
  /** Study area; default the incidents' bounding box snapped to the grid (see grid/). */
  extent?: Extent;
  /**
   * Neighbourhood time step (ArcGIS): 0 (default) computes Gi* for each time step on its own, with
   * that step's mean and variance; k > 0 computes a space–time Gi* whose neighbours are the cells
   * within `distance` in the same and the k preceding steps, with mean and variance over the whole
   * cube (ArcGIS's "entire cube" global window).
   */
  timeNeighbours?: number;
  /** Control the false discovery rate (Benjamini–Hochberg over the cells of each time step). Default true. */
  fdr?: boolean;
  /** Significance of a bin. Default 0.05. */
  alpha?: number;
  /** Significance of a cell's Mann–Kendall trend. Default 0.05. */
  trendAlpha?: number;
}

export interface EmergingHotspotsResult {
  /** Grid geometry (row-major cells, row 0 = south); see grid/ for cell ids. */
  grid: { cols: number; rows: number; cellSize: number; originX: number; originY: number; col0: number; row0: number; alignX: number; alignY: number };
  cells: number;
  steps: number;
  /** First day of each time step. */
  stepStart: Float64Array;
  /** Incidents per bin, cell-major (cell·steps + step). */
  counts: Float64Array;
  /** Gi* z and p per bin, cell-major; p is FDR-adjusted when fdr is on. */
  z: Float64Array;
  p: Float64Array;
  /** Pattern per cell (cells without any incident: 'No Pattern Detected', as ArcGIS leaves them out). */
  pattern: EmergingPattern[];
  code: Uint8Array;
  trendZ: Float64Array;
  trendP: Float64Array;
  /** 1 where the cell has at least one incident in the analysis period. */
  hasData: Uint8Array;
}

export const defaultOptions = { timeNeighbours: 0, fdr: true, alpha: 0.05, trendAlpha: 0.05 };

function positive(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new RangeError(`emergingHotspots: options.${name} must be a positive finite number, got ${v}`);
  return v;
}

/**
 * Emerging hot spot analysis (ArcGIS Pro's Emerging Hot Spot Analysis on a grid cube): bins the
 * incidents into a space–time cube of square cells × time steps, computes Getis-Ord Gi* per bin
 * (binary distance band, self included; see gistar/), optionally controls the false discovery rate,
 * tests each cell's z series for a Mann–Kendall trend and classifies the cell with
 * {@link classifyEmergingHotspots} (the rules are listed there).
 *
 * Time steps are aligned to the end, as ArcGIS's default: the last step is [end − stepDays, end),
 * the one before it [end − 2·stepDays, end − stepDays), … back to the step containing `start`;
 * incidents before `start` or from `end` on are left out.
 *
 * @param {SpaceTimeInput} points incidents {x, y, t}, t in days (e.g. dayNumber of the date)
 * @param {EmergingHotspotsOptions} options cellSize, distance, stepDays, start, end, extent, timeNeighbours, fdr, alpha, trendAlpha
 * @returns {EmergingHotspotsResult} the cube (counts, z, p) and the pattern per cell
 * @throws {RangeError} on bad options, no incidents in the period, fewer than 3 time steps
 * @example
 * const r = emergingHotspots(incidents, { cellSize: 250, distance: 500, stepDays: 7 });
 * r.pattern[r.code.findIndex((k) => k === 1)]; // 'New Hot Spot'
 */
export function emergingHotspots(points: SpaceTimeInput, options: EmergingHotspotsOptions): EmergingHotspotsResult {
  if (options == null || typeof options !== 'object') throw new TypeError('emergingHotspots: options {cellSize, distance, stepDays} are required');
  const cellSize = positive(options.cellSize, 'cellSize');
  const distance = positive(options.distance, 'distance');
  const stepDays = positive(options.stepDays, 'stepDays');
  const { timeNeighbours: k, fdr, alpha, trendAlpha } = { ...defaultOptions, ...options };
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`emergingHotspots: options.timeNeighbours must be a non-negative integer, got ${k}`);
  const { n, x, y, t } = toColumns(points, 'emergingHotspots');
  if (n === 0) throw new RangeError('emergingHotspots: no incidents');

  let tmin = Infinity, tmax = -Infinity;
  for (let i = 0; i < n; i++) { if (t[i] < tmin) tmin = t[i]; if (t[i] > tmax) tmax = t[i]; }
  const start = options.start ?? tmin;
  const end = options.end ?? Math.floor(tmax) + 1;
  for (const [name, v] of [['start', start], ['end', end]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`emergingHotspots: options.${name} must be a finite number of days, got ${v}`);
  }
  if (!(end > start)) throw new RangeError(`emergingHotspots: options.end (${end}) must be after options.start (${start})`);
  const steps = Math.ceil((end - start) / stepDays);
  if (steps < 3) throw new RangeError(`emergingHotspots: the period [${start}, ${end}) holds ${steps} time steps of ${stepDays} days; at least 3 are needed (ArcGIS asks for 10)`);
  const stepStart = new Float64Array(steps);
  for (let s = 0; s < steps; s++) stepStart[s] = end - (steps - s) * stepDays;

  // incidents inside the period, binned in space
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (t[i] >= start && t[i] < end) keep.push(i);
  if (keep.length === 0) throw new RangeError(`emergingHotspots: no incidents between day ${start} and day ${end}`);
  const kx = Float64Array.from(keep, (i) => x[i]), ky = Float64Array.from(keep, (i) => y[i]);
  const g = binGrid(kx, ky, { cellSize, extent: options.extent, cellOf: true });
  const cells = g.cols * g.rows;
  const counts = new Float64Array(cells * steps);
  const hasData = new Uint8Array(cells);
  for (let m = 0; m < keep.length; m++) {
    const c = g.cellOf![m];
    if (c < 0) continue;
    const s = Math.min(steps - 1, Math.floor((t[keep[m]] - stepStart[0]) / stepDays));
    counts[c * steps + s]++;
    hasData[c] = 1;
  }

  const z = new Float64Array(cells * steps), p = new Float64Array(cells * steps);
  const slice = new Float64Array(cells);
  if (k === 0) {
    for (let s = 0; s < steps; s++) {
      for (let c = 0; c < cells; c++) slice[c] = counts[c * steps + s];
      const r = gistarGrid({ cols: g.cols, rows: g.rows, cellSize, values: slice }, { distance });
      const q = fdr ? benjaminiHochberg(r.p) : r.p;
      for (let c = 0; c < cells; c++) { z[c * steps + s] = r.z[c]; p[c * steps + s] = q[c]; }
    }
  } else {
    spaceTimeGiStar(counts, g.cols, g.rows, steps, cellSize, distance, k, z, p, fdr);
  }

  const cls = classifyEmergingHotspots({ cells, steps, z, p }, { alpha, trendAlpha });
  for (let c = 0; c < cells; c++) if (!hasData[c]) { cls.code[c] = 0; cls.pattern[c] = 'No Pattern Detected'; }
  const { originX, originY, col0, row0, alignX, alignY } = g;
  return {
    grid: { cols: g.cols, rows: g.rows, cellSize, originX, originY, col0, row0, alignX, alignY },
    cells, steps, stepStart, counts, z, p,
    pattern: cls.pattern, code: cls.code, trendZ: cls.trendZ, trendP: cls.trendP, hasData,
  };
}

/**
 * Space–time Gi*: bin (c, s) has as neighbours the cells within `distance` of c at steps s−k..s
 * (itself included); mean and variance over all cells·steps bins (spdep's localG formula on the
 * space–time weights). Writes z and (optionally FDR-adjusted per step) p, cell-major.
 */
function spaceTimeGiStar(
  counts: Float64Array, cols: number, rows: number, steps: number, cellSize: number, distance: number, k: number,
  z: Float64Array, p: Float64Array, fdr: boolean,
): void {
  const cells = cols * rows, N = cells * steps;
  const st = gridStencil(cellSize, distance);
  // spatial lag and neighbour count of every bin, step-major
  const lagS = new Float64Array(N), wS = new Float64Array(cells);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      for (let o = 0; o < st.dx.length; o++) {
        const cc = c + st.dx[o], rr = r + st.dy[o];
        if (cc < 0 || cc >= cols || rr < 0 || rr >= rows) continue;
        const j = rr * cols + cc;
        wS[i]++;
        for (let s = 0; s < steps; s++) lagS[s * cells + i] += counts[j * steps + s];
      }
    }
  }
  const values = new Float64Array(N), lag = new Float64Array(N), w = new Float64Array(N);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < cells; i++) {
      const b = s * cells + i;
      values[b] = counts[i * steps + s];
      let L = 0, W = 0;
      for (let q = Math.max(0, s - k); q <= s; q++) { L += lagS[q * cells + i]; W += wS[i]; }
      lag[b] = L; w[b] = W;
    }
  }
  const r = giZScores(values, lag, w, w, true);
  const pStep = new Float64Array(cells);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < cells; i++) pStep[i] = r.p[s * cells + i];
    const q = fdr ? benjaminiHochberg(pStep) : pStep;
    for (let i = 0; i < cells; i++) { z[i * steps + s] = r.z[s * cells + i]; p[i * steps + s] = q[i]; }
  }
}

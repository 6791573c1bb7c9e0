/**
 * Hot spot analysis in one step, as ArcGIS's "Optimized Hot Spot Analysis" does it for incident
 * points: points → counts on a square grid → Getis-Ord Gi* of the counts (binary distance band,
 * self included) → two-sided p → confidence bins ±3/±2/±1 with False Discovery Rate control.
 *
 * Study area: every cell of the grid is a location of the analysis (n = cols·rows, empty cells
 * count as 0). The grid covers `extent` when given (snapped outward to whole cells, points outside
 * dropped), otherwise the points' bounding box snapped outward to whole cells — see ../grid. Cells
 * are aligned to (alignX, alignY), default (0, 0), so they are stable between runs. Cells near the
 * edge of the study area simply have fewer neighbours. `studyArea(x, y)` narrows the study area to
 * the cells whose centre it accepts (e.g. point-in-polygon for the municipality): the other cells are
 * neither locations nor neighbours, are left out of n and of the FDR's m, and get z = 0, p = 1, bin 0.
 */
import { binGrid, cellBounds, cellId, type Extent, type Grid } from '../grid/index.ts';
import { gistarGrid } from '../gistar/index.ts';
import { confidenceBins } from '../fdr/index.ts';

export { cellBounds, cellCenter, cellId } from '../grid/index.ts';

export interface HotspotOptions {
  /** Side of a grid cell in metres. */
  cellSize: number;
  /** Distance band of the Gi* neighbourhood in metres (≥ cellSize to have neighbours). */
  distance: number;
  /** Control the false discovery rate in the bins (default true). */
  fdr?: boolean;
  /** Study area; default: the points' bounds snapped outward to the grid. */
  extent?: Extent;
  /** Grid alignment origin (default 0, 0). */
  alignX?: number;
  alignY?: number;
  /** Weight per point (default 1): cells hold sums of weights. */
  weights?: ArrayLike<number>;
  /** Gi* neighbourhood weights (default 'binary'). */
  neighbourWeights?: 'binary' | 'inverse-distance';
  /** Keep only the cells whose centre (x, y) this accepts (default: every cell of the grid). */
  studyArea?: (centreX: number, centreY: number) => boolean;
}

export interface HotspotResult {
  /** The grid (with cellOf: the cell of every point, −1 outside the extent). */
  grid: Grid;
  /** Count per cell (= grid.counts), row-major, row 0 = south. */
  counts: Float64Array;
  /** Gi* z-score per cell. */
  z: Float64Array;
  /** Two-sided p-value per cell. */
  p: Float64Array;
  /** Confidence bin per cell: +3/+2/+1 hot at 99/95/90 %, −3/−2/−1 cold, 0 not significant. */
  bin: Int8Array;
}

/**
 * Points to hot and cold spots on a grid.
 *
 * @param x x coordinates (EPSG:3006 metres)
 * @param y y coordinates
 * @param options cellSize, distance, fdr (default true), extent, alignment, weights
 * @returns grid, counts, z, p and bin per cell
 * @example
 * const r = hotspots(xs, ys, { cellSize: 250, distance: 750 });
 * const hot = [...r.bin.keys()].filter((i) => r.bin[i] === 3).map((i) => cellBounds(r.grid, i));
 */
export function hotspots(x: ArrayLike<number>, y: ArrayLike<number>, options: HotspotOptions): HotspotResult {
  if (options === null || typeof options !== 'object') throw new TypeError('hotspots: options must be an object with cellSize and distance');
  const { cellSize, distance, fdr = true, extent, alignX, alignY, weights, neighbourWeights = 'binary', studyArea } = options;
  if (typeof distance !== 'number' || !Number.isFinite(distance) || distance <= 0) {
    throw new RangeError(`hotspots: options.distance must be a positive finite number, got ${distance}`);
  }
  if (Number.isFinite(cellSize) && distance < cellSize) {
    throw new RangeError(`hotspots: options.distance (${distance}) is smaller than options.cellSize (${cellSize}); every cell would be alone in its neighbourhood`);
  }
  const grid = binGrid(x, y, { cellSize, extent, alignX, alignY, weights });
  if (grid.cols * grid.rows < 2) throw new RangeError(`hotspots: the study area is a single ${cellSize} m cell; Gi* needs at least 2 cells (use a smaller cellSize or a larger extent)`);
  const n = grid.cols * grid.rows;
  let mask: Uint8Array | undefined;
  if (studyArea !== undefined) {
    if (typeof studyArea !== 'function') throw new TypeError('hotspots: options.studyArea must be a function (centreX, centreY) => boolean');
    mask = new Uint8Array(n);
    for (let r = 0; r < grid.rows; r++) {
      const cy = grid.originY + (r + 0.5) * cellSize;
      for (let c = 0; c < grid.cols; c++) mask[r * grid.cols + c] = studyArea(grid.originX + (c + 0.5) * cellSize, cy) ? 1 : 0;
    }
  }
  const { z, p } = gistarGrid({ cols: grid.cols, rows: grid.rows, cellSize, values: grid.counts, mask }, { distance, star: true, weights: neighbourWeights });
  let bin: Int8Array;
  if (!mask) bin = confidenceBins(z, p, { fdr });
  else {
    // FDR over the study area's cells only.
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (mask[i]) idx.push(i);
    const b = confidenceBins(idx.map((i) => z[i]), idx.map((i) => p[i]), { fdr });
    bin = new Int8Array(n);
    idx.forEach((i, k) => { bin[i] = b[k]; });
  }
  return { grid, counts: grid.counts, z, p, bin };
}

/** A cell of the result as a GeoJSON Feature (coordinates in the grid's CRS, e.g. EPSG:3006). */
export interface HotspotFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
  properties: { count: number; z: number; p: number; bin: number };
}

/**
 * The cells as GeoJSON polygon features for the map (by default only the significant ones).
 *
 * @param result the output of hotspots()
 * @param options { all: true } to include the non-significant cells too
 * @returns features with the stable cell id, count, z, p and bin
 * @example
 * const fc = { type: 'FeatureCollection', features: hotspotFeatures(hotspots(xs, ys, { cellSize: 250, distance: 750 })) };
 */
export function hotspotFeatures(result: HotspotResult, options: { all?: boolean } = {}): HotspotFeature[] {
  const out: HotspotFeature[] = [];
  const { grid, counts, z, p, bin } = result;
  for (let i = 0; i < bin.length; i++) {
    if (bin[i] === 0 && !options.all) continue;
    const [x0, y0, x1, y1] = cellBounds(grid, i);
    out.push({
      type: 'Feature',
      id: cellId(grid, i),
      geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
      properties: { count: counts[i], z: z[i], p: p[i], bin: bin[i] },
    });
  }
  return out;
}

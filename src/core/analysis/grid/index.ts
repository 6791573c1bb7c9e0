/**
 * Square-grid binning of points (EPSG:3006 metres or any projected CRS). The grid is aligned to a
 * fixed alignment origin (default 0, 0): absolute cell (col, row) covers
 * [alignX + col·s, alignX + (col+1)·s) × [alignY + row·s, alignY + (row+1)·s), so cells — and their
 * ids — are the same between runs, data sets and municipalities.
 *
 * Study area (which cells the result covers):
 * - no `extent`: the points' bounding box, snapped outward to whole cells (first column
 *   floor(minX/s), last column floor(maxX/s) — a point on the far edge gets a column of its own);
 * - `extent` { minX, minY, maxX, maxY }: snapped outward to whole cells (first column floor(minX/s),
 *   last column ceil(maxX/s) − 1; an extent edge on a grid line adds no empty cell). Points outside
 *   the extent are not counted (cellOf = −1); a point exactly on the extent's max edge counts in the
 *   last cell.
 */

export interface Extent { minX: number; minY: number; maxX: number; maxY: number }

export interface Grid {
  /** x of the lower-left corner of cell 0 (the grid's south-west corner). */
  originX: number;
  /** y of the lower-left corner of cell 0. */
  originY: number;
  /** Side of a cell. */
  cellSize: number;
  /** Number of columns (west → east). */
  cols: number;
  /** Number of rows (south → north). */
  rows: number;
  /** Absolute column index of column 0 relative to the alignment origin. */
  col0: number;
  /** Absolute row index of row 0 relative to the alignment origin. */
  row0: number;
  /** Alignment origin x (default 0). */
  alignX: number;
  /** Alignment origin y (default 0). */
  alignY: number;
  /** Count (or summed weight) per cell, row-major, row 0 = southernmost: index = row·cols + col. */
  counts: Float64Array;
  /** Cell index of each input point, −1 for points outside the extent. */
  cellOf?: Int32Array;
}

export interface GridOptions {
  /** Side of a square cell, in coordinate units (metres). */
  cellSize: number;
  /** Study area; default: the points' bounds snapped outward to the grid. */
  extent?: Extent;
  /** Alignment origin x (default 0). */
  alignX?: number;
  /** Alignment origin y (default 0). */
  alignY?: number;
  /** Weight of each point (default 1 each): counts become sums of weights. */
  weights?: ArrayLike<number>;
  /** Return `cellOf` (default true). */
  cellOf?: boolean;
  /** Refuse grids with more cells than this (default 50,000,000; a guard against a tiny cellSize). */
  maxCells?: number;
}

const defaultOptions = { alignX: 0, alignY: 0, cellOf: true, maxCells: 50_000_000 };

/**
 * Count points per square cell.
 *
 * @param x x coordinates
 * @param y y coordinates
 * @param options cellSize (required), extent, alignment origin, weights, cellOf, maxCells
 * @returns the grid with counts (row-major, row 0 = south) and cellOf
 * @example
 * const g = binGrid([5, 15, 15], [5, 5, 25], { cellSize: 10 });
 * // g.cols = 2, g.rows = 3, g.counts = [1, 1, 0, 0, 0, 1], cellId(g, 5) = '10:1:2'
 */
export function binGrid(x: ArrayLike<number>, y: ArrayLike<number>, options: GridOptions): Grid {
  const fn = 'binGrid';
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object with a cellSize`);
  const { cellSize } = options;
  const alignX = options.alignX ?? defaultOptions.alignX;
  const alignY = options.alignY ?? defaultOptions.alignY;
  const maxCells = options.maxCells ?? defaultOptions.maxCells;
  if (typeof cellSize !== 'number' || !Number.isFinite(cellSize) || cellSize <= 0) throw new RangeError(`${fn}: options.cellSize must be a positive finite number, got ${cellSize}`);
  if (!Number.isFinite(alignX) || !Number.isFinite(alignY)) throw new RangeError(`${fn}: options.alignX/alignY must be finite numbers, got (${alignX}, ${alignY})`);
  if (x == null || y == null || typeof x.length !== 'number' || typeof y.length !== 'number') throw new TypeError(`${fn}: x and y must be arrays of numbers`);
  const n = x.length;
  if (y.length !== n) throw new RangeError(`${fn}: x has ${n} values but y has ${y.length}`);
  const w = options.weights;
  if (w !== undefined) {
    if (w.length !== n) throw new RangeError(`${fn}: options.weights has ${w.length} values, expected ${n} (one per point)`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(w[i])) throw new RangeError(`${fn}: options.weights[${i}] is not a finite number (${w[i]})`);
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const e = options.extent;
  if (e === undefined) {
    // The bounds pass also validates; with an extent, validation happens in the binning pass.
    for (let i = 0; i < n; i++) {
      const xi = x[i], yi = y[i];
      if (!Number.isFinite(xi) || !Number.isFinite(yi)) throw new RangeError(`${fn}: point ${i} has a non-finite coordinate (${xi}, ${yi})`);
      if (xi < minX) minX = xi; if (xi > maxX) maxX = xi;
      if (yi < minY) minY = yi; if (yi > maxY) maxY = yi;
    }
  }
  let col0: number, row0: number, cols: number, rows: number;
  if (e !== undefined) {
    if (e === null || ![e.minX, e.minY, e.maxX, e.maxY].every(Number.isFinite)) throw new RangeError(`${fn}: options.extent must have finite minX, minY, maxX, maxY`);
    if (!(e.maxX > e.minX && e.maxY > e.minY)) throw new RangeError(`${fn}: options.extent is empty: need maxX > minX and maxY > minY, got ${JSON.stringify(e)}`);
    col0 = Math.floor((e.minX - alignX) / cellSize);
    row0 = Math.floor((e.minY - alignY) / cellSize);
    cols = Math.max(1, Math.ceil((e.maxX - alignX) / cellSize) - col0);
    rows = Math.max(1, Math.ceil((e.maxY - alignY) / cellSize) - row0);
  } else {
    if (n === 0) throw new RangeError(`${fn}: no points and no options.extent: cannot choose a study area`);
    col0 = Math.floor((minX - alignX) / cellSize);
    row0 = Math.floor((minY - alignY) / cellSize);
    cols = Math.floor((maxX - alignX) / cellSize) - col0 + 1;
    rows = Math.floor((maxY - alignY) / cellSize) - row0 + 1;
  }
  if (cols * rows > maxCells) throw new RangeError(`${fn}: the grid would have ${cols} × ${rows} = ${cols * rows} cells, more than maxCells ${maxCells}; use a larger cellSize or a smaller extent`);
  const counts = new Float64Array(cols * rows);
  const wantCellOf = options.cellOf ?? defaultOptions.cellOf;
  const cellOf = wantCellOf ? new Int32Array(n) : undefined;
  const originX = alignX + col0 * cellSize, originY = alignY + row0 * cellSize;
  const eMinX = e?.minX ?? 0, eMinY = e?.minY ?? 0, eMaxX = e?.maxX ?? 0, eMaxY = e?.maxY ?? 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i], yi = y[i];
    let c = Math.floor((xi - alignX) / cellSize) - col0;
    let r = Math.floor((yi - alignY) / cellSize) - row0;
    if (e !== undefined) {
      if (!Number.isFinite(xi) || !Number.isFinite(yi)) throw new RangeError(`${fn}: point ${i} has a non-finite coordinate (${xi}, ${yi})`);
      if (xi === eMaxX && c === cols) c = cols - 1; // closed max edge
      if (yi === eMaxY && r === rows) r = rows - 1;
      if (c < 0 || c >= cols || r < 0 || r >= rows || xi < eMinX || yi < eMinY || xi > eMaxX || yi > eMaxY) {
        if (cellOf) cellOf[i] = -1;
        continue;
      }
    }
    const k = r * cols + c;
    counts[k] += w === undefined ? 1 : w[i];
    if (cellOf) cellOf[i] = k;
  }
  const grid: Grid = { originX, originY, cellSize, cols, rows, col0, row0, alignX, alignY, counts };
  if (cellOf) grid.cellOf = cellOf;
  return grid;
}

type GridShape = Pick<Grid, 'originX' | 'originY' | 'cellSize' | 'cols' | 'rows'>;

function checkIndex(grid: GridShape, index: number, fn: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= grid.cols * grid.rows) {
    throw new RangeError(`${fn}: cell index must be an integer in [0, ${grid.cols * grid.rows}), got ${index}`);
  }
}

/**
 * Centre of a cell.
 * @param grid the grid
 * @param index row-major cell index
 * @returns [x, y]
 * @example
 * cellCenter(binGrid([5], [5], { cellSize: 10 }), 0); // [5, 5]
 */
export function cellCenter(grid: GridShape, index: number): [number, number] {
  checkIndex(grid, index, 'cellCenter');
  const c = index % grid.cols, r = (index - c) / grid.cols;
  return [grid.originX + (c + 0.5) * grid.cellSize, grid.originY + (r + 0.5) * grid.cellSize];
}

/**
 * Bounds of a cell.
 * @param grid the grid
 * @param index row-major cell index
 * @returns [minX, minY, maxX, maxY]
 * @example
 * cellBounds(binGrid([5], [5], { cellSize: 10 }), 0); // [0, 0, 10, 10]
 */
export function cellBounds(grid: GridShape, index: number): [number, number, number, number] {
  checkIndex(grid, index, 'cellBounds');
  const c = index % grid.cols, r = (index - c) / grid.cols;
  const x0 = grid.originX + c * grid.cellSize, y0 = grid.originY + r * grid.cellSize;
  return [x0, y0, x0 + grid.cellSize, y0 + grid.cellSize];
}

/**
 * A stable cell id from the absolute grid indices: `${cellSize}:${col}:${row}` where col/row count
 * cells from the alignment origin. The same place gets the same id in every run and data set
 * (with the same cellSize and alignment origin).
 * @param grid the grid
 * @param index row-major cell index
 * @returns e.g. '250:2704:26136'
 * @example
 * cellId(binGrid([676_100], [6_534_100], { cellSize: 250 }), 0); // '250:2704:26136'
 */
export function cellId(grid: Pick<Grid, 'cellSize' | 'cols' | 'rows' | 'col0' | 'row0' | 'originX' | 'originY'>, index: number): string {
  checkIndex(grid, index, 'cellId');
  const c = index % grid.cols, r = (index - c) / grid.cols;
  return `${grid.cellSize}:${grid.col0 + c}:${grid.row0 + r}`;
}

/**
 * Parse a cell id back into its size and absolute indices.
 * @param id a string from cellId
 * @returns { cellSize, col, row }
 * @example
 * parseCellId('250:2704:26136'); // { cellSize: 250, col: 2704, row: 26136 }
 */
export function parseCellId(id: string): { cellSize: number; col: number; row: number } {
  const m = /^([0-9.eE+]+):(-?\d+):(-?\d+)$/.exec(id);
  const cellSize = m ? Number(m[1]) : NaN;
  if (!m || !(cellSize > 0)) throw new RangeError(`parseCellId: not a cell id (expected 'cellSize:col:row'): ${JSON.stringify(id)}`);
  return { cellSize, col: Number(m[2]), row: Number(m[3]) };
}

/**
 * Index of the cell containing (x, y), or −1 outside the grid.
 * @param grid the grid
 * @param x x coordinate
 * @param y y coordinate
 * @returns row-major cell index or −1
 * @example
 * cellIndexAt(binGrid([5, 15], [5, 5], { cellSize: 10 }), 12, 3); // 1
 */
export function cellIndexAt(grid: GridShape, x: number, y: number): number {
  const c = Math.floor((x - grid.originX) / grid.cellSize);
  const r = Math.floor((y - grid.originY) / grid.cellSize);
  if (!(c >= 0 && c < grid.cols && r >= 0 && r < grid.rows)) return -1;
  return r * grid.cols + c;
}

import { ROLLUP_CELL_M } from './rollup-range.ts';
import { projectView, type ColumnCells, type InnerCells, type ProjectedView } from './view-cells.ts';

/**
 * The cells of a grid (the map's clusters and heatmap) that a map view touches, each counted whole.
 *
 * A cell that the view's edge cuts is counted whole, not just the part in view: its number is then
 * the same wherever the view's edge falls, as the map is panned, and it is the number of the
 * incidents its cluster lists when opened (the cell, not the view, says which). The rollups hold
 * whole 50 m cells, so a grid of a multiple of 50 m is summed from them alone, without counting the
 * incidents along the edge.
 */

/** A view's cells in a grid of `size` m (SWEREF 99 TM, origin 0,0). */
export interface GridView extends ColumnCells {
  size: number;
  /** The 50 m columns of the projected view the grid was found from. */
  view: ProjectedView;
}

/** The view's edge is drawn within this of the database's (view-cells.ts). */
const MARGIN_M = 1;

/**
 * The cells of a grid of `size` m that a WGS 84 box touches, as the database projects it; null when
 * it lies outside Sweden. The view is known per 50 m column (view-cells.ts): a grid not made of 50 m
 * cells may take in a cell up to 50 m beyond the view's corners.
 */
export function gridViewCells(bbox: [number, number, number, number], size: number): GridView | null {
  const view = projectView(bbox);
  return view && gridOf(view, size);
}

function gridOf(view: ProjectedView, size: number): GridView | null {
  const n = view.minY.length;
  const x0 = view.col0 * ROLLUP_CELL_M, x1 = (view.col0 + n) * ROLLUP_CELL_M;
  const c0 = Math.floor(x0 / size), c1 = Math.floor((x1 - 1e-9) / size);
  const lo: number[] = [], hi: number[] = [];
  let r0 = Infinity, r1 = -Infinity;
  for (let c = c0; c <= c1; c++) {
    // The 50 m columns that share a part with the grid's column: the view's lowest and highest y there.
    const k0 = Math.max(0, Math.floor((c * size) / ROLLUP_CELL_M) - view.col0);
    const k1 = Math.min(n - 1, Math.ceil(((c + 1) * size) / ROLLUP_CELL_M) - 1 - view.col0);
    let y0 = Infinity, y1 = -Infinity;
    for (let k = k0; k <= k1; k++) if (view.minY[k] <= view.maxY[k]) { y0 = Math.min(y0, view.minY[k]); y1 = Math.max(y1, view.maxY[k]); }
    if (y0 > y1) { lo.push(1); hi.push(0); continue; }
    const a = Math.floor((y0 - MARGIN_M) / size), b = Math.floor((y1 + MARGIN_M) / size);
    lo.push(a); hi.push(b);
    r0 = Math.min(r0, a); r1 = Math.max(r1, b);
  }
  return r0 <= r1 ? { size, c0, c1, lo, hi, r0, r1, view } : null;
}

/** The grid's bounding rectangle in EPSG:3006, [minX, minY, maxX, maxY]. */
export function gridExtent(g: GridView): [number, number, number, number] {
  return [g.c0 * g.size, g.r0 * g.size, (g.c1 + 1) * g.size, (g.r1 + 1) * g.size];
}

/**
 * The grid's cells as the rollups' 50 m cells (for a grid of a multiple of 50 m): every one of them
 * whole, so nothing of the view is left to count from the incidents (`edge` empty, `whole` the
 * grid's cell in 50 m cells).
 */
export function wholeCells(g: GridView): InnerCells {
  const k = g.size / ROLLUP_CELL_M;
  if (!Number.isInteger(k)) throw new RangeError(`a grid of ${g.size} m is not made of ${ROLLUP_CELL_M} m cells`);
  const lo: number[] = [], hi: number[] = [];
  for (let i = 0; i < g.lo.length; i++) {
    const [a, b] = g.lo[i] > g.hi[i] ? [1, 0] : [g.lo[i] * k, (g.hi[i] + 1) * k - 1];
    for (let j = 0; j < k; j++) { lo.push(a); hi.push(b); }
  }
  return { c0: g.c0 * k, c1: (g.c1 + 1) * k - 1, lo, hi, r0: g.r0 * k, r1: (g.r1 + 1) * k - 1, edge: [], view: g.view, whole: k };
}

import { transform } from '../geo/index.ts';
import { ROLLUP_CELL_M } from './rollup-range.ts';

/**
 * Which rollup cells of a map view lie wholly inside it, and where the rest of the view lies.
 *
 * A view is a WGS 84 box; the database projects it to SWEREF 99 TM with its edges segmentized every
 * 0.01° (incidents.ts `incidentWhere`). Projected, the box is turned by the meridian convergence,
 * 2–5° over most of Sweden, so the largest upright rectangle of cells inside it leaves a wedge along
 * every edge: up to 240 m in a 2.8 km view of Stockholm (zoom 14), kilometres at a town zoom.
 * Everything outside the inner cells is counted from the incidents, and in a dense town that wedge
 * held ten times the incidents of the cells the edge really cuts. So the inner cells are found per
 * 50 m column, and the rest of the view is described by small rectangles that follow the edge, for
 * the spatial index.
 */

/** A cell counts as inside when it lies this far within the edge as drawn here; the database's edge is within centimetres of it. */
const MARGIN_M = 1;
/** Segment length along the box's edges, in degrees: the database's (ST_Segmentize(…, 0.01)). */
const STEP_DEG = 0.01;
/** Sweden and its sea with a margin: no incident lies outside, and SWEREF 99 TM is defined over it. */
const SWEDEN: [number, number, number, number] = [10, 54.5, 25, 69.5];
/** The rectangles describing the edge: about this many at most (each is one probe of the spatial index). */
const EDGE_RECTS = 64;

/** A rectangle in EPSG:3006: [minX, minY, maxX, maxY]. */
export type Rect = [number, number, number, number];

/** Cells column by column: in each column c of c0..c1 the rows lo[c − c0]..hi[c − c0], inclusive (lo > hi where a column has none). */
export interface ColumnCells {
  c0: number;
  c1: number;
  lo: number[];
  hi: number[];
  /** The lowest and the highest row of any column. */
  r0: number;
  r1: number;
}

/** A view's cells (50 m indices) that lie wholly inside it. */
export interface InnerCells extends ColumnCells {
  /** Rectangles that together cover every part of the view outside the inner cells. */
  edge: Rect[];
  /** The projected view, to find coarser inner cells in (`insideCells`). */
  view: ProjectedView;
  /**
   * Set when these are a grid's cells counted whole (grid-view.ts), the grid's cell in 50 m cells:
   * they cover the view and more, there is no edge to count from the incidents, and they are whole
   * blocks of this many cells.
   */
  whole?: number;
}

/** A view projected to SWEREF 99 TM, per 50 m column of its extent. */
export interface ProjectedView {
  /** The first column any part of the view lies in. */
  col0: number;
  /** Per column from col0: the lowest and highest y of the view in it. */
  minY: Float64Array;
  maxY: Float64Array;
  /** Per column: the view's bottom at its highest and its top at its lowest across the whole column (NaN where it does not span the column). */
  floor: Float64Array;
  ceiling: Float64Array;
  /** The view's bounding rectangle in EPSG:3006. */
  extent: Rect;
}

/** The box's edge, projected, as a closed ring (last point = first), counterclockwise. */
function ring(w: number, s: number, e: number, n: number): { xs: number[]; ys: number[] } {
  const xs: number[] = [], ys: number[] = [];
  const edge = (lon0: number, lat0: number, lon1: number, lat1: number) => {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(lon1 - lon0), Math.abs(lat1 - lat0)) / STEP_DEG));
    for (let k = 0; k < steps; k++) {
      const [x, y] = transform(4326, 3006, lon0 + ((lon1 - lon0) * k) / steps, lat0 + ((lat1 - lat0) * k) / steps);
      xs.push(x); ys.push(y);
    }
  };
  edge(w, s, e, s); edge(e, s, e, n); edge(e, n, w, n); edge(w, n, w, s);
  xs.push(xs[0]); ys.push(ys[0]);
  return { xs, ys };
}

/**
 * The bounding rectangle in EPSG:3006 of a WGS 84 view (clipped to Sweden) as the database draws it,
 * with a metre to spare, or null when it lies outside Sweden.
 */
export function viewExtent(bbox: [number, number, number, number]): Rect | null {
  const w = Math.max(bbox[0], SWEDEN[0]), s = Math.max(bbox[1], SWEDEN[1]);
  const e = Math.min(bbox[2], SWEDEN[2]), n = Math.min(bbox[3], SWEDEN[3]);
  if (!(w < e && s < n)) return null;
  const { xs, ys } = ring(w, s, e, n);
  return [Math.min(...xs) - MARGIN_M, Math.min(...ys) - MARGIN_M, Math.max(...xs) + MARGIN_M, Math.max(...ys) + MARGIN_M];
}

/**
 * The view per 50 m column. The projected box meets every vertical line at most twice (its bottom
 * and top are single-valued in x, its sides monotone), so inside one column it lies between its
 * bottom and top, both piecewise linear: their extremes over the column are at the column's sides
 * or at a vertex within it.
 */
export function projectView(bbox: [number, number, number, number]): ProjectedView | null {
  const w = Math.max(bbox[0], SWEDEN[0]), s = Math.max(bbox[1], SWEDEN[1]);
  const e = Math.min(bbox[2], SWEDEN[2]), n = Math.min(bbox[3], SWEDEN[3]);
  if (!(w < e && s < n)) return null;
  const { xs, ys } = ring(w, s, e, n);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minYAll = Math.min(...ys), maxYAll = Math.max(...ys);
  const col = (x: number) => Math.floor(x / ROLLUP_CELL_M);
  const col0 = col(minX - MARGIN_M), cols = col(maxX + MARGIN_M) - col0 + 1;
  const nv = xs.length - 1;
  // Per column (compressed, one buffer each): the segments that reach its left side or into it, and its vertices.
  const segAt = new Int32Array(cols + 2), vtxAt = new Int32Array(cols + 2);
  const spans = (i: number) => [col(Math.min(xs[i], xs[i + 1])) - col0, col(Math.max(xs[i], xs[i + 1])) - col0];
  for (let i = 0; i < nv; i++) {
    vtxAt[col(xs[i]) - col0 + 1]++;
    if (xs[i] === xs[i + 1]) continue;
    const [c0, c1] = spans(i);
    for (let c = c0; c <= c1; c++) segAt[c + 1]++;
  }
  for (let c = 0; c <= cols; c++) { segAt[c + 1] += segAt[c]; vtxAt[c + 1] += vtxAt[c]; }
  const segs = new Int32Array(segAt[cols]), vtxs = new Int32Array(vtxAt[cols]);
  const segFill = segAt.slice(), vtxFill = vtxAt.slice();
  for (let i = 0; i < nv; i++) {
    vtxs[vtxFill[col(xs[i]) - col0]++] = i;
    if (xs[i] === xs[i + 1]) continue;
    const [c0, c1] = spans(i);
    for (let c = c0; c <= c1; c++) segs[segFill[c]++] = i;
  }
  /** The view's bottom and top on the vertical line x (in column k from col0), into bottom/top; false where it misses the view. */
  let bottom = NaN, top = NaN;
  const section = (x: number, k: number): boolean => {
    let lo = Infinity, hi = -Infinity, hits = 0;
    for (let j = segAt[k]; j < segAt[k + 1]; j++) {
      const i = segs[j], x0 = xs[i], x1 = xs[i + 1];
      if (x < Math.min(x0, x1) || x > Math.max(x0, x1)) continue;
      const y = ys[i] + ((ys[i + 1] - ys[i]) * (x - x0)) / (x1 - x0);
      if (y < lo) lo = y;
      if (y > hi) hi = y;
      hits++;
    }
    bottom = lo; top = hi;
    return hits >= 2 && lo < hi;
  };
  // The view on each column's left side (and the last one's right side): NaN where the line misses it.
  const sideLo = new Float64Array(cols + 1).fill(NaN), sideHi = new Float64Array(cols + 1).fill(NaN);
  for (let k = 0; k < cols; k++) if (section((col0 + k) * ROLLUP_CELL_M, k)) { sideLo[k] = bottom; sideHi[k] = top; }
  const minY = new Float64Array(cols).fill(Infinity), maxY = new Float64Array(cols).fill(-Infinity);
  const floor = new Float64Array(cols).fill(NaN), ceiling = new Float64Array(cols).fill(NaN);
  for (let k = 0; k < cols; k++) {
    const xa = (col0 + k) * ROLLUP_CELL_M, xb = xa + ROLLUP_CELL_M;
    // Vertices just beyond the column count for its extent: the database's edge may lie a hair further out.
    for (let j = vtxAt[Math.max(0, k - 1)]; j < vtxAt[Math.min(cols, k + 2)]; j++) {
      const i = vtxs[j];
      if (xs[i] >= xa - MARGIN_M && xs[i] <= xb + MARGIN_M) { minY[k] = Math.min(minY[k], ys[i]); maxY[k] = Math.max(maxY[k], ys[i]); }
    }
    for (const side of [k, k + 1]) if (!Number.isNaN(sideLo[side])) { minY[k] = Math.min(minY[k], sideLo[side]); maxY[k] = Math.max(maxY[k], sideHi[side]); }
    if (Number.isNaN(sideLo[k]) || Number.isNaN(sideLo[k + 1])) continue;
    let f = Math.max(sideLo[k], sideLo[k + 1]), t = Math.min(sideHi[k], sideHi[k + 1]);
    for (let j = vtxAt[k]; j < vtxAt[k + 1]; j++) {
      const i = vtxs[j];
      if (xs[i] <= xa) continue;
      if (!section(xs[i], k)) { f = NaN; break; }
      f = Math.max(f, bottom); t = Math.min(t, top);
    }
    floor[k] = f; ceiling[k] = t;
  }
  return { col0, minY, maxY, floor, ceiling, extent: [minX - MARGIN_M, minYAll - MARGIN_M, maxX + MARGIN_M, maxYAll + MARGIN_M] };
}

/**
 * The cells inside a projected view, counting only blocks of k × k cells aligned to k (k = 5: the
 * monthly rollups' 250 m cells), still in 50 m indices; null when none is.
 */
export function insideCells(view: ProjectedView, k = 1): InnerCells | null {
  // Every aggregate of a request asks for the same view's cells.
  const known = found.get(view) ?? new Map<number, InnerCells | null>();
  found.set(view, known);
  if (!known.has(k)) known.set(k, findInside(view, k));
  return known.get(k)!;
}

const found = new WeakMap<ProjectedView, Map<number, InnerCells | null>>();

function findInside(view: ProjectedView, k: number): InnerCells | null {
  const cols = view.minY.length;
  const lo = new Int32Array(cols).fill(1), hi = new Int32Array(cols);
  let a = -1, z = -1, r0 = Infinity, r1 = -Infinity;
  for (let b = Math.ceil(view.col0 / k) * k; b + k <= view.col0 + cols; b += k) {
    let f = -Infinity, t = Infinity;
    for (let c = b - view.col0; c < b - view.col0 + k; c++) { f = Math.max(f, view.floor[c]); t = Math.min(t, view.ceiling[c]); }
    if (!(f <= t)) continue; // NaN: a column not spanned
    const first = Math.ceil(Math.ceil((f + MARGIN_M) / ROLLUP_CELL_M) / k) * k;
    const last = (Math.floor(Math.floor((t - MARGIN_M) / ROLLUP_CELL_M) / k) * k) - 1;
    if (first > last) continue;
    lo.fill(first, b - view.col0, b - view.col0 + k); hi.fill(last, b - view.col0, b - view.col0 + k);
    if (a < 0) a = b - view.col0;
    z = b - view.col0 + k - 1;
    r0 = Math.min(r0, first); r1 = Math.max(r1, last);
  }
  if (a < 0) return null;
  return {
    c0: view.col0 + a, c1: view.col0 + z, lo: Array.from(lo.subarray(a, z + 1)), hi: Array.from(hi.subarray(a, z + 1)), r0, r1,
    edge: edgeRects(view, lo, hi), view,
  };
}

/** The 50 m cells wholly inside a WGS 84 box as the database projects it; null when none is. */
export function innerCells(bbox: [number, number, number, number]): InnerCells | null {
  const view = projectView(bbox);
  return view ? insideCells(view) : null;
}

/**
 * Rectangles covering the view outside its inner cells: per column the part below and the part above
 * them (or all of it), joined along the edge while a join wastes little. The spatial index is probed
 * once per rectangle, so where the edge turns so much that there would be more than EDGE_RECTS, joins
 * may waste more.
 */
function edgeRects(view: ProjectedView, lo: Int32Array, hi: Int32Array): Rect[] {
  // Per column and side (0 below the inner cells, 1 above): the part's y range, or NaN for none.
  const n = lo.length, y0s = [new Float64Array(n).fill(NaN), new Float64Array(n).fill(NaN)], y1s = [new Float64Array(n), new Float64Array(n)];
  for (let k = 0; k < n; k++) {
    if (!(view.minY[k] <= view.maxY[k])) continue;
    const y0 = view.minY[k] - MARGIN_M, y1 = view.maxY[k] + MARGIN_M;
    if (lo[k] > hi[k]) { y0s[0][k] = y0; y1s[0][k] = y1; continue; }
    const b = lo[k] * ROLLUP_CELL_M, t = (hi[k] + 1) * ROLLUP_CELL_M;
    if (b > y0) { y0s[0][k] = y0; y1s[0][k] = b; }
    if (t < y1) { y0s[1][k] = t; y1s[1][k] = y1; }
  }
  const x = (k: number) => (view.col0 + k) * ROLLUP_CELL_M;
  // Each round joins at least as much as the one before; the last joins every run.
  for (let waste = 2; ; waste *= 2) {
    const out: Rect[] = [];
    for (const side of [0, 1]) {
      let start = -1, a = 0, b = 0, covered = 0;
      const close = (end: number) => { if (start >= 0) out.push([x(start) - MARGIN_M, a, x(end) + MARGIN_M, b]); start = -1; };
      for (let k = 0; k < n; k++) {
        const y0 = y0s[side][k], y1 = y1s[side][k];
        if (Number.isNaN(y0)) {
          // A column without a part ends a run unless the run may take it as waste.
          if (start >= 0 && (x(k + 1) - x(start)) * (b - a) > waste * covered) close(k);
          continue;
        }
        const part = (y1 - y0) * ROLLUP_CELL_M;
        if (start >= 0 && (x(k + 1) - x(start)) * (Math.max(b, y1) - Math.min(a, y0)) <= waste * (covered + part)) {
          a = Math.min(a, y0); b = Math.max(b, y1); covered += part;
          continue;
        }
        close(k);
        start = k; a = y0; b = y1; covered = part;
      }
      close(n);
    }
    if (out.length <= EDGE_RECTS) return out;
  }
}

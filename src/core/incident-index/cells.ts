import { reachTest, rowTest, withinTest, type IndexActor, type IndexFilter } from './query.ts';
import type { IncidentTable } from './table.ts';

/**
 * Counts aggregated ahead for the map's grid views. For a few cell sizes (levels), the rows of a
 * table are grouped by cell and, inside a cell, by key — everything a row filter can ask of a
 * row other than time, place and reporter: municipality, category, organisation, review status,
 * restricted. Inside a key the rows stay in time order with running sums of their positions, so a
 * cell's count and mean position for a period are two binary searches per key instead of a visit
 * to every row: a two-year view over the town centre reads some ten thousand keys, not half a
 * million rows.
 *
 * What cannot be taken as a whole key is tested position by position: cells on the edge of the
 * view, rows whose occurred window began before the period; rows hidden by a newer version are
 * counted with their key and taken off afterwards.
 */

/** Cell sizes (metres) aggregated ahead; a request uses the largest that divides its own size. */
export const LEVEL_SIZES = [50, 100, 250, 400, 1600] as const;
/**
 * The side panel's cell size: fine enough that few cells straddle a view's edge. Its level is
 * grouped by cell alone (the panel reads every matching row anyway, for its places, hours and
 * weeks): a cell's rows are one time-ordered run, with each row's key beside it.
 */
const PANEL_SIZE = 100;
/** A level over a larger extent than this many cells is not built (a national table at 50 m). */
const MAX_LEVEL_CELLS = 1 << 24;

/** One key's attributes: the row columns a filter tests, other than time, position and reporter. */
interface Keys {
  municipality: Uint32Array; category: Uint32Array; organisation: Uint32Array; status: Uint8Array; restricted: Uint8Array;
}

export interface Level {
  readonly size: number;
  /** First grid row, and the number of grid rows of the level's extent. */
  readonly row0: number; readonly rowsN: number;
  /** Cells of grid row r (row0 + r) are [rowFirstCell[r], rowFirstCell[r + 1]), by column. */
  readonly rowFirstCell: Uint32Array;
  readonly cellCol: Int32Array; readonly cellRow: Int32Array;
  /** Groups (cell × key) of cell c are [cellGroups[c], cellGroups[c + 1]). */
  readonly cellGroups: Uint32Array;
  /** Each group's key; absent on the panel's level, whose groups are whole cells (see keyAt). */
  readonly groupKey?: Uint32Array;
  /** Positions of group g are [groupStart[g], groupStart[g + 1]), in time order. */
  readonly groupStart: Uint32Array;
  /** The table row at each position, and its start time (the binary searches stay in one group's memory). */
  readonly rowAt: Uint32Array;
  readonly fromAt: Float64Array;
  /** Running sums inside each group of x − the cell's west edge and y − its south edge, up to and including the position. */
  readonly sumX: Float64Array; readonly sumY: Float64Array;
  /**
   * On the side panel's level only, per position: its key, (place code << 8) | (weekday × 24 + hour),
   * and the local day number of the Monday of its week — the panel's figures read in memory order.
   */
  readonly keyAt?: Uint16Array; readonly panelCode?: Uint32Array; readonly mondayAt?: Int32Array;
}

export class CellLevels {
  readonly keys: Keys;
  readonly levels: Level[] = [];
  /** The side panel's level (grouped by cell alone, with per-position keys), when it was built. */
  readonly panel: Level | undefined;

  /**
   * @param groupCost what a group costs against a scanned row; the tests set 0 to take the groups
   *   whatever they cost, so that they compare the two ways on small tables.
   */
  constructor(readonly table: IncidentTable, readonly groupCost = GROUP_COST) {
    const t = table, n = t.length;
    // Keys: the distinct combinations, numbered in order of appearance.
    const nc = t.dict.category.values.length + 1, no = t.dict.organisation.values.length + 1;
    const keyOf = new Uint32Array(n);
    const ids = new Map<number, number>();
    const km: number[] = [], kc: number[] = [], ko: number[] = [], ks: number[] = [], kr: number[] = [];
    for (let i = 0; i < n; i++) {
      const code = (((t.municipality[i] * nc + t.category[i]) * no + t.organisation[i]) * 4 + t.status[i]) * 2 + t.restricted[i];
      let k = ids.get(code);
      if (k === undefined) {
        k = km.length;
        ids.set(code, k);
        km.push(t.municipality[i]); kc.push(t.category[i]); ko.push(t.organisation[i]); ks.push(t.status[i]); kr.push(t.restricted[i]);
      }
      keyOf[i] = k;
    }
    this.keys = { municipality: Uint32Array.from(km), category: Uint32Array.from(kc), organisation: Uint32Array.from(ko), status: Uint8Array.from(ks), restricted: Uint8Array.from(kr) };
    // Rows by key, in time order inside a key (a stable counting sort of the time-sorted rows).
    const timeOrder = identity(n);
    const byKey = countingSort(keyOf, km.length, timeOrder);
    for (const size of LEVEL_SIZES) {
      const level = n ? buildLevel(t, size, keyOf, byKey, false) : null;
      if (level) this.levels.push(level);
    }
    this.panel = (n && km.length <= 0xffff && buildLevel(t, PANEL_SIZE, keyOf, timeOrder, true)) || undefined;
  }

  /** The level for a request's cell size: the largest whose size divides it; none → scan the rows. */
  levelFor(cellSize: number): Level | undefined {
    let best: Level | undefined;
    for (const l of this.levels) if (Number.isInteger(cellSize / l.size) && (!best || l.size > best.size)) best = l;
    return best;
  }
}

const identity = (n: number) => {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
};

/** `items` reordered by `code[item]` (0 … buckets − 1), keeping their order within a code. */
function countingSort(code: Uint32Array, buckets: number, items: Uint32Array): Uint32Array {
  const start = new Uint32Array(buckets + 1);
  for (let k = 0; k < items.length; k++) start[code[items[k]] + 1]++;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const out = new Uint32Array(items.length);
  for (let k = 0; k < items.length; k++) out[start[code[items[k]]]++] = items[k];
  return out;
}

/**
 * A level's positions: by cell (row-major), then key, then time — or, for the panel, by cell and
 * time with the key kept per position (`order` is then the rows in time order).
 */
function buildLevel(t: IncidentTable, size: number, keyOf: Uint32Array, order: Uint32Array, panel: boolean): Level | null {
  const n = t.length;
  const col0 = Math.floor(t.minX / size), row0 = Math.floor(t.minY / size);
  const cols = Math.floor(t.maxX / size) - col0 + 1, rowsN = Math.floor(t.maxY / size) - row0 + 1;
  if (cols * rowsN > MAX_LEVEL_CELLS) return null;
  const cellOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) cellOf[i] = (Math.floor(t.y[i] / size) - row0) * cols + (Math.floor(t.x[i] / size) - col0);
  const rowAt = countingSort(cellOf, cols * rowsN, order);
  const cellCol: number[] = [], cellRow: number[] = [], cellGroups: number[] = [], groupKey: number[] = [], groupStart: number[] = [];
  const sumX = new Float64Array(n), sumY = new Float64Array(n), fromAt = new Float64Array(n);
  const keyAt = panel ? new Uint16Array(n) : undefined, panelCode = panel ? new Uint32Array(n) : undefined, mondayAt = panel ? new Int32Array(n) : undefined;
  let lastCell = -1, lastKey = -1, west = 0, south = 0, sx = 0, sy = 0;
  for (let k = 0; k < n; k++) {
    const i = rowAt[k], cell = cellOf[i], key = panel ? 0 : keyOf[i];
    if (cell !== lastCell) {
      const c = cell % cols, r = (cell - c) / cols;
      cellCol.push(col0 + c); cellRow.push(row0 + r); cellGroups.push(groupKey.length);
      west = (col0 + c) * size; south = (row0 + r) * size;
    }
    if (cell !== lastCell || key !== lastKey) {
      groupKey.push(key); groupStart.push(k);
      sx = 0; sy = 0;
      lastCell = cell; lastKey = key;
    }
    sx += t.x[i] - west; sy += t.y[i] - south;
    sumX[k] = sx; sumY[k] = sy; fromAt[k] = t.from[i];
    if (keyAt && panelCode && mondayAt) {
      keyAt[k] = keyOf[i];
      panelCode[k] = t.place[i] * 256 + t.weekday[i] * 24 + t.hour[i];
      mondayAt[k] = t.localDay[i] - t.weekday[i];
    }
  }
  cellGroups.push(groupKey.length);
  groupStart.push(n);
  const rowFirstCell = new Uint32Array(rowsN + 1);
  for (let c = 0, r = 0; r <= rowsN; r++) {
    while (c < cellRow.length && cellRow[c] - row0 < r) c++;
    rowFirstCell[r] = c;
  }
  return {
    size, row0, rowsN, rowFirstCell, rowAt, fromAt, sumX, sumY,
    cellCol: Int32Array.from(cellCol), cellRow: Int32Array.from(cellRow), cellGroups: Uint32Array.from(cellGroups),
    groupKey: panel ? undefined : Uint32Array.from(groupKey), groupStart: Uint32Array.from(groupStart), keyAt, panelCode, mondayAt,
  };
}

const built = new WeakMap<IncidentTable, CellLevels>();

/** Aggregates the table's cells ahead (once; the table is immutable apart from hiding rows). */
export function prepareCells(t: IncidentTable, groupCost?: number): CellLevels {
  let c = built.get(t);
  if (!c) built.set(t, (c = new CellLevels(t, groupCost)));
  return c;
}

/** The table's cells if they were prepared. */
export const cellsOf = (t: IncidentTable): CellLevels | undefined => built.get(t);

/** What a traversal reports: runs of matching positions, and hidden rows to take off. */
export interface CellVisitor {
  /** Positions [a, b) of group g in the level's cell c all match (hidden rows included). */
  range(c: number, g: number, a: number, b: number): void;
  /** Table row i is hidden by a newer version and was reported in a range: take it off. */
  hidden(i: number): void;
}

/** Whether the pre-aggregated cells can answer this filter (everything but a reporter). */
export const cellsAnswer = (f: IndexFilter): boolean => f.reporter === undefined;

/**
 * Whether reading the level's groups in the filter's box is cheaper than scanning the rows of the
 * period. A group costs a few binary searches and a visit, a scanned row one test: on a fine level
 * over a large box (every category, organisation and status of thousands of cells) the groups hold
 * only a few rows each and a scan in time order is faster.
 */
export function cellsPayOff(cells: CellLevels, level: Level, f: IndexFilter): boolean {
  const t = cells.table;
  const [start, end] = t.range(f.from, f.to);
  const rows = end - start;
  let groups = 0;
  forEachCellRun(level, f.within, (a, b) => { groups += level.cellGroups[b] - level.cellGroups[a]; });
  return groups * cells.groupCost < rows;
}

/**
 * The level's cells that a box touches (all cells without one), as runs of consecutive cell
 * indices [a, b), one per grid row.
 */
function forEachCellRun(level: Level, w: IndexFilter['within'], run: (a: number, b: number) => void): void {
  const s = level.size;
  if (!w) {
    run(0, level.cellCol.length);
    return;
  }
  const r0 = Math.max(0, Math.floor(w.minY / s) - level.row0), r1 = Math.min(level.rowsN - 1, Math.floor(w.maxY / s) - level.row0);
  const c0 = Math.floor(w.minX / s), c1 = Math.floor(w.maxX / s);
  // The first cell of [lo, hi) (one grid row, by column) at or east of col.
  const eastOf = (lo: number, hi: number, col: number) => {
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (level.cellCol[mid] < col) lo = mid + 1; else hi = mid; }
    return lo;
  };
  for (let r = r0; r <= r1; r++) {
    const a = level.rowFirstCell[r], b = level.rowFirstCell[r + 1];
    const first = eastOf(a, b, c0);
    run(first, eastOf(first, b, c1 + 1));
  }
}

/** What a group costs against a scanned row (measured on 1,000,000 incidents: bench/README.md). */
const GROUP_COST = 2;

/**
 * Visits the rows of the table that match, through the level: for each cell the filter's box
 * touches, whole groups where the cell lies inside the box, row by row at its edges.
 */
export function visitCells(cells: CellLevels, level: Level, actor: IndexActor, f: IndexFilter, v: CellVisitor): void {
  const t = cells.table;
  const test = rowTest(t, actor, f, true);
  const ok = keyMask(cells, actor, f);
  const s = level.size, w = f.within, inner = w?.inner;
  const earliest = f.from - t.maxWindow;
  const to = t.to, rowAt = level.rowAt, fromAt = level.fromAt, groupStart = level.groupStart, groupKey = level.groupKey, keyAt = level.keyAt;
  // The first position of [lo, hi) whose start time is ≥ time; the ends are tried first, as a long
  // period takes whole groups.
  const lowerBound = (lo: number, hi: number, time: number) => {
    if (lo === hi || fromAt[lo] >= time) return lo;
    if (fromAt[hi - 1] < time) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fromAt[mid] < time) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
  const edgeTest = w ? placeTest(t, level, w) : null;
  // Positions of mixed keys (the panel's level) need their key tested unless every key passes.
  const testKeys = keyAt !== undefined && ok.includes(0);
  forEachCellRun(level, w, (cStart, cEnd) => {
    for (let c = cStart; c < cEnd; c++) {
      const west = level.cellCol[c] * s, south = level.cellRow[c] * s;
      const whole = !w || (!!inner && west >= inner.minX && west + s <= inner.maxX && south >= inner.minY && south + s <= inner.maxY)
        || (!!w.covers && w.covers({ minX: west, minY: south, maxX: west + s, maxY: south + s }));
      for (let g = level.cellGroups[c]; g < level.cellGroups[c + 1]; g++) {
        if (groupKey && ok[groupKey[g]] !== 1) continue;
        const gs = groupStart[g], ge = groupStart[g + 1];
        const first = lowerBound(gs, ge, earliest);
        const last = lowerBound(first, ge, f.to);
        // Rows that began before the period count when their window reaches into it.
        const a = lowerBound(first, last, f.from);
        // Matching positions as runs, so that a visitor reads the level's columns in memory order
        // instead of the table's row by row. A group in a cell inside the box whose keys all pass
        // matches whole from a; otherwise each position is tested.
        const wholeFromA = whole && !testKeys, end = wholeFromA ? a : last;
        let run = -1;
        for (let k = first; k < end; k++) {
          const pass = (k >= a || to[rowAt[k]] >= f.from) && (!testKeys || ok[keyAt[k]] === 1) && (whole || edgeTest!(k, gs, west, south));
          if (pass) { if (run < 0) run = k; } else if (run >= 0) { v.range(c, g, run, k); run = -1; }
        }
        if (wholeFromA && last > a) { if (run < 0) run = a; v.range(c, g, run, last); }
        else if (run >= 0) v.range(c, g, run, end);
      }
    }
  });
  for (const i of t.hiddenRows) if (test(i)) v.hidden(i);
}

/** Tolerance (metres) of a position read back from the running sums: far more than their rounding. */
const READ_BACK = 1e-6;

/**
 * Whether the row at position k lies within the shape. The position is read back from the running
 * sums (the group's memory, in order) instead of the table (one cache miss per column). Only a
 * point within a micrometre of the box's or the inner rectangle's edges, or of the shape's edges
 * when the shape can tell (nearEdge), is tested again from the table's exact coordinates.
 */
function placeTest(t: IncidentTable, level: Level, w: NonNullable<IndexFilter['within']>) {
  const exact = withinTest(w);
  const { minX, minY, maxX, maxY, inner, contains, nearEdge } = w;
  const e = READ_BACK;
  const iMinX = inner ? inner.minX + e : Infinity, iMinY = inner ? inner.minY + e : Infinity, iMaxX = inner ? inner.maxX - e : -Infinity, iMaxY = inner ? inner.maxY - e : -Infinity;
  const sumX = level.sumX, sumY = level.sumY, rowAt = level.rowAt, tx = t.x, ty = t.y;
  return (k: number, groupStart: number, west: number, south: number): boolean => {
    const x = west + (k > groupStart ? sumX[k] - sumX[k - 1] : sumX[k]);
    const y = south + (k > groupStart ? sumY[k] - sumY[k - 1] : sumY[k]);
    if (x < minX - e || x > maxX + e || y < minY - e || y > maxY + e) return false;
    if (x > iMinX && x < iMaxX && y > iMinY && y < iMaxY) return true;
    // No edge within the tolerance: the exact position is on the same side as the one read back
    // (and outside the shape's box means outside the shape).
    if (nearEdge && !nearEdge(x, y, e)) return contains(x, y);
    const i = rowAt[k];
    return exact(tx[i], ty[i]);
  };
}

/** Per key: 1 when every row of that key passes the actor's access and the filter's sets. */
function keyMask(cells: CellLevels, actor: IndexActor, f: IndexFilter): Uint8Array {
  const k = cells.keys, n = k.municipality.length;
  const out = new Uint8Array(n);
  const admits = reachTest(actor);
  for (let g = 0; g < n; g++) {
    const m = k.municipality[g];
    if (!actor.municipalities.has(m) || (f.municipalities && !f.municipalities.has(m))) continue;
    if (!admits(k.organisation[g], k.restricted[g])) continue;
    if (f.categories && !f.categories.has(k.category[g])) continue;
    if (f.organisations && !f.organisations.has(k.organisation[g])) continue;
    if (f.statuses && !f.statuses.has(k.status[g])) continue;
    if (f.restricted !== undefined && k.restricted[g] !== f.restricted) continue;
    out[g] = 1;
  }
  return out;
}

/**
 * The map's clusters, hotspot counts and points of several municipalities, each read on its own, as
 * one. A distributed database answers a statement that names one municipality on the one worker
 * holding it. Counts add up; positions are means weighted by the counts; a cell on a boundary holds
 * both municipalities' incidents. A category belongs to one municipality (migration 0036), so a cell's
 * commonest category is the commonest of one of its municipalities.
 */
import type { CellCount, PointRow, RankedCell } from './aggregates.ts';

/**
 * Cluster cells: counts added, positions weighted, the commonest category the one with most
 * incidents in its part (the smaller id among equals, as SQL's mode()). A cell in two parts holds
 * two incidents at least: no single incident to name.
 */
export function mergeGridCells(parts: RankedCell[][]): RankedCell[] {
  return byCell(parts, merged);
}

/** The cells of all parts, a cell in more than one combined by `merge`. */
function byCell<T extends CellCount>(parts: T[][], merge: (a: T, b: T) => T): T[] {
  if (parts.length === 1) return parts[0];
  const cells = new Map<string, T>();
  for (const part of parts) {
    for (const c of part) {
      const k = `${c.col}:${c.row}`, a = cells.get(k);
      cells.set(k, a ? merge(a, c) : c);
    }
  }
  return [...cells.values()];
}

function merged(a: RankedCell, b: RankedCell): RankedCell {
  const count = a.count + b.count;
  const top = b.categoryCount > a.categoryCount || (b.categoryCount === a.categoryCount && b.categoryId < a.categoryId) ? b : a;
  return {
    col: a.col, row: a.row, count, x: (a.x * a.count + b.x * b.count) / count, y: (a.y * a.count + b.y * b.count) / count,
    categoryId: top.categoryId, categoryCount: top.categoryCount, id: '', occurredFrom: new Date(0), reviewStatus: '',
  };
}

/** Counts per cell (the hotspots' grid): a cell in several parts holds their sum. */
export function mergeCounts(parts: CellCount[][]): CellCount[] {
  return byCell(parts, (a, b) => ({ col: a.col, row: a.row, count: a.count + b.count }));
}

/**
 * The newest `limit` points of all parts, each part the newest of its own: newest first, the larger
 * id first among equal starts (the order of the incidents' query).
 */
export function mergeNewest(parts: PointRow[][], limit: number): PointRow[] {
  if (parts.length === 1) return parts[0].slice(0, limit);
  const newer = (a: PointRow, b: PointRow) => b.occurredFrom.getTime() - a.occurredFrom.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return parts.flat().sort(newer).slice(0, limit);
}

import type { Rect } from '../core/incidents/view-cells.ts';
import type { Params } from './sql.ts';

/**
 * The 250 m cells of incidents_cell_time_idx (migrations 0027 and 0037): (municipality, cell column,
 * cell row, end of the window, start, category). A view over a period asks each of its cells for the
 * incidents that end on or after the period's start; their start (and category, when filtered) is
 * tested in the index, and only the period's incidents are fetched from the table.
 */

/** The index's cell in metres of EPSG:3006. Written into the SQL as it stands in the index. */
export const CELL_TIME_M = 250;

/** An incident's (alias t) cell column and row, exactly as the index holds them. */
export const cellColumn = (t: string) => `floor(ST_X(${t}.geom) / ${CELL_TIME_M})::int`;
export const cellRow = (t: string) => `floor(ST_Y(${t}.geom) / ${CELL_TIME_M})::int`;

/** The columns and rows of the cells that a rectangle touches. */
export function cellsOf([x0, y0, x1, y1]: Rect): { cols: number[]; rows: number[] } {
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);
  return {
    cols: range(Math.floor(x0 / CELL_TIME_M), Math.floor(x1 / CELL_TIME_M)),
    rows: range(Math.floor(y0 / CELL_TIME_M), Math.floor(y1 / CELL_TIME_M)),
  };
}

/** How many cells one condition may name: each is a probe of the index, and a large view reads faster through the GiST index. */
export const CELL_TIME_MAX_PROBES = 400;

/**
 * Incidents (alias t) in the cells a rectangle touches, as one index condition (every column with
 * every row), or null when that is more cells than CELL_TIME_MAX_PROBES. A superset of the
 * rectangle's incidents: the exact test stays with the caller. With the caller's `occurred_to >=`
 * bound the index reads only the period's incidents of those cells.
 */
export function inCellsOf(t: string, rect: Rect, p: Params, max = CELL_TIME_MAX_PROBES): string | null {
  const { cols, rows } = cellsOf(rect);
  if (cols.length * rows.length > max) return null;
  return `${cellColumn(t)} = ANY(${p.add(cols)}::int[]) AND ${cellRow(t)} = ANY(${p.add(rows)}::int[])`;
}

import { transform } from '../geo/index.ts';
import { DAY_MS, utcToLocal } from '../time/index.ts';

/**
 * What the rollup tables (migration 0012) can answer: periods of whole Swedish days, and of a map
 * view the 50 m cells that lie wholly inside it. The rest of a view (the cells its edge cuts) is
 * counted from the incidents themselves.
 */

/** The rollups' cell size in metres of SWEREF 99 TM. */
export const ROLLUP_CELL_M = 50;

/** The Swedish date ('YYYY-MM-DD') that starts at this instant, or null when it is not a local midnight. */
export function localMidnightDate(t: Date): string | null {
  const local = utcToLocal(t.getTime());
  if (!Number.isFinite(local) || local % DAY_MS !== 0) return null;
  return new Date(local).toISOString().slice(0, 10);
}

/** Cells [c0, c1] × [r0, r1] (inclusive, 50 m indices) inside a view, and the view's extent in SWEREF 99 TM. */
export interface InnerCells {
  c0: number;
  c1: number;
  r0: number;
  r1: number;
  /** The view's bounding rectangle in EPSG:3006 (for the index that finds the incidents near its edge). */
  extent: [number, number, number, number];
}

/** Sweden and its sea with a margin: no incident lies outside, and SWEREF 99 TM is defined over it. */
const SWEDEN: [number, number, number, number] = [10, 54.5, 25, 69.5];
const STEPS = 64;

/**
 * The 50 m cells wholly inside a WGS 84 box once it is projected to SWEREF 99 TM, where its edges
 * bend a little; null when none is. The edges are sampled densely and the result shrunk by a whole
 * cell, so a cell returned lies inside the projected box however the database draws its edges.
 */
export function innerCells(bbox: [number, number, number, number]): InnerCells | null {
  const w = Math.max(bbox[0], SWEDEN[0]), s = Math.max(bbox[1], SWEDEN[1]);
  const e = Math.min(bbox[2], SWEDEN[2]), n = Math.min(bbox[3], SWEDEN[3]);
  if (!(w < e && s < n)) return null;
  let left = -Infinity, right = Infinity, bottom = -Infinity, top = Infinity;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const seen = (x: number, y: number) => {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  };
  for (let k = 0; k <= STEPS; k++) {
    const lat = s + ((n - s) * k) / STEPS, lon = w + ((e - w) * k) / STEPS;
    const [lx, ly] = transform(4326, 3006, w, lat);
    const [rx, ry] = transform(4326, 3006, e, lat);
    const [bx, by] = transform(4326, 3006, lon, s);
    const [tx, ty] = transform(4326, 3006, lon, n);
    left = Math.max(left, lx); right = Math.min(right, rx); bottom = Math.max(bottom, by); top = Math.min(top, ty);
    seen(lx, ly); seen(rx, ry); seen(bx, by); seen(tx, ty);
  }
  const c0 = Math.ceil(left / ROLLUP_CELL_M) + 1, c1 = Math.floor(right / ROLLUP_CELL_M) - 2;
  const r0 = Math.ceil(bottom / ROLLUP_CELL_M) + 1, r1 = Math.floor(top / ROLLUP_CELL_M) - 2;
  if (!(c0 <= c1 && r0 <= r1) || ![c0, c1, r0, r1].every(Number.isFinite)) return null;
  // The extent is widened by 10 m: the database draws the edges as chords between its own vertices.
  return { c0, c1, r0, r1, extent: [minX - 10, minY - 10, maxX + 10, maxY + 10] };
}

/** The monthly rollups' cell in metres: 250 m nests the clusters (250 · 2^k) and every heatmap and hotspot cell of 250 m and more. */
export const MONTHLY_CELL_M = 250;

/**
 * The whole calendar months inside a period of whole days, as first days: [from, to), either end open
 * where the period's is. Null when the period holds no whole month (the daily rollups answer it all).
 * An incident whose window lies in those months is counted from the monthly rollups; every other
 * incident that overlaps the period starts before `from` or ends on or after `to`, and the daily
 * rollups count it.
 */
export function wholeMonths(period: { from?: string; to?: string }): { from?: string; to?: string } | null {
  const from = period.from === undefined ? undefined : period.from.endsWith('-01') ? period.from : nextMonth(period.from.slice(0, 7) + '-01');
  const to = period.to === undefined ? undefined : period.to.slice(0, 7) + '-01';
  if (from !== undefined && to !== undefined && from >= to) return null;
  return { from, to };
}

function nextMonth(first: string): string {
  const y = Number(first.slice(0, 4)), m = Number(first.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${first.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
}

import { fromSweref99tm } from '../../../../src/core/geo/crs.ts';
import { bboxParam, type BBox } from './geometry.ts';

/**
 * What the map asks the server for: URL builders for the aggregate endpoints, and the latest-request
 * guard that aborts a request when a newer one for the same layer starts (a pan or a filter change
 * makes the running one stale). Nothing here downloads incidents wholesale.
 */

/** Appends parameters to a query string made by query() ('' or '?a=b'). */
export function withParams(q: string, extra: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams(q.startsWith('?') ? q.slice(1) : q);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const urls = {
  points: (q: string, bbox: BBox, zoom: number) => `/api/map/points${withParams(q, { bbox: bboxParam(bbox), zoom: Math.floor(zoom) })}`,
  grid: (q: string, cellSize: number, bbox: BBox) => `/api/map/grid${withParams(q, { cellSize, bbox: bboxParam(bbox) })}`,
  hotspots: (q: string, cellSize: number) => `/api/map/hotspots${withParams(q, { cellSize, distance: cellSize * 2 })}`,
  areas: (q: string, kind: string) => `/api/map/areas${withParams(q, { kind })}`,
  incidents: (q: string, extra: { bbox?: BBox; area?: string; limit: number }) =>
    `/api/incidents${withParams(q, { bbox: extra.bbox && bboxParam(extra.bbox), area: extra.area, limit: extra.limit })}`,
};

/**
 * A grid cell id as the server writes it (`<cellSize>:<col>:<row>`, SWEREF 99 TM, origin 0,0) and its
 * extent in metres; null for anything else.
 */
export function parseCellId(cellId: unknown): { size: number; col: number; row: number; minE: number; minN: number; maxE: number; maxN: number } | null {
  const m = typeof cellId === 'string' ? /^(\d+(?:\.\d+)?):(-?\d+):(-?\d+)$/.exec(cellId) : null;
  if (!m) return null;
  const size = Number(m[1]), col = Number(m[2]), row = Number(m[3]);
  if (!(size > 0)) return null;
  return { size, col, row, minE: col * size, minN: row * size, maxE: (col + 1) * size, maxN: (row + 1) * size };
}

/** The WGS84 box around a SWEREF 99 TM cell (its four corners; the grid is turned a little against lon/lat). */
export function cellBBox(cell: { minE: number; minN: number; maxE: number; maxN: number }): BBox {
  const corners = [[cell.minE, cell.minN], [cell.maxE, cell.minN], [cell.maxE, cell.maxN], [cell.minE, cell.maxN]].map(([e, n]) => fromSweref99tm(e, n));
  return [Math.min(...corners.map((c) => c.lon)), Math.min(...corners.map((c) => c.lat)), Math.max(...corners.map((c) => c.lon)), Math.max(...corners.map((c) => c.lat))];
}

/** Whether an incident's SWEREF 99 TM position lies in a cell ([min, max) as the server bins). */
export function inCell(cell: { minE: number; minN: number; maxE: number; maxN: number }, loc: { e: number; n: number }): boolean {
  return loc.e >= cell.minE && loc.e < cell.maxE && loc.n >= cell.minN && loc.n < cell.maxN;
}

/**
 * One request at a time per layer: starting a new one aborts the one still running. `run` resolves
 * with the answer, or with `stale` when a newer request replaced it (then the caller does nothing).
 */
export class LatestRequest {
  private controller: AbortController | null = null;
  private lastUrl: string | null = null;
  readonly stale = Symbol('stale');

  /** The URL of the last request that completed, to skip asking again for the same thing. */
  get completed(): string | null { return this.lastUrl; }

  async run<T>(url: string, fetcher: (url: string, signal: AbortSignal) => Promise<T>): Promise<T | symbol> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    try {
      const answer = await fetcher(url, controller.signal);
      if (controller.signal.aborted) return this.stale;
      this.lastUrl = url;
      return answer;
    } catch (e) {
      if (controller.signal.aborted) return this.stale;
      throw e;
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** Aborts the running request and forgets the last URL (the layer was switched off). */
  reset(): void {
    this.controller?.abort();
    this.controller = null;
    this.lastUrl = null;
  }

  get busy(): boolean { return this.controller !== null; }
}

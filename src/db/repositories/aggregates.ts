import type { Actor } from '../../core/access/roles.ts';
import type { Queryable } from '../engine.ts';
import { Params } from '../sql.ts';
import { incidentWhere, resolveFilter, type ResolvedFilter } from './incidents.ts';
import type { IncidentFilter } from '../../core/incidents/types.ts';
import type { CellCount, GridCell, PointRow } from '../../core/incidents/aggregates.ts';
import { gridExtent, gridViewCells } from '../../core/incidents/grid-view.ts';

/**
 * Aggregates of the incidents an actor may see, for the map and the side panel. All of them go
 * through incidentWhere (the same access predicate as lists), and all run unchanged on PGlite and
 * PostgreSQL: plain SQL aggregates, no ST_AsMVT.
 */

/**
 * The WHERE of a grid's incidents (alias i; `s` the cell size's parameter): with a view, the cells it
 * touches counted whole (grid-view.ts), as the rollups count them; null when it touches none.
 */
function gridWhere(actor: Actor, f: ResolvedFilter, cellSize: number, s: string, p: Params): string | null {
  if (!f.bbox) return incidentWhere(actor, f, p);
  const g = gridViewCells(f.bbox, cellSize);
  if (!g) return null;
  const [a, b, c, d] = gridExtent(g).map((v) => p.add(v));
  const col = `floor(ST_X(i.geom) / ${s})::int`, row = `floor(ST_Y(i.geom) / ${s})::int`, at = `${col} - ${p.add(g.c0)} + 1`;
  return `${incidentWhere(actor, { ...f, bbox: undefined }, p)} AND i.geom && ST_MakeEnvelope(${a}, ${b}, ${c}, ${d}, 3006)
    AND ${col} BETWEEN ${p.add(g.c0)} AND ${p.add(g.c1)} AND ${row} BETWEEN (${p.add(g.lo)}::int[])[${at}] AND (${p.add(g.hi)}::int[])[${at}]`;
}

/**
 * Counts per cell of a SWEREF 99 TM grid with origin 0,0 (cells are stable between requests), the
 * cells a view's edge cuts counted whole.
 */
export async function gridCells(q: Queryable, actor: Actor, filter: IncidentFilter, cellSize: number, limit = 200_000): Promise<GridCell[]> {
  const p = new Params();
  const f = await resolveFilter(q, filter);
  const s = p.add(cellSize);
  const where = gridWhere(actor, f, cellSize, s, p);
  if (!where) return [];
  const r = await q.query<GridCell>(
    `SELECT floor(ST_X(i.geom) / ${s})::int AS col, floor(ST_Y(i.geom) / ${s})::int AS row, count(*)::int AS count,
            avg(ST_X(i.geom)) AS x, avg(ST_Y(i.geom)) AS y,
            mode() WITHIN GROUP (ORDER BY i.category_id) AS "categoryId",
            min(i.id::text) AS id, min(i.occurred_from) AS "occurredFrom", min(i.review_status) AS "reviewStatus"
       FROM incidents i WHERE ${where} GROUP BY 1, 2 LIMIT ${p.add(limit)}`, p.values);
  return r.rows;
}

/** Counts per cell of the grid (cells counted whole, as gridCells), and with `positions` the members' mean position: no commonest category, no member. */
export async function gridSums<T extends CellCount>(q: Queryable, actor: Actor, filter: IncidentFilter, cellSize: number, positions: boolean): Promise<T[]> {
  const p = new Params();
  const f = await resolveFilter(q, filter);
  const s = p.add(cellSize);
  const where = gridWhere(actor, f, cellSize, s, p);
  if (!where) return [];
  const r = await q.query<T>(
    `SELECT floor(ST_X(i.geom) / ${s})::int AS col, floor(ST_Y(i.geom) / ${s})::int AS row, count(*)::int AS count${positions ? ', avg(ST_X(i.geom)) AS x, avg(ST_Y(i.geom)) AS y' : ''}
       FROM incidents i WHERE ${where} GROUP BY 1, 2`, p.values);
  return r.rows;
}

/**
 * The first window of the newest points of a view, in days. A street of central Stockholm at 10
 * million incidents holds about 500 a day: 5,000 take ten days, a year of them 180,000.
 */
const POINTS_WINDOW_DAYS = 14;

/** How much longer than the rate found so far says the next window is (a street's quarter of two categories read 70 days where 40 held what it needed). */
const WINDOW_MARGIN = 1.25;

/**
 * Individual incidents (for close zoom), at most `limit`, the newest first. A view over a long
 * period looks for them in its last days first (POINTS_WINDOW_DAYS), in windows sized by the rate
 * found so far, until `limit` are found. Each window's incidents that start in it are all those
 * that start between its start and the next window's: every other one that overlaps it starts
 * before. They are kept, and the next window reads only the incidents that start before it, not
 * its days again. Reading the whole period sorted a year's 180,000 of that street for its newest
 * 5,000 (half a second).
 */
export async function incidentPoints(q: Queryable, actor: Actor, filter: IncidentFilter, limit: number): Promise<PointRow[]> {
  const f = await resolveFilter(q, filter);
  const found: PointRow[] = [];
  let before: Date | undefined;
  if (f.bbox && f.from && f.to) {
    for (let days = POINTS_WINDOW_DAYS; ;) {
      const start = new Date(f.to.getTime() - days * 86_400_000);
      if (start <= f.from) break;
      const rows = await newestPoints(q, actor, { ...f, from: start }, limit - found.length, before);
      const inside = rows.filter((r) => r.occurredFrom >= start);
      found.push(...inside);
      if (found.length === limit) return found;
      before = start;
      if (found.length === 0) break;
      // Long enough for the points still needed at the rate found so far and a quarter more, half as
      // long again at least (a few still needed do not make a window of a day each time).
      days = Math.ceil(days * Math.max(1.5, 1 + (WINDOW_MARGIN * (limit - found.length)) / found.length));
    }
  }
  return found.concat(await newestPoints(q, actor, f, limit - found.length, before));
}

/**
 * The newest `limit` incidents of the filter that start before `before`, when given. The start comes
 * as milliseconds since 1970: a street's 5,000 timestamps parsed from their text took 3–4 ms.
 */
async function newestPoints(q: Queryable, actor: Actor, f: ResolvedFilter, limit: number, before?: Date): Promise<PointRow[]> {
  const p = new Params();
  const where = incidentWhere(actor, f, p) + (before ? ` AND i.occurred_from < ${p.add(before)}` : '');
  const r = await q.query<Omit<PointRow, 'occurredFrom'> & { ms: number }>(
    `SELECT i.id, ST_X(i.geom) AS x, ST_Y(i.geom) AS y, i.category_id AS "categoryId", (extract(epoch FROM i.occurred_from) * 1000)::float8 AS ms, i.review_status AS "reviewStatus"
       FROM incidents i WHERE ${where} ORDER BY i.occurred_from DESC, i.id DESC LIMIT ${p.add(limit)}`, p.values);
  return r.rows.map((x) => ({ id: x.id, x: x.x, y: x.y, categoryId: x.categoryId, occurredFrom: new Date(x.ms), reviewStatus: x.reviewStatus }));
}

export async function countWhere(q: Queryable, actor: Actor, filter: IncidentFilter, cap?: number): Promise<number> {
  const p = new Params();
  const f = await resolveFilter(q, filter);
  const inner = `SELECT 1 FROM incidents i WHERE ${incidentWhere(actor, f, p)}${cap ? ` LIMIT ${p.add(cap)}` : ''}`;
  const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${inner}) x`, p.values);
  return r.rows[0].n;
}

/** Counts in the current, previous and last-year windows per key expression, in one scan. */
export async function countsByKey(
  q: Queryable, actor: Actor, filter: IncidentFilter, key: string,
  windows: { current: [Date, Date]; previous: [Date, Date]; lastYear: [Date, Date] },
): Promise<Array<{ key: string | null; current: number; previous: number; lastYear: number }>> {
  const p = new Params();
  const f = await resolveFilter(q, filter);
  // The scan covers all three windows; each count keeps the incidents overlapping its own window.
  const span = { ...f, from: windows.lastYear[0] < windows.previous[0] ? windows.lastYear[0] : windows.previous[0], to: windows.current[1] };
  const where = incidentWhere(actor, span, p);
  const inWindow = ([a, b]: [Date, Date]) => `i.occurred_to >= ${p.add(a)} AND i.occurred_from < ${p.add(b)}`;
  const r = await q.query<{ key: string | null; current: number; previous: number; lastYear: number }>(
    `SELECT ${key} AS key,
            count(*) FILTER (WHERE ${inWindow(windows.current)})::int AS current,
            count(*) FILTER (WHERE ${inWindow(windows.previous)})::int AS previous,
            count(*) FILTER (WHERE ${inWindow(windows.lastYear)})::int AS "lastYear"
       FROM incidents i WHERE ${where} GROUP BY 1`, p.values);
  return r.rows;
}

/** Incidents per week (Monday, Swedish local time) in the period. */
export async function weeklyCounts(q: Queryable, actor: Actor, filter: IncidentFilter): Promise<Array<{ weekStart: string; count: number }>> {
  const p = new Params();
  const f = await resolveFilter(q, filter);
  const r = await q.query<{ weekStart: string; count: number }>(
    `SELECT date_trunc('week', i.occurred_from AT TIME ZONE 'Europe/Stockholm')::date::text AS "weekStart", count(*)::int AS count
       FROM incidents i WHERE ${incidentWhere(actor, f, p)} GROUP BY 1 ORDER BY 1`, p.values);
  return r.rows;
}

/** Incidents per (ISO weekday 1–7, hour 0–23), Swedish local time, by the start of the occurred window. */
export async function hourWeekdayCounts(q: Queryable, actor: Actor, filter: IncidentFilter): Promise<number[][]> {
  const p = new Params();
  const f = await resolveFilter(q, filter);
  const r = await q.query<{ d: number; h: number; n: number }>(
    `SELECT extract(isodow FROM i.occurred_from AT TIME ZONE 'Europe/Stockholm')::int AS d,
            extract(hour FROM i.occurred_from AT TIME ZONE 'Europe/Stockholm')::int AS h, count(*)::int AS n
       FROM incidents i WHERE ${incidentWhere(actor, f, p)} GROUP BY 1, 2`, p.values);
  const table = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const row of r.rows) table[row.d - 1][row.h] = row.n;
  return table;
}

/** Per area of a kind in the municipalities: incidents inside in the current and the previous window. */
export async function areaCounts(
  q: Queryable, actor: Actor, filter: IncidentFilter, kind: string, windows: { current: [Date, Date]; previous: [Date, Date] }, municipalities: string[],
): Promise<Array<{ id: string; name: string; geometry: string; current: number; previous: number }>> {
  const p = new Params();
  const f = await resolveFilter(q, filter);
  const { areaId: _ignored, ...rest } = f;
  const where = incidentWhere(actor, { ...rest, from: windows.previous[0], to: windows.current[1] }, p);
  const inWindow = ([a, b]: [Date, Date]) => `i.occurred_to >= ${p.add(a)} AND i.occurred_from < ${p.add(b)}`;
  const r = await q.query<{ id: string; name: string; geometry: string; current: number; previous: number }>(
    `SELECT a.id, a.name, ST_AsGeoJSON(ST_Transform(a.geom, 4326), 6) AS geometry,
            count(i.id) FILTER (WHERE ${inWindow(windows.current)})::int AS current,
            count(i.id) FILTER (WHERE ${inWindow(windows.previous)})::int AS previous
       FROM areas a LEFT JOIN incidents i ON i.municipality_id = a.municipality_id AND ST_Intersects(a.geom, i.geom) AND ${where}
      WHERE a.municipality_id = ANY(${p.add(municipalities)}::text[]) AND a.kind = ${p.add(kind)}
      GROUP BY a.id, a.name, a.geom ORDER BY a.name`, p.values);
  return r.rows;
}

/** Bounding box (EPSG:3006) of the municipalities, for the study area of the hotspot grid. */
export async function municipalityExtent(q: Queryable, ids: string[]): Promise<{ minX: number; minY: number; maxX: number; maxY: number; geometry: string } | null> {
  const r = await q.query<{ minX: number; minY: number; maxX: number; maxY: number; geometry: string }>(
    `SELECT ST_XMin(e) AS "minX", ST_YMin(e) AS "minY", ST_XMax(e) AS "maxX", ST_YMax(e) AS "maxY", ST_AsGeoJSON(u) AS geometry
       FROM (SELECT ST_Extent(geom)::geometry AS e, ST_Union(geom) AS u FROM municipalities WHERE id = ANY($1::text[])) x`, [ids]);
  return r.rows[0]?.geometry ? r.rows[0] : null;
}

/** Places (named place or free-text place name) with the most incidents in the period. */
export async function topPlaces(q: Queryable, actor: Actor, filter: IncidentFilter, prev: [Date, Date], limit = 10): Promise<Array<{ name: string; count: number; previous: number }>> {
  const p = new Params();
  const f = await resolveFilter(q, filter);
  const cur = incidentWhere(actor, f, p);
  const before = incidentWhere(actor, { ...f, from: prev[0], to: prev[1] }, p);
  const name = `COALESCE((SELECT pl.name FROM places pl WHERE pl.municipality_id = i.municipality_id AND pl.id = i.place_id), NULLIF(trim(i.place_name), ''))`;
  const r = await q.query<{ name: string; count: number; previous: number }>(
    `WITH c AS (SELECT ${name} AS name, count(*)::int AS n FROM incidents i WHERE ${cur} GROUP BY 1),
          b AS (SELECT ${name} AS name, count(*)::int AS n FROM incidents i WHERE ${before} GROUP BY 1)
     SELECT c.name, c.n AS count, COALESCE(b.n, 0) AS previous FROM c LEFT JOIN b ON b.name = c.name
      WHERE c.name IS NOT NULL ORDER BY c.n DESC, c.name LIMIT ${p.add(limit)}`, p.values);
  return r.rows;
}

/** An area's boundary in EPSG:3006 as GeoJSON (the index tests positions against it), if it lies in the municipalities. */
export async function areaGeometry3006(q: Queryable, id: string, municipalities: string[]): Promise<string | null> {
  const r = await q.query<{ g: string }>('SELECT ST_AsGeoJSON(geom) AS g FROM areas WHERE id = $1 AND municipality_id = ANY($2::text[])', [id, municipalities]);
  return r.rows[0]?.g ?? null;
}

/** The areas of a kind by name: WGS84 GeoJSON for the map (6 decimals), EPSG:3006 GeoJSON for the index. */
export async function areasOfKind(q: Queryable, municipalities: string[], kind: string): Promise<Array<{ id: string; name: string; geometry: string; geometry3006: string }>> {
  const r = await q.query<{ id: string; name: string; geometry: string; geometry3006: string }>(
    `SELECT id, name, ST_AsGeoJSON(ST_Transform(geom, 4326), 6) AS geometry, ST_AsGeoJSON(geom) AS geometry3006 FROM areas
      WHERE municipality_id = ANY($1::text[]) AND kind = $2 ORDER BY name`, [municipalities, kind]);
  return r.rows;
}

/**
 * The queries the OGC API needs beyond the app's own (src/services/ogc.ts): the extents of the
 * collections, the page before a keyset cursor (the prev link), and Polisen's events in pages.
 * Incidents are filtered by the same predicate as the list (incidentWhere, under the access policy).
 */
import type { Actor } from '../../core/access/roles.ts';
import type { IncidentFilter } from '../../core/incidents/types.ts';
import type { PoliceEventRecord } from '../../core/police-events/types.ts';
import { visibleIncidents } from '../access.ts';
import type { Queryable } from '../engine.ts';
import { Params } from '../sql.ts';
import { incidentWhere, resolveFilter } from './incidents.ts';

/** The box (EPSG:3006) around the municipalities' boundaries, or null when none has one. */
export async function municipalitiesExtent(q: Queryable, municipalities: string[]): Promise<[number, number, number, number] | null> {
  const r = await q.query<{ x0: number | null; y0: number; x1: number; y1: number }>(
    `SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1
       FROM (SELECT ST_Extent(geom)::geometry AS e FROM municipalities WHERE id = ANY($1::text[])) x`, [municipalities]);
  const b = r.rows[0];
  return b && b.x0 !== null ? [Number(b.x0), Number(b.y0), Number(b.x1), Number(b.y1)] : null;
}

/**
 * When the first incident the actor may see happened (null for none): read along the time index
 * (municipality, occurred_from), never a scan of every row.
 */
export async function firstIncidentTime(q: Queryable, actor: Actor): Promise<Date | null> {
  const p = new Params();
  const r = await q.query<{ a: Date | null }>(
    `SELECT i.occurred_from AS a FROM incidents i WHERE ${visibleIncidents(actor, p)} ORDER BY i.occurred_from LIMIT 1`, p.values);
  return r.rows[0]?.a ?? null;
}

/**
 * The keys of up to `limit` incidents of the selection just before a key in the list's order
 * (newest first, then id): the page a prev link leads to, nearest the key first.
 */
export async function incidentKeysBefore(q: Queryable, actor: Actor, f: IncidentFilter, key: { occurredFrom: Date; id: string }, limit: number): Promise<Array<{ occurredFrom: Date; id: string }>> {
  const p = new Params();
  const where = incidentWhere(actor, await resolveFilter(q, f), p);
  const r = await q.query<{ occurredFrom: Date; id: string }>(
    `SELECT i.occurred_from AS "occurredFrom", i.id FROM incidents i
      WHERE ${where} AND (i.occurred_from, i.id) > (${p.add(key.occurredFrom)}::timestamptz, ${p.add(key.id)}::uuid)
      ORDER BY i.occurred_from, i.id LIMIT ${p.add(limit)}`, p.values);
  return r.rows;
}

export type PoliceEventFeatureRow = PoliceEventRecord & { municipalityId: string };

export interface PoliceEventSelection {
  municipalities: string[];
  types?: string[];
  from?: Date;
  to?: Date;
}

/** The order of the collection: newest first, then municipality and id (an event is held per municipality). */
export interface PoliceEventKey { publishedAt: Date; municipalityId: string; id: number }

function policeWhere(s: PoliceEventSelection, p: Params): string {
  const w = [`e.municipality_id = ANY(${p.add(s.municipalities)}::text[])`];
  if (s.types?.length) w.push(`e.type = ANY(${p.add(s.types)}::text[])`);
  if (s.from) w.push(`e.published_at >= ${p.add(s.from)}`);
  if (s.to) w.push(`e.published_at < ${p.add(s.to)}`);
  return w.join(' AND ');
}

const POLICE_COLUMNS = `e.municipality_id AS "municipalityId", e.id::float8 AS id, e.published_at AS "publishedAt", e.type, e.name, e.summary, e.url,
  e.location_name AS "locationName"`;

/**
 * A page of events after a key (or from the start), or before one (the prev link): `limit + 1`
 * rows in the collection's order, the extra one telling whether more follow in that direction.
 */
export async function policeEventPage(q: Queryable, s: PoliceEventSelection, limit: number, cursor?: { direction: 'after' | 'before'; key: PoliceEventKey }): Promise<PoliceEventFeatureRow[]> {
  const p = new Params();
  let where = policeWhere(s, p);
  const before = cursor?.direction === 'before';
  if (cursor) {
    const k = cursor.key;
    where += ` AND (e.published_at, e.municipality_id, e.id) ${before ? '>' : '<'} (${p.add(k.publishedAt)}::timestamptz, ${p.add(k.municipalityId)}::text, ${p.add(k.id)}::bigint)`;
  }
  const order = before ? 'e.published_at, e.municipality_id, e.id' : 'e.published_at DESC, e.municipality_id DESC, e.id DESC';
  const r = await q.query<PoliceEventFeatureRow>(`SELECT ${POLICE_COLUMNS} FROM police_events e WHERE ${where} ORDER BY ${order} LIMIT ${p.add(limit + 1)}`, p.values);
  return r.rows;
}

export async function countPoliceEventSelection(q: Queryable, s: PoliceEventSelection): Promise<number> {
  const p = new Params();
  const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM police_events e WHERE ${policeWhere(s, p)}`, p.values);
  return r.rows[0].n;
}

export async function getPoliceEventRow(q: Queryable, municipalities: string[], municipalityId: string, id: number): Promise<PoliceEventFeatureRow | null> {
  if (!municipalities.includes(municipalityId)) return null;
  const r = await q.query<PoliceEventFeatureRow>(`SELECT ${POLICE_COLUMNS} FROM police_events e WHERE e.municipality_id = $1 AND e.id = $2`, [municipalityId, id]);
  return r.rows[0] ?? null;
}

export async function policeEventTimeRange(q: Queryable, municipalities: string[]): Promise<[Date | null, Date | null]> {
  const r = await q.query<{ a: Date | null; b: Date | null }>(
    'SELECT min(published_at) AS a, max(published_at) AS b FROM police_events WHERE municipality_id = ANY($1::text[])', [municipalities]);
  return [r.rows[0]?.a ?? null, r.rows[0]?.b ?? null];
}

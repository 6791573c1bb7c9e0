import type { Queryable } from '../engine.ts';
import type { PoliceEventRecord, PoliceEventRow } from '../../core/police-events/types.ts';

/** Inserts events not held yet (Polisen's ids are stable); returns how many were new. */
export async function insertPoliceEvents(q: Queryable, municipalityId: string, events: PoliceEventRecord[]): Promise<number> {
  if (!events.length) return 0;
  const r = await q.query(
    `INSERT INTO police_events (municipality_id, id, published_at, type, name, summary, url, location_name)
     SELECT $1, e.id, e.published_at, e.type, e.name, e.summary, e.url, e.location_name
       FROM json_to_recordset($2::json) AS e(id bigint, published_at timestamptz, type text, name text, summary text, url text, location_name text)
     ON CONFLICT (municipality_id, id) DO NOTHING`,
    [municipalityId, JSON.stringify(events.map((e) => ({
      id: e.id, published_at: e.publishedAt.toISOString(), type: e.type, name: e.name, summary: e.summary, url: e.url, location_name: e.locationName,
    })))]);
  return r.affectedRows;
}

/** Events published in [from, to), newest first, at most `limit` of them. */
export async function listPoliceEvents(q: Queryable, municipalityId: string, from: Date, to: Date, limit = 500): Promise<PoliceEventRow[]> {
  const r = await q.query<PoliceEventRow>(
    `SELECT id::float8 AS id, published_at AS "publishedAt", type, name, summary, url, location_name AS "locationName"
       FROM police_events WHERE municipality_id = $1 AND published_at >= $2 AND published_at < $3
      ORDER BY published_at DESC, id DESC LIMIT $4`, [municipalityId, from, to, limit]);
  return r.rows;
}

export async function countPoliceEvents(q: Queryable, municipalityId: string, from: Date, to: Date): Promise<number> {
  const r = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM police_events WHERE municipality_id = $1 AND published_at >= $2 AND published_at < $3', [municipalityId, from, to]);
  return r.rows[0].n;
}

/** Events published in [from, to) by type, most first: all of them, not only those `listPoliceEvents` returns. */
export async function countPoliceEventsByType(q: Queryable, municipalityId: string, from: Date, to: Date): Promise<Array<{ type: string; count: number }>> {
  const r = await q.query<{ type: string; count: number }>(
    `SELECT type, count(*)::int AS count FROM police_events WHERE municipality_id = $1 AND published_at >= $2 AND published_at < $3
      GROUP BY type ORDER BY 2 DESC, 1`, [municipalityId, from, to]);
  return r.rows;
}

/** The newest event held for the municipality (how current the police data is). */
export async function newestPoliceEvent(q: Queryable, municipalityId: string): Promise<Date | null> {
  const r = await q.query<{ t: Date | null }>('SELECT max(published_at) AS t FROM police_events WHERE municipality_id = $1', [municipalityId]);
  return r.rows[0].t;
}

/** Per municipality asked for: how many events are held and the newest one's time (0 and null for none). */
export async function policeEventHoldings(q: Queryable, municipalityIds: string[]): Promise<Array<{ municipalityId: string; held: number; newest: Date | null }>> {
  const r = await q.query<{ municipalityId: string; held: number; newest: Date }>(
    `SELECT municipality_id AS "municipalityId", count(*)::int AS held, max(published_at) AS newest
       FROM police_events WHERE municipality_id = ANY($1::text[]) GROUP BY municipality_id`, [municipalityIds]);
  const by = new Map(r.rows.map((x) => [x.municipalityId, x]));
  return municipalityIds.map((m) => by.get(m) ?? { municipalityId: m, held: 0, newest: null });
}

import type { Queryable } from '../engine.ts';
import type { PoliceEventRecord, PoliceEventRow } from '../../core/police-events/types.ts';

/** Inserts events not held yet (Polisen's ids are stable); returns how many were new. */
export async function insertPoliceEvents(q: Queryable, municipalityId: string, events: PoliceEventRecord[]): Promise<number> {
  if (!events.length) return 0;
  const r = await q.query(
    `INSERT INTO police_events (municipality_id, id, published_at, type, name, summary, url, location_name, geom)
     SELECT $1, e.id, e.published_at, e.type, e.name, e.summary, e.url, e.location_name,
            CASE WHEN e.e IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(e.e, e.n), 3006) END
       FROM json_to_recordset($2::json) AS e(id bigint, published_at timestamptz, type text, name text, summary text, url text,
            location_name text, e float8, n float8)
     ON CONFLICT (municipality_id, id) DO NOTHING`,
    [municipalityId, JSON.stringify(events.map((e) => ({
      id: e.id, published_at: e.publishedAt.toISOString(), type: e.type, name: e.name, summary: e.summary, url: e.url,
      location_name: e.locationName, e: e.e, n: e.n,
    })))]);
  return r.affectedRows;
}

/** Events published in [from, to), oldest first. */
export async function listPoliceEvents(q: Queryable, municipalityId: string, from: Date, to: Date, limit = 500): Promise<PoliceEventRow[]> {
  const r = await q.query<PoliceEventRow>(
    `SELECT id::float8 AS id, published_at AS "publishedAt", type, name, summary, url, location_name AS "locationName",
            ST_X(ST_Transform(geom, 4326)) AS lon, ST_Y(ST_Transform(geom, 4326)) AS lat
       FROM police_events WHERE municipality_id = $1 AND published_at >= $2 AND published_at < $3
      ORDER BY published_at, id LIMIT $4`, [municipalityId, from, to, limit]);
  return r.rows;
}

export async function countPoliceEvents(q: Queryable, municipalityId: string, from: Date, to: Date): Promise<number> {
  const r = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM police_events WHERE municipality_id = $1 AND published_at >= $2 AND published_at < $3', [municipalityId, from, to]);
  return r.rows[0].n;
}

/** The newest event held for the municipality (how current the police data is). */
export async function newestPoliceEvent(q: Queryable, municipalityId: string): Promise<Date | null> {
  const r = await q.query<{ t: Date | null }>('SELECT max(published_at) AS t FROM police_events WHERE municipality_id = $1', [municipalityId]);
  return r.rows[0].t;
}

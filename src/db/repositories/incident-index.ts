import type { IncidentRow } from '../../core/incident-index/index.ts';
import type { Queryable } from '../engine.ts';

/**
 * What the in-memory incident index reads. The index holds the incidents of every municipality in
 * the database and applies the access rules, municipality included, to each request in memory; so
 * these reads, unlike every other read of municipal data, name no municipality.
 */

/** An incident as the index holds it, with the time of its last change (epoch ms). */
export type IndexedIncident = IncidentRow & { changed: number };

const SELECT = `SELECT i.id, i.municipality_id AS "municipalityId", i.category_id AS "categoryId",
    i.organisation_id AS "organisationId", i.reporter_id AS "reporterId",
    COALESCE(p.name, NULLIF(trim(i.place_name), '')) AS "placeKey",
    (extract(epoch FROM i.occurred_from) * 1000)::float8 AS "occurredFrom", (extract(epoch FROM i.occurred_to) * 1000)::float8 AS "occurredTo",
    ST_X(i.geom) AS x, ST_Y(i.geom) AS y, i.review_status AS "reviewStatus", i.visibility,
    (extract(epoch FROM i.updated_at) * 1000)::float8 AS changed
  FROM incidents i LEFT JOIN places p ON p.municipality_id = i.municipality_id AND p.id = i.place_id`;

/** The newest change time of any incident (epoch ms; 0 when there are none). */
export async function latestIncidentChange(q: Queryable): Promise<number> {
  const r = await q.query<{ t: number | null }>('SELECT (extract(epoch FROM max(updated_at)) * 1000)::float8 AS t FROM incidents');
  return r.rows[0].t ?? 0;
}

/** Every incident. */
export async function allIndexedIncidents(q: Queryable): Promise<IndexedIncident[]> {
  return (await q.query<IndexedIncident>(SELECT)).rows;
}

/** The incidents changed after `since` (epoch ms). */
export async function incidentsChangedSince(q: Queryable, since: number): Promise<IndexedIncident[]> {
  return (await q.query<IndexedIncident>(`${SELECT} WHERE i.updated_at > to_timestamp($1 / 1000.0)`, [since])).rows;
}

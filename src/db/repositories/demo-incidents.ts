import type { Queryable } from '../engine.ts';
import type { IncidentRecord } from '../../core/incidents/types.ts';

/** One synthetic incident of the demo, its position in EPSG:3006. */
export type DemoIncidentRow = Pick<IncidentRecord, 'id' | 'categoryId' | 'occurredFrom' | 'occurredTo' | 'reportedAt' | 'e' | 'n' | 'positionPrecision'
  | 'placeName' | 'description' | 'organisationId' | 'reporterId' | 'reportedToPolice' | 'assessment' | 'reviewStatus' | 'visibility'>;

export async function countDemoIncidents(q: Queryable, municipalityId: string): Promise<number> {
  const r = await q.query<{ n: number }>(`SELECT count(*) AS n FROM incidents WHERE municipality_id = $1 AND source = 'demo'`, [municipalityId]);
  return r.rows[0].n;
}

/**
 * Stores a batch of demo incidents in one statement (an id already stored is skipped), each with its
 * creation in the history, as if reported through the app.
 */
export async function insertDemoIncidents(q: Queryable, municipalityId: string, rows: DemoIncidentRow[]): Promise<void> {
  await q.query(
    `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, position_precision,
       place_name, description, organisation_id, reporter_id, reported_to_police, assessment, source, review_status, visibility)
     SELECT r.id, $1, r.category_id, r.occurred_from, r.occurred_to, r.reported_at, ST_SetSRID(ST_MakePoint(r.e, r.n), 3006),
       r.position_precision, r.place_name, r.description, r.organisation_id, r.reporter_id, r.reported_to_police, r.assessment,
       'demo', r.review_status, r.visibility
     FROM json_to_recordset($2::json) AS r(id uuid, category_id uuid, occurred_from timestamptz, occurred_to timestamptz,
       reported_at timestamptz, e float8, n float8, position_precision text, place_name text, description text,
       organisation_id uuid, reporter_id uuid, reported_to_police boolean, assessment smallint, review_status text, visibility text)
     ON CONFLICT (municipality_id, id) DO NOTHING`,
    [municipalityId, JSON.stringify(rows.map((r) => ({
      id: r.id, category_id: r.categoryId, occurred_from: r.occurredFrom.toISOString(), occurred_to: r.occurredTo.toISOString(),
      reported_at: r.reportedAt.toISOString(), e: r.e, n: r.n, position_precision: r.positionPrecision, place_name: r.placeName,
      description: r.description, organisation_id: r.organisationId, reporter_id: r.reporterId, reported_to_police: r.reportedToPolice,
      assessment: r.assessment, review_status: r.reviewStatus, visibility: r.visibility,
    })))]);
  await q.query(
    `INSERT INTO incident_history (municipality_id, incident_id, user_id, action, changes, changed_at)
     SELECT i.municipality_id, i.id, i.reporter_id, 'create', jsonb_build_object('source', 'demo', 'categoryId', i.category_id), i.reported_at
       FROM incidents i WHERE i.municipality_id = $1 AND i.id = ANY($2::uuid[])`,
    [municipalityId, rows.map((r) => r.id)]);
}

import type { MultiPolygon, Point, Polygon } from 'geojson';
import type { Queryable } from '../engine.ts';
import { Params } from '../sql.ts';
import { toGeoJson3006 } from './geometries.ts';
import type { Measure, MeasureRow, MeasureFilter } from '../../core/measures/types.ts';

/** Today in Sweden: the day measures are due against. */
export const STOCKHOLM_TODAY = `(now() AT TIME ZONE 'Europe/Stockholm')::date`;

const COLUMNS = `m.id, m.municipality_id AS "municipalityId", m.type, m.term, m.title, m.problem,
  to_jsonb(m.category_ids) AS "categoryIds", m.place_id AS "placeId", p.name AS "placeName", m.area_id AS "areaId", a.name AS "areaName",
  m.organisation_id AS "organisationId", o.name AS "organisationName", m.responsible_person AS "responsiblePerson", m.status,
  m.planned_start::text AS "plannedStart", m.planned_end::text AS "plannedEnd", m.actual_start::text AS "actualStart", m.actual_end::text AS "actualEnd",
  m.cost_sek::float8 AS "costSek", m.notes, m.follow_up AS "followUp", m.meeting_id AS "meetingId", m.situation_picture_id AS "situationPictureId",
  m.row_version AS "rowVersion", m.created_at AS "createdAt", m.updated_at AS "updatedAt",
  (m.planned_end IS NOT NULL AND m.planned_end < ${STOCKHOLM_TODAY} AND m.status NOT IN ('done', 'cancelled')) AS overdue`;
const FROM = `measures m JOIN organisations o ON o.id = m.organisation_id
  LEFT JOIN places p ON p.municipality_id = m.municipality_id AND p.id = m.place_id
  LEFT JOIN areas a ON a.municipality_id = m.municipality_id AND a.id = m.area_id`;

/** The response area of a measure in EPSG:3006: the place (a point as a disc), else the area. */
export const responseGeometrySql = (place = 'p', area = 'a', pointRadius: string | number = 150) =>
  `COALESCE(CASE WHEN GeometryType(${place}.geom) = 'POINT' THEN ST_Buffer(${place}.geom, ${pointRadius}, 16) ELSE ${place}.geom END, ${area}.geom)`;

export async function listMeasures(q: Queryable, f: MeasureFilter): Promise<Measure[]> {
  const p = new Params();
  const where = [`m.municipality_id = ANY(${p.add(f.municipalities)}::text[])`];
  if (f.status) where.push(`m.status = ${p.add(f.status)}`);
  if (f.term) where.push(`m.term = ${p.add(f.term)}`);
  if (f.placeId) where.push(`m.place_id = ${p.add(f.placeId)}::uuid`);
  if (f.areaId) where.push(`m.area_id = ${p.add(f.areaId)}::uuid`);
  if (f.organisationId) where.push(`m.organisation_id = ${p.add(f.organisationId)}::uuid`);
  if (f.meetingId) where.push(`m.meeting_id = ${p.add(f.meetingId)}::uuid`);
  if (f.ids) where.push(`m.id = ANY(${p.add(f.ids)}::uuid[])`);
  if (f.due === 'overdue') where.push(`m.planned_end < ${STOCKHOLM_TODAY} AND m.status NOT IN ('done', 'cancelled')`);
  if (f.due === 'soon') where.push(`m.planned_end >= ${STOCKHOLM_TODAY} AND m.planned_end <= ${STOCKHOLM_TODAY} + 14 AND m.status NOT IN ('done', 'cancelled')`);
  if (f.incidentId) {
    where.push(`EXISTS (SELECT 1 FROM incidents i JOIN categories c ON c.id = i.category_id
      WHERE i.id = ${p.add(f.incidentId)}::uuid AND i.municipality_id = m.municipality_id
        ${f.reporterId ? `AND i.reporter_id = ${p.add(f.reporterId)}::uuid` : ''}
        AND ST_Covers(${responseGeometrySql()}, i.geom)
        AND (cardinality(m.category_ids) = 0 OR c.id = ANY(m.category_ids) OR c.parent_id = ANY(m.category_ids)))`);
  }
  const r = await q.query<Measure>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')}
      ORDER BY (m.status IN ('done', 'cancelled')), m.planned_end NULLS LAST, m.created_at DESC LIMIT 1000`, p.values);
  return r.rows;
}

/** A measure with where it is taken in SWEREF 99 TM (EPSG:3006): its place's geometry, else its area's, else none. */
export type MeasureIn3006 = Measure & { geometry3006: Point | Polygon | MultiPolygon | null };

/** Every measure of the municipalities (no limit) with its place's or area's stored geometry: for GIS exports. */
export async function listMeasuresIn3006(q: Queryable, municipalities: string[]): Promise<MeasureIn3006[]> {
  const r = await q.query<Measure & { geometry3006: string | null }>(
    `SELECT ${COLUMNS}, ${toGeoJson3006('COALESCE(p.geom, a.geom)')} AS geometry3006
       FROM ${FROM} WHERE m.municipality_id = ANY($1::text[]) ORDER BY m.created_at, m.id`, [municipalities]);
  return r.rows.map((m) => ({ ...m, geometry3006: m.geometry3006 === null ? null : JSON.parse(m.geometry3006) }));
}

export async function getMeasure(q: Queryable, id: string, municipalities: string[]): Promise<Measure | null> {
  const r = await q.query<Measure>(`SELECT ${COLUMNS} FROM ${FROM} WHERE m.id = $1 AND m.municipality_id = ANY($2::text[])`, [id, municipalities]);
  return r.rows[0] ?? null;
}

const FIELDS: Array<[keyof MeasureRow, string, string]> = [
  ['type', 'type', ''], ['term', 'term', ''], ['title', 'title', ''], ['problem', 'problem', ''],
  ['categoryIds', 'category_ids', '::uuid[]'], ['placeId', 'place_id', '::uuid'], ['areaId', 'area_id', '::uuid'],
  ['organisationId', 'organisation_id', '::uuid'], ['responsiblePerson', 'responsible_person', ''], ['status', 'status', ''],
  ['plannedStart', 'planned_start', '::date'], ['plannedEnd', 'planned_end', '::date'], ['actualStart', 'actual_start', '::date'],
  ['actualEnd', 'actual_end', '::date'], ['costSek', 'cost_sek', '::numeric'], ['notes', 'notes', ''], ['followUp', 'follow_up', '::jsonb'],
  ['meetingId', 'meeting_id', '::uuid'], ['situationPictureId', 'situation_picture_id', '::uuid'],
];
const value = (k: keyof MeasureRow, v: unknown) => (k === 'followUp' ? JSON.stringify(v ?? {}) : v);

export async function insertMeasure(q: Queryable, m: MeasureRow & { createdBy: string | null }): Promise<string> {
  const p = new Params();
  const cols = ['municipality_id', 'created_by', ...FIELDS.map(([, c]) => c)];
  const vals = [p.add(m.municipalityId), `${p.add(m.createdBy)}::uuid`, ...FIELDS.map(([k, , cast]) => `${p.add(value(k, m[k]))}${cast}`)];
  const r = await q.query<{ id: string }>(`INSERT INTO measures (${cols.join(', ')}) VALUES (${vals.join(', ')}) RETURNING id`, p.values);
  return r.rows[0].id;
}

/** Changes the given fields when the row version matches; false when it did not (someone else saved first). */
export async function updateMeasureRow(q: Queryable, municipalityId: string, id: string, rowVersion: number, patch: Partial<MeasureRow>): Promise<boolean> {
  const p = new Params();
  const sets = FIELDS.filter(([k]) => patch[k] !== undefined).map(([k, c, cast]) => `${c} = ${p.add(value(k, patch[k]))}${cast}`);
  const r = await q.query(
    `UPDATE measures SET ${[...sets, 'row_version = row_version + 1', 'updated_at = now()'].join(', ')}
      WHERE id = ${p.add(id)}::uuid AND municipality_id = ${p.add(municipalityId)} AND row_version = ${p.add(rowVersion)}`, p.values);
  return r.affectedRows === 1;
}

/** Whether the municipality has a measure of this title at the place (the demo adds each once). */
export async function measureAtPlaceExists(q: Queryable, municipalityId: string, placeId: string, title: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM measures WHERE municipality_id = $1 AND place_id = $2 AND title = $3', [municipalityId, placeId, title]);
  return r.rows.length > 0;
}

/** Municipality of each referenced row that exists in reach; a missing key means unknown. */
export async function measureReferences(q: Queryable, refs: { organisationId?: string | null; placeId?: string | null; areaId?: string | null; meetingId?: string | null; situationPictureId?: string | null }, municipalities: string[]) {
  const r = await q.query<{ kind: string; municipalityId: string }>(
    `SELECT 'organisationId' AS kind, municipality_id AS "municipalityId" FROM organisations WHERE id = $1::uuid AND municipality_id = ANY($6::text[])
     UNION ALL SELECT 'placeId', municipality_id FROM places WHERE id = $2::uuid AND municipality_id = ANY($6::text[])
     UNION ALL SELECT 'areaId', municipality_id FROM areas WHERE id = $3::uuid AND municipality_id = ANY($6::text[])
     UNION ALL SELECT 'meetingId', municipality_id FROM meetings WHERE id = $4::uuid AND municipality_id = ANY($6::text[])
     UNION ALL SELECT 'situationPictureId', municipality_id FROM situation_pictures WHERE id = $5::uuid AND municipality_id = ANY($6::text[])`,
    [refs.organisationId || null, refs.placeId || null, refs.areaId || null, refs.meetingId || null, refs.situationPictureId || null, municipalities]);
  return new Map(r.rows.map((x) => [x.kind, x.municipalityId]));
}

/** The ids among `ids` that are categories of the municipality. */
export async function knownCategories(q: Queryable, ids: string[], municipalityId: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const r = await q.query<{ id: string }>('SELECT id FROM categories WHERE id = ANY($1::uuid[]) AND municipality_id = $2', [ids, municipalityId]);
  return new Set(r.rows.map((x) => x.id));
}

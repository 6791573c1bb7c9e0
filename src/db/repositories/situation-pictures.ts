import type { Narrative, SituationPictureContent, StatusLevelEntry } from '../../core/situation-picture/content.ts';
import type { Queryable } from '../engine.ts';
import { Params } from '../sql.ts';
import { municipalityOfRow } from './incidents.ts';
import type { SituationPictureRecord, SituationPictureListRow, MeasureFact } from '../../core/situation-picture/types.ts';

/** A published edition as the återkoppling reads it. */
export type PublishedEdition = Pick<SituationPictureRecord, 'id' | 'title' | 'periodFrom' | 'periodTo' | 'content' | 'narrative'> & { publishedAt: Date };

const BASE = `s.id, s.municipality_id AS "municipalityId", s.series_id AS "seriesId", s.version, s.area_id AS "areaId",
  a.name AS "areaName", s.title, s.period_from AS "periodFrom", s.period_to AS "periodTo", s.filters, s.status, s.origin,
  s.computed_at AS "computedAt", s.row_version AS "rowVersion", s.created_by AS "createdBy", s.created_at AS "createdAt",
  s.updated_at AS "updatedAt", s.published_at AS "publishedAt", s.published_by AS "publishedBy"`;
const FULL = `${BASE}, s.content, s.narrative, s.status_levels AS "statusLevels"`;
const FROM = 'situation_pictures s LEFT JOIN areas a ON a.municipality_id = s.municipality_id AND a.id = s.area_id';

export async function insertSituationPicture(q: Queryable, r: {
  id: string; municipalityId: string; seriesId: string; version?: number; areaId: string | null; title: string; periodFrom: Date; periodTo: Date;
  filters: SituationPictureRecord['filters']; origin: 'manual' | 'scheduled'; content: SituationPictureContent;
  narrative?: Partial<Narrative>; statusLevels?: StatusLevelEntry[]; createdBy: string | null;
}, onConflictDoNothing = false): Promise<string | null> {
  const res = await q.query<{ id: string }>(
    `INSERT INTO situation_pictures (id, municipality_id, series_id, version, area_id, title, period_from, period_to, filters, origin, content,
       computed_at, narrative, status_levels, created_by)
     VALUES ($15, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ${onConflictDoNothing ? 'ON CONFLICT DO NOTHING' : ''} RETURNING id`,
    [r.municipalityId, r.seriesId, r.version ?? 1, r.areaId, r.title, r.periodFrom, r.periodTo, JSON.stringify(r.filters), r.origin,
      JSON.stringify(r.content), r.content.computedAt, JSON.stringify(r.narrative ?? {}), JSON.stringify(r.statusLevels ?? []), r.createdBy, r.id]);
  return res.rows[0]?.id ?? null;
}

export async function getSituationPictureRecord(q: Queryable, id: string, municipalities: string[], forUpdate = false): Promise<SituationPictureRecord | null> {
  if (forUpdate) {
    // Locked by its whole key (see municipalityOfRow).
    const m = await municipalityOfRow(q, 'situation_pictures', id, municipalities);
    if (!m) return null;
    const r = await q.query<SituationPictureRecord>(`SELECT ${FULL} FROM ${FROM} WHERE s.id = $1 AND s.municipality_id = $2 FOR UPDATE OF s`, [id, m]);
    return r.rows[0] ?? null;
  }
  const r = await q.query<SituationPictureRecord>(`SELECT ${FULL} FROM ${FROM} WHERE s.id = $1 AND s.municipality_id = ANY($2::text[])`, [id, municipalities]);
  return r.rows[0] ?? null;
}

/** The scheduled first version for a municipality and period, if one exists (the unique index's row). */
export async function findScheduled(q: Queryable, municipalityId: string, from: Date, to: Date): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    `SELECT id FROM situation_pictures WHERE municipality_id = $1 AND period_from = $2 AND period_to = $3 AND origin = 'scheduled' AND version = 1`,
    [municipalityId, from, to]);
  return r.rows[0]?.id ?? null;
}

export async function listSituationPictureRows(q: Queryable, municipalities: string[], f: { statuses: Array<'draft' | 'published'>; areaId?: string | null; limit?: number }): Promise<SituationPictureListRow[]> {
  const p = new Params();
  const w = [`s.municipality_id = ANY(${p.add(municipalities)}::text[])`, `s.status = ANY(${p.add(f.statuses)}::text[])`];
  if (f.areaId) w.push(`s.area_id = ${p.add(f.areaId)}::uuid`);
  const r = await q.query<SituationPictureListRow>(
    `SELECT ${BASE}, COALESCE((s.content #>> '{totals,count}')::int, 0) AS total FROM ${FROM}
      WHERE ${w.join(' AND ')} ORDER BY s.period_to DESC, s.period_from DESC, s.version DESC, s.created_at DESC LIMIT ${p.add(f.limit ?? 500)}`, p.values);
  return r.rows;
}

export async function listVersions(q: Queryable, municipalityId: string, seriesId: string): Promise<Array<{ id: string; version: number; status: 'draft' | 'published'; publishedAt: Date | null }>> {
  const r = await q.query<{ id: string; version: number; status: 'draft' | 'published'; publishedAt: Date | null }>(
    'SELECT id, version, status, published_at AS "publishedAt" FROM situation_pictures WHERE municipality_id = $1 AND series_id = $2 ORDER BY version', [municipalityId, seriesId]);
  return r.rows;
}

export async function nextVersion(q: Queryable, municipalityId: string, seriesId: string): Promise<number> {
  const r = await q.query<{ v: number }>('SELECT COALESCE(max(version), 0)::int + 1 AS v FROM situation_pictures WHERE municipality_id = $1 AND series_id = $2', [municipalityId, seriesId]);
  return r.rows[0].v;
}

/** Writes the editable fields of a draft and bumps its row version. */
export async function updateDraft(q: Queryable, municipalityId: string, id: string, patch: { title?: string; narrative?: Partial<Narrative>; statusLevels?: StatusLevelEntry[]; content?: SituationPictureContent }): Promise<void> {
  const p = new Params();
  const sets = ['row_version = row_version + 1', 'updated_at = now()'];
  if (patch.title !== undefined) sets.push(`title = ${p.add(patch.title)}`);
  if (patch.narrative !== undefined) sets.push(`narrative = ${p.add(JSON.stringify(patch.narrative))}::jsonb`);
  if (patch.statusLevels !== undefined) sets.push(`status_levels = ${p.add(JSON.stringify(patch.statusLevels))}::jsonb`);
  if (patch.content !== undefined) sets.push(`content = ${p.add(JSON.stringify(patch.content))}::jsonb`, `computed_at = ${p.add(patch.content.computedAt)}`);
  await q.query(`UPDATE situation_pictures SET ${sets.join(', ')} WHERE id = ${p.add(id)} AND municipality_id = ${p.add(municipalityId)}`, p.values);
}

export async function markPublished(q: Queryable, municipalityId: string, id: string, userId: string | null): Promise<void> {
  await q.query(
    `UPDATE situation_pictures SET status = 'published', published_at = now(), published_by = $3, row_version = row_version + 1, updated_at = now()
      WHERE id = $1 AND municipality_id = $2`,
    [id, municipalityId, userId]);
}

/**
 * Deletes a draft. Meetings and measures that point at it lose the link, not their content (run
 * inside the caller's transaction, so the links go only when the draft does).
 */
export async function deleteSituationPicture(q: Queryable, municipalityId: string, id: string): Promise<void> {
  await q.query('UPDATE meetings SET situation_picture_id = NULL WHERE situation_picture_id = $1 AND municipality_id = $2', [id, municipalityId]);
  await q.query('UPDATE measures SET situation_picture_id = NULL WHERE situation_picture_id = $1 AND municipality_id = $2', [id, municipalityId]);
  await q.query('DELETE FROM situation_pictures WHERE id = $1 AND municipality_id = $2', [id, municipalityId]);
}

/** Whether the municipality has an edition with this id (a meeting may refer to it). */
export async function situationPictureExists(q: Queryable, municipalityId: string, id: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM situation_pictures WHERE id = $1::uuid AND municipality_id = $2', [id, municipalityId]);
  return r.rows.length > 0;
}

/** The published editions of the municipalities, newest first, with what their återkoppling is made of. */
export async function listPublishedForFeedback(q: Queryable, municipalities: string[], limit = 50): Promise<PublishedEdition[]> {
  const r = await q.query<PublishedEdition>(
    `SELECT id, title, period_from AS "periodFrom", period_to AS "periodTo", published_at AS "publishedAt", content, narrative
       FROM situation_pictures WHERE status = 'published' AND municipality_id = ANY($1::text[])
      ORDER BY published_at DESC, id LIMIT $2`, [municipalities, limit]);
  return r.rows;
}

/** Bounding box (EPSG:3006) of an area, or of the municipality when no area is given. */
export async function extentOf(q: Queryable, municipalityId: string, areaId: string | null): Promise<[number, number, number, number] | null> {
  const r = await q.query<{ a: number | null; b: number; c: number; d: number }>(
    areaId
      ? 'SELECT ST_XMin(geom) AS a, ST_YMin(geom) AS b, ST_XMax(geom) AS c, ST_YMax(geom) AS d FROM areas WHERE id = $2 AND municipality_id = $1'
      : 'SELECT ST_XMin(geom) AS a, ST_YMin(geom) AS b, ST_XMax(geom) AS c, ST_YMax(geom) AS d FROM municipalities WHERE id = $1',
    areaId ? [municipalityId, areaId] : [municipalityId]);
  const x = r.rows[0];
  return x && x.a !== null ? [x.a, x.b, x.c, x.d] : null;
}

/** Places of a municipality as points (their representative point), for naming hotspot cells. */
export async function placePoints(q: Queryable, municipalityId: string): Promise<Array<{ id: string; name: string; x: number; y: number }>> {
  const r = await q.query<{ id: string; name: string; x: number; y: number }>(
    `SELECT id, name, ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM places WHERE municipality_id = $1 ORDER BY name`,
    [municipalityId]);
  return r.rows;
}

/**
 * The measures an edition reports on, read straight from the table: those of the municipality, or
 * in an area, those tied to it or to a place inside it.
 */
export async function measuresFor(q: Queryable, municipalityId: string, areaId: string | null): Promise<MeasureFact[]> {
  const r = await q.query<MeasureFact>(
    `SELECT m.id, m.title, m.type, m.term, m.status, o.name AS "organisationName", p.name AS "placeName", a.name AS "areaName",
            m.planned_end::text AS "plannedEnd", m.actual_start::text AS "actualStart", m.actual_end::text AS "actualEnd"
       FROM measures m JOIN organisations o ON o.id = m.organisation_id
       LEFT JOIN places p ON p.municipality_id = m.municipality_id AND p.id = m.place_id
       LEFT JOIN areas a ON a.municipality_id = m.municipality_id AND a.id = m.area_id
      WHERE m.municipality_id = $1
        AND ($2::uuid IS NULL OR m.area_id = $2 OR ST_Intersects(p.geom, (SELECT geom FROM areas WHERE id = $2 AND municipality_id = $1)))
      ORDER BY m.planned_end NULLS LAST, m.title`, [municipalityId, areaId]);
  return r.rows;
}

/** The kinds of area the municipality has (an edition counts its incidents per area of each kind). */
export async function areaKinds(q: Queryable, municipalityId: string): Promise<string[]> {
  const r = await q.query<{ kind: string }>('SELECT DISTINCT kind FROM areas WHERE municipality_id = $1 ORDER BY kind', [municipalityId]);
  return r.rows.map((x) => x.kind);
}

/**
 * The ids a cause analysis may name, of one municipality: its areas, places and categories (an
 * edition's problems and status levels, an action plan's priorities). One query after the other:
 * inside a transaction the queries share one connection.
 */
export async function narrativeReferenceIds(q: Queryable, municipalityId: string): Promise<{ areas: Set<string>; places: Set<string>; categories: Set<string> }> {
  const ids = (rows: Array<{ id: string }>) => new Set(rows.map((x) => x.id));
  const areas = await q.query<{ id: string }>('SELECT id::text AS id FROM areas WHERE municipality_id = $1', [municipalityId]);
  const places = await q.query<{ id: string }>('SELECT id::text AS id FROM places WHERE municipality_id = $1', [municipalityId]);
  const categories = await q.query<{ id: string }>('SELECT id::text AS id FROM categories WHERE municipality_id = $1', [municipalityId]);
  return { areas: ids(areas.rows), places: ids(places.rows), categories: ids(categories.rows) };
}

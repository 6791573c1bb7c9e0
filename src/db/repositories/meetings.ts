import type { AgendaItem, OpenDecision } from '../../core/meetings/agenda.ts';
import type { SituationPictureContent, StatusLevelEntry } from '../../core/situation-picture/content.ts';
import type { Queryable } from '../engine.ts';
import type { Participant, MeetingRow, DecisionRow } from '../../core/meetings/types.ts';

const COLUMNS = `g.id, g.municipality_id AS "municipalityId", mu.name AS "municipalityName", g.area_id AS "areaId", a.name AS "areaName",
  g.title, g.held_at AS "heldAt", g.situation_picture_id AS "situationPictureId", sp.title AS "situationPictureTitle", g.status,
  g.participants, g.agenda, g.minutes, g.row_version AS "rowVersion", g.created_at AS "createdAt", g.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM meeting_decisions d WHERE d.municipality_id = g.municipality_id AND d.meeting_id = g.id) AS "decisionCount"`;
const FROM = `meetings g JOIN municipalities mu ON mu.id = g.municipality_id
  LEFT JOIN areas a ON a.municipality_id = g.municipality_id AND a.id = g.area_id
  LEFT JOIN situation_pictures sp ON sp.municipality_id = g.municipality_id AND sp.id = g.situation_picture_id`;

export async function listMeetingRows(q: Queryable, municipalities: string[], areaId?: string): Promise<MeetingRow[]> {
  const r = await q.query<MeetingRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE g.municipality_id = ANY($1::text[]) AND ($2::uuid IS NULL OR g.area_id = $2::uuid)
      ORDER BY g.held_at DESC LIMIT 500`, [municipalities, areaId ?? null]);
  return r.rows;
}

export async function getMeetingRow(q: Queryable, id: string, municipalities: string[]): Promise<MeetingRow | null> {
  const r = await q.query<MeetingRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE g.id = $1::uuid AND g.municipality_id = ANY($2::text[])`, [id, municipalities]);
  return r.rows[0] ?? null;
}

export async function insertMeeting(q: Queryable, m: { municipalityId: string; areaId: string | null; title: string; heldAt: Date; situationPictureId: string | null; participants: Participant[]; agenda: AgendaItem[]; createdBy: string }): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO meetings (municipality_id, area_id, title, held_at, situation_picture_id, participants, agenda, created_by)
     VALUES ($1, $2::uuid, $3, $4, $5::uuid, $6::jsonb, $7::jsonb, $8::uuid) RETURNING id`,
    [m.municipalityId, m.areaId, m.title, m.heldAt, m.situationPictureId, JSON.stringify(m.participants), JSON.stringify(m.agenda), m.createdBy]);
  return r.rows[0].id;
}

export async function updateMeetingRow(q: Queryable, municipalityId: string, id: string, rowVersion: number, p: { title?: string; heldAt?: Date; status?: string; participants?: Participant[]; agenda?: AgendaItem[]; minutes?: string | null }): Promise<boolean> {
  const r = await q.query(
    `UPDATE meetings SET title = COALESCE($3, title), held_at = COALESCE($4, held_at), status = COALESCE($5, status),
       participants = COALESCE($6::jsonb, participants), agenda = COALESCE($7::jsonb, agenda),
       minutes = CASE WHEN $8::boolean THEN $9 ELSE minutes END, row_version = row_version + 1, updated_at = now()
     WHERE id = $1::uuid AND row_version = $2 AND municipality_id = $10`,
    [id, rowVersion, p.title ?? null, p.heldAt ?? null, p.status ?? null, p.participants ? JSON.stringify(p.participants) : null,
      p.agenda ? JSON.stringify(p.agenda) : null, p.minutes !== undefined, p.minutes ?? null, municipalityId]);
  return r.affectedRows === 1;
}

const DECISION_COLUMNS = `d.id, d.meeting_id AS "meetingId", d.agenda_item AS "agendaItem", d.text, d.organisation_id AS "organisationId",
  o.name AS "organisationName", d.due::text AS due, d.measure_id AS "measureId", d.created_at AS "createdAt"`;

export async function listDecisionRows(q: Queryable, municipalityId: string, meetingId: string): Promise<DecisionRow[]> {
  const r = await q.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM meeting_decisions d LEFT JOIN organisations o ON o.id = d.organisation_id
      WHERE d.meeting_id = $1::uuid AND d.municipality_id = $2 ORDER BY d.created_at, d.id`, [meetingId, municipalityId]);
  return r.rows;
}

export async function getDecisionRow(q: Queryable, municipalityId: string, id: string): Promise<DecisionRow | null> {
  const r = await q.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM meeting_decisions d LEFT JOIN organisations o ON o.id = d.organisation_id WHERE d.id = $1::uuid AND d.municipality_id = $2`,
    [id, municipalityId]);
  return r.rows[0] ?? null;
}

export async function insertDecision(q: Queryable, d: { municipalityId: string; meetingId: string; agendaItem: string | null; text: string; organisationId: string | null; due: string | null; createdBy: string }): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO meeting_decisions (municipality_id, meeting_id, agenda_item, text, organisation_id, due, created_by)
     VALUES ($1, $2::uuid, $3, $4, $5::uuid, $6::date, $7::uuid) RETURNING id`,
    [d.municipalityId, d.meetingId, d.agendaItem, d.text, d.organisationId, d.due, d.createdBy]);
  return r.rows[0].id;
}

/** Links a decision to its measure; false when it already has one (a decision makes at most one measure). */
export async function setDecisionMeasure(q: Queryable, municipalityId: string, decisionId: string, measureId: string): Promise<boolean> {
  const r = await q.query('UPDATE meeting_decisions SET measure_id = $2::uuid WHERE id = $1::uuid AND municipality_id = $3 AND measure_id IS NULL', [decisionId, measureId, municipalityId]);
  return r.affectedRows > 0;
}

/** The newest published edition for the area (or the whole municipality when no area is given). */
export async function latestPublishedEdition(q: Queryable, municipalityId: string, areaId: string | null): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    `SELECT id FROM situation_pictures WHERE municipality_id = $1 AND status = 'published'
        AND (($2::uuid IS NULL AND area_id IS NULL) OR area_id = $2::uuid)
      ORDER BY period_to DESC, published_at DESC LIMIT 1`, [municipalityId, areaId]);
  return r.rows[0]?.id ?? null;
}

export async function editionForAgenda(q: Queryable, id: string, municipalityId: string): Promise<{ content: SituationPictureContent; statusLevels: StatusLevelEntry[]; status: string } | null> {
  const r = await q.query<{ content: SituationPictureContent; statusLevels: StatusLevelEntry[]; status: string }>(
    `SELECT content, status_levels AS "statusLevels", status FROM situation_pictures WHERE id = $1::uuid AND municipality_id = $2`, [id, municipalityId]);
  return r.rows[0] ?? null;
}

/**
 * Earlier decisions (of meetings held before `before`, in the municipality and, with an area, that
 * area's meetings) whose measure is neither done nor cancelled.
 */
export async function openDecisions(q: Queryable, municipalityId: string, areaId: string | null, before: Date, excludeMeetingId: string | null): Promise<OpenDecision[]> {
  const r = await q.query<OpenDecision>(
    `SELECT d.id, d.text, g.title AS "meetingTitle", (g.held_at AT TIME ZONE 'Europe/Stockholm')::date::text AS "decidedOn",
            o.name AS "organisationName", d.due::text AS due, m.id AS "measureId", m.title AS "measureTitle", m.status AS "measureStatus"
       FROM meeting_decisions d JOIN meetings g ON g.municipality_id = d.municipality_id AND g.id = d.meeting_id
       JOIN measures m ON m.municipality_id = d.municipality_id AND m.id = d.measure_id
       LEFT JOIN organisations o ON o.id = COALESCE(d.organisation_id, m.organisation_id)
      WHERE d.municipality_id = $1 AND g.held_at < $2 AND ($3::uuid IS NULL OR g.area_id = $3::uuid)
        AND ($4::uuid IS NULL OR g.id <> $4::uuid) AND m.status NOT IN ('done', 'cancelled')
      ORDER BY g.held_at, d.created_at`, [municipalityId, before, areaId, excludeMeetingId]);
  return r.rows;
}

/** Ids of measures for a meeting's agenda: in the area (its own or at a place inside it), or all of the municipality. */
export async function agendaMeasureIds(q: Queryable, municipalityId: string, areaId: string | null): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `SELECT m.id FROM measures m LEFT JOIN places p ON p.municipality_id = m.municipality_id AND p.id = m.place_id
      WHERE m.municipality_id = $1 AND m.status NOT IN ('done', 'cancelled')
        AND ($2::uuid IS NULL OR m.area_id = $2::uuid OR EXISTS (SELECT 1 FROM areas a WHERE a.id = $2::uuid AND a.municipality_id = $1 AND ST_Intersects(a.geom, p.geom)))`,
    [municipalityId, areaId]);
  return r.rows.map((x) => x.id);
}

/** Organisations of the municipality among `ids`, with their names. */
export async function organisationNames(q: Queryable, ids: string[], municipalityId: string): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const r = await q.query<{ id: string; name: string }>('SELECT id, name FROM organisations WHERE id = ANY($1::uuid[]) AND municipality_id = $2', [ids, municipalityId]);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

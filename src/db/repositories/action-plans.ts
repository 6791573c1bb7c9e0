import type { Queryable } from '../engine.ts';
import type { ActionPlanRecord, ActionPlanWrite } from '../../core/action-plans/types.ts';
import type { ProblemAnalysis } from '../../core/situation-picture/content.ts';

const COLUMNS = `id, municipality_id AS "municipalityId", year, narrative, survey, adopted_at::text AS "adoptedAt", adopted_by AS "adoptedBy",
  row_version AS "rowVersion", created_at AS "createdAt", updated_at AS "updatedAt"`;

const parse = (r: ActionPlanRecord & { createdAt: Date | string; updatedAt: Date | string }): ActionPlanRecord => ({
  ...r,
  narrative: {
    introduction: r.narrative?.introduction ?? '', analysis: r.narrative?.analysis ?? '',
    // Plans written before priorities could come from an edition have no source.
    priorities: (r.narrative?.priorities ?? []).map((p) => ({ ...p, source: p.source ?? null })),
  },
  survey: r.survey ?? [],
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

export async function getActionPlanRow(q: Queryable, municipalityId: string, year: number, forUpdate = false): Promise<ActionPlanRecord | null> {
  const r = await q.query<ActionPlanRecord>(`SELECT ${COLUMNS} FROM action_plans WHERE municipality_id = $1 AND year = $2${forUpdate ? ' FOR UPDATE' : ''}`, [municipalityId, year]);
  return r.rows[0] ? parse(r.rows[0]) : null;
}

// A write returns the key only and the row is read after it: the row's columns include a date as
// text, a cast that depends on the session's DateStyle, which Citus refuses in RETURNING.
const rowById = async (q: Queryable, municipalityId: string, id: string | undefined): Promise<ActionPlanRecord | null> => {
  if (!id) return null;
  const r = await q.query<ActionPlanRecord>(`SELECT ${COLUMNS} FROM action_plans WHERE municipality_id = $1 AND id = $2`, [municipalityId, id]);
  return r.rows[0] ? parse(r.rows[0]) : null;
};

/** Inserts the year's plan; null when another request inserted it first (the caller reports a version conflict). */
export async function insertActionPlan(q: Queryable, municipalityId: string, year: number, w: ActionPlanWrite, createdBy: string | null): Promise<ActionPlanRecord | null> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO action_plans (municipality_id, year, narrative, survey, adopted_at, adopted_by, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (municipality_id, year) DO NOTHING RETURNING id`,
    [municipalityId, year, JSON.stringify(w.narrative), JSON.stringify(w.survey), w.adoptedAt, w.adoptedBy, createdBy]);
  return rowById(q, municipalityId, r.rows[0]?.id);
}

/** Updates the plan if it still has `rowVersion`; null when it changed meanwhile. */
export async function updateActionPlan(q: Queryable, municipalityId: string, id: string, rowVersion: number, w: ActionPlanWrite): Promise<ActionPlanRecord | null> {
  const r = await q.query<{ id: string }>(
    `UPDATE action_plans SET narrative = $3, survey = $4, adopted_at = $5, adopted_by = $6, row_version = row_version + 1, updated_at = now()
      WHERE id = $1 AND row_version = $2 AND municipality_id = $7 RETURNING id`,
    [id, rowVersion, JSON.stringify(w.narrative), JSON.stringify(w.survey), w.adoptedAt, w.adoptedBy, municipalityId]);
  return rowById(q, municipalityId, r.rows[0]?.id);
}

/** A published edition whose period overlaps [from, to), with its prioritised problems. */
export interface PublishedEditionProblems {
  id: string;
  seriesId: string;
  version: number;
  title: string;
  periodFrom: Date;
  periodTo: Date;
  publishedAt: Date;
  problems: ProblemAnalysis[];
}

/** The municipality's published editions over a span of time, newest period first, with their problems. */
export async function publishedEditionProblems(q: Queryable, municipalityId: string, from: Date, to: Date): Promise<PublishedEditionProblems[]> {
  const r = await q.query<PublishedEditionProblems>(
    `SELECT id, series_id AS "seriesId", version, title, period_from AS "periodFrom", period_to AS "periodTo", published_at AS "publishedAt",
            COALESCE(narrative->'problems', '[]'::jsonb) AS problems
       FROM situation_pictures
      WHERE municipality_id = $1 AND status = 'published' AND period_from < $3 AND period_to > $2
      ORDER BY period_to DESC, published_at DESC, id`, [municipalityId, from, to]);
  return r.rows.map((e) => ({ ...e, periodFrom: new Date(e.periodFrom), periodTo: new Date(e.periodTo), publishedAt: new Date(e.publishedAt), problems: Array.isArray(e.problems) ? e.problems : [] }));
}

/** Titles of the municipality's published editions by id (a plan's priority names the edition it came from). */
export async function publishedEditionTitles(q: Queryable, municipalityId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const r = await q.query<{ id: string; title: string }>(
    `SELECT id, title FROM situation_pictures WHERE municipality_id = $1 AND status = 'published' AND id = ANY($2::uuid[])`, [municipalityId, ids]);
  return new Map(r.rows.map((x) => [x.id, x.title]));
}

/**
 * The yearly "Lägesbild och åtgärdsplan" (lag 2023:196, 4 §): what the coordinator writes (the
 * introduction, the analysis and the prioritised problems with their causes) and enters (survey
 * figures such as NTU). The mapping and the measures are not stored here: the document computes
 * them from the incidents and the measures when it is made.
 */
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, IssueCollector, invalid } from '../core/errors/index.ts';
import { checkNarrative } from '../core/situation-picture/narrative.ts';
import { periodDates, parsePeriod } from '../core/situation-picture/period.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { getActionPlanRow, insertActionPlan, publishedEditionProblems, publishedEditionTitles, updateActionPlan } from '../db/repositories/action-plans.ts';
import type { ActionPlanNarrative, ActionPlanRecord, PlanPriority, PrioritySource, SurveyFigure } from '../core/action-plans/types.ts';
import { planComparison, type PlanComparison } from '../core/action-plans/period.ts';
import { editionsOfYear, planProposals, priorityFromProposal, problemKey, type EditionProblems, type PlanProposal } from '../core/action-plans/proposals.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { narrativeReferenceIds } from '../db/repositories/situation-pictures.ts';
import { checkText as text, isObject } from '../core/errors/checks.ts';

export type { ActionPlanNarrative, SurveyFigure };

export const ACTION_PLAN_LIMITS = {
  yearMin: 2000, yearMax: 2100, text: 20_000, surveyItems: 50, source: 200, indicator: 300, unit: 50, label: 200, adoptedBy: 200,
} as const;

/** The plan of a year; `rowVersion` 0 and `id` null when nothing has been written for the year yet. */
export interface ActionPlan extends Omit<ActionPlanRecord, 'id' | 'createdAt' | 'updatedAt'> {
  id: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** What the document's mapping covers today and compares with (a running year: the same dates the year before). */
  comparison: PlanComparison;
}

export interface ActionPlanInput {
  rowVersion?: number;
  narrative?: unknown;
  survey?: unknown;
  adoptedAt?: string | null;
  adoptedBy?: string | null;
}


const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The year must be a whole year the table holds; the field is named for the route's path parameter. */
export function checkYear(year: unknown, issues: IssueCollector, field = 'year'): number {
  const y = typeof year === 'string' && /^\d{1,6}$/.test(year) ? Number(year) : year;
  if (typeof y !== 'number' || !Number.isInteger(y)) issues.add(field, 'type', { expected: 'integer' });
  else if (y < ACTION_PLAN_LIMITS.yearMin) issues.add(field, 'too_small', { min: ACTION_PLAN_LIMITS.yearMin });
  else if (y > ACTION_PLAN_LIMITS.yearMax) issues.add(field, 'too_large', { max: ACTION_PLAN_LIMITS.yearMax });
  return typeof y === 'number' ? y : NaN;
}

function finite(v: unknown, field: string, issues: IssueCollector): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) { issues.add(field, 'type', { expected: 'number' }); return NaN; }
  return v;
}

function checkSurvey(input: unknown, issues: IssueCollector): SurveyFigure[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) { issues.add('survey', 'type', { expected: 'array' }); return []; }
  if (input.length > ACTION_PLAN_LIMITS.surveyItems) issues.add('survey', 'too_large', { max: ACTION_PLAN_LIMITS.surveyItems });
  return input.slice(0, ACTION_PLAN_LIMITS.surveyItems).map((s, i): SurveyFigure | null => {
    const f = `survey[${i}]`;
    if (!isObject(s)) { issues.add(f, 'type', { expected: 'object' }); return null; }
    const year = s.year === undefined ? NaN : s.year;
    if (year === undefined || (typeof year === 'number' && Number.isNaN(year))) issues.add(`${f}.year`, 'required');
    else checkYear(year, issues, `${f}.year`);
    let comparison: SurveyFigure['comparison'] = null;
    if (s.comparison !== undefined && s.comparison !== null) {
      if (!isObject(s.comparison)) issues.add(`${f}.comparison`, 'type', { expected: 'object' });
      else comparison = { label: text(s.comparison.label, `${f}.comparison.label`, ACTION_PLAN_LIMITS.label, issues, true), value: finite(s.comparison.value, `${f}.comparison.value`, issues) };
    }
    return {
      source: text(s.source, `${f}.source`, ACTION_PLAN_LIMITS.source, issues, true),
      indicator: text(s.indicator, `${f}.indicator`, ACTION_PLAN_LIMITS.indicator, issues, true),
      value: finite(s.value, `${f}.value`, issues),
      unit: text(s.unit, `${f}.unit`, ACTION_PLAN_LIMITS.unit, issues),
      year: year as number,
      comparison,
    };
  }).filter((s): s is SurveyFigure => s !== null);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The edition a priority came from, as sent back by the page: its form here, its existence by checkReferences. */
function checkSource(v: unknown, field: string, issues: IssueCollector): PrioritySource | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v) || typeof v.situationPictureId !== 'string' || !UUID.test(v.situationPictureId) || typeof v.problemId !== 'string' || !v.problemId || v.problemId.length > 100) {
    issues.add(field, 'type', { expected: 'object' });
    return null;
  }
  return { situationPictureId: v.situationPictureId, problemId: v.problemId, title: typeof v.title === 'string' ? v.title.slice(0, 1000) : '' };
}

function checkPlanNarrative(input: unknown, issues: IssueCollector): ActionPlanNarrative {
  if (input === undefined || input === null) return { introduction: '', analysis: '', priorities: [] };
  if (!isObject(input)) { issues.add('narrative', 'type', { expected: 'object' }); return { introduction: '', analysis: '', priorities: [] }; }
  const introduction = text(input.introduction, 'narrative.introduction', ACTION_PLAN_LIMITS.text, issues);
  const analysis = text(input.analysis, 'narrative.analysis', ACTION_PLAN_LIMITS.text, issues);
  // The priorities are cause analyses like an edition's problems: the same rules, under their own name.
  const raw = input.priorities ?? [];
  const inner = new IssueCollector();
  const { problems } = checkNarrative({ summary: '', problems: raw }, inner);
  for (const i of inner.issues) issues.add(i.field.replace(/^narrative\.problems/, 'narrative.priorities'), i.code, i.params);
  if (inner.issues.length || !Array.isArray(raw)) return { introduction, analysis, priorities: problems.map((p) => ({ ...p, source: null })) };
  // checkNarrative returns the problems stably sorted by priority (the position when none is given):
  // the same order of the sent items carries each one's source across.
  const order = raw.map((p, i) => ({ i, priority: isObject(p) && typeof p.priority === 'number' ? p.priority : i + 1 }))
    .sort((a, b) => a.priority - b.priority).map((x) => x.i);
  const sources = raw.map((p, i) => checkSource(isObject(p) ? p.source : undefined, `narrative.priorities[${i}].source`, issues));
  return { introduction, analysis, priorities: problems.map((p, k) => ({ ...p, source: sources[order[k]] ?? null })) };
}

async function checkReferences(q: Queryable, municipalityId: string, priorities: ActionPlanNarrative['priorities'], issues: IssueCollector): Promise<void> {
  if (!priorities.length) return;
  // A priority's edition is a published one of the municipality; its title is the edition's own.
  const titles = await publishedEditionTitles(q, municipalityId, [...new Set(priorities.flatMap((p) => (p.source ? [p.source.situationPictureId] : [])))]);
  priorities.forEach((p, i) => {
    if (!p.source) return;
    const title = titles.get(p.source.situationPictureId);
    if (title === undefined) issues.add(`narrative.priorities[${i}].source`, 'unknown_reference', { what: 'lägesbilden' });
    else p.source.title = title;
  });
  const { areas, places, categories } = await narrativeReferenceIds(q, municipalityId);
  priorities.forEach((p, i) => {
    const f = `narrative.priorities[${i}]`;
    if (p.areaId && !areas.has(p.areaId) && !issues.has(`${f}.areaId`)) issues.add(`${f}.areaId`, 'unknown_reference', { what: 'området' });
    if (p.placeId && !places.has(p.placeId) && !issues.has(`${f}.placeId`)) issues.add(`${f}.placeId`, 'unknown_reference', { what: 'platsen' });
    p.categoryIds.forEach((c, k) => { if (!categories.has(c)) issues.add(`${f}.categoryIds[${k}]`, 'unknown_reference', { what: 'kategorin' }); });
  });
}

function validDate(v: unknown, field: string, issues: IssueCollector): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    issues.add(field, 'format', { format: 'ÅÅÅÅ-MM-DD' });
    return null;
  }
  return v;
}

const empty = (municipalityId: string, year: number): Omit<ActionPlan, 'comparison'> => ({
  id: null, municipalityId, year, narrative: { introduction: '', analysis: '', priorities: [] }, survey: [], adoptedAt: null, adoptedBy: null,
  rowVersion: 0, createdAt: null, updatedAt: null,
});

const withComparison = (plan: Omit<ActionPlan, 'comparison'>, now: Date): ActionPlan => ({ ...plan, comparison: planComparison(plan.year, now) });

/** The plan of the actor's municipality for a year (an empty one when none is written yet). */
export async function getActionPlan(db: Queryable, actor: Actor, year: unknown, municipalityId = actor.municipalityId): Promise<ActionPlan> {
  if (!can(actor, 'actionPlan.read')) throw new DomainError('forbidden');
  const issues = new IssueCollector();
  const y = checkYear(year, issues);
  if (!actor.municipalities.includes(municipalityId)) issues.add('municipality', 'unknown_reference', { what: 'kommunen' });
  issues.throwIfAny();
  return withComparison((await getActionPlanRow(db, municipalityId, y)) ?? empty(municipalityId, y), new Date());
}

/**
 * Writes the year's plan whole (PUT). A plan that exists needs its current rowVersion (409
 * version_mismatch otherwise, so two coordinators never overwrite each other unseen); a new one takes
 * rowVersion 0 or none. Every bad field is named; nothing is written when one is bad.
 */
export async function putActionPlan(db: Database, actor: Actor, year: unknown, input: ActionPlanInput, municipalityId = actor.municipalityId): Promise<ActionPlan> {
  if (!can(actor, 'actionPlan.write')) throw new DomainError('forbidden');
  const issues = new IssueCollector();
  const y = checkYear(year, issues);
  if (!actor.municipalities.includes(municipalityId)) issues.add('municipality', 'unknown_reference', { what: 'kommunen' });
  if (!isObject(input)) { issues.add('body', 'type', { expected: 'object' }); issues.throwIfAny(); }
  const narrative = checkPlanNarrative(input.narrative, issues);
  const survey = checkSurvey(input.survey, issues);
  const adoptedAt = validDate(input.adoptedAt, 'adoptedAt', issues);
  const adoptedBy = text(input.adoptedBy, 'adoptedBy', ACTION_PLAN_LIMITS.adoptedBy, issues) || null;
  if (input.rowVersion !== undefined && (typeof input.rowVersion !== 'number' || !Number.isInteger(input.rowVersion) || input.rowVersion < 0)) issues.add('rowVersion', 'type', { expected: 'integer' });
  issues.throwIfAny();
  return db.transaction(async (tx) => {
    await checkReferences(tx, municipalityId, narrative.priorities, issues);
    issues.throwIfAny();
    const current = await getActionPlanRow(tx, municipalityId, y, true);
    const conflict = (have: number) => new DomainError('conflict', [{ field: 'rowVersion', code: 'version_mismatch', params: { current: have } }]);
    const write = { narrative, survey, adoptedAt, adoptedBy };
    let saved: ActionPlanRecord | null;
    if (!current) {
      if (input.rowVersion) throw conflict(0);
      saved = await insertActionPlan(tx, municipalityId, y, write, actor.userId === 'system' ? null : actor.userId);
      if (!saved) throw conflict(1);
    } else {
      if (input.rowVersion === undefined) throw new DomainError('conflict', [{ field: 'rowVersion', code: 'required' }]);
      if (input.rowVersion !== current.rowVersion) throw conflict(current.rowVersion);
      saved = await updateActionPlan(tx, municipalityId, current.id, current.rowVersion, write);
      if (!saved) throw conflict(current.rowVersion + 1);
    }
    await recordAudit(tx, { municipalityId, userId: actor.userId === 'system' ? null : actor.userId, action: current ? 'action_plan.update' : 'action_plan.create', subjectType: 'action_plan', subjectId: saved.id, details: { year: y } });
    return withComparison(saved, new Date());
  });
}

/** The published editions of a municipality that touch a year, with their problems, as the proposals read them. */
async function editionsTouching(q: Queryable, municipalityId: string, year: number): Promise<EditionProblems[]> {
  const span = parsePeriod(`${year}-01-01`, `${year}-12-31`);
  return (await publishedEditionProblems(q, municipalityId, span.from, span.to)).map((e) => ({
    id: e.id, seriesId: e.seriesId, version: e.version, title: e.title, publishedAt: e.publishedAt.toISOString(), problems: e.problems,
    period: (({ from, to }) => ({ from, to }))(periodDates(e.periodFrom, e.periodTo)),
  }));
}

/**
 * The problems the year's published lägesbilder prioritised, as proposals for the plan: one per
 * problem, the newest edition's analysis, and whether the plan already has it.
 */
export async function listPlanProposals(db: Queryable, actor: Actor, year: unknown, municipalityId = actor.municipalityId): Promise<{ items: PlanProposal[] }> {
  if (!can(actor, 'actionPlan.read') || !can(actor, 'editions.read')) throw new DomainError('forbidden');
  const plan = await getActionPlan(db, actor, year, municipalityId);
  return { items: planProposals(plan.year, await editionsTouching(db, municipalityId, plan.year), plan.narrative.priorities) };
}

export interface AcceptProposalInput {
  situationPictureId?: unknown;
  problemId?: unknown;
  rowVersion?: unknown;
}

/**
 * Accepts a proposal: the edition's problem (its cause analysis and suggested measures) becomes the
 * plan's last prioritised problem, linked to the edition. Places, areas and categories that no
 * longer exist are left out rather than refused (the coordinator did not write them). The plan is
 * written at the rowVersion the page last read, like a save.
 */
export async function acceptPlanProposal(db: Database, actor: Actor, year: unknown, input: AcceptProposalInput, municipalityId = actor.municipalityId): Promise<ActionPlan> {
  if (!can(actor, 'actionPlan.write')) throw new DomainError('forbidden');
  const issues = new IssueCollector();
  const y = checkYear(year, issues);
  if (!actor.municipalities.includes(municipalityId)) issues.add('municipality', 'unknown_reference', { what: 'kommunen' });
  if (!isObject(input)) { issues.add('body', 'type', { expected: 'object' }); issues.throwIfAny(); }
  if (typeof input.situationPictureId !== 'string' || !UUID.test(input.situationPictureId)) issues.add('situationPictureId', 'format', { format: 'uuid' });
  if (typeof input.problemId !== 'string' || !input.problemId) issues.add('problemId', 'required');
  if (input.rowVersion !== undefined && (typeof input.rowVersion !== 'number' || !Number.isInteger(input.rowVersion) || input.rowVersion < 0)) issues.add('rowVersion', 'type', { expected: 'integer' });
  issues.throwIfAny();
  const editionId = input.situationPictureId as string, problemId = input.problemId as string, rowVersion = input.rowVersion as number | undefined;
  return db.transaction(async (tx) => {
    const edition = editionsOfYear(y, await editionsTouching(tx, municipalityId, y)).find((e) => e.id === editionId);
    const problem = edition?.problems.find((p) => p.id === problemId);
    if (!edition) throw invalid('situationPictureId', 'unknown_reference', { what: 'lägesbilden' });
    if (!problem) throw invalid('problemId', 'unknown_reference', { what: 'problemet' });
    const current = await getActionPlanRow(tx, municipalityId, y, true);
    const conflict = (have: number) => new DomainError('conflict', [{ field: 'rowVersion', code: 'version_mismatch', params: { current: have } }]);
    if (current && rowVersion !== current.rowVersion) throw conflict(current.rowVersion);
    if (!current && rowVersion) throw conflict(0);
    const priorities: PlanPriority[] = current?.narrative.priorities ?? [];
    if (priorities.some((p) => problemKey(p.title) === problemKey(problem.title) || (p.source?.situationPictureId === editionId && p.source.problemId === problemId))) {
      throw new DomainError('conflict', [{ field: 'problemId', code: 'taken' }]);
    }
    const { areas, places, categories } = await narrativeReferenceIds(tx, municipalityId);
    const added = priorityFromProposal({
      ...problem,
      placeId: problem.placeId && places.has(problem.placeId) ? problem.placeId : null,
      areaId: problem.areaId && areas.has(problem.areaId) ? problem.areaId : null,
      categoryIds: problem.categoryIds.filter((c) => categories.has(c)),
    }, { situationPictureId: edition.id, title: edition.title, problemId: problem.id }, priorities);
    const write = {
      narrative: { introduction: current?.narrative.introduction ?? '', analysis: current?.narrative.analysis ?? '', priorities: [...priorities, added] },
      survey: current?.survey ?? [], adoptedAt: current?.adoptedAt ?? null, adoptedBy: current?.adoptedBy ?? null,
    };
    const saved = current
      ? await updateActionPlan(tx, municipalityId, current.id, current.rowVersion, write)
      : await insertActionPlan(tx, municipalityId, y, write, actor.userId === 'system' ? null : actor.userId);
    if (!saved) throw conflict((current?.rowVersion ?? 0) + 1);
    await recordAudit(tx, {
      municipalityId, userId: actor.userId === 'system' ? null : actor.userId, action: current ? 'action_plan.update' : 'action_plan.create',
      subjectType: 'action_plan', subjectId: saved.id, details: { year: y, acceptedProposal: { situationPictureId: edition.id, problemId: problem.id } },
    });
    return withComparison(saved, new Date());
  });
}

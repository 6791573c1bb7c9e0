/**
 * The yearly "Lägesbild och åtgärdsplan" (lag 2023:196, 4 §): what the coordinator writes (the
 * introduction, the analysis and the prioritised problems with their causes) and enters (survey
 * figures such as NTU). The mapping and the measures are not stored here: the document computes
 * them from the incidents and the measures when it is made.
 */
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, IssueCollector } from '../core/errors/index.ts';
import { checkNarrative } from '../core/situation-picture/narrative.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { getActionPlanRow, insertActionPlan, updateActionPlan } from '../db/repositories/action-plans.ts';
import type { ActionPlanNarrative, ActionPlanRecord, SurveyFigure } from '../core/action-plans/types.ts';
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

function checkPlanNarrative(input: unknown, issues: IssueCollector): ActionPlanNarrative {
  if (input === undefined || input === null) return { introduction: '', analysis: '', priorities: [] };
  if (!isObject(input)) { issues.add('narrative', 'type', { expected: 'object' }); return { introduction: '', analysis: '', priorities: [] }; }
  const introduction = text(input.introduction, 'narrative.introduction', ACTION_PLAN_LIMITS.text, issues);
  const analysis = text(input.analysis, 'narrative.analysis', ACTION_PLAN_LIMITS.text, issues);
  // The priorities are cause analyses like an edition's problems: the same rules, under their own name.
  const inner = new IssueCollector();
  const { problems } = checkNarrative({ summary: '', problems: input.priorities ?? [] }, inner);
  for (const i of inner.issues) issues.add(i.field.replace(/^narrative\.problems/, 'narrative.priorities'), i.code, i.params);
  return { introduction, analysis, priorities: problems };
}

async function checkReferences(q: Queryable, municipalityId: string, priorities: ActionPlanNarrative['priorities'], issues: IssueCollector): Promise<void> {
  if (!priorities.length) return;
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

const empty = (municipalityId: string, year: number): ActionPlan => ({
  id: null, municipalityId, year, narrative: { introduction: '', analysis: '', priorities: [] }, survey: [], adoptedAt: null, adoptedBy: null,
  rowVersion: 0, createdAt: null, updatedAt: null,
});

/** The plan of the actor's municipality for a year (an empty one when none is written yet). */
export async function getActionPlan(db: Queryable, actor: Actor, year: unknown, municipalityId = actor.municipalityId): Promise<ActionPlan> {
  if (!can(actor, 'actionPlan.read')) throw new DomainError('forbidden');
  const issues = new IssueCollector();
  const y = checkYear(year, issues);
  if (!actor.municipalities.includes(municipalityId)) issues.add('municipality', 'unknown_reference', { what: 'kommunen' });
  issues.throwIfAny();
  return (await getActionPlanRow(db, municipalityId, y)) ?? empty(municipalityId, y);
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
    return saved;
  });
}

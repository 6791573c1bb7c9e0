import { IssueCollector, type FieldIssue } from '../errors/index.ts';
import { measureType, type MeasureTerm } from './catalogue.ts';

/**
 * What a measure must be before it is stored. Pure: references (organisation, place, area,
 * categories) are checked against the database by the service; here only the shape and the rules
 * between fields.
 */

export const MEASURE_STATUSES = ['proposed', 'planned', 'ongoing', 'done', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const MEASURE_TERMS: readonly MeasureTerm[] = ['short', 'long'];

export const MEASURE_LIMITS = {
  titleMax: 200,
  problemMax: 2000,
  responsiblePersonMax: 200,
  notesMax: 5000,
  costMax: 999_999_999_999,
  categoriesMax: 50,
  bufferM: { min: 50, max: 2000 },
  weeks: { min: 4, max: 104 },
} as const;

export interface FollowUpSettings {
  bufferM?: number;
  controlAreaId?: string;
  controlPlaceId?: string;
  weeks?: number;
}

export interface MeasureInput {
  type?: string;
  term?: MeasureTerm;
  title?: string;
  problem?: string | null;
  categoryIds?: string[];
  placeId?: string | null;
  areaId?: string | null;
  organisationId?: string;
  responsiblePerson?: string | null;
  status?: MeasureStatus;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  actualStart?: string | null;
  actualEnd?: string | null;
  costSek?: number | null;
  notes?: string | null;
  followUp?: FollowUpSettings;
  meetingId?: string | null;
  situationPictureId?: string | null;
}

/** The stored state the rules compare a change with. */
export interface MeasureState {
  type: string;
  term: MeasureTerm;
  title: string;
  placeId: string | null;
  areaId: string | null;
  organisationId: string;
  status: MeasureStatus;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
}

/**
 * Allowed status changes. Creating a measure may use any status (a measure taken before it was
 * recorded is entered as done). A planned measure may be marked done directly (the work was short);
 * a done measure may be reopened as ongoing (marked done by mistake, or resumed); a cancelled one
 * may be planned again. Skipping planning (proposed → done) or going back from work to planning
 * (ongoing → planned) is refused: it would rewrite what happened.
 */
export const STATUS_TRANSITIONS: Readonly<Record<MeasureStatus, readonly MeasureStatus[]>> = {
  proposed: ['planned', 'ongoing', 'cancelled'],
  planned: ['proposed', 'ongoing', 'done', 'cancelled'],
  ongoing: ['done', 'cancelled'],
  done: ['ongoing'],
  cancelled: ['planned'],
};

export const canTransition = (from: MeasureStatus, to: MeasureStatus) => from === to || STATUS_TRANSITIONS[from].includes(to);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day as YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] && +m[1] >= 2000 && +m[1] <= 2100;
}

const blank = (s: string | null | undefined) => s === undefined || s === null || s.trim() === '';

/**
 * Field issues of a new measure (no `current`) or of a change to a stored one. `prefix` names the
 * fields when the measure is part of a larger body (a meeting decision's `measure.`).
 */
export function measureIssues(input: MeasureInput, current: MeasureState | null = null, prefix = ''): FieldIssue[] {
  const c = new IssueCollector();
  const f = (name: string) => prefix + name;
  const has = <K extends keyof MeasureInput>(k: K) => input[k] !== undefined;
  const merged = <K extends keyof MeasureState>(k: K): MeasureState[K] | undefined =>
    (has(k as keyof MeasureInput) ? (input[k as keyof MeasureInput] as unknown as MeasureState[K]) : current?.[k]);

  if (!current || has('type')) {
    if (blank(input.type)) c.add(f('type'), 'required');
    else if (!measureType(input.type!)) c.add(f('type'), 'not_allowed_value', { allowed: 'se GET /api/measure-types' });
  }
  if (!current || has('term')) {
    if (input.term === undefined || input.term === null) c.add(f('term'), 'required');
    else if (!MEASURE_TERMS.includes(input.term)) c.add(f('term'), 'not_allowed_value', { allowed: MEASURE_TERMS.join(', ') });
  }
  if (!current || has('title')) {
    if (blank(input.title)) c.add(f('title'), 'required');
    else if (input.title!.trim().length > MEASURE_LIMITS.titleMax) c.add(f('title'), 'too_long', { max: MEASURE_LIMITS.titleMax });
  }
  // A measure without an owner is a wish, not a measure.
  if (!current || has('organisationId')) {
    if (blank(input.organisationId)) c.add(f('organisationId'), 'required');
  }
  const placeId = merged('placeId'), areaId = merged('areaId');
  if (blank(placeId) && blank(areaId)) c.add(f(has('areaId') && !has('placeId') ? 'areaId' : 'placeId'), 'required');

  for (const [k, max] of [['problem', MEASURE_LIMITS.problemMax], ['responsiblePerson', MEASURE_LIMITS.responsiblePersonMax], ['notes', MEASURE_LIMITS.notesMax]] as const) {
    const v = input[k];
    if (typeof v === 'string' && v.length > max) c.add(f(k), 'too_long', { max });
  }
  if (input.status !== undefined && !MEASURE_STATUSES.includes(input.status)) {
    c.add(f('status'), 'not_allowed_value', { allowed: MEASURE_STATUSES.join(', ') });
  }
  if (input.costSek !== undefined && input.costSek !== null) {
    if (typeof input.costSek !== 'number' || !Number.isFinite(input.costSek)) c.add(f('costSek'), 'type', { expected: 'number' });
    else if (input.costSek < 0) c.add(f('costSek'), 'too_small', { min: 0 });
    else if (input.costSek > MEASURE_LIMITS.costMax) c.add(f('costSek'), 'too_large', { max: MEASURE_LIMITS.costMax });
  }
  if (input.categoryIds && input.categoryIds.length > MEASURE_LIMITS.categoriesMax) c.add(f('categoryIds'), 'too_long', { max: MEASURE_LIMITS.categoriesMax });

  // Dates: each a real day, ends not before starts.
  const dates = ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const;
  const badDate = new Set<string>();
  for (const k of dates) {
    const v = input[k];
    if (v !== undefined && v !== null && !isCalendarDate(v)) { c.add(f(k), 'format', { format: 'YYYY-MM-DD' }); badDate.add(k); }
  }
  for (const [from, to] of [['plannedStart', 'plannedEnd'], ['actualStart', 'actualEnd']] as const) {
    const a = merged(from), b = merged(to);
    if (a && b && !badDate.has(from) && !badDate.has(to) && b < a && (has(from) || has(to))) {
      c.add(f(has(to) ? to : from), 'period_reversed', { from: a, to: b });
    }
  }

  const status = merged('status') ?? 'planned';
  if (current && input.status !== undefined && MEASURE_STATUSES.includes(input.status) && !canTransition(current.status, input.status)) {
    c.add(f('status'), 'invalid_transition', { from: current.status, to: input.status });
  }
  // Done means it happened, so it has a start; an end without a start is not a period either.
  if (status === 'done' && blank(merged('actualStart')) && !badDate.has('actualStart')) c.add(f('actualStart'), 'required');
  if (!blank(merged('actualEnd')) && blank(merged('actualStart')) && !c.has(f('actualStart'))) c.add(f('actualStart'), 'required');

  const fu = input.followUp;
  if (fu) {
    const { bufferM, weeks } = MEASURE_LIMITS;
    if (fu.bufferM !== undefined && (fu.bufferM < bufferM.min || fu.bufferM > bufferM.max)) c.add(f('followUp.bufferM'), fu.bufferM < bufferM.min ? 'too_small' : 'too_large', fu.bufferM < bufferM.min ? { min: bufferM.min } : { max: bufferM.max });
    if (fu.weeks !== undefined && (fu.weeks < weeks.min || fu.weeks > weeks.max)) c.add(f('followUp.weeks'), fu.weeks < weeks.min ? 'too_small' : 'too_large', fu.weeks < weeks.min ? { min: weeks.min } : { max: weeks.max });
    if (fu.controlAreaId && fu.controlPlaceId) c.add(f('followUp.controlPlaceId'), 'exclusive_fields', { a: 'controlAreaId', b: 'controlPlaceId' });
  }
  return c.issues;
}

/**
 * A measure is overdue when its planned end has passed (before `today`, YYYY-MM-DD) and it is
 * neither done nor cancelled.
 */
export function isOverdue(m: { status: MeasureStatus; plannedEnd: string | null }, today: string): boolean {
  return m.plannedEnd !== null && m.plannedEnd < today && m.status !== 'done' && m.status !== 'cancelled';
}

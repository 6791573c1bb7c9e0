import type { IssueCollector } from '../errors/index.ts';
import type { Narrative, ProblemAnalysis, StatusLevel, StatusLevelEntry } from './content.ts';
import { checkText as text, isObject } from '../errors/checks.ts';

/** Lengths the narrative may have: a page of summary, a paragraph or two per part of a cause analysis. */
export const NARRATIVE_LIMITS = { summary: 10_000, title: 200, part: 4000, problems: 20, statusLevels: 200, comment: 1000, name: 200 } as const;
export const STATUS_LEVELS: readonly StatusLevel[] = ['green', 'yellow', 'red'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


function uuidOrNull(v: unknown, field: string, issues: IssueCollector): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || !UUID.test(v)) { issues.add(field, 'format', { format: 'uuid' }); return null; }
  return v;
}

/**
 * The coordinator's narrative: a summary and one cause analysis per prioritised problem after the
 * crime triangle (offender, target, place). Returns the cleaned narrative; problems go to `issues`
 * under their dotted field names. Ids are checked for form here and for existence by the service.
 */
export function checkNarrative(input: unknown, issues: IssueCollector): Narrative {
  if (!isObject(input)) { issues.add('narrative', 'type', { expected: 'object' }); return { summary: '', problems: [] }; }
  const summary = text(input.summary, 'narrative.summary', NARRATIVE_LIMITS.summary, issues);
  const raw = input.problems ?? [];
  if (!Array.isArray(raw)) { issues.add('narrative.problems', 'type', { expected: 'array' }); return { summary, problems: [] }; }
  if (raw.length > NARRATIVE_LIMITS.problems) issues.add('narrative.problems', 'too_large', { max: NARRATIVE_LIMITS.problems });
  const problems: ProblemAnalysis[] = raw.slice(0, NARRATIVE_LIMITS.problems).map((p, i) => {
    const f = `narrative.problems[${i}]`;
    if (!isObject(p)) { issues.add(f, 'type', { expected: 'object' }); return null; }
    const priority = p.priority ?? i + 1;
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1) issues.add(`${f}.priority`, 'too_small', { min: 1 });
    const cats = p.categoryIds ?? [];
    const categoryIds: string[] = [];
    if (!Array.isArray(cats)) issues.add(`${f}.categoryIds`, 'type', { expected: 'array' });
    else cats.forEach((c, k) => { const id = uuidOrNull(c, `${f}.categoryIds[${k}]`, issues); if (id) categoryIds.push(id); });
    const id = typeof p.id === 'string' && p.id.trim() && p.id.length <= 100 ? p.id.trim() : `p${i + 1}`;
    return {
      id,
      title: text(p.title, `${f}.title`, NARRATIVE_LIMITS.title, issues, true),
      priority: typeof priority === 'number' ? priority : i + 1,
      categoryIds,
      placeId: uuidOrNull(p.placeId, `${f}.placeId`, issues),
      areaId: uuidOrNull(p.areaId, `${f}.areaId`, issues),
      offender: text(p.offender, `${f}.offender`, NARRATIVE_LIMITS.part, issues),
      target: text(p.target, `${f}.target`, NARRATIVE_LIMITS.part, issues),
      place: text(p.place, `${f}.place`, NARRATIVE_LIMITS.part, issues),
      suggestedMeasures: text(p.suggestedMeasures, `${f}.suggestedMeasures`, NARRATIVE_LIMITS.part, issues),
    };
  }).filter((p): p is ProblemAnalysis => p !== null);
  problems.sort((a, b) => a.priority - b.priority);
  return { summary, problems };
}

/** Status levels (grön / gul / röd) per area or place. */
export function checkStatusLevels(input: unknown, issues: IssueCollector): StatusLevelEntry[] {
  if (!Array.isArray(input)) { issues.add('statusLevels', 'type', { expected: 'array' }); return []; }
  if (input.length > NARRATIVE_LIMITS.statusLevels) issues.add('statusLevels', 'too_large', { max: NARRATIVE_LIMITS.statusLevels });
  const seen = new Set<string>();
  return input.slice(0, NARRATIVE_LIMITS.statusLevels).map((e, i) => {
    const f = `statusLevels[${i}]`;
    if (!isObject(e)) { issues.add(f, 'type', { expected: 'object' }); return null; }
    if (e.kind !== 'area' && e.kind !== 'place') issues.add(`${f}.kind`, 'not_allowed_value', { allowed: 'area, place' });
    if (!STATUS_LEVELS.includes(e.level as StatusLevel)) issues.add(`${f}.level`, 'not_allowed_value', { allowed: STATUS_LEVELS.join(', ') });
    const id = uuidOrNull(e.id, `${f}.id`, issues);
    if (!id && !issues.has(`${f}.id`)) issues.add(`${f}.id`, 'required');
    if (id && seen.has(`${e.kind}:${id}`)) issues.add(`${f}.id`, 'taken');
    if (id) seen.add(`${e.kind}:${id}`);
    return {
      kind: e.kind as 'area' | 'place', id: id ?? '', name: text(e.name, `${f}.name`, NARRATIVE_LIMITS.name, issues),
      level: e.level as StatusLevel, comment: text(e.comment, `${f}.comment`, NARRATIVE_LIMITS.comment, issues),
    };
  }).filter((e): e is StatusLevelEntry => e !== null);
}

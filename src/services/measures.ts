import { municipalitiesOf } from './scope.ts';
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, notFound, type FieldIssue } from '../core/errors/index.ts';
import { MEASURE_LIMITS, measureIssues, type MeasureInput, type MeasureState } from '../core/measures/rules.ts';
import { PersonalDataScrubber, type Scrubbed } from '../core/privacy/index.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { getMeasure as getMeasureRow, insertMeasure, knownCategories, listMeasures as listMeasureRows, measureReferences, updateMeasureRow } from '../db/repositories/measures.ts';
import type { Measure, MeasureFilter, MeasureRow } from '../core/measures/types.ts';


/**
 * Measures (åtgärder): who may see and change them, checked references, optimistic locking and the
 * audit trail. Coordinators manage all measures of their municipalities; area groups create them
 * (also on behalf of other organisations: a meeting decides who owns a measure) and edit those of
 * their own organisation; viewers and administrators read; reporters see only the measures linked
 * to one of their own reports.
 */


/** What a client may filter measures by (the rest of MeasureFilter the service sets itself). */
export type MeasureQuery = Pick<MeasureFilter, 'status' | 'term' | 'placeId' | 'areaId' | 'organisationId' | 'due' | 'incidentId' | 'meetingId'>;

export async function listMeasures(db: Queryable, actor: Actor, { municipality, ...query }: MeasureQuery & { municipality?: string } = {}): Promise<Measure[]> {
  const municipalities = municipalitiesOf(actor, municipality?.split(','));
  if (!can(actor, 'measures.read')) {
    // Reporters follow their own reports: "is something being done where I reported?"
    if (!query.incidentId) throw new DomainError('forbidden');
    return listMeasureRows(db, { ...query, municipalities, reporterId: actor.userId });
  }
  return listMeasureRows(db, { ...query, municipalities });
}

export async function getMeasure(db: Queryable, actor: Actor, id: string): Promise<Measure> {
  if (!can(actor, 'measures.read')) throw new DomainError('forbidden');
  const m = await getMeasureRow(db, id, actor.municipalities);
  if (!m) throw notFound('measure');
  return m;
}

const trimOrNull = (s: string | null | undefined) => (s === undefined ? undefined : s === null || s.trim() === '' ? null : s.trim());

/** Checks the references of an input against the database; returns the measure's municipality. */
async function referenceIssues(q: Queryable, actor: Actor, input: MeasureInput, municipalityId: string | null, prefix: string): Promise<{ issues: FieldIssue[]; municipalityId: string | null }> {
  const issues: FieldIssue[] = [];
  const fu = input.followUp ?? {};
  const refs = await measureReferences(q, { organisationId: input.organisationId, placeId: input.placeId, areaId: input.areaId, meetingId: input.meetingId, situationPictureId: input.situationPictureId }, actor.municipalities);
  const controls = await measureReferences(q, { areaId: fu.controlAreaId, placeId: fu.controlPlaceId }, actor.municipalities);
  if (input.organisationId) {
    const mun = refs.get('organisationId');
    if (!mun) issues.push({ field: `${prefix}organisationId`, code: 'unknown_reference', params: { what: 'organisationen' } });
    else municipalityId = mun;
  }
  const check = (field: string, value: string | null | undefined, found: Map<string, string>, key: string, what: string) => {
    if (!value) return;
    const mun = found.get(key);
    if (!mun || (municipalityId && mun !== municipalityId)) issues.push({ field: prefix + field, code: 'unknown_reference', params: { what } });
  };
  check('placeId', input.placeId, refs, 'placeId', 'platsen');
  check('areaId', input.areaId, refs, 'areaId', 'området');
  check('meetingId', input.meetingId, refs, 'meetingId', 'mötet');
  check('situationPictureId', input.situationPictureId, refs, 'situationPictureId', 'lägesbilden');
  check('followUp.controlAreaId', fu.controlAreaId, controls, 'areaId', 'kontrollområdet');
  check('followUp.controlPlaceId', fu.controlPlaceId, controls, 'placeId', 'kontrollplatsen');
  if (input.categoryIds?.length && municipalityId) {
    const known = await knownCategories(q, input.categoryIds, municipalityId);
    input.categoryIds.forEach((id, i) => { if (!known.has(id)) issues.push({ field: `${prefix}categoryIds[${i}]`, code: 'unknown_reference', params: { what: 'kategorin' } }); });
  }
  return { issues, municipalityId };
}

/**
 * Creates a measure. With `tx` it runs inside the caller's transaction (a meeting decision and its
 * measure are stored together or not at all); `prefix` names the fields inside a larger body.
 */
/** The free texts of a measure (the responsible person is a name by design: an official's). */
const FREE_TEXT: Partial<Record<keyof MeasureRow, number>> = { title: MEASURE_LIMITS.titleMax, problem: MEASURE_LIMITS.problemMax, notes: MEASURE_LIMITS.notesMax };

export async function createMeasure(db: Database, actor: Actor, input: MeasureInput, tx?: Queryable, prefix = ''): Promise<Scrubbed<Measure>> {
  if (!can(actor, 'measures.create')) throw new DomainError('forbidden');
  const run = async (q: Queryable) => {
    const issues = measureIssues(input, null, prefix);
    const refs = await referenceIssues(q, actor, input, null, prefix);
    issues.push(...refs.issues);
    if (issues.length) throw new DomainError('validation_failed', issues);
    const municipalityId = refs.municipalityId!;
    const scrub = new PersonalDataScrubber();
    const row: MeasureRow = {
      municipalityId,
      type: input.type!, term: input.term!, title: scrub.text(input.title!.trim(), FREE_TEXT.title), problem: scrub.text(trimOrNull(input.problem) ?? null, FREE_TEXT.problem),
      categoryIds: [...new Set(input.categoryIds ?? [])], placeId: input.placeId || null, areaId: input.areaId || null,
      organisationId: input.organisationId!, responsiblePerson: trimOrNull(input.responsiblePerson) ?? null,
      status: input.status ?? 'planned', plannedStart: input.plannedStart ?? null, plannedEnd: input.plannedEnd ?? null,
      actualStart: input.actualStart ?? null, actualEnd: input.actualEnd ?? null, costSek: input.costSek ?? null,
      notes: scrub.text(trimOrNull(input.notes) ?? null, FREE_TEXT.notes), followUp: input.followUp ?? {}, meetingId: input.meetingId ?? null,
      situationPictureId: input.situationPictureId ?? null,
    };
    const id = await insertMeasure(q, { ...row, createdBy: actor.userId });
    await recordAudit(q, { municipalityId, userId: actor.userId, action: 'measure.create', subjectType: 'measure', subjectId: id, details: { type: row.type, status: row.status, organisationId: row.organisationId } });
    return { ...(await getMeasureRow(q, id, actor.municipalities))!, personalDataRemoved: scrub.removed };
  };
  return tx ? run(tx) : db.transaction(run);
}

export async function updateMeasure(db: Database, actor: Actor, id: string, patch: MeasureInput & { rowVersion: number }): Promise<Scrubbed<Measure>> {
  if (!can(actor, 'measures.read')) throw new DomainError('forbidden');
  return db.transaction(async (tx) => {
    const current = await getMeasureRow(tx, id, actor.municipalities);
    if (!current) throw notFound('measure');
    if (!can(actor, 'measure.edit', current)) throw new DomainError('forbidden');
    const { rowVersion, ...input } = patch;
    if (current.rowVersion !== rowVersion) throw new DomainError('conflict', [{ field: 'rowVersion', code: 'version_mismatch', params: { current: current.rowVersion } }]);
    const state: MeasureState = current;
    const issues = measureIssues(input, state);
    const refs = await referenceIssues(tx, actor, input, current.municipalityId, '');
    if (refs.municipalityId !== current.municipalityId) issues.push({ field: 'organisationId', code: 'unknown_reference', params: { what: 'organisationen' } });
    issues.push(...refs.issues);
    if (issues.length) throw new DomainError('validation_failed', issues);
    const change: Partial<MeasureRow> = {};
    const scrub = new PersonalDataScrubber();
    for (const [k, v] of Object.entries(input) as Array<[keyof MeasureRow, unknown]>) {
      if (v === undefined) continue;
      const trimmed = typeof v === 'string' && ['title', 'problem', 'responsiblePerson', 'notes'].includes(k) ? trimOrNull(v) : v;
      (change as Record<string, unknown>)[k] = k in FREE_TEXT && typeof trimmed === 'string' ? scrub.text(trimmed, FREE_TEXT[k]) : trimmed;
    }
    if (change.categoryIds) change.categoryIds = [...new Set(change.categoryIds)];
    // null clears a field; only undefined leaves it as it is.
    const ok = await updateMeasureRow(tx, current.municipalityId, id, rowVersion, change);
    if (!ok) throw new DomainError('conflict', [{ field: 'rowVersion', code: 'version_mismatch', params: { current: rowVersion + 1 } }]);
    await recordAudit(tx, { municipalityId: current.municipalityId, userId: actor.userId, action: 'measure.update', subjectType: 'measure', subjectId: id, details: { fields: Object.keys(change), ...(change.status ? { status: { from: current.status, to: change.status } } : {}) } });
    return { ...(await getMeasureRow(tx, id, actor.municipalities))!, personalDataRemoved: scrub.removed };
  });
}


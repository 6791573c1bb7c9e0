/**
 * Making and changing reports: create (idempotent with a client-chosen id), update and review, each
 * recorded in the incident's history. Reading them is in incident-reads.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/access/roles.ts';
import { can, type Action } from '../core/access/policy.ts';
import { DomainError, IssueCollector, notFound } from '../core/errors/index.ts';
import {
  DEFAULT_BOUNDARY_TOLERANCE_M, INCIDENT_LIMITS, cleanText, resolveLocation, resolveOccurred,
  type LocationInput, type PositionPrecision, type ReviewStatus, type Visibility,
} from '../core/incidents/rules.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { findCategoryByCode, getCategory } from '../db/repositories/categories.ts';
import { getIncident, getIncidentRecord, insertHistory, insertIncident, insertIncidentCreated, listHistory, updateIncidentRecord } from '../db/repositories/incidents.ts';
import { replayDifferences, type StoredReport } from '../core/incidents/replay.ts';
import type { HistoryChanges, HistoryValue, Incident, IncidentRecord } from '../core/incidents/types.ts';
import { listMunicipalities, municipalityAt } from '../db/repositories/municipalities.ts';
import { getPlace } from '../db/repositories/places.ts';
import { reportChecks } from '../db/repositories/report-checks.ts';
import { redactPersonalData, type PersonalDataKind } from '../core/privacy/index.ts';

/**
 * Free text is about places, never people: personal identity numbers, phone numbers, e-mail
 * addresses and licence plates are replaced by a placeholder before anything is stored (the form
 * warns first; this is the server's safety net). Returns the cleaned text and what was removed.
 */
function scrub(value: string | null | undefined, removed: Set<PersonalDataKind>): string | null {
  const text = cleanText(value);
  if (!text) return text;
  const r = redactPersonalData(text);
  for (const f of r.findings) removed.add(f.kind);
  return r.text;
}

export interface CreateIncidentInput {
  id?: string;
  categoryId: string;
  occurredAt?: string;
  occurredFrom?: string;
  occurredTo?: string;
  location: LocationInput;
  positionPrecision?: PositionPrecision;
  precisionM?: number;
  placeId?: string;
  placeName?: string;
  description?: string;
  reportedToPolice?: boolean;
  assessment?: number;
  visibility?: Visibility;
  source?: string;
}

export type UpdateIncidentInput = Partial<Omit<CreateIncidentInput, 'id' | 'source'>>;

function checkTexts(input: { description?: string | null; placeName?: string | null }, issues: IssueCollector) {
  if ((input.description?.length ?? 0) > INCIDENT_LIMITS.descriptionMax) issues.add('description', 'too_long', { max: INCIDENT_LIMITS.descriptionMax });
  if ((input.placeName?.length ?? 0) > INCIDENT_LIMITS.placeNameMax) issues.add('placeName', 'too_long', { max: INCIDENT_LIMITS.placeNameMax });
}

/** How the deployment judges a point near a municipality's boundary. */
export interface BoundaryOptions {
  /** Metres outside a boundary within which a report is accepted and flagged (default DEFAULT_BOUNDARY_TOLERANCE_M). */
  boundaryToleranceM?: number;
}

/**
 * Resolves the municipality of a point among the actor's, with how far outside its boundary the
 * point lies (null inside), or adds an issue naming them.
 */
async function locate(q: Queryable, actor: Actor, e: number, n: number, issues: IssueCollector, toleranceM = DEFAULT_BOUNDARY_TOLERANCE_M): Promise<{ municipalityId: string; outsideBoundaryM: number | null } | null> {
  const m = await municipalityAt(q, e, n, actor.municipalities, toleranceM);
  if (!m) {
    const all = await listMunicipalities(q);
    const names = all.filter((x) => actor.municipalities.includes(x.id)).map((x) => `${x.name} kommun`).join(', ') || actor.municipalities.join(', ');
    // Inside another municipality of the deployment: say which, so a reporter knows why.
    const other = await municipalityAt(q, e, n, all.map((x) => x.id), 0);
    const name = other && all.find((x) => x.id === other.id)?.name;
    if (name) issues.add('location', 'municipality_not_reached', { municipality: `${name} kommun`, municipalities: names });
    else issues.add('location', 'outside_municipality', { municipalities: names });
    return null;
  }
  return { municipalityId: m.id, outsideBoundaryM: outsideBoundary(m.outsideM) };
}

/** Whole metres, and a point a hair outside still counts as outside. */
const outsideBoundary = (m: number) => (m > 0 ? Math.max(1, Math.round(m)) : null);

/**
 * Checks a category for a report in `municipalityId` and returns the one to store. Each
 * municipality has its own tree, so one who works in several may pick the category from another
 * municipality's tree: the same code in the report's municipality stands for it.
 */
async function checkCategory(q: Queryable, actor: Actor, categoryId: string, municipalityId: string | null, issues: IssueCollector, sameCode = false): Promise<string> {
  let c = await getCategory(q, categoryId, actor.municipalities);
  if (c && municipalityId && c.municipalityId !== municipalityId && sameCode) c = await findCategoryByCode(q, municipalityId, c.code) ?? c;
  if (!c) issues.add('categoryId', 'unknown_category');
  else if (!c.active) issues.add('categoryId', 'inactive_category');
  else if (municipalityId && c.municipalityId !== municipalityId) issues.add('categoryId', 'category_other_municipality');
  return c?.id ?? categoryId;
}

async function checkPlace(q: Queryable, actor: Actor, placeId: string | undefined | null, issues: IssueCollector) {
  if (placeId && !(await getPlace(q, placeId, actor.municipalities))) issues.add('placeId', 'unknown_reference', { what: 'platsen' });
}

/**
 * Stores a new report. With a client-chosen id the call is idempotent: repeating it returns the
 * stored report (created = false) and never creates a second one. Every check runs inside the
 * transaction, so a rejected report leaves nothing behind.
 */
export async function createIncident(db: Database, actor: Actor, input: CreateIncidentInput, now = new Date(), opts: BoundaryOptions = {}): Promise<{ incident: Incident; created: boolean; personalDataRemoved: PersonalDataKind[] }> {
  if (!can(actor, 'incident.create')) throw new DomainError('forbidden');
  const issues = new IssueCollector();
  const time = resolveOccurred(input, now, issues);
  const point = resolveLocation(input.location, issues);
  checkTexts(input, issues);
  const id = input.id ?? randomUUID();

  // A client id may be in use in another of the caller's municipalities, where the insert's conflict
  // would not see it: the careful path looks there first (a retry, or 409).
  if (time && point && !issues.issues.length && (!input.id || actor.municipalities.length === 1)) {
    const stored = await storeValidReport(db, actor, input, id, time, point, now, opts);
    if (stored) return stored;
  }
  return db.transaction(async (tx) => {
    if (input.id) {
      const existing = await replayOf(tx, actor, id, input, time, point);
      if (existing) return { incident: existing, created: false, personalDataRemoved: [] };
    }
    const located = point ? await locate(tx, actor, point.e, point.n, issues, opts.boundaryToleranceM) : null;
    const municipalityId = located?.municipalityId ?? null;
    const categoryId = await checkCategory(tx, actor, input.categoryId, municipalityId, issues, true);
    await checkPlace(tx, actor, input.placeId, issues);
    issues.throwIfAny();
    const { record, removed } = newRecord(actor, input, id, { municipalityId: municipalityId!, categoryId, outsideBoundaryM: located!.outsideBoundaryM }, time!, point!, now);
    if (!(await insertIncident(tx, record))) {
      // Lost a race with a concurrent retry of the same report, or the id is taken in another municipality.
      const existing = await replayOf(tx, actor, id, input, time, point);
      if (existing) return { incident: existing, created: false, personalDataRemoved: [] };
      throw idTaken();
    }
    await insertHistory(tx, { municipalityId: record.municipalityId, incidentId: id, userId: actor.userId, action: 'create', changes: createdChanges(record, removed) });
    return { incident: (await getIncident(tx, actor, id))!, created: true, personalDataRemoved: [...removed] };
  });
}

/**
 * The common case, a new and valid report, in two round trips and no transaction: its municipality
 * and category, then the incident and its history in one statement that answers the stored incident
 * (a third when the report names a place; on Citus the insert is a short transaction of routed
 * statements, see insertIncidentCreated). Null when anything needs the
 * careful path above (a check fails, and that path names it; the id is in use, a retry it answers):
 * the careful path repeats every check, so both give the same answer to the same report.
 */
async function storeValidReport(db: Database, actor: Actor, input: CreateIncidentInput, id: string, time: { from: Date; to: Date }, point: { e: number; n: number }, now: Date, opts: BoundaryOptions) {
  const checked = await reportChecks(db, point.e, point.n, actor.municipalities, opts.boundaryToleranceM ?? DEFAULT_BOUNDARY_TOLERANCE_M, input.categoryId);
  if (!checked?.categoryId) return null;
  if (input.placeId) {
    const issues = new IssueCollector();
    await checkPlace(db, actor, input.placeId, issues);
    if (issues.issues.length) return null;
  }
  const where = { municipalityId: checked.municipalityId, categoryId: checked.categoryId, outsideBoundaryM: outsideBoundary(checked.outsideM) };
  const { record, removed } = newRecord(actor, input, id, where, time, point, now);
  const incident = await insertIncidentCreated(db, record, actor.userId, createdChanges(record, removed));
  return incident && { incident, created: true, personalDataRemoved: [...removed] };
}

function newRecord(actor: Actor, input: CreateIncidentInput, id: string, where: { municipalityId: string; categoryId: string; outsideBoundaryM: number | null },
  time: { from: Date; to: Date }, point: { e: number; n: number }, now: Date): { record: IncidentRecord; removed: Set<PersonalDataKind> } {
  const removed = new Set<PersonalDataKind>();
  const record: IncidentRecord = {
    id,
    municipalityId: where.municipalityId,
    categoryId: where.categoryId,
    occurredFrom: time.from,
    occurredTo: time.to,
    reportedAt: now,
    e: point.e,
    n: point.n,
    positionPrecision: input.positionPrecision ?? ('lon' in input.location ? 'gps' : 'map'),
    precisionM: input.precisionM ?? null,
    placeId: input.placeId ?? null,
    placeName: scrub(input.placeName, removed),
    description: scrub(input.description, removed),
    organisationId: actor.organisationId,
    reporterId: actor.userId,
    reportedToPolice: input.reportedToPolice ?? null,
    assessment: input.assessment ?? null,
    source: input.source ?? 'app',
    reviewStatus: 'new',
    duplicateOf: null,
    visibility: input.visibility ?? 'normal',
    outsideBoundaryM: where.outsideBoundaryM,
  };
  return { record, removed };
}

const createdChanges = (record: IncidentRecord, removed: Set<PersonalDataKind>): HistoryChanges =>
  ({ ...snapshot(record), ...(removed.size ? { personalDataRemoved: [...removed] } : {}) });

/**
 * The one answer to a client id that is in use and cannot be replayed: 409 without the other
 * report's content, the same whether the id is the caller's own report sent with a different body
 * or a report the caller may not see (so the answer tells nothing about the latter).
 */
const idTaken = () => new DomainError('conflict', [{ field: 'id', code: 'id_taken' }]);

/**
 * The stored report with this id if this is the actor's retry of it (the same report, sent again);
 * null when no report in the actor's municipalities has the id. Anything else is a conflict (idTaken):
 * the actor's own report under this id with a different body, or a report the actor may not read.
 *
 * Ids are unique per municipality (migration 0013): a report outside the actor's municipalities is
 * not looked at, so a client id used there is answered as an unused one (the new report is another
 * row, in another municipality) and the answer reveals nothing about it.
 */
async function replayOf(q: Queryable, actor: Actor, id: string, input: CreateIncidentInput, time: { from: Date; to: Date } | null, point: { e: number; n: number } | null): Promise<Incident | null> {
  const rec = await getIncidentRecord(q, id, actor.municipalities);
  if (!rec) return null;
  if (!(rec.reporterId === actor.userId || (rec.organisationId === actor.organisationId && can(actor, 'incident.read', rec)))) throw idTaken();
  // Compared with the report as it was first sent: a retry after someone edited it is still a retry.
  const created = (await listHistory(q, id, [rec.municipalityId])).find((h) => h.action === 'create')?.changes as StoredReport | undefined;
  const original: StoredReport = created ?? { ...rec };
  const stored = await getCategory(q, String(original.categoryId), [rec.municipalityId]);
  const sent = input.categoryId === original.categoryId ? stored : await getCategory(q, input.categoryId, actor.municipalities);
  const differences = replayDifferences(original, {
    sameCategory: !!sent && !!stored && (sent.id === stored.id || sent.code === stored.code),
    ...(time ? { occurredFrom: time.from, occurredTo: time.to } : {}),
    ...(point ? { e: point.e, n: point.n } : {}),
    ...(input.placeName !== undefined ? { placeName: scrub(input.placeName, new Set()) } : {}),
    ...(input.description !== undefined ? { description: scrub(input.description, new Set()) } : {}),
    placeId: input.placeId, reportedToPolice: input.reportedToPolice, assessment: input.assessment,
    visibility: input.visibility, positionPrecision: input.positionPrecision, precisionM: input.precisionM,
  });
  if (differences.length) throw idTaken();
  return getIncident(q, actor, id);
}

/** A record's fields as history values (every column of a report is a scalar or a Date). */
function snapshot(r: Partial<IncidentRecord>): HistoryChanges {
  const out: HistoryChanges = {};
  for (const [k, v] of Object.entries(r) as Array<[string, Date | string | number | boolean | null]>) out[k] = historyValue(v);
  return out;
}

const historyValue = (v: Date | string | number | boolean | null | undefined): HistoryValue => (v instanceof Date ? v.toISOString() : v ?? null);

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

async function loadForChange(tx: Queryable, actor: Actor, id: string, action: Action) {
  const rec = await getIncidentRecord(tx, id, actor.municipalities, true);
  // Not visible and not existing look the same from outside.
  if (!rec || !can(actor, 'incident.read', rec)) throw notFound('incident');
  if (!can(actor, action, rec)) throw new DomainError('forbidden');
  return rec;
}

/** Applies a partial change, recording each changed field (old → new) in the history. */
export async function updateIncident(db: Database, actor: Actor, id: string, input: UpdateIncidentInput, opts: { expectedVersion?: number; now?: Date } & BoundaryOptions = {}): Promise<Incident> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const rec = await loadForChange(tx, actor, id, 'incident.edit');
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== rec.version) {
      throw new DomainError('conflict', [{ field: 'version', code: 'version_mismatch', params: { current: rec.version } }]);
    }
    const issues = new IssueCollector();
    const next: Partial<IncidentRecord> = {};
    if (input.occurredAt !== undefined || input.occurredFrom !== undefined || input.occurredTo !== undefined) {
      // Time rules are judged against when the report was made, not against today.
      const t = resolveOccurred(input, rec.reportedAt > now ? now : rec.reportedAt, issues);
      if (t) { next.occurredFrom = t.from; next.occurredTo = t.to; }
    }
    let municipalityId = rec.municipalityId;
    if (input.location) {
      const pt = resolveLocation(input.location, issues);
      if (pt) {
        const m = await locate(tx, actor, pt.e, pt.n, issues, opts.boundaryToleranceM);
        if (m && m.municipalityId !== rec.municipalityId) {
          const home = (await listMunicipalities(tx, [rec.municipalityId]))[0];
          issues.add('location', 'outside_municipality', { municipalities: home ? `${home.name} kommun` : rec.municipalityId });
        }
        if (m) { next.e = pt.e; next.n = pt.n; next.outsideBoundaryM = m.outsideBoundaryM; municipalityId = m.municipalityId; }
        if (input.positionPrecision === undefined) next.positionPrecision = 'lon' in input.location ? 'gps' : 'map';
      }
    }
    if (input.categoryId !== undefined) await checkCategory(tx, actor, input.categoryId, municipalityId, issues);
    if (input.placeId !== undefined) await checkPlace(tx, actor, input.placeId, issues);
    checkTexts(input, issues);
    if (input.visibility !== undefined && !can(actor, 'incident.restrict', rec)) {
      issues.add('visibility', 'not_permitted');
    }
    issues.throwIfAny();
    const simple: Array<keyof UpdateIncidentInput & keyof IncidentRecord> = ['categoryId', 'positionPrecision', 'precisionM', 'placeId', 'reportedToPolice', 'assessment', 'visibility'];
    for (const k of simple) if (input[k] !== undefined) Object.assign(next, { [k]: input[k] });
    const removed = new Set<PersonalDataKind>();
    if (input.description !== undefined) next.description = scrub(input.description, removed);
    if (input.placeName !== undefined) next.placeName = scrub(input.placeName, removed);
    return applyChanges(tx, actor, rec, next, 'update');
  });
}

async function applyChanges(tx: Queryable, actor: Actor, rec: IncidentRecord, next: Partial<IncidentRecord>, action: 'update' | 'review'): Promise<Incident> {
  const changes: HistoryChanges = {};
  const write: Partial<IncidentRecord> = {};
  for (const [k, v] of Object.entries(next) as Array<[keyof IncidentRecord, unknown]>) {
    if (k === 'e' || k === 'n') continue;
    if (!same(rec[k], v)) { changes[k] = snapshotPair(rec[k], v); Object.assign(write, { [k]: v }); }
  }
  if (next.e !== undefined && next.n !== undefined && (Math.abs(next.e - rec.e) > 0.005 || Math.abs(next.n - rec.n) > 0.005)) {
    changes.location = { from: { e: round2(rec.e), n: round2(rec.n) }, to: { e: round2(next.e), n: round2(next.n) } };
    write.e = next.e; write.n = next.n;
  }
  if (Object.keys(changes).length) {
    await updateIncidentRecord(tx, rec.id, rec.municipalityId, write);
    await insertHistory(tx, { municipalityId: rec.municipalityId, incidentId: rec.id, userId: actor.userId, action, changes });
  }
  return (await getIncident(tx, actor, rec.id))!;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const snapshotPair = (a: unknown, b: unknown) => ({ from: historyValue(a as Date | string | number | boolean | null), to: historyValue(b as Date | string | number | boolean | null) });

export interface ReviewInput {
  status: ReviewStatus;
  duplicateOf?: string | null;
  categoryId?: string;
  visibility?: Visibility;
}

/**
 * The coordinator's review: new → granskad (reviewed) / avvisad (rejected) / dubblett (duplicate,
 * linked to the original), optionally correcting the category and restricting visibility at once.
 */
export async function reviewIncident(db: Database, actor: Actor, id: string, input: ReviewInput): Promise<Incident> {
  return db.transaction(async (tx) => {
    const rec = await loadForChange(tx, actor, id, 'incident.review');
    const issues = new IssueCollector();
    const next: Partial<IncidentRecord> = { reviewStatus: input.status, duplicateOf: null };
    if (input.status === 'duplicate') {
      if (!input.duplicateOf) issues.add('duplicateOf', 'duplicate_of_required');
      else if (input.duplicateOf === id) issues.add('duplicateOf', 'duplicate_of_self');
      else {
        const original = await getIncidentRecord(tx, input.duplicateOf, actor.municipalities);
        if (!original || !can(actor, 'incident.read', original) || original.municipalityId !== rec.municipalityId) {
          issues.add('duplicateOf', 'unknown_reference', { what: 'originalrapporten' });
        } else if (original.reviewStatus === 'duplicate') issues.add('duplicateOf', 'duplicate_of_duplicate');
        else next.duplicateOf = input.duplicateOf;
      }
    } else if (input.duplicateOf) issues.add('duplicateOf', 'duplicate_of_not_allowed');
    if (input.categoryId !== undefined) {
      await checkCategory(tx, actor, input.categoryId, rec.municipalityId, issues);
      next.categoryId = input.categoryId;
    }
    if (input.visibility !== undefined) next.visibility = input.visibility;
    issues.throwIfAny();
    return applyChanges(tx, actor, rec, next, 'review');
  });
}

import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, IssueCollector, invalid, notFound } from '../core/errors/index.ts';
import type { Narrative, SituationPictureContent, StatusLevel, StatusLevelEntry } from '../core/situation-picture/content.ts';
import { compareContents } from '../core/situation-picture/compare.ts';
import { feedbackSummary } from '../core/situation-picture/feedback.ts';
import { checkNarrative, checkStatusLevels, NARRATIVE_LIMITS } from '../core/situation-picture/narrative.ts';
import { PersonalDataScrubber, type Scrubbed } from '../core/privacy/index.ts';
import { parsePeriod, periodDates, periodLabel } from '../core/situation-picture/period.ts';
import type { SituationPictureListRow, SituationPictureRecord } from '../core/situation-picture/types.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { getArea } from '../db/repositories/areas.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { insertAppNotificationsForRole } from '../db/repositories/notifications.ts';
import { listOrganisations } from '../db/repositories/organisations.ts';
import {
  deleteSituationPicture, findScheduled, getSituationPictureRecord, insertSituationPicture, listSituationPictureRows, listVersions, markPublished,
  narrativeReferenceIds, nextVersion, updateDraft,
} from '../db/repositories/situation-pictures.ts';
import { computeSituationPictureContent } from './edition-content.ts';

/**
 * Lägesbild editions: a draft whose content edition-content.ts computes and whose narrative the
 * coordinator writes, published (then frozen, by the code and by a database trigger), corrected by a
 * new version, compared with any other edition, and fed back to the reporters as återkoppling.
 */

export type EditionStatus = 'draft' | 'published';

export interface SituationPictureSummary {
  id: string;
  seriesId: string;
  version: number;
  title: string;
  status: EditionStatus;
  origin: 'manual' | 'scheduled';
  /** The municipality it covers (the list shows the user's chosen municipality's). */
  municipalityId: string;
  areaId: string | null;
  areaName: string | null;
  /** Calendar days, `to` inclusive. */
  period: { from: string; to: string; days: number };
  publishedAt: Date | null;
  createdAt: Date;
  total: number;
}

export interface SituationPicture extends SituationPictureSummary {
  filters: { categoryIds: string[]; organisationIds: string[] };
  content: SituationPictureContent;
  narrative: Narrative;
  statusLevels: StatusLevelEntry[];
  rowVersion: number;
  computedAt: Date;
  versions: Array<{ id: string; version: number; status: EditionStatus; publishedAt: Date | null }>;
}

/** Who scheduled work acts as: a coordinator of the one municipality, recorded as nobody (NULL). */
export function systemActor(municipalityId: string): Actor {
  return { userId: 'system', organisationId: '00000000-0000-0000-0000-000000000000', municipalityId, municipalities: [municipalityId], roles: ['coordinator'] };
}
const userIdOf = (a: Actor) => (a.userId === 'system' ? null : a.userId);


const summaryOf = (r: SituationPictureListRow | SituationPictureRecord, total: number): SituationPictureSummary => ({
  id: r.id, seriesId: r.seriesId, version: r.version, title: r.title, status: r.status, origin: r.origin, municipalityId: r.municipalityId, areaId: r.areaId, areaName: r.areaName,
  period: periodDates(new Date(r.periodFrom), new Date(r.periodTo)),
  publishedAt: r.publishedAt ? new Date(r.publishedAt) : null, createdAt: new Date(r.createdAt), total,
});

const emptyNarrative = (n: Partial<Narrative>): Narrative => ({ summary: n.summary ?? '', problems: n.problems ?? [] });

async function full(q: Queryable, r: SituationPictureRecord): Promise<SituationPicture> {
  const versions = await listVersions(q, r.municipalityId, r.seriesId);
  return {
    ...summaryOf(r, r.content?.totals?.count ?? 0),
    municipalityId: r.municipalityId, filters: { categoryIds: r.filters.categoryIds ?? [], organisationIds: r.filters.organisationIds ?? [] },
    content: r.content, narrative: emptyNarrative(r.narrative), statusLevels: r.statusLevels, rowVersion: r.rowVersion,
    computedAt: new Date(r.computedAt),
    versions: versions.map((v) => ({ ...v, publishedAt: v.publishedAt ? new Date(v.publishedAt) : null })),
  };
}

/** The record when the actor may read it; drafts are hidden (404) from those who read published ones only. */
async function readable(q: Queryable, actor: Actor, id: string, forUpdate = false): Promise<SituationPictureRecord> {
  if (!can(actor, 'editions.read')) throw new DomainError('forbidden');
  const r = UUID.test(id) ? await getSituationPictureRecord(q, id, actor.municipalities, forUpdate) : null;
  if (!r || (r.status === 'draft' && !can(actor, 'editions.readDrafts'))) throw notFound('situation_picture');
  return r;
}

/** A draft the actor may change, at the row version the client saw. */
async function writableDraft(q: Queryable, actor: Actor, id: string, rowVersion: number | undefined): Promise<SituationPictureRecord> {
  if (!can(actor, 'editions.write')) throw new DomainError('forbidden');
  const r = await readable(q, actor, id, true);
  if (r.status === 'published') throw new DomainError('conflict', [{ field: 'status', code: 'published_immutable' }]);
  if (rowVersion !== undefined && rowVersion !== r.rowVersion) throw new DomainError('conflict', [{ field: 'rowVersion', code: 'version_mismatch', params: { current: r.rowVersion } }]);
  return r;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks the area, categories and organisations of an edition exist in the actor's municipalities. */
async function checkReferences(q: Queryable, actor: Actor, input: { municipalityId?: string; areaId?: string | null; categoryIds?: string[]; organisationIds?: string[] }, issues: IssueCollector): Promise<{ municipalityId: string; areaName: string | null }> {
  let municipalityId = actor.municipalityId, areaName: string | null = null;
  if (input.municipalityId !== undefined) {
    if (actor.municipalities.includes(input.municipalityId)) municipalityId = input.municipalityId;
    else issues.add('municipalityId', 'unknown_reference', { what: `kommun ${input.municipalityId}` });
  }
  if (input.areaId) {
    const area = UUID.test(input.areaId) ? await getArea(q, input.areaId, input.municipalityId !== undefined ? [municipalityId] : actor.municipalities) : null;
    if (!area) issues.add('areaId', 'unknown_reference', { what: 'området' });
    else ({ municipalityId, name: areaName } = area);
  }
  if (input.categoryIds?.length) {
    const known = new Set((await listCategories(q, [municipalityId])).map((c) => c.id));
    input.categoryIds.forEach((id, i) => { if (!known.has(id)) issues.add(`categoryIds[${i}]`, 'unknown_reference', { what: 'kategorin' }); });
  }
  if (input.organisationIds?.length) {
    const known = new Set((await listOrganisations(q, [municipalityId])).map((o) => o.id));
    input.organisationIds.forEach((id, i) => { if (!known.has(id)) issues.add(`organisationIds[${i}]`, 'unknown_reference', { what: 'organisationen' }); });
  }
  return { municipalityId, areaName };
}

export interface CreateInput {
  from: string;
  to: string;
  /** One of the actor's municipalities (default: the area's, else the actor's home). */
  municipalityId?: string;
  areaId?: string | null;
  categoryIds?: string[];
  organisationIds?: string[];
  title?: string;
  origin?: 'manual' | 'scheduled';
}

export const TITLE_MAX = 200;

/** A new draft with its content computed. Scheduled drafts are made once per municipality and period. */
export async function createSituationPicture(db: Database, actor: Actor, input: CreateInput): Promise<Scrubbed<SituationPicture>> {
  if (!can(actor, 'editions.write')) throw new DomainError('forbidden');
  const issues = new IssueCollector();
  let period: { from: Date; to: Date } | null = null;
  try { period = parsePeriod(input.from, input.to); } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    for (const i of e.fields) issues.add(i.field, i.code, i.params);
  }
  const scrub = new PersonalDataScrubber();
  const title = scrub.text(input.title?.trim(), TITLE_MAX);
  if (input.title !== undefined && !title) issues.add('title', 'required');
  if (title && title.length > TITLE_MAX) issues.add('title', 'too_long', { max: TITLE_MAX });
  const { municipalityId, areaName } = await checkReferences(db, actor, input, issues);
  issues.throwIfAny();
  const { from, to } = period!;
  const origin = input.origin ?? 'manual';
  if (origin === 'scheduled') {
    const existing = await findScheduled(db, municipalityId, from, to);
    if (existing) return { ...(await getSituationPicture(db, actor, existing)), personalDataRemoved: [] };
  }
  const filters = { categoryIds: input.categoryIds ?? [], organisationIds: input.organisationIds ?? [] };
  const content = await computeSituationPictureContent(db, actor, { municipalityId, areaId: input.areaId ?? null, from, to, ...filters });
  const id = randomUUID();
  const inserted = await db.transaction(async (tx) => {
    const ok = await insertSituationPicture(tx, {
      id, municipalityId, seriesId: id, areaId: input.areaId ?? null,
      title: title || `Lägesbild ${areaName ?? content.municipality.name} ${periodLabel(from, to)}`,
      periodFrom: from, periodTo: to, filters, origin, content, createdBy: userIdOf(actor),
    }, origin === 'scheduled');
    if (ok) await recordAudit(tx, { municipalityId, userId: userIdOf(actor), action: 'situation_picture.create', subjectType: 'situation_picture', subjectId: id, details: { origin } });
    return ok;
  });
  if (!inserted) {
    // Another process made the scheduled draft between the look-up and the insert.
    const existing = await findScheduled(db, municipalityId, from, to);
    if (existing) return { ...(await getSituationPicture(db, actor, existing)), personalDataRemoved: [] };
    throw new DomainError('conflict');
  }
  return { ...(await getSituationPicture(db, actor, id)), personalDataRemoved: scrub.removed };
}

export async function getSituationPicture(db: Queryable, actor: Actor, id: string): Promise<SituationPicture> {
  return full(db, await readable(db, actor, id));
}

/** Editions newest period first; drafts only for those who read drafts. */
export async function listSituationPictures(db: Queryable, actor: Actor, q: { status?: EditionStatus; areaId?: string } = {}): Promise<{ items: SituationPictureSummary[] }> {
  if (!can(actor, 'editions.read')) throw new DomainError('forbidden');
  const all: EditionStatus[] = can(actor, 'editions.readDrafts') ? ['draft', 'published'] : ['published'];
  const statuses = q.status ? all.filter((s) => s === q.status) : all;
  if (q.areaId && !UUID.test(q.areaId)) throw invalid('areaId', 'format', { format: 'uuid' });
  const rows = statuses.length ? await listSituationPictureRows(db, actor.municipalities, { statuses, areaId: q.areaId }) : [];
  return { items: rows.map((r) => summaryOf(r, r.total)) };
}

export interface Patch {
  rowVersion: number;
  title?: string;
  /** Checked in full, field by field, by core/situation-picture/narrative.ts. */
  narrative?: unknown;
  statusLevels?: unknown;
}

/** Title, narrative and status levels of a draft. */
export async function updateSituationPicture(db: Database, actor: Actor, id: string, patch: Patch): Promise<Scrubbed<SituationPicture>> {
  return db.transaction(async (tx) => {
    const r = await writableDraft(tx, actor, id, patch.rowVersion);
    const issues = new IssueCollector();
    const scrub = new PersonalDataScrubber();
    const title = scrub.text(patch.title?.trim(), TITLE_MAX);
    if (patch.title !== undefined && !title) issues.add('title', 'required');
    if (title && title.length > TITLE_MAX) issues.add('title', 'too_long', { max: TITLE_MAX });
    const narrative = patch.narrative !== undefined ? checkNarrative(patch.narrative, issues) : undefined;
    const levels = patch.statusLevels !== undefined ? checkStatusLevels(patch.statusLevels, issues) : undefined;
    await checkNarrativeReferences(tx, r.municipalityId, narrative, levels, issues);
    issues.throwIfAny();
    await updateDraft(tx, r.municipalityId, id, { title, narrative: narrative && scrubNarrative(narrative, scrub), statusLevels: levels && scrubLevels(levels, scrub) });
    await recordAudit(tx, { municipalityId: r.municipalityId, userId: userIdOf(actor), action: 'situation_picture.update', subjectType: 'situation_picture', subjectId: id, details: { fields: Object.keys(patch).filter((k) => k !== 'rowVersion') } });
    return { ...(await full(tx, (await getSituationPictureRecord(tx, id, actor.municipalities))!)), personalDataRemoved: scrub.removed };
  });
}

/** The narrative's texts without personal data: the summary and every part of each cause analysis. */
function scrubNarrative(n: Narrative, s: PersonalDataScrubber): Narrative {
  const part = (t: string) => s.text(t, NARRATIVE_LIMITS.part);
  return {
    summary: s.text(n.summary, NARRATIVE_LIMITS.summary),
    problems: n.problems.map((p) => ({ ...p, title: s.text(p.title, NARRATIVE_LIMITS.title), offender: part(p.offender), target: part(p.target), place: part(p.place), suggestedMeasures: part(p.suggestedMeasures) })),
  };
}

/** The status levels' comments without personal data. */
function scrubLevels(levels: StatusLevelEntry[], s: PersonalDataScrubber): StatusLevelEntry[] {
  return levels.map((l) => ({ ...l, comment: s.text(l.comment, NARRATIVE_LIMITS.comment) }));
}

/** Ids in the narrative and the status levels must exist in the edition's municipality. */
async function checkNarrativeReferences(q: Queryable, municipalityId: string, narrative: Narrative | undefined, levels: StatusLevelEntry[] | undefined, issues: IssueCollector): Promise<void> {
  const { areas, places, categories } = await narrativeReferenceIds(q, municipalityId);
  narrative?.problems.forEach((p, i) => {
    if (p.areaId && !areas.has(p.areaId) && !issues.has(`narrative.problems[${i}].areaId`)) issues.add(`narrative.problems[${i}].areaId`, 'unknown_reference', { what: 'området' });
    if (p.placeId && !places.has(p.placeId) && !issues.has(`narrative.problems[${i}].placeId`)) issues.add(`narrative.problems[${i}].placeId`, 'unknown_reference', { what: 'platsen' });
    p.categoryIds.forEach((c, k) => { if (!categories.has(c)) issues.add(`narrative.problems[${i}].categoryIds[${k}]`, 'unknown_reference', { what: 'kategorin' }); });
  });
  levels?.forEach((l, i) => {
    const known = l.kind === 'area' ? areas : places;
    if (!issues.has(`statusLevels[${i}].id`) && !known.has(l.id)) issues.add(`statusLevels[${i}].id`, 'unknown_reference', { what: l.kind === 'area' ? 'området' : 'platsen' });
  });
}

/** Fresh content for a draft from today's data. */
export async function recomputeSituationPicture(db: Database, actor: Actor, id: string, rowVersion: number): Promise<SituationPicture> {
  const before = await db.transaction((tx) => writableDraft(tx, actor, id, rowVersion));
  const content = await computeSituationPictureContent(db, actor, {
    municipalityId: before.municipalityId, areaId: before.areaId, from: new Date(before.periodFrom), to: new Date(before.periodTo), ...before.filters,
  });
  return db.transaction(async (tx) => {
    // Checked again: someone may have published or changed it while the content was computed.
    const r = await writableDraft(tx, actor, id, rowVersion);
    await updateDraft(tx, r.municipalityId, id, { content });
    await recordAudit(tx, { municipalityId: r.municipalityId, userId: userIdOf(actor), action: 'situation_picture.recompute', subjectType: 'situation_picture', subjectId: id });
    return full(tx, (await getSituationPictureRecord(tx, id, actor.municipalities))!);
  });
}

/** Publishes a draft (then frozen) and, in the same transaction, sends the reporters their återkoppling. */
export async function publishSituationPicture(db: Database, actor: Actor, id: string, rowVersion: number): Promise<SituationPicture> {
  return db.transaction(async (tx) => {
    const r = await writableDraft(tx, actor, id, rowVersion);
    await markPublished(tx, r.municipalityId, id, userIdOf(actor));
    const fb = feedbackSummary(r.title, r.content, r.narrative);
    const sent = await insertAppNotificationsForRole(tx, {
      municipalityId: r.municipalityId, role: 'reporter', kind: 'feedback', subject: fb.subject, body: fb.body, subjectType: 'situation_picture', subjectId: id,
    });
    await recordAudit(tx, { municipalityId: r.municipalityId, userId: userIdOf(actor), action: 'situation_picture.publish', subjectType: 'situation_picture', subjectId: id, details: { version: r.version, feedbackNotifications: sent } });
    return full(tx, (await getSituationPictureRecord(tx, id, actor.municipalities))!);
  });
}

/** A new draft version of an edition: same series and period, narrative copied, content recomputed. */
export async function newVersion(db: Database, actor: Actor, id: string): Promise<SituationPicture> {
  if (!can(actor, 'editions.write')) throw new DomainError('forbidden');
  const r = await readable(db, actor, id);
  const content = await computeSituationPictureContent(db, actor, {
    municipalityId: r.municipalityId, areaId: r.areaId, from: new Date(r.periodFrom), to: new Date(r.periodTo), ...r.filters,
  });
  const newId = randomUUID();
  await db.transaction(async (tx) => {
    // Versions of a series are numbered under a lock on the edition the new one copies.
    await getSituationPictureRecord(tx, id, actor.municipalities, true);
    const version = await nextVersion(tx, r.municipalityId, r.seriesId);
    await insertSituationPicture(tx, {
      id: newId, municipalityId: r.municipalityId, seriesId: r.seriesId, version, areaId: r.areaId, title: r.title,
      periodFrom: new Date(r.periodFrom), periodTo: new Date(r.periodTo), filters: r.filters, origin: 'manual', content,
      narrative: r.narrative, statusLevels: r.statusLevels, createdBy: userIdOf(actor),
    });
    await recordAudit(tx, { municipalityId: r.municipalityId, userId: userIdOf(actor), action: 'situation_picture.version', subjectType: 'situation_picture', subjectId: newId, details: { from: id, version } });
  });
  return getSituationPicture(db, actor, newId);
}

/** Deletes a draft; a published edition stays for ever. */
export async function deleteDraft(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await writableDraft(tx, actor, id, undefined);
    await deleteSituationPicture(tx, r.municipalityId, id);
    await recordAudit(tx, { municipalityId: r.municipalityId, userId: userIdOf(actor), action: 'situation_picture.delete', subjectType: 'situation_picture', subjectId: id });
  });
}

export interface Comparison {
  base: SituationPictureSummary;
  other: SituationPictureSummary;
  totals: { base: number; other: number; change: number };
  byCategory: Array<{ id: string; nameSv: string; base: number; other: number; change: number }>;
  byArea: Array<{ id: string; name: string; base: number; other: number; change: number }>;
  hotspots: { new: string[]; persisting: string[]; gone: string[] };
  statusLevels: Array<{ kind: 'area' | 'place'; id: string; name: string; base: StatusLevel | null; other: StatusLevel | null }>;
}

/** Two editions side by side: `other` against `base` (change = other − base). */
export async function compareSituationPictures(db: Queryable, actor: Actor, idA: string, idB: string): Promise<Comparison> {
  const a = await readable(db, actor, idA);
  const b = await readable(db, actor, idB);
  return { base: summaryOf(a, a.content.totals.count), other: summaryOf(b, b.content.totals.count), ...compareContents(a.content, a.statusLevels, b.content, b.statusLevels) };
}


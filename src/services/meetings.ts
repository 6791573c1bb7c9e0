import { municipalitiesOf } from './scope.ts';
import { PERSONAL_DATA_KINDS, PersonalDataScrubber, type Scrubbed } from '../core/privacy/index.ts';
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, IssueCollector, notFound } from '../core/errors/index.ts';
import { buildAgenda, localiseAgenda, mergeAgenda, AGENDA_KINDS, type AgendaItem, type ReadAgendaItem } from '../core/meetings/agenda.ts';
import type { Language } from '../core/i18n/errors.ts';
import { formatDate } from '../core/i18n/dates.ts';
import { minutesHtml, minutesMarkdown } from '../core/meetings/minutes.ts';
import { measureFromDecision, withDecisionDefaults } from '../core/meetings/decision-measure.ts';
import { measureType } from '../core/measures/catalogue.ts';
import { isCalendarDate, type MeasureInput } from '../core/measures/rules.ts';
import { MEETING_LIMITS } from '../core/meetings/rules.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { getArea } from '../db/repositories/areas.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { auditRead } from './audit-read.ts';
import { listMeasures as listMeasureRows } from '../db/repositories/measures.ts';
import type { Measure } from '../core/measures/types.ts';
import { agendaMeasureIds, editionForAgenda, getDecisionRow, getMeetingRow, insertDecision, insertMeeting, latestPublishedEdition, listDecisionRows, listMeetingRows, openDecisions, organisationNames, setDecisionMeasure, updateMeetingRow } from '../db/repositories/meetings.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { situationPictureExists } from '../db/repositories/situation-pictures.ts';
import type { DecisionRow, MeetingRow, Participant } from '../core/meetings/types.ts';
import { createMeasure } from './measures.ts';

/**
 * Area-group meetings (områdesgruppsmöten): the agenda generated from the lägesbild and the open
 * measures, the decisions (each can become a measure with an owner, stored together or not at all),
 * and the minutes. Coordinators hold meetings; area groups record decisions; viewers read.
 */


export interface Decision extends DecisionRow { measure: Measure | null }
/** A meeting as read: the agenda in the reader's language. */
export type Meeting = Omit<MeetingRow, 'decisionCount' | 'agenda'> & { agenda: ReadAgendaItem[]; decisions: Decision[] };
export type MeetingSummary = Pick<MeetingRow, 'id' | 'title' | 'heldAt' | 'areaId' | 'areaName' | 'status' | 'situationPictureId' | 'decisionCount'>;

export interface MeetingInput {
  heldAt?: string;
  title?: string;
  areaId?: string | null;
  situationPictureId?: string | null;
  participants?: Array<{ organisationId: string; name?: string | null; present?: boolean }>;
}

const parseTime = (s: string | undefined) => (s && !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s) ? new Date(s) : null);

async function checkParticipants(q: Queryable, c: IssueCollector, list: MeetingInput['participants'], municipalityId: string): Promise<Participant[]> {
  if (!list) return [];
  if (list.length > MEETING_LIMITS.participantsMax) c.add('participants', 'too_long', { max: MEETING_LIMITS.participantsMax });
  const names = await organisationNames(q, [...new Set(list.map((p) => p.organisationId))], municipalityId);
  return list.map((p, i) => {
    if (!names.has(p.organisationId)) c.add(`participants[${i}].organisationId`, 'unknown_reference', { what: 'organisationen' });
    const name = p.name?.trim() || null;
    if (name && name.length > MEETING_LIMITS.participantNameMax) c.add(`participants[${i}].name`, 'too_long', { max: MEETING_LIMITS.participantNameMax });
    return { organisationId: p.organisationId, organisationName: names.get(p.organisationId), name, present: p.present ?? true };
  });
}

/** The agenda from an edition (or none) and the open work of the municipality or area. */
async function generateAgenda(q: Queryable, actor: Actor, m: { municipalityId: string; areaId: string | null; situationPictureId: string | null; heldAt: Date; id: string | null }): Promise<AgendaItem[]> {
  const edition = m.situationPictureId ? await editionForAgenda(q, m.situationPictureId, m.municipalityId) : null;
  const ids = await agendaMeasureIds(q, m.municipalityId, m.areaId);
  const measures = ids.length ? await listMeasureRows(q, { municipalities: [m.municipalityId], ids }) : [];
  return buildAgenda({
    content: edition?.content ?? null, statusLevels: edition?.statusLevels ?? [], measures,
    openDecisions: await openDecisions(q, m.municipalityId, m.areaId, m.heldAt, m.id), now: m.heldAt,
  });
}

export async function createMeeting(db: Database, actor: Actor, input: MeetingInput, lang: Language = 'sv'): Promise<Scrubbed<Meeting>> {
  if (!can(actor, 'meetings.manage')) throw new DomainError('forbidden');
  const scrub = new PersonalDataScrubber();
  return db.transaction(async (tx) => {
    const c = new IssueCollector();
    const heldAt = parseTime(input.heldAt);
    if (!input.heldAt) c.add('heldAt', 'required');
    else if (!heldAt) c.add('heldAt', 'format', { format: 'date-time' });
    if (input.title !== undefined && !input.title.trim()) c.add('title', 'required');
    if (input.title && input.title.trim().length > MEETING_LIMITS.titleMax) c.add('title', 'too_long', { max: MEETING_LIMITS.titleMax });
    let municipalityId = actor.municipalityId;
    let areaName: string | null = null;
    if (input.areaId) {
      const a = await getArea(tx, input.areaId, actor.municipalities);
      if (!a) c.add('areaId', 'unknown_reference', { what: 'området' });
      else ({ municipalityId, name: areaName } = a);
    }
    let situationPictureId = input.situationPictureId ?? null;
    if (situationPictureId && !(await situationPictureExists(tx, municipalityId, situationPictureId))) c.add('situationPictureId', 'unknown_reference', { what: 'lägesbilden' });
    const participants = await checkParticipants(tx, c, input.participants, municipalityId);
    c.throwIfAny();
    if (!situationPictureId) situationPictureId = await latestPublishedEdition(tx, municipalityId, input.areaId ?? null);
    const place = areaName ?? (await listMunicipalities(tx, [municipalityId]))[0]?.name ?? municipalityId;
    const title = scrub.text(input.title?.trim(), MEETING_LIMITS.titleMax) || `${lang === 'en' ? 'Area group meeting' : 'Områdesgruppsmöte'} ${place} ${formatDate(lang, heldAt!)}`;
    const agenda = await generateAgenda(tx, actor, { municipalityId, areaId: input.areaId ?? null, situationPictureId, heldAt: heldAt!, id: null });
    const id = await insertMeeting(tx, { municipalityId, areaId: input.areaId ?? null, title, heldAt: heldAt!, situationPictureId, participants, agenda, createdBy: actor.userId });
    await recordAudit(tx, { municipalityId, userId: actor.userId, action: 'meeting.create', subjectType: 'meeting', subjectId: id });
    return { ...(await loadMeeting(tx, actor, id, lang))!, personalDataRemoved: scrub.removed };
  });
}

async function loadMeeting(q: Queryable, actor: Actor, id: string, lang: Language): Promise<Meeting | null> {
  const row = await getMeetingRow(q, id, actor.municipalities);
  if (!row) return null;
  const { decisionCount: _n, ...meeting } = row;
  const decisions = await listDecisionRows(q, row.municipalityId, id);
  const measureIds = decisions.map((d) => d.measureId).filter((x): x is string => !!x);
  const measures = new Map((measureIds.length ? await listMeasureRows(q, { municipalities: actor.municipalities, ids: measureIds }) : []).map((m) => [m.id, m]));
  return { ...meeting, agenda: localiseAgenda(meeting.agenda, lang), decisions: decisions.map((d) => ({ ...d, measure: d.measureId ? measures.get(d.measureId) ?? null : null })) };
}

export async function getMeeting(db: Queryable, actor: Actor, id: string, lang: Language = 'sv'): Promise<Meeting> {
  if (!can(actor, 'meetings.read')) throw new DomainError('forbidden');
  const m = await loadMeeting(db, actor, id, lang);
  if (!m) throw notFound('meeting');
  return m;
}

export async function listMeetings(db: Queryable, actor: Actor, query: { areaId?: string; municipality?: string } = {}): Promise<MeetingSummary[]> {
  if (!can(actor, 'meetings.read')) throw new DomainError('forbidden');
  return (await listMeetingRows(db, municipalitiesOf(actor, query.municipality?.split(',')), query.areaId)).map(({ id, title, heldAt, areaId, areaName, status, situationPictureId, decisionCount }) => ({ id, title, heldAt, areaId, areaName, status, situationPictureId, decisionCount }));
}

export interface MeetingPatch {
  rowVersion: number;
  title?: string;
  heldAt?: string;
  status?: 'planned' | 'held';
  participants?: MeetingInput['participants'];
  /** As read (without params): items still as generated keep their params (mergeAgenda). */
  agenda?: ReadAgendaItem[];
  minutes?: string | null;
}

export async function updateMeeting(db: Database, actor: Actor, id: string, patch: MeetingPatch, lang: Language = 'sv'): Promise<Scrubbed<Meeting>> {
  if (!can(actor, 'meetings.manage')) throw new DomainError('forbidden');
  const scrub = new PersonalDataScrubber();
  return db.transaction(async (tx) => {
    const current = await getMeetingRow(tx, id, actor.municipalities);
    if (!current) throw notFound('meeting');
    if (current.rowVersion !== patch.rowVersion) throw new DomainError('conflict', [{ field: 'rowVersion', code: 'version_mismatch', params: { current: current.rowVersion } }]);
    const c = new IssueCollector();
    const heldAt = patch.heldAt === undefined ? undefined : parseTime(patch.heldAt);
    if (heldAt === null) c.add('heldAt', 'format', { format: 'date-time' });
    if (patch.title !== undefined && !patch.title.trim()) c.add('title', 'required');
    if (patch.title && patch.title.trim().length > MEETING_LIMITS.titleMax) c.add('title', 'too_long', { max: MEETING_LIMITS.titleMax });
    if (patch.minutes && patch.minutes.length > MEETING_LIMITS.minutesMax) c.add('minutes', 'too_long', { max: MEETING_LIMITS.minutesMax });
    if (patch.agenda) {
      if (patch.agenda.length > MEETING_LIMITS.agendaMax) c.add('agenda', 'too_long', { max: MEETING_LIMITS.agendaMax });
      const seen = new Set<string>();
      patch.agenda.forEach((a, i) => {
        if (seen.has(a.id)) c.add(`agenda[${i}].id`, 'taken');
        seen.add(a.id);
        if (!a.title.trim()) c.add(`agenda[${i}].title`, 'required');
        if (!AGENDA_KINDS.includes(a.kind)) c.add(`agenda[${i}].kind`, 'not_allowed_value', { allowed: AGENDA_KINDS.join(', ') });
      });
    }
    const participants = patch.participants ? await checkParticipants(tx, c, patch.participants, current.municipalityId) : undefined;
    c.throwIfAny();
    const ok = await updateMeetingRow(tx, current.municipalityId, id, patch.rowVersion, {
      title: scrub.text(patch.title?.trim(), MEETING_LIMITS.titleMax), heldAt: heldAt ?? undefined, status: patch.status, participants,
      agenda: patch.agenda && mergeAgenda(patch.agenda.map((a) => ({ id: a.id, kind: a.kind, title: scrub.text(a.title.trim()), detail: scrub.text(a.detail ?? ''), ref: a.ref ?? null })), current.agenda),
      minutes: patch.minutes === undefined ? undefined : scrub.text(patch.minutes?.trim() || null, MEETING_LIMITS.minutesMax),
    });
    if (!ok) throw new DomainError('conflict', [{ field: 'rowVersion', code: 'version_mismatch', params: { current: patch.rowVersion + 1 } }]);
    await recordAudit(tx, { municipalityId: current.municipalityId, userId: actor.userId, action: 'meeting.update', subjectType: 'meeting', subjectId: id, details: { fields: Object.keys(patch).filter((k) => k !== 'rowVersion') } });
    return { ...(await loadMeeting(tx, actor, id, lang))!, personalDataRemoved: scrub.removed };
  });
}

export interface DecisionInput {
  text?: string;
  agendaItem?: string | null;
  organisationId?: string | null;
  due?: string | null;
  measure?: MeasureInput;
}

/**
 * Records a decision and, with `measure`, the measure it makes (owned by the measure's organisation,
 * else the decision's), in one transaction: a measure that fails its checks leaves no decision.
 */
export async function addDecision(db: Database, actor: Actor, meetingId: string, input: DecisionInput): Promise<Scrubbed<Decision>> {
  if (!can(actor, 'decisions.make')) throw new DomainError('forbidden');
  return db.transaction(async (tx) => {
    const meeting = await getMeetingRow(tx, meetingId, actor.municipalities);
    if (!meeting) throw notFound('meeting');
    const c = new IssueCollector();
    const written = input.text?.trim() ?? '';
    if (!written) c.add('text', 'required');
    else if (written.length > MEETING_LIMITS.decisionTextMax) c.add('text', 'too_long', { max: MEETING_LIMITS.decisionTextMax });
    if (input.agendaItem && !meeting.agenda.some((a) => a.id === input.agendaItem)) c.add('agendaItem', 'unknown_reference', { what: 'dagordningspunkten' });
    if (input.due !== undefined && input.due !== null && !isCalendarDate(input.due)) c.add('due', 'format', { format: 'YYYY-MM-DD' });
    if (input.organisationId && !(await organisationNames(tx, [input.organisationId], meeting.municipalityId)).size) c.add('organisationId', 'unknown_reference', { what: 'organisationen' });
    c.throwIfAny();
    const scrub = new PersonalDataScrubber();
    const text = scrub.text(written, MEETING_LIMITS.decisionTextMax);
    const organisationId = input.organisationId ?? input.measure?.organisationId ?? null;
    const id = await insertDecision(tx, { municipalityId: meeting.municipalityId, meetingId, agendaItem: input.agendaItem ?? null, text, organisationId, due: input.due ?? input.measure?.plannedEnd ?? null, createdBy: actor.userId });
    let measure: Scrubbed<Measure> | null = null;
    if (input.measure) {
      // What the decision says (owner, due date, title, the agenda item's place and problem) fills what the measure leaves out.
      const item = meeting.agenda.find((a) => a.id === input.agendaItem) ?? null;
      const defaults = measureFromDecision({ text, organisationId: input.organisationId ?? null, due: input.due ?? null }, item, { id: meetingId, areaId: meeting.areaId, situationPictureId: meeting.situationPictureId });
      measure = await createMeasure(db, actor, { ...withDecisionDefaults(input.measure, defaults), meetingId }, tx, 'measure.');
      await setDecisionMeasure(tx, meeting.municipalityId, id, measure.id);
    }
    await recordAudit(tx, { municipalityId: meeting.municipalityId, userId: actor.userId, action: 'meeting.decision', subjectType: 'meeting', subjectId: meetingId, details: { decisionId: id, measureId: measure?.id ?? null } });
    const row = (await getDecisionRow(tx, meeting.municipalityId, id))!;
    const removed = new Set([...scrub.removed, ...(measure?.personalDataRemoved ?? [])]);
    return { ...row, measure, personalDataRemoved: PERSONAL_DATA_KINDS.filter((k) => removed.has(k)) };
  });
}

/**
 * Makes an earlier decision a measure: the decision's owner, due date, title and the agenda item's
 * place and problem fill what `input` leaves out; the decision then links to the measure and the
 * measure back to the meeting. A decision has at most one measure (409 for a second).
 */
export async function createMeasureFromDecision(db: Database, actor: Actor, meetingId: string, decisionId: string, input: MeasureInput): Promise<Scrubbed<Decision>> {
  if (!can(actor, 'decisions.make')) throw new DomainError('forbidden');
  return db.transaction(async (tx) => {
    const meeting = await getMeetingRow(tx, meetingId, actor.municipalities);
    if (!meeting) throw notFound('meeting');
    const decision = await getDecisionRow(tx, meeting.municipalityId, decisionId);
    if (!decision || decision.meetingId !== meetingId) throw notFound('decision');
    if (decision.measureId) throw new DomainError('conflict', [{ field: 'measureId', code: 'taken' }]);
    const item = meeting.agenda.find((a) => a.id === decision.agendaItem) ?? null;
    const defaults = measureFromDecision(decision, item, { id: meetingId, areaId: meeting.areaId, situationPictureId: meeting.situationPictureId });
    const measure = await createMeasure(db, actor, { ...withDecisionDefaults(input, defaults), meetingId }, tx);
    // Checked again by the update itself: of two people making the same decision a measure at once, one gets 409.
    if (!(await setDecisionMeasure(tx, meeting.municipalityId, decisionId, measure.id))) throw new DomainError('conflict', [{ field: 'measureId', code: 'taken' }]);
    await recordAudit(tx, { municipalityId: meeting.municipalityId, userId: actor.userId, action: 'meeting.decision', subjectType: 'meeting', subjectId: meetingId, details: { decisionId, measureId: measure.id } });
    return { ...(await getDecisionRow(tx, meeting.municipalityId, decisionId))!, measure, personalDataRemoved: measure.personalDataRemoved };
  });
}

/** The minutes as HTML or Markdown. */
/** One meeting as the app shows it (participants' names, decisions, minutes): the read is logged. */
export async function readMeeting(db: Queryable, actor: Actor, id: string, lang: Language = 'sv'): Promise<Meeting> {
  const m = await getMeeting(db, actor, id, lang);
  await auditRead(db, actor, 'meeting.read', { count: 1, subject: { type: 'meeting', id }, municipalityId: m.municipalityId });
  return m;
}

export async function minutes(db: Queryable, actor: Actor, id: string, format: 'html' | 'md' = 'html', lang: Language = 'sv'): Promise<string> {
  const m = await getMeeting(db, actor, id, lang);
  await auditRead(db, actor, 'meetings.minutes.read', { count: 1, subject: { type: 'meeting', id }, municipalityId: m.municipalityId, extra: { format } });
  const data = {
    title: m.title, heldAt: new Date(m.heldAt), municipalityName: m.municipalityName, areaName: m.areaName, situationPictureTitle: m.situationPictureTitle,
    participants: m.participants.map((p) => ({ organisationName: p.organisationName ?? p.organisationId, name: p.name, present: p.present })),
    agenda: m.agenda,
    decisions: m.decisions.map((d) => ({
      text: d.text, agendaItem: d.agendaItem, organisationName: d.organisationName, due: d.due,
      measure: d.measure ? { title: d.measure.title, typeName: (lang === 'en' ? measureType(d.measure.type)?.nameEn : measureType(d.measure.type)?.nameSv) ?? d.measure.type, organisationName: d.measure.organisationName, status: d.measure.status, plannedEnd: d.measure.plannedEnd, placeName: d.measure.placeName, areaName: d.measure.areaName } : null,
    })),
    minutes: m.minutes,
    lang,
  };
  return format === 'md' ? minutesMarkdown(data) : minutesHtml(data);
}

import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AGENDA_KINDS } from '../../core/meetings/agenda.ts';
import type { Database } from '../../db/engine.ts';
import { addDecision, createMeeting, getMeeting, listMeetings, minutes, updateMeeting, MEETING_LIMITS, type DecisionInput, type MeetingInput, type MeetingPatch } from '../../services/meetings.ts';
import { actor } from '../plugins/auth.ts';
import { IdParams, Nullable, StringEnum, Uuid, errors } from '../../contract/index.ts';
import { MeasureBody, MeasureOut } from './measures.ts';

const NullableString = Nullable(Type.String());

const ParticipantIn = Type.Object({
  organisationId: Uuid,
  name: Type.Optional(Nullable(Type.String({ maxLength: MEETING_LIMITS.participantNameMax }))),
  present: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
const AgendaItemSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  kind: StringEnum(AGENDA_KINDS),
  title: Type.String({ maxLength: 300 }),
  detail: Type.String({ maxLength: 2000 }),
  ref: Nullable(Type.Object({ type: Type.String({ maxLength: 50 }), id: Type.String({ maxLength: 100 }) }, { additionalProperties: false })),
}, { additionalProperties: false });

const MeetingCreate = Type.Object({
  heldAt: Type.String({ maxLength: 40, description: 'ISO 8601 date-time' }),
  title: Type.Optional(Type.String({ maxLength: MEETING_LIMITS.titleMax })),
  areaId: Type.Optional(Nullable(Uuid)),
  situationPictureId: Type.Optional(Nullable(Uuid)),
  participants: Type.Optional(Type.Array(ParticipantIn, { maxItems: MEETING_LIMITS.participantsMax })),
}, { additionalProperties: false });
const MeetingPatchBody = Type.Object({
  rowVersion: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ maxLength: MEETING_LIMITS.titleMax })),
  heldAt: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(StringEnum(['planned', 'held'] as const)),
  participants: Type.Optional(Type.Array(ParticipantIn, { maxItems: MEETING_LIMITS.participantsMax })),
  agenda: Type.Optional(Type.Array(AgendaItemSchema, { maxItems: MEETING_LIMITS.agendaMax })),
  minutes: Type.Optional(Nullable(Type.String({ maxLength: MEETING_LIMITS.minutesMax }))),
}, { additionalProperties: false });
const DecisionBody = Type.Object({
  text: Type.String({ maxLength: MEETING_LIMITS.decisionTextMax }),
  agendaItem: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  organisationId: Type.Optional(Nullable(Uuid)),
  due: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  measure: Type.Optional(MeasureBody),
}, { additionalProperties: false });

const DecisionOut = Type.Object({
  id: Uuid, meetingId: Uuid, agendaItem: NullableString, text: Type.String(), organisationId: NullableString, organisationName: NullableString,
  due: NullableString, measureId: NullableString, measure: Nullable(MeasureOut), createdAt: Type.String({ format: 'date-time' }),
});
const MeetingOut = Type.Object({
  id: Uuid, municipalityId: Type.String(), municipalityName: Type.String(), areaId: NullableString, areaName: NullableString, title: Type.String(),
  heldAt: Type.String({ format: 'date-time' }), situationPictureId: NullableString, situationPictureTitle: NullableString, status: Type.String(),
  participants: Type.Array(Type.Object({ organisationId: Type.String(), organisationName: Type.Optional(Type.String()), name: NullableString, present: Type.Boolean() })),
  agenda: Type.Array(AgendaItemSchema), minutes: NullableString, rowVersion: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }), decisions: Type.Array(DecisionOut),
});
const MeetingSummaryOut = Type.Object({
  id: Uuid, title: Type.String(), heldAt: Type.String({ format: 'date-time' }), areaId: NullableString, areaName: NullableString, status: Type.String(),
  situationPictureId: NullableString, decisionCount: Type.Integer(),
});

type Id = { id: string };

/** Area-group meetings: agenda from the lägesbild, decisions that become measures, minutes. */
export async function meetingRoutes(app: FastifyInstance, opts: { db: Database }) {
  const { db } = opts;
  app.get('/api/meetings', {
    schema: { tags: ['meetings'], summary: 'Meetings, newest first', querystring: Type.Object({ areaId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(MeetingSummaryOut) }), ...errors(401, 403, 422) } },
  }, async (req) => ({ items: await listMeetings(db, actor(req), req.query as { areaId?: string }) }));
  app.post('/api/meetings', {
    schema: { tags: ['meetings'], summary: 'Create a meeting with its generated agenda (coordinator)', body: MeetingCreate, response: { 201: MeetingOut, ...errors(400, 401, 403, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await createMeeting(db, actor(req), req.body as MeetingInput)));
  app.get('/api/meetings/:id', {
    schema: { tags: ['meetings'], summary: 'One meeting with agenda and decisions', params: IdParams, response: { 200: MeetingOut, ...errors(401, 403, 404) } },
  }, async (req) => getMeeting(db, actor(req), (req.params as Id).id));
  app.patch('/api/meetings/:id', {
    schema: { tags: ['meetings'], summary: 'Change a meeting: title, time, status, participants, agenda, minutes (coordinator)', params: IdParams, body: MeetingPatchBody, response: { 200: MeetingOut, ...errors(400, 401, 403, 404, 409, 415, 422) } },
  }, async (req) => updateMeeting(db, actor(req), (req.params as Id).id, req.body as MeetingPatch));
  app.post('/api/meetings/:id/decisions', {
    schema: { tags: ['meetings'], summary: 'Record a decision; with measure, the measure is created in the same transaction', params: IdParams, body: DecisionBody, response: { 201: DecisionOut, ...errors(400, 401, 403, 404, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await addDecision(db, actor(req), (req.params as Id).id, req.body as DecisionInput)));
  app.get('/api/meetings/:id/minutes', {
    schema: { tags: ['meetings'], summary: 'The minutes as HTML or Markdown', params: IdParams, querystring: Type.Object({ format: Type.Optional(StringEnum(['html', 'md'] as const)) }, { additionalProperties: false }), response: { 200: Type.String(), ...errors(401, 403, 404, 422) } },
  }, async (req, reply) => {
    const format = (req.query as { format?: 'html' | 'md' }).format ?? 'html';
    const body = await minutes(db, actor(req), (req.params as Id).id, format);
    return reply.type(format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8').send(body);
  });
}

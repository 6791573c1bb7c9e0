import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../db/engine.ts';
import {
  compareSituationPictures, createSituationPicture, deleteDraft, getSituationPicture, listSituationPictures, newVersion,
  publishSituationPicture, recomputeSituationPicture, updateSituationPicture, type CreateInput, type Patch,
} from '../../services/situation-pictures.ts';
import { listFeedback, listNotifications, readNotification } from '../../services/feedback.ts';
import type { IncidentIndexStore } from '../../services/incident-index.ts';
import { actor } from '../plugins/auth.ts';
import { StringEnum, Uuid, errors } from '../../contract/index.ts';

const Day = Type.String({ description: 'Calendar day YYYY-MM-DD (Europe/Stockholm)', maxLength: 10 });
const Period = Type.Object({ from: Type.String(), to: Type.String(), days: Type.Integer() });

const Summary = Type.Object({
  id: Uuid, seriesId: Uuid, version: Type.Integer(), title: Type.String(), status: StringEnum(['draft', 'published'] as const),
  origin: StringEnum(['manual', 'scheduled'] as const), areaId: Type.Union([Type.Null(), Uuid]), areaName: Type.Union([Type.Null(), Type.String()]),
  period: Type.Object({ from: Type.String(), to: Type.String({ description: 'last day, inclusive' }), days: Type.Integer() }),
  publishedAt: Type.Union([Type.Null(), Type.String()]), createdAt: Type.String(), total: Type.Integer(),
}, { $id: 'SituationPictureSummary' });

const ProblemAnalysis = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 100 })), title: Type.String({ maxLength: 200 }), priority: Type.Optional(Type.Integer()),
  categoryIds: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })), placeId: Type.Optional(Type.Union([Type.Null(), Type.String()])),
  areaId: Type.Optional(Type.Union([Type.Null(), Type.String()])), offender: Type.Optional(Type.String()), target: Type.Optional(Type.String()),
  place: Type.Optional(Type.String()), suggestedMeasures: Type.Optional(Type.String()),
}, { description: 'Cause analysis after the crime triangle: offender (gärningsperson), target (offer/mål), place (plats)' });
const Narrative = Type.Object({ summary: Type.Optional(Type.String()), problems: Type.Optional(Type.Array(ProblemAnalysis)) });
const StatusLevelEntry = Type.Object({
  kind: Type.String({ description: 'area | place' }), id: Type.String(), name: Type.Optional(Type.String()),
  level: Type.String({ description: 'green | yellow | red' }), comment: Type.Optional(Type.String()),
});

const Edition = Type.Object({
  ...Summary.properties,
  municipalityId: Type.String(),
  filters: Type.Object({ categoryIds: Type.Array(Type.String()), organisationIds: Type.Array(Type.String()) }),
  content: Type.Object({}, { additionalProperties: true, description: 'SituationPictureContent (src/core/situation-picture/content.ts)' }),
  narrative: Type.Object({}, { additionalProperties: true }),
  statusLevels: Type.Array(Type.Object({}, { additionalProperties: true })),
  rowVersion: Type.Integer(), computedAt: Type.String(),
  versions: Type.Array(Type.Object({ id: Uuid, version: Type.Integer(), status: Type.String(), publishedAt: Type.Union([Type.Null(), Type.String()]) })),
}, { $id: 'SituationPicture' });

const CreateBody = Type.Object({
  from: Day, to: Day,
  areaId: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 40 })])),
  categoryIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 })),
  organisationIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 })),
  title: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false });
const PatchBody = Type.Object({
  rowVersion: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ maxLength: 1000 })),
  narrative: Type.Optional(Narrative),
  statusLevels: Type.Optional(Type.Array(StatusLevelEntry)),
}, { additionalProperties: false });
const RowVersionBody = Type.Object({ rowVersion: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const CompareParams = Type.Object({ id: Type.String({ maxLength: 40 }), otherId: Type.String({ maxLength: 40 }) });

const Comparison = Type.Object({
  base: Type.Ref('SituationPictureSummary'), other: Type.Ref('SituationPictureSummary'),
  totals: Type.Object({ base: Type.Integer(), other: Type.Integer(), change: Type.Integer() }),
  byCategory: Type.Array(Type.Object({ id: Type.String(), nameSv: Type.String(), base: Type.Integer(), other: Type.Integer(), change: Type.Integer() })),
  byArea: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), base: Type.Integer(), other: Type.Integer(), change: Type.Integer() })),
  hotspots: Type.Object({ new: Type.Array(Type.String()), persisting: Type.Array(Type.String()), gone: Type.Array(Type.String()) }),
  statusLevels: Type.Array(Type.Object({ kind: Type.String(), id: Type.String(), name: Type.String(), base: Type.Union([Type.Null(), Type.String()]), other: Type.Union([Type.Null(), Type.String()]) })),
});

const FeedbackItem = Type.Object({
  id: Uuid, title: Type.String(), period: Period, summary: Type.String(), publishedAt: Type.String(),
  totals: Type.Object({}, { additionalProperties: true }), topCategories: Type.Array(Type.Object({ id: Type.String(), nameSv: Type.String(), count: Type.Integer() })),
});
const NotificationOut = Type.Object({
  id: Uuid, kind: Type.String(), subject: Type.String(), body: Type.String(), subjectType: Type.Union([Type.Null(), Type.String()]),
  subjectId: Type.Union([Type.Null(), Type.String()]), createdAt: Type.String(), readAt: Type.Union([Type.Null(), Type.String()]),
});

const json = (reply: { type(t: string): { send(b: string): unknown } }, body: unknown) => reply.type('application/json').send(JSON.stringify(body));

/** Lägesbild editions (draft → published, versions, comparison), återkoppling and in-app notifications. */
export async function situationPictureRoutes(app: FastifyInstance, opts: { db: Database; index: IncidentIndexStore | null }) {
  const { db, index } = opts;
  app.addSchema(Summary);
  app.addSchema(Edition);
  const tags = ['lägesbild editions'];

  app.get('/api/situation-pictures', {
    schema: {
      tags, summary: 'Editions, newest period first (drafts for coordinators and area groups only)',
      querystring: Type.Object({ status: Type.Optional(StringEnum(['draft', 'published'] as const)), areaId: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Ref('SituationPictureSummary')) }), ...errors(401, 403, 422) },
    },
  }, async (req) => listSituationPictures(db, actor(req), req.query as { status?: 'draft' | 'published'; areaId?: string }));

  app.post('/api/situation-pictures', {
    schema: {
      tags, summary: 'Create a draft for a period (from, to inclusive, YYYY-MM-DD) and optionally an area and filters; its content is computed (coordinator)',
      body: CreateBody, response: { 201: Type.Ref('SituationPicture'), ...errors(400, 401, 403, 409, 415, 422) },
    },
  }, async (req, reply) => {
    const sp = await createSituationPicture(db, index, actor(req), { ...(req.body as CreateInput), origin: 'manual' });
    return json(reply.code(201), sp);
  });

  app.get('/api/situation-pictures/:id', {
    schema: { tags, summary: 'One edition with its content, narrative, status levels and versions', params: Params, response: { 200: Type.Ref('SituationPicture'), ...errors(401, 403, 404) } },
  }, async (req, reply) => json(reply, await getSituationPicture(db, actor(req), (req.params as { id: string }).id)));

  app.patch('/api/situation-pictures/:id', {
    schema: {
      tags, summary: 'Change the title, narrative (summary, cause analyses) and status levels of a draft (coordinator); 409 when published or stale',
      params: Params, body: PatchBody, response: { 200: Type.Ref('SituationPicture'), ...errors(400, 401, 403, 404, 409, 415, 422) },
    },
  }, async (req, reply) => json(reply, await updateSituationPicture(db, actor(req), (req.params as { id: string }).id, req.body as Patch)));

  app.post('/api/situation-pictures/:id/recompute', {
    schema: { tags, summary: 'Compute the content of a draft again from the current data (coordinator)', params: Params, body: RowVersionBody, response: { 200: Type.Ref('SituationPicture'), ...errors(400, 401, 403, 404, 409, 415, 422) } },
  }, async (req, reply) => json(reply, await recomputeSituationPicture(db, index, actor(req), (req.params as { id: string }).id, (req.body as { rowVersion: number }).rowVersion)));

  app.post('/api/situation-pictures/:id/publish', {
    schema: { tags, summary: 'Publish a draft: it is frozen from now on, and the reporters get their återkoppling (coordinator)', params: Params, body: RowVersionBody, response: { 200: Type.Ref('SituationPicture'), ...errors(400, 401, 403, 404, 409, 415, 422) } },
  }, async (req, reply) => json(reply, await publishSituationPicture(db, actor(req), (req.params as { id: string }).id, (req.body as { rowVersion: number }).rowVersion)));

  app.post('/api/situation-pictures/:id/versions', {
    schema: { tags, summary: 'A new draft version of an edition: same series and period, narrative copied, content recomputed (coordinator)', params: Params, body: Type.Object({}, { additionalProperties: false }), response: { 201: Type.Ref('SituationPicture'), ...errors(400, 401, 403, 404, 415, 422) } },
  }, async (req, reply) => json(reply.code(201), await newVersion(db, index, actor(req), (req.params as { id: string }).id)));

  app.get('/api/situation-pictures/:id/compare/:otherId', {
    schema: { tags, summary: 'Compare two editions (change = other − base)', params: CompareParams, response: { 200: Comparison, ...errors(401, 403, 404) } },
  }, async (req) => {
    const p = req.params as { id: string; otherId: string };
    return compareSituationPictures(db, actor(req), p.id, p.otherId);
  });

  app.delete('/api/situation-pictures/:id', {
    schema: { tags, summary: 'Delete a draft (coordinator); a published edition cannot be deleted', params: Params, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } },
  }, async (req, reply) => {
    await deleteDraft(db, actor(req), (req.params as { id: string }).id);
    return reply.code(204).send();
  });

  app.get('/api/feedback', {
    schema: { tags: ['återkoppling'], summary: 'Återkoppling: the published editions of the user\'s municipalities, newest first', response: { 200: Type.Object({ items: Type.Array(FeedbackItem) }), ...errors(401) } },
  }, async (req) => listFeedback(db, actor(req)));

  app.get('/api/notifications', {
    schema: { tags: ['återkoppling'], summary: 'The user\'s in-app notifications, newest first', response: { 200: Type.Object({ items: Type.Array(NotificationOut) }), ...errors(401) } },
  }, async (req) => listNotifications(db, actor(req)));

  app.post('/api/notifications/:id/read', {
    schema: { tags: ['återkoppling'], summary: 'Mark one of the user\'s notifications read', params: Params, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: NotificationOut, ...errors(401, 404) } },
  }, async (req) => readNotification(db, actor(req), (req.params as { id: string }).id));
}

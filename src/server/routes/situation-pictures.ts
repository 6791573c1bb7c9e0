import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../services/database.ts';
import {
  compareSituationPictures, createSituationPicture, deleteDraft, getSituationPicture, listSituationPictures, newVersion,
  publishSituationPicture, recomputeSituationPicture, updateSituationPicture,
} from '../../services/situation-pictures.ts';
import { listFeedback, listNotifications, readNotification } from '../../services/feedback.ts';
import { actor } from '../plugins/auth.ts';
import {
  AppNotification, CompareParams, EditionComparison, EditionParams, EditionRowVersion, FeedbackList, NewVersionBody, NotificationList,
  NotificationParams, NotificationReadBody, SituationPicture, SituationPictureCreate, SituationPictureList, SituationPictureListQuery, SituationPicturePatch,
  SituationPictureRef, SituationPictureSummary, errors,
} from '../../contract/index.ts';

/** Lägesbild editions (draft → published, versions, comparison), återkoppling and in-app notifications. */
export const situationPictureRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;
  app.addSchema(SituationPictureSummary);
  app.addSchema(SituationPicture);
  const tags = ['lägesbild editions'];

  app.get('/api/situation-pictures', {
    schema: {
      tags, summary: 'Editions, newest period first (drafts for coordinators and area groups only)',
      querystring: SituationPictureListQuery, response: { 200: SituationPictureList, ...errors(401, 403, 422) },
    },
  }, async (req) => listSituationPictures(db, actor(req), req.query));

  app.post('/api/situation-pictures', {
    schema: {
      tags, summary: 'Create a draft for a period (from, to inclusive, YYYY-MM-DD) and optionally an area and filters; its content is computed (coordinator)',
      body: SituationPictureCreate, response: { 201: SituationPictureRef, ...errors(400, 401, 403, 409, 415, 422) },
    },
  }, async (req, reply) => reply.code(201).send(await createSituationPicture(db, actor(req), { ...req.body, origin: 'manual' })));

  app.get('/api/situation-pictures/:id', {
    schema: { tags, summary: 'One edition with its content, narrative, status levels and versions', params: EditionParams, response: { 200: SituationPictureRef, ...errors(401, 403, 404) } },
  }, async (req) => getSituationPicture(db, actor(req), req.params.id));

  app.patch('/api/situation-pictures/:id', {
    schema: {
      tags, summary: 'Change the title, narrative (summary, cause analyses) and status levels of a draft (coordinator); 409 when published or stale',
      params: EditionParams, body: SituationPicturePatch, response: { 200: SituationPictureRef, ...errors(400, 401, 403, 404, 409, 415, 422) },
    },
  }, async (req) => updateSituationPicture(db, actor(req), req.params.id, req.body));

  app.post('/api/situation-pictures/:id/recompute', {
    schema: { tags, summary: 'Compute the content of a draft again from the current data (coordinator)', params: EditionParams, body: EditionRowVersion, response: { 200: SituationPictureRef, ...errors(400, 401, 403, 404, 409, 415, 422) } },
  }, async (req) => recomputeSituationPicture(db, actor(req), req.params.id, req.body.rowVersion));

  app.post('/api/situation-pictures/:id/publish', {
    schema: { tags, summary: 'Publish a draft: it is frozen from now on, and the reporters get their återkoppling (coordinator)', params: EditionParams, body: EditionRowVersion, response: { 200: SituationPictureRef, ...errors(400, 401, 403, 404, 409, 415, 422) } },
  }, async (req) => publishSituationPicture(db, actor(req), req.params.id, req.body.rowVersion));

  app.post('/api/situation-pictures/:id/versions', {
    schema: { tags, summary: 'A new draft version of an edition: same series and period, narrative copied, content recomputed (coordinator)', params: EditionParams, body: NewVersionBody, response: { 201: SituationPictureRef, ...errors(400, 401, 403, 404, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await newVersion(db, actor(req), req.params.id)));

  app.get('/api/situation-pictures/:id/compare/:otherId', {
    schema: { tags, summary: 'Compare two editions (change = other − base)', params: CompareParams, response: { 200: EditionComparison, ...errors(401, 403, 404) } },
  }, async (req) => compareSituationPictures(db, actor(req), req.params.id, req.params.otherId));

  app.delete('/api/situation-pictures/:id', {
    schema: { tags, summary: 'Delete a draft (coordinator); a published edition cannot be deleted', params: EditionParams, response: { 204: Type.Null(), ...errors(401, 403, 404, 409) } },
  }, async (req, reply) => {
    await deleteDraft(db, actor(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/feedback', {
    schema: { tags: ['återkoppling'], summary: 'Återkoppling: the published editions of the user\'s municipalities, newest first', response: { 200: FeedbackList, ...errors(401) } },
  }, async (req) => listFeedback(db, actor(req)));

  app.get('/api/notifications', {
    schema: { tags: ['återkoppling'], summary: 'The user\'s in-app notifications, newest first', response: { 200: NotificationList, ...errors(401) } },
  }, async (req) => listNotifications(db, actor(req)));

  app.post('/api/notifications/:id/read', {
    schema: { tags: ['återkoppling'], summary: 'Mark one of the user\'s notifications read', params: NotificationParams, body: NotificationReadBody, response: { 200: AppNotification, ...errors(401, 404) } },
  }, async (req) => readNotification(db, actor(req), req.params.id));
};

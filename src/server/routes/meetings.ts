import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../services/database.ts';
import { addDecision, createMeasureFromDecision, createMeeting, listMeetings, minutes, readMeeting, updateMeeting } from '../../services/meetings.ts';
import { actor } from '../plugins/auth.ts';
import { Decision, DecisionBody, DecisionParams, IdParams, MeasureBody, Meeting, MeetingCreate, MeetingList, MeetingListQuery, MeetingPatch, MinutesQuery, errors } from '../../contract/index.ts';

/** Area-group meetings: agenda from the lägesbild, decisions that become measures, minutes. */
export const meetingRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;
  app.get('/api/meetings', {
    schema: { tags: ['meetings'], summary: 'Meetings, newest first', querystring: MeetingListQuery, response: { 200: MeetingList, ...errors(401, 403, 422) } },
  }, async (req) => ({ items: await listMeetings(db, actor(req), req.query) }));
  app.post('/api/meetings', {
    schema: { tags: ['meetings'], summary: 'Create a meeting with its generated agenda (coordinator)', body: MeetingCreate, response: { 201: Meeting, ...errors(400, 401, 403, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await createMeeting(db, actor(req), req.body, req.lang)));
  app.get('/api/meetings/:id', {
    schema: { tags: ['meetings'], summary: 'One meeting with agenda and decisions', params: IdParams, response: { 200: Meeting, ...errors(401, 403, 404) } },
  }, async (req) => readMeeting(db, actor(req), req.params.id, req.lang));
  app.patch('/api/meetings/:id', {
    schema: { tags: ['meetings'], summary: 'Change a meeting: title, time, status, participants, agenda, minutes (coordinator)', params: IdParams, body: MeetingPatch, response: { 200: Meeting, ...errors(400, 401, 403, 404, 409, 415, 422) } },
  }, async (req) => updateMeeting(db, actor(req), req.params.id, req.body, req.lang));
  app.post('/api/meetings/:id/decisions', {
    schema: { tags: ['meetings'], summary: 'Record a decision; with measure, the measure is created in the same transaction', params: IdParams, body: DecisionBody, response: { 201: Decision, ...errors(400, 401, 403, 404, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await addDecision(db, actor(req), req.params.id, req.body)));
  app.post('/api/meetings/:id/decisions/:decisionId/measure', {
    schema: { tags: ['meetings'], summary: 'Make an earlier decision a measure: the decision\'s owner, due date, title and place fill what the body leaves out', params: DecisionParams, body: MeasureBody, response: { 201: Decision, ...errors(400, 401, 403, 404, 409, 415, 422) } },
  }, async (req, reply) => reply.code(201).send(await createMeasureFromDecision(db, actor(req), req.params.id, req.params.decisionId, req.body)));
  app.get('/api/meetings/:id/minutes', {
    schema: { tags: ['meetings'], summary: 'The minutes as HTML or Markdown', params: IdParams, querystring: MinutesQuery, response: { 200: Type.String({ description: 'An HTML page or Markdown text' }), ...errors(401, 403, 404, 422) } },
  }, async (req, reply) => {
    const format = req.query.format ?? 'html';
    const lang = req.query.lang ?? req.lang;
    const body = await minutes(db, actor(req), req.params.id, format, lang);
    return reply.type(format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8').header('content-language', lang).send(body);
  });
};

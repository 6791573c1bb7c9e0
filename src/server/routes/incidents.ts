import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../db/engine.ts';
import { recordAudit } from '../../db/repositories/audit.ts';
import { Readable } from 'node:stream';
import { countIncidents, getIncident, listIncidents } from '../../db/repositories/incidents.ts';
import type { IncidentFilter } from '../../core/incidents/types.ts';
import { exportChunks } from '../../io/export/incidents.ts';
import type { Actor } from '../../core/access/roles.ts';
import { findDuplicates } from '../../services/incidents.ts';
import { notFound } from '../../core/errors/index.ts';
import {
  createIncident, incidentHistory, reviewIncident, updateIncident,
  type CreateIncidentInput, type ReviewInput, type UpdateIncidentInput,
} from '../../services/incidents.ts';
import { actor } from '../plugins/auth.ts';
import { encodeCursor, parseIncidentQuery, type IncidentQueryString } from '../query.ts';
import { incidentFeature } from '../../core/geojson/incident.ts';
import { wantsGeoJson } from '../geojson.ts';
import { HistoryEntry, IdParams, IncidentCreate, IncidentPatch, IncidentQuery, ReviewBody, StringEnum, errors, filterQuery } from '../../contract/index.ts';

/** All pages of a selection, 1000 at a time, in keyset order (bounded memory for any size). */
async function* pagesOf(db: Database, a: Actor, filter: IncidentFilter) {
  let after: { occurredFrom: Date; id: string } | undefined;
  for (;;) {
    const page = await listIncidents(db, a, filter, { limit: 1000, after });
    yield page.items;
    if (!page.hasMore) return;
    const last = page.items[page.items.length - 1];
    after = { occurredFrom: last.occurredFrom, id: last.id };
  }
}

export async function incidentRoutes(app: FastifyInstance, opts: { db: Database }) {
  const { db } = opts;

  app.post('/api/incidents', {
    schema: {
      tags: ['incidents'],
      summary: 'Report an incident (idempotent with a client-chosen id)',
      body: IncidentCreate,
      response: { 201: Type.Ref('Incident'), 200: Type.Ref('Incident'), ...errors(400, 401, 403, 409, 413, 415, 422) },
    },
  }, async (req, reply) => {
    const { incident, created, personalDataRemoved } = await createIncident(db, actor(req), req.body as CreateIncidentInput);
    if (personalDataRemoved.length) reply.header('x-personal-data-removed', personalDataRemoved.join(','));
    return reply.code(created ? 201 : 200).header('location', `/api/incidents/${incident.id}`).send({ ...incident, personalDataRemoved });
  });

  app.get('/api/incidents', {
    schema: {
      tags: ['incidents'],
      summary: 'List incidents (newest first, keyset pages); Accept: application/geo+json gives a FeatureCollection in WGS84',
      querystring: IncidentQuery,
      response: {
        200: Type.Object({ items: Type.Array(Type.Ref('Incident')), nextCursor: Type.Union([Type.Null(), Type.String()]) }),
        ...errors(400, 401, 422),
      },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const qs = req.query as IncidentQueryString;
    const { filter, after } = parseIncidentQuery(qs, a.userId);
    const page = await listIncidents(db, a, filter, { limit: qs.limit ?? 100, after });
    const last = page.items[page.items.length - 1];
    const nextCursor = page.hasMore && last ? encodeCursor(last.occurredFrom, last.id) : null;
    if (nextCursor) reply.header('link', `<${req.url.replace(/([?&])cursor=[^&]*&?/, '$1').replace(/[?&]$/, '')}${req.url.includes('?') ? '&' : '?'}cursor=${nextCursor}>; rel="next"`);
    if (wantsGeoJson(req.headers.accept)) {
      await recordAudit(db, { municipalityId: a.municipalityId, userId: a.userId, action: 'incidents.export', details: { format: 'geojson', query: qs, count: page.items.length } });
      return reply.type('application/geo+json; charset=utf-8').send(JSON.stringify({
        type: 'FeatureCollection', features: page.items.map(incidentFeature), nextCursor,
      }));
    }
    return { items: page.items, nextCursor };
  });

  app.get('/api/incidents/export', {
    schema: {
      tags: ['incidents'],
      summary: 'The whole selection as a CSV or GeoJSON download (logged: an export is an allmän handling)',
      querystring: filterQuery({ format: StringEnum(['csv', 'geojson'] as const, { default: 'csv' }) }),
      response: { ...errors(401, 422) },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const qs = req.query as IncidentQueryString & { format: 'csv' | 'geojson' };
    const { filter } = parseIncidentQuery(qs, a.userId);
    const count = await countIncidents(db, a, filter);
    await recordAudit(db, { municipalityId: a.municipalityId, userId: a.userId, action: 'incidents.export', details: { format: qs.format, query: qs, count } });
    const stamp = new Date().toISOString().slice(0, 10);
    reply
      .type(qs.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json; charset=utf-8')
      .header('content-disposition', `attachment; filename="lagesbild-${stamp}.${qs.format === 'csv' ? 'csv' : 'geojson'}"`)
      .header('x-total-count', String(count));
    return reply.send(Readable.from(exportChunks(qs.format, pagesOf(db, a, filter))));
  });

  app.get('/api/incidents/:id/duplicates', {
    schema: {
      tags: ['incidents'], summary: 'Likely duplicates: the same category within 50 m and 24 h',
      params: IdParams, response: { 200: Type.Object({ items: Type.Array(Type.Ref('Incident')) }), ...errors(401, 404, 422) },
    },
  }, async (req) => ({ items: await findDuplicates(db, actor(req), (req.params as { id: string }).id) }));

  app.get('/api/incidents/:id', {
    schema: { tags: ['incidents'], summary: 'One incident', params: IdParams, response: { 200: Type.Ref('Incident'), ...errors(401, 404, 422) } },
  }, async (req) => {
    const a = actor(req);
    const { id } = req.params as { id: string };
    const incident = await getIncident(db, a, id);
    if (!incident) throw notFound('incident');
    await recordAudit(db, { municipalityId: incident.municipalityId, userId: a.userId, action: 'incident.read', subjectType: 'incident', subjectId: id });
    return incident;
  });

  app.patch('/api/incidents/:id', {
    schema: {
      tags: ['incidents'],
      summary: 'Change an incident (If-Match: the version you edited, to refuse lost updates)',
      params: IdParams,
      body: IncidentPatch,
      headers: Type.Object({ 'if-match': Type.Optional(Type.String({ pattern: '^"?[0-9]+"?$' })) }),
      response: { 200: Type.Ref('Incident'), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const ifMatch = req.headers['if-match'];
    const expectedVersion = typeof ifMatch === 'string' ? Number(ifMatch.replace(/"/g, '')) : undefined;
    return updateIncident(db, actor(req), id, req.body as UpdateIncidentInput, { expectedVersion });
  });

  app.post('/api/incidents/:id/review', {
    schema: {
      tags: ['incidents'],
      summary: 'Review (coordinators): reviewed / rejected / duplicate of another report',
      params: IdParams,
      body: ReviewBody,
      response: { 200: Type.Ref('Incident'), ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    return reviewIncident(db, actor(req), id, req.body as ReviewInput);
  });

  app.get('/api/incidents/:id/history', {
    schema: { tags: ['incidents'], summary: 'Every change to the incident, oldest first', params: IdParams, response: { 200: Type.Array(HistoryEntry), ...errors(401, 404, 422) } },
  }, async (req) => {
    const a = actor(req);
    const { id } = req.params as { id: string };
    const history = await incidentHistory(db, a, id);
    await recordAudit(db, { municipalityId: a.municipalityId, userId: a.userId, action: 'incident.history.read', subjectType: 'incident', subjectId: id });
    return history;
  });
}

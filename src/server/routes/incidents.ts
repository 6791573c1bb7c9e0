import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Readable } from 'node:stream';
import type { Database } from '../../services/database.ts';
import { incidentFeature } from '../../core/geojson/incident.ts';
import { createIncident, reviewIncident, updateIncident } from '../../services/incidents.ts';
import { exportIncidentPage, exportIncidents, findDuplicates, listIncidentPage, readIncident, readIncidentHistory } from '../../services/incident-reads.ts';
import { actor } from '../plugins/auth.ts';
import { encodeCursor, parseIncidentQuery } from '../query.ts';
import { wantsGeoJson } from '../geojson.ts';
import { attachment, exportFileName } from '../export-filename.ts';
import { localDate } from '../../core/situation-picture/period.ts';
import type { ExportFormat } from '../../core/incidents/export-formats.ts';
import {
  Duplicates, ExportQuery, HistoryEntry, IdParams, IncidentCreate, IncidentFeatureCollection, IncidentPage, IncidentPatch, IncidentQuery,
  BinaryDownload, IncidentRef, ReviewBody, TextDownload, errors,
} from '../../contract/index.ts';

/** The media type of each export format (a GeoPackage's is registered with IANA as application/geopackage+sqlite3). */
const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  excel: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  gpkg: 'application/geopackage+sqlite3',
} as const satisfies Record<ExportFormat, string>;

export const incidentRoutes: FastifyPluginAsyncTypebox<{ db: Database; boundaryToleranceM?: number }> = async (app, opts) => {
  const { db, boundaryToleranceM } = opts;

  app.post('/api/incidents', {
    schema: {
      tags: ['incidents'],
      summary: 'Report an incident (idempotent with a client-chosen id)',
      body: IncidentCreate,
      response: { 201: IncidentRef, 200: IncidentRef, ...errors(400, 401, 403, 409, 413, 415, 422) },
    },
  }, async (req, reply) => {
    const { incident, created, personalDataRemoved } = await createIncident(db, actor(req), req.body, new Date(), { boundaryToleranceM });
    if (personalDataRemoved.length) reply.header('x-personal-data-removed', personalDataRemoved.join(','));
    return reply.code(created ? 201 : 200).header('location', `/api/incidents/${incident.id}`).send({ ...incident, personalDataRemoved });
  });

  app.get('/api/incidents', {
    schema: {
      tags: ['incidents'],
      summary: 'List incidents (newest first, keyset pages); Accept: application/geo+json gives a FeatureCollection in WGS84',
      querystring: IncidentQuery,
      response: {
        200: { content: { 'application/json': { schema: IncidentPage }, 'application/geo+json': { schema: IncidentFeatureCollection } } },
        ...errors(400, 401, 422),
      },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const { filter, after } = parseIncidentQuery(req.query, a.userId);
    const page = { limit: req.query.limit ?? 100, after };
    const geoJson = wantsGeoJson(req.headers.accept);
    const { items, hasMore } = geoJson ? await exportIncidentPage(db, a, filter, page, req.query) : await listIncidentPage(db, a, filter, page);
    const last = items[items.length - 1];
    const nextCursor = hasMore && last ? encodeCursor(last.occurredFrom, last.id) : null;
    if (nextCursor) reply.header('link', `<${req.url.replace(/([?&])cursor=[^&]*&?/, '$1').replace(/[?&]$/, '')}${req.url.includes('?') ? '&' : '?'}cursor=${nextCursor}>; rel="next"`);
    if (geoJson) return reply.type('application/geo+json; charset=utf-8').send({ type: 'FeatureCollection', features: items.map(incidentFeature), nextCursor });
    return { items, nextCursor };
  });

  app.get('/api/incidents/export', {
    schema: {
      tags: ['incidents'],
      summary: 'The whole selection as a CSV (for machines or for Excel), XLSX, GeoJSON or GeoPackage download, its file named for the municipalities it covers and the day (logged: an export is an allmän handling)',
      querystring: ExportQuery,
      response: {
        200: {
          content: {
            'text/csv': { schema: TextDownload('format=csv: CSV (RFC 4180), UTF-8 with a byte order mark; one row per incident. format=excel: the same columns for Swedish Excel (semicolon, Swedish names, local time, decimal commas).') },
            'application/geo+json': { schema: TextDownload('A GeoJSON FeatureCollection in WGS84 (RFC 7946), as GET /api/incidents with Accept: application/geo+json, all pages.') },
            [CONTENT_TYPES.xlsx]: { schema: BinaryDownload('format=xlsx: an Excel workbook, the sheets "Händelser" (one row per incident) and "Urval" (the period, filters, who exported and when).') },
            [CONTENT_TYPES.gpkg]: { schema: BinaryDownload('format=gpkg: a GeoPackage 1.2 (SQLite) in SWEREF 99 TM; x-total-count is the number of incidents in the layer handelser.') },
          },
        },
        ...errors(401, 404, 422),
      },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const { format, edition } = req.query;
    const { filter } = parseIncidentQuery(req.query, a.userId);
    const { count, municipalities, chunks } = await exportIncidents(db, a, filter, format, req.query, { edition });
    // The Swedish date: an export made at 00:30 is named for the day it was made in Sweden.
    const file = exportFileName(format, municipalities, localDate(Date.now()));
    return reply
      .type(CONTENT_TYPES[format])
      .header('content-disposition', attachment(file))
      .header('x-total-count', String(count))
      .send(Readable.from(chunks));
  });

  app.get('/api/incidents/:id/duplicates', {
    schema: {
      tags: ['incidents'], summary: 'Likely duplicates: the same category within 50 m and 24 h',
      params: IdParams, response: { 200: Duplicates, ...errors(401, 404, 422) },
    },
  }, async (req) => ({ items: await findDuplicates(db, actor(req), req.params.id) }));

  app.get('/api/incidents/:id', {
    schema: { tags: ['incidents'], summary: 'One incident', params: IdParams, response: { 200: IncidentRef, ...errors(401, 404, 422) } },
  }, async (req) => readIncident(db, actor(req), req.params.id));

  app.patch('/api/incidents/:id', {
    schema: {
      tags: ['incidents'],
      summary: 'Change an incident (If-Match: the version you edited, to refuse lost updates)',
      params: IdParams,
      body: IncidentPatch,
      headers: Type.Object({ 'if-match': Type.Optional(Type.String({ pattern: '^"?[0-9]+"?$' })) }),
      response: { 200: IncidentRef, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (req) => {
    const ifMatch = req.headers['if-match'];
    const expectedVersion = ifMatch === undefined ? undefined : Number(ifMatch.replace(/"/g, ''));
    return updateIncident(db, actor(req), req.params.id, req.body, { expectedVersion, boundaryToleranceM });
  });

  app.post('/api/incidents/:id/review', {
    schema: {
      tags: ['incidents'],
      summary: 'Review (coordinators): reviewed / rejected / duplicate of another report',
      params: IdParams,
      body: ReviewBody,
      response: { 200: IncidentRef, ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (req) => reviewIncident(db, actor(req), req.params.id, req.body));

  app.get('/api/incidents/:id/history', {
    schema: { tags: ['incidents'], summary: 'Every change to the incident, oldest first', params: IdParams, response: { 200: Type.Array(HistoryEntry), ...errors(401, 404, 422) } },
  }, async (req) => readIncidentHistory(db, actor(req), req.params.id));
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { DomainError, ERROR_STATUS, type ErrorCode, type FieldIssue } from '../../core/errors/index.ts';
import { errorMessage, fieldMessage, type Language } from '../../core/i18n/errors.ts';
import { toXmlList, toXmlObject, type XmlValue } from '../../core/open311/xml.ts';
import { apiKeyMunicipality, type Open311Format } from '../../core/open311/georeport.ts';
import type { Database } from '../../services/database.ts';
import { listServices, listTipStatus, serviceDefinition, submitTip, tipStatus } from '../../services/open311.ts';
import { issuesFromAjv, refusalOf } from '../plugins/errors.ts';
import {
  Open311Discovery, Open311File, Open311JurisdictionQuery, Open311RequestsQuery, Open311Service, Open311ServiceDefinition,
  Open311ServiceRequest, Open311TipBody, Open311TipCreated, open311Errors,
} from '../../contract/index.ts';

export interface Open311Options {
  db: Database;
  boundaryToleranceM?: number;
  /** Requests per api_key (or, without one, per client address) and window; default 60 a minute. */
  rateLimit?: { max: number; timeWindow: number };
}

/** When the interface last changed in a way a client would notice (discovery's changeset). */
const CHANGESET = '2026-12-04T00:00:00Z';

const TAG = 'open311';
const XML_TYPE = 'text/xml; charset=utf-8';

/** "skadegorelse.klotter.xml" → the id and the format; no known extension → null. */
function splitFile(file: string): { id: string; format: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { id: m[1], format: m[2] as Open311Format } : null;
}

/** The format a request asked for by its path's extension (errors come in it too); JSON without one. */
const formatOf = (req: FastifyRequest): Open311Format => (/\.xml(\?|$)/.test(req.url) ? 'xml' : 'json');

/** The HTTP status GeoReport expects: bad input is 400 (the rest of the API's 422 is not in its vocabulary). */
const statusOf = (code: ErrorCode) => (code === 'validation_failed' ? 400 : code === 'unauthenticated' ? 403 : ERROR_STATUS[code]);

type Open311Error = { code: number; description: string };

function describe(lang: Language, code: ErrorCode, fields: FieldIssue[], params: Record<string, string | number>): Open311Error[] {
  const status = statusOf(code);
  // One entry per parameter problem, named by the parameter as the client sent it (not by its label
  // in words: a client's log is read by its developers).
  if (fields.length) return fields.map((f) => ({ code: status, description: `${f.field}: ${fieldMessage(lang, f)}` }));
  return [{ code: status, description: errorMessage(lang, code, params) }];
}

function sendErrors(reply: FastifyReply, req: FastifyRequest, code: ErrorCode, fields: FieldIssue[] = [], params: Record<string, string | number> = {}) {
  const list = describe(req.lang, code, fields, params);
  reply.code(list[0].code).header('content-language', req.lang);
  if (formatOf(req) === 'xml') return reply.type(XML_TYPE).send(toXmlList('errors', 'error', list));
  return reply.type('application/json; charset=utf-8').send(list);
}

function send(reply: FastifyReply, format: Open311Format, json: unknown, xml: () => string, status = 200) {
  reply.code(status);
  return format === 'xml' ? reply.type(XML_TYPE).send(xml()) : reply.type('application/json; charset=utf-8').send(json);
}

const asXml = <T extends object>(items: T[]) => items as unknown as Array<Record<string, XmlValue>>;

/**
 * Open311 GeoReport v2 under /open311/v2 (register with that prefix): discovery, services, a
 * service's definition, POST requests (a tip, with an api_key) and the tips' public status. Every
 * error, whatever its cause, is GeoReport's error list in the format the path asked for.
 */
export const open311Routes: FastifyPluginAsyncTypebox<Open311Options> = async (app, opts) => {
  const { db } = opts;
  const limit = opts.rateLimit ?? { max: 60, timeWindow: 60_000 };
  const rateLimit = {
    ...limit,
    // After parsing, so a POST's api_key counts; a key is counted by its hash, never kept as sent.
    hook: 'preHandler' as const,
    groupId: 'open311',
    keyGenerator: (req: FastifyRequest) => {
      const body = req.body as { api_key?: unknown } | undefined;
      const query = req.query as { api_key?: unknown } | undefined;
      const key = typeof body?.api_key === 'string' ? body.api_key : typeof query?.api_key === 'string' ? query.api_key : null;
      // Something that is no key of ours counts for the address it came from.
      return key && apiKeyMunicipality(key) ? `key:${createHash('sha256').update(key).digest('hex')}` : `ip:${req.ip}`;
    },
  };
  // And per client address, ten times as many, before anything is parsed: a caller trying one made-up
  // key after another is held back by its address. (Checked by hand: the plugin runs one of its own
  // limits per request, the route's above.)
  const byAddress = app.createRateLimit({ max: limit.max * 10, timeWindow: limit.timeWindow, keyGenerator: (req) => `open311-address:${req.ip}` });
  app.addHook('onRequest', async (req) => {
    const l = await byAddress(req);
    if (!l.isAllowed && l.isExceeded) throw new DomainError('rate_limited');
  });

  // GeoReport's POST is a form (application/x-www-form-urlencoded); JSON is taken as well. A
  // parameter sent twice keeps its last value.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) return sendErrors(reply, req, err.code, err.fields, err.params);
    if (err.validation) return sendErrors(reply, req, 'validation_failed', issuesFromAjv(err.validation as never));
    if (err.statusCode === 429 || err.code === 'FST_ERR_RATE_LIMIT_EXCEEDED') return sendErrors(reply, req, 'rate_limited');
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendErrors(reply, req, 'payload_too_large', [], { limit: 1024 * 1024 });
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendErrors(reply, req, 'unsupported_media_type');
    if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return sendErrors(reply, req, 'malformed_request', [{ field: 'body', code: 'invalid_json' }]);
    const refusal = refusalOf(err);
    if (refusal) return sendErrors(reply, req, refusal.code, refusal.fields);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendErrors(reply, req, 'malformed_request');
    req.log.error({ err }, 'unhandled error');
    return sendErrors(reply, req, 'internal');
  });
  app.setNotFoundHandler((req, reply) => sendErrors(reply, req, 'not_found'));

  for (const format of ['json', 'xml'] as const) {
    app.get(`/discovery.${format}`, {
      schema: { tags: [TAG], summary: `Where the endpoint is and what it speaks (${format})`, response: { 200: Open311Discovery } },
      config: { rateLimit },
    }, async (req, reply) => {
      const url = `${req.protocol}://${req.host}/open311/v2/`;
      const body = {
        changeset: CHANGESET,
        contact: req.lang === 'en' ? 'The municipality\'s administrator of Lägesbild.' : 'Kommunens administratör av Lägesbild.',
        key_service: req.lang === 'en'
          ? 'An administrator creates an api_key for each client system (Administration → Open311).'
          : 'En administratör skapar en api_key för varje klientsystem (Administration → Open311).',
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
      };
      return send(reply, format, body, () => toXmlObject('discovery', body, (l) => l.replace(/s$/, '')));
    });

    app.get(`/services.${format}`, {
      schema: { tags: [TAG], summary: `The categories open to tips from the public (${format})`, querystring: Open311JurisdictionQuery, response: { 200: Type.Array(Open311Service), ...open311Errors(400, 404, 429) } },
      config: { rateLimit },
    }, async (req, reply) => {
      const services = await listServices(db, req.query.jurisdiction_id, req.lang);
      return send(reply, format, services, () => toXmlList('services', 'service', asXml(services)));
    });

    app.get(`/requests.${format}`, {
      schema: { tags: [TAG], summary: `The public status of tips sent through Open311 (${format})`, querystring: Open311RequestsQuery, response: { 200: Type.Array(Open311ServiceRequest), ...open311Errors(400, 404, 429) } },
      config: { rateLimit },
    }, async (req, reply) => {
      const list = await listTipStatus(db, req.query, req.lang);
      return send(reply, format, list, () => toXmlList('service_requests', 'request', asXml(list)));
    });

    app.post(`/requests.${format}`, {
      schema: {
        tags: [TAG], summary: `Send a tip into the review queue (${format}; api_key required)`, consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: Open311TipBody, response: { 201: Open311TipCreated, ...open311Errors(400, 403, 404, 413, 415, 429) },
      },
      config: { rateLimit },
    }, async (req, reply) => {
      const b = req.body;
      const { serviceRequestId } = await submitTip(db, {
        ...b,
        contact: { email: b.email, first_name: b.first_name, last_name: b.last_name, phone: b.phone, device_id: b.device_id, account_id: b.account_id },
      }, { boundaryToleranceM: opts.boundaryToleranceM });
      const notice = req.lang === 'en' ? 'Thank you. The tip will be reviewed.' : 'Tack. Tipset granskas.';
      const created = [{ service_request_id: serviceRequestId, service_notice: notice, account_id: null }];
      return send(reply, format, created, () => toXmlList('service_requests', 'request', asXml(created)), 201);
    });
  }

  app.get('/services/:file', {
    schema: { tags: [TAG], summary: 'A service\'s definition (services/{service_code}.json or .xml): no category has attributes', params: Open311File, querystring: Open311JurisdictionQuery, response: { 200: Open311ServiceDefinition, ...open311Errors(400, 404, 429) } },
    config: { rateLimit },
  }, async (req, reply) => {
    const f = splitFile(req.params.file);
    if (!f) throw new DomainError('not_found', [], { what: req.params.file });
    const def = await serviceDefinition(db, req.query.jurisdiction_id, f.id);
    return send(reply, f.format, def, () => toXmlObject('service_definition', def, () => 'attribute'));
  });

  app.get('/requests/:file', {
    schema: { tags: [TAG], summary: 'One tip\'s public status (requests/{service_request_id}.json or .xml)', params: Open311File, querystring: Open311JurisdictionQuery, response: { 200: Type.Array(Open311ServiceRequest), ...open311Errors(400, 404, 429) } },
    config: { rateLimit },
  }, async (req, reply) => {
    const f = splitFile(req.params.file);
    if (!f) throw new DomainError('not_found', [], { what: req.params.file });
    const one = [await tipStatus(db, req.query.jurisdiction_id, f.id, req.lang)];
    return send(reply, f.format, one, () => toXmlList('service_requests', 'request', asXml(one)));
  });
};

/**
 * OGC API – Features under /ogc (issue 17 items 1, 2 and 5): GeoJSON for QGIS, ArcGIS Pro, FME,
 * GDAL and OWSLib. Read with a session cookie or a personal API token (plugins/api-token-auth.ts).
 * Its own error form, OGC API Common's exception ({code, description}, the description naming the
 * parameter), and its own 404 for any path below /ogc. Answers carry an ETag (of the content, the
 * answer's time stamp left out) and Cache-Control, so a polling client gets 304 and no body when
 * nothing changed.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { DomainError } from '../../core/errors/index.ts';
import { errorMessage, negotiateLanguage } from '../../core/i18n/errors.ts';
import { CRS84, parseCrs } from '../../core/ogc/crs.ts';
import { parseCollectionId, SHAPES } from '../../core/ogc/collections.ts';
import { collectionDocument, collectionsDocument, conformance, landingPage, MEDIA, openApi, queryables, serviceDoc, type Link } from '../../core/ogc/documents.ts';
import { notFoundError, OgcError, parseItemsQuery, type Cursor, type RawQuery } from '../../core/ogc/query.ts';
import type { Database } from '../../services/database.ts';
import { getCollection, listCollections, readItem, readItems } from '../../services/ogc.ts';
import { packageVersion } from '../../setup/resources.ts';
import { actor } from '../plugins/auth.ts';
import { apiTokenOf } from '../plugins/api-token-auth.ts';

/** Per caller (its rights decide what it sees), revalidated after a minute: cheap with If-None-Match. */
const CACHE_CONTROL = 'private, max-age=60, must-revalidate';

const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
const baseOf = (req: FastifyRequest) => `${originOf(req)}/ogc`;
const queryOf = (req: FastifyRequest) => (req.query ?? {}) as RawQuery;

/** The request's URL with its cursor replaced (or removed). */
function withCursor(req: FastifyRequest, cursor: Cursor | null): string {
  const url = new URL(req.url, originOf(req));
  url.searchParams.delete('cursor');
  if (cursor) url.searchParams.set('cursor', `${cursor.direction === 'after' ? 'a' : 'b'}${cursor.key}`);
  return url.toString();
}

/** Sends JSON with an ETag of `content` (what identifies the answer), or 304 when the client holds it. */
function sendCached(req: FastifyRequest, reply: FastifyReply, type: string, body: unknown, content: unknown = body) {
  const etag = `"${createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', CACHE_CONTROL).header('vary', 'Authorization, Cookie, Accept-Language');
  const held = req.headers['if-none-match'];
  if (held && held.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(etag)) return reply.code(304).send();
  // With its charset: Fastify leaves such a type as written, and GDAL wants the OpenAPI type's version=3.0 unquoted.
  return reply.header('content-type', type).send(typeof body === 'string' ? body : JSON.stringify(body));
}

function exception(req: FastifyRequest, reply: FastifyReply, status: number, code: string, description: string, parameter?: string | null) {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="Lägesbild", Basic realm="Lägesbild", charset="UTF-8"');
  return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8')
    .send({ code, description, ...(parameter ? { parameter } : {}) });
}

export const ogcRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.setErrorHandler((err, req, reply) => {
    const lang = req.lang ?? negotiateLanguage(req.headers['accept-language']);
    if (err instanceof OgcError) return exception(req, reply, err.status, err.code, err.descriptions[lang], err.parameter);
    if (err instanceof DomainError) {
      const status = err.status;
      const code = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'NotFound' : status < 500 ? 'InvalidParameterValue' : 'ServerError';
      return exception(req, reply, status, code, errorMessage(lang, err.code, err.params, { read: true }));
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return exception(req, reply, status, 'InvalidRequest', (err as Error).message);
    req.log.error({ err }, 'unhandled error in the OGC API');
    return exception(req, reply, 500, 'ServerError', errorMessage(lang, 'internal'));
  });
  const nothingHere = (req: FastifyRequest, reply: FastifyReply) => {
    const lang = req.lang ?? negotiateLanguage(req.headers['accept-language']);
    const path = req.url.split('?')[0];
    return exception(req, reply, 404, 'NotFound', lang === 'sv' ? `Ingen resurs på ${path}; se /ogc` : `No resource at ${path}; see /ogc`);
  };
  app.setNotFoundHandler(nothingHere);
  // Below /ogc the web app's static files (a catch-all route) must not answer with their own 404.
  app.get('/*', { schema: { hide: true } }, nothingHere);

  const hide = { schema: { hide: true } };
  /** A document that takes no parameters: any query is one the API does not declare. */
  const noQuery = (req: FastifyRequest, allowed: string[] = []) => {
    const unknown = Object.keys(queryOf(req)).filter((k) => !allowed.includes(k));
    if (unknown.length) throw new OgcError(400, 'InvalidParameterValue', unknown[0], { sv: `${unknown[0]}: parametern finns inte här`, en: `${unknown[0]}: no such parameter here` });
  };

  // The landing page and the conformance declaration say nothing about the data: open to anyone.
  app.get('/', hide, async (req, reply) => {
    noQuery(req, ['f']);
    return sendCached(req, reply, `${MEDIA.json}; charset=utf-8`, landingPage(baseOf(req), `${baseOf(req)}/docs`));
  });
  app.get('/conformance', hide, async (req, reply) => {
    noQuery(req, ['f']);
    return sendCached(req, reply, `${MEDIA.json}; charset=utf-8`, conformance());
  });
  app.get('/api', hide, async (req, reply) => {
    noQuery(req, ['f']);
    const list = await listCollections(db, actor(req));
    return sendCached(req, reply, `${MEDIA.openapi}; charset=utf-8`, openApi(baseOf(req), packageVersion(), list));
  });
  app.get('/docs', hide, async (req, reply) => {
    noQuery(req);
    const list = await listCollections(db, actor(req));
    return sendCached(req, reply, 'text/html; charset=utf-8', serviceDoc(baseOf(req), list));
  });
  app.get('/collections', hide, async (req, reply) => {
    noQuery(req, ['f']);
    const list = await listCollections(db, actor(req));
    return sendCached(req, reply, `${MEDIA.json}; charset=utf-8`, collectionsDocument(baseOf(req), list));
  });
  app.get<{ Params: { collectionId: string } }>('/collections/:collectionId', hide, async (req, reply) => {
    noQuery(req, ['f']);
    const c = await getCollection(db, actor(req), req.params.collectionId, { extents: true });
    return sendCached(req, reply, `${MEDIA.json}; charset=utf-8`, collectionDocument(baseOf(req), c));
  });
  app.get<{ Params: { collectionId: string } }>('/collections/:collectionId/queryables', hide, async (req, reply) => {
    noQuery(req, ['f']);
    const c = await getCollection(db, actor(req), req.params.collectionId);
    return sendCached(req, reply, `${MEDIA.schema}; charset=utf-8`, queryables(baseOf(req), c));
  });

  app.get<{ Params: { collectionId: string } }>('/collections/:collectionId/items', hide, async (req, reply) => {
    const a = actor(req);
    const id = req.params.collectionId;
    const parsed = parseCollectionId(id);
    if (!parsed) throw notFoundError('collection', id);
    const q = parseItemsQuery(queryOf(req), SHAPES[parsed.kind]);
    const { collection, page } = await readItems(db, a, id, q, queryOf(req), { tokenId: apiTokenOf(req) });
    const base = baseOf(req);
    const links: Link[] = [
      { href: withCursor(req, q.cursor ?? null), rel: 'self', type: MEDIA.geojson, title: 'Den här sidan / this page' },
      ...(page.next ? [{ href: withCursor(req, page.next), rel: 'next', type: MEDIA.geojson, title: 'Nästa sida / next page' }] : []),
      ...(page.prev ? [{ href: withCursor(req, page.prev), rel: 'prev', type: MEDIA.geojson, title: 'Föregående sida / previous page' }] : []),
      { href: `${base}/collections/${collection.id}`, rel: 'collection', type: MEDIA.json, title: collection.title },
    ];
    const content = { type: 'FeatureCollection', numberMatched: page.numberMatched, numberReturned: page.features.length, links, features: page.features };
    reply.header('content-crs', `<${q.crs}>`);
    return sendCached(req, reply, `${MEDIA.geojson}; charset=utf-8`, { ...content, timeStamp: new Date().toISOString() }, content);
  });

  app.get<{ Params: { collectionId: string; featureId: string } }>('/collections/:collectionId/items/:featureId', hide, async (req, reply) => {
    const a = actor(req);
    noQuery(req, ['crs']);
    const crsText = queryOf(req).crs;
    if (Array.isArray(crsText)) throw new OgcError(400, 'InvalidParameterValue', 'crs', { sv: 'crs: får bara anges en gång', en: 'crs: may be given only once' });
    const crs = crsText === undefined ? CRS84 : parseCrs(crsText);
    if (!crs) throw new OgcError(400, 'InvalidParameterValue', 'crs', { sv: `crs: okänt koordinatsystem "${crsText}"`, en: `crs: unknown coordinate reference system "${crsText}"` });
    const { collectionId, featureId } = req.params;
    const feature = await readItem(db, a, collectionId, featureId, crs, { tokenId: apiTokenOf(req) });
    const base = baseOf(req);
    const body = {
      ...feature,
      links: [
        { href: `${base}/collections/${collectionId}/items/${encodeURIComponent(featureId)}${crsText ? `?crs=${encodeURIComponent(crsText)}` : ''}`, rel: 'self', type: MEDIA.geojson },
        { href: `${base}/collections/${collectionId}`, rel: 'collection', type: MEDIA.json },
      ],
    };
    reply.header('content-crs', `<${crs}>`);
    return sendCached(req, reply, `${MEDIA.geojson}; charset=utf-8`, body);
  });
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../services/database.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/api-tokens.ts';
import { actor } from '../plugins/auth.ts';
import { ApiTokenCreate, ApiTokenCreated, ApiTokenList, IdParams, errors } from '../../contract/index.ts';

/** The logged-in user's personal API tokens (the web app's page "API-nycklar"). */
export const apiTokenRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.post('/api/me/tokens', {
    schema: {
      tags: ['api tokens'],
      summary: 'Make a personal API token for the OGC API (read only); the token is in this answer and never again',
      body: ApiTokenCreate,
      response: { 201: ApiTokenCreated, ...errors(400, 401, 403, 413, 415, 422) },
    },
  }, async (req, reply) => {
    const created = await createApiToken(db, actor(req), req.body);
    // The token must not linger in a cache between here and the browser.
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });

  app.get('/api/me/tokens', {
    schema: { tags: ['api tokens'], summary: 'Your API tokens: name, municipalities, expiry, last use, status', response: { 200: ApiTokenList, ...errors(401) } },
  }, async (req) => ({ items: await listApiTokens(db, actor(req)) }));

  app.delete('/api/me/tokens/:id', {
    schema: { tags: ['api tokens'], summary: 'Revoke one of your API tokens: its next request gets 401', params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404, 422) } },
  }, async (req, reply) => {
    await revokeApiToken(db, actor(req), req.params.id);
    return reply.code(204).send(null);
  });
};

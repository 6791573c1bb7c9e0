import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { completeSetup, setupCategories, setupMunicipalities, setupOrganisationTemplate, setupState } from '../../services/first-start.ts';
import {
  SetupBody, SetupCategories, SetupDone, SetupMunicipalities, SetupStatus, SetupStatusQuery, SetupTemplate, SetupTemplateQuery, SetupTokenQuery, errors,
} from '../../contract/index.ts';

/**
 * The first start in the browser: the set-up guide's reads and the set-up itself, for whoever holds
 * the one-time link `serve` printed (no session). Rate-limited like the login: the token is long
 * and random, but nobody should get to try many.
 */
export const setupRoutes: FastifyPluginAsyncTypebox<{ db: Database; rateLimit: { max: number; timeWindow: number } }> = async (app, opts) => {
  const { db } = opts;
  const limited = { rateLimit: opts.rateLimit };
  // The guide makes four reads per page load; a person reloading a few times stays well within this.
  const reads = { rateLimit: { max: opts.rateLimit.max * 6, timeWindow: opts.rateLimit.timeWindow } };
  const READ_ERRORS = errors(403, 409, 410, 422, 429);

  app.get('/api/setup/status', {
    config: reads,
    schema: {
      tags: ['setup'], summary: 'Whether the set-up link can set up this deployment now (and if not, why)', security: [],
      querystring: SetupStatusQuery, response: { 200: SetupStatus, ...errors(422, 429) },
    },
  }, async (req) => ({ state: await setupState(db, req.query.token) }));

  app.get('/api/setup/municipalities', {
    config: reads,
    schema: { tags: ['setup'], summary: 'SCB\'s municipalities to choose from (valid set-up link)', security: [], querystring: SetupTokenQuery, response: { 200: SetupMunicipalities, ...READ_ERRORS } },
  }, async (req) => setupMunicipalities(db, req.query.token));

  app.get('/api/setup/organisation-template', {
    config: reads,
    schema: {
      tags: ['setup'], summary: 'Suggested organisations by the kinds of the municipal guideline (valid set-up link)', security: [],
      querystring: SetupTemplateQuery, response: { 200: SetupTemplate, ...READ_ERRORS },
    },
  }, async (req) => setupOrganisationTemplate(db, req.query.token, req.query.municipalities));

  app.get('/api/setup/categories', {
    config: reads,
    schema: { tags: ['setup'], summary: 'The default category tree to review (valid set-up link)', security: [], querystring: SetupTokenQuery, response: { 200: SetupCategories, ...READ_ERRORS } },
  }, async (req) => setupCategories(db, req.query.token));

  app.post('/api/setup', {
    config: limited,
    schema: {
      tags: ['setup'],
      summary: 'Set up the deployment in one go: municipalities, organisations, the first administrator; uses up the link',
      description: 'Nothing is written when anything is refused: 403 a link this deployment did not issue (or a later start replaced), 410 a link already used, 409 a deployment that already has a municipality, 422 every problem of the input at its field.',
      security: [],
      body: SetupBody, response: { 201: SetupDone, ...errors(400, 403, 409, 410, 413, 415, 422, 429) },
    },
  }, async (req, reply) => reply.code(201).send(await completeSetup(db, req.body, { ip: req.ip })));
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../services/database.ts';
import { createOpen311Key, listKeys, readTipContact, revokeKey } from '../../services/open311.ts';
import { actor } from '../plugins/auth.ts';
import { IdParams, Open311Contact, Open311Key, Open311KeyCreate, Open311KeyCreated, errors } from '../../contract/index.ts';

/**
 * The staff's side of Open311: the api_keys of the systems that send tips (Administration →
 * Open311; administrators), and a tip's sender's contact details for its reviewer.
 */
export const open311KeyRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;

  app.get('/api/open311/keys', {
    schema: { tags: ['open311'], summary: 'The api_keys of the client systems, active first (admin)', response: { 200: Type.Array(Open311Key), ...errors(401, 403) } },
  }, async (req) => listKeys(db, actor(req)));

  app.post('/api/open311/keys', {
    schema: {
      tags: ['open311'], summary: 'Create a client system\'s api_key, shown once in the answer (admin)',
      body: Open311KeyCreate, response: { 201: Open311KeyCreated, ...errors(400, 401, 403, 404, 415, 422) },
    },
  }, async (req, reply) => {
    const a = actor(req);
    const created = await createOpen311Key(db, a, { municipalityId: req.body.municipalityId ?? a.municipalityId, name: req.body.name, organisation: req.body.organisationId });
    return reply.code(201).send(created);
  });

  app.delete('/api/open311/keys/:id', {
    schema: { tags: ['open311'], summary: 'Revoke an api_key: its next request is refused (admin)', params: IdParams, response: { 200: Open311Key, ...errors(401, 403, 404) } },
  }, async (req) => revokeKey(db, actor(req), req.params.id));

  app.get('/api/incidents/:id/open311-contact', {
    schema: { tags: ['open311'], summary: 'The contact details a tip\'s sender gave, for its reviewer (coordinators; audited)', params: IdParams, response: { 200: Open311Contact, ...errors(401, 403, 404, 422) } },
  }, async (req) => readTipContact(db, actor(req), req.params.id));
};

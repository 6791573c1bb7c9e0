import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import type { IncidentIndexStore } from '../../services/incident-index.ts';
import { checkHealth, readinessCheck } from '../../services/health.ts';
import { Health, HealthUnavailable, NotReady, Ready } from '../../contract/index.ts';

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Database; version: string; index: IncidentIndexStore | null; readyTimeoutMs?: number }> = async (app, opts) => {
  app.get('/health', {
    schema: { tags: ['system'], summary: 'Liveness and schema version', response: { 200: Health, 503: HealthUnavailable } },
  }, async (_req, reply) => {
    const h = await checkHealth(opts.db, opts.version);
    return h.status === 'ok' ? h : reply.code(503).send(h);
  });

  const ready = readinessCheck(opts.db, opts.index, opts.readyTimeoutMs);
  app.get('/ready', {
    schema: {
      tags: ['system'],
      summary: 'Readiness: the database answers, its schema is the one this build ships, the incident index is read',
      response: { 200: Ready, 503: NotReady },
    },
  }, async (_req, reply) => {
    const r = await ready();
    return r.ready ? r : reply.code(503).send(r);
  });
};

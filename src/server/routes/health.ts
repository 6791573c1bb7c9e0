import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { checkHealth } from '../../services/health.ts';
import { Health, HealthUnavailable } from '../../contract/index.ts';

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Database; version: string }> = async (app, opts) => {
  app.get('/health', {
    schema: { tags: ['system'], summary: 'Liveness and schema version', response: { 200: Health, 503: HealthUnavailable } },
  }, async (_req, reply) => {
    const h = await checkHealth(opts.db, opts.version);
    return h.status === 'ok' ? h : reply.code(503).send(h);
  });
};

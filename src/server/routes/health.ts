import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { checkHealth, readinessCheck } from '../../services/health.ts';
import { watchEventLoop } from '../event-loop.ts';
import { Health, HealthUnavailable, NotReady, Ready } from '../../contract/index.ts';

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Database; version: string; readyTimeoutMs?: number }> = async (app, opts) => {
  const loop = watchEventLoop();
  app.addHook('onClose', async () => loop.stop());
  const mb = (bytes: number) => Math.round(bytes / 1048576 * 10) / 10;
  app.get('/health', {
    schema: { tags: ['system'], summary: 'Liveness, schema version, and this process\'s memory and event-loop delay', response: { 200: Health, 503: HealthUnavailable } },
  }, async (_req, reply) => {
    const h = await checkHealth(opts.db, opts.version);
    const m = process.memoryUsage();
    return h.status === 'ok' ? { ...h, process: { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), eventLoop: loop.figures() } } : reply.code(503).send(h);
  });

  const ready = readinessCheck(opts.db, opts.readyTimeoutMs);
  app.get('/ready', {
    schema: {
      tags: ['system'],
      summary: 'Readiness: the database answers and its schema is the one this build ships',
      response: { 200: Ready, 503: NotReady },
    },
  }, async (_req, reply) => {
    const r = await ready();
    return r.ready ? r : reply.code(503).send(r);
  });
};

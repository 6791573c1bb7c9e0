import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/**
 * A write whose free text lost personal data says so in its answer's `personalDataRemoved` (src/
 * core/privacy/scrub.ts) and, for clients that read headers only, in X-Personal-Data-Removed — as
 * the report route has always done for incidents.
 */
export const personalDataHeaderPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preSerialization', async (_req, reply, payload) => {
    const removed = (payload as { personalDataRemoved?: unknown } | null)?.personalDataRemoved;
    if (Array.isArray(removed) && removed.length > 0 && !reply.hasHeader('x-personal-data-removed')) reply.header('x-personal-data-removed', removed.join(','));
    return payload;
  });
});

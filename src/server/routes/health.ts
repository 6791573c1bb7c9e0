import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../db/engine.ts';
import { latestSchemaVersion, schemaVersion } from '../../db/migrate.ts';

export async function healthRoutes(app: FastifyInstance, opts: { db: Database; version: string }) {
  app.get('/health', {
    schema: {
      tags: ['system'],
      summary: 'Liveness and schema version',
      response: {
        200: Type.Object({ status: Type.String(), engine: Type.String(), schemaVersion: Type.Integer(), expectedSchemaVersion: Type.Integer(), version: Type.String() }),
        503: Type.Object({ status: Type.String(), engine: Type.String(), error: Type.String() }),
      },
    },
  }, async (_req, reply) => {
    try {
      const v = await schemaVersion(opts.db);
      return { status: 'ok', engine: opts.db.engine, schemaVersion: v, expectedSchemaVersion: latestSchemaVersion(), version: opts.version };
    } catch (e) {
      return reply.code(503).send({ status: 'unavailable', engine: opts.db.engine, error: (e as Error).message });
    }
  });
}

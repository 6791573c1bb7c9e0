import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../services/database.ts';
import { eraseUser, ownRegisterExtract, registerExtractOf, type ExtractFile } from '../../services/register-extract.ts';
import { actor } from '../plugins/auth.ts';
import { ErasureResult, IdParams, RegisterExtractFile, RegisterExtractQuery, errors } from '../../contract/index.ts';

/** A download: the name after RFC 6266 (ASCII fallback and UTF-8), never cached (personal data). */
function fileHeaders(f: ExtractFile): Record<string, string> {
  const ascii = f.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return {
    'content-type': f.contentType,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    'cache-control': 'private, no-store',
  };
}

/** The rights of data subjects: register extracts (GDPR art. 15) and erasure (art. 17). */
export const registerExtractRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, opts) => {
  const { db } = opts;
  app.get('/api/users/:id/register-extract', {
    schema: {
      tags: ['users'], summary: 'Everything stored about a user, as JSON or PDF (coordinator, admin; audited)',
      params: IdParams, querystring: RegisterExtractQuery, response: { 200: RegisterExtractFile, ...errors(401, 403, 404, 422) },
    },
  }, async (req, reply) => {
    const f = await registerExtractOf(db, actor(req), req.params.id, req.query.format, req.query.lang ?? req.lang);
    return reply.headers(fileHeaders(f)).send(f.body);
  });
  app.get('/api/me/register-extract', {
    schema: {
      tags: ['auth'], summary: 'Everything stored about oneself, as JSON or PDF (audited)',
      querystring: RegisterExtractQuery, response: { 200: RegisterExtractFile, ...errors(401, 422) },
    },
  }, async (req, reply) => {
    const f = await ownRegisterExtract(db, actor(req), req.query.format, req.query.lang ?? req.lang);
    return reply.headers(fileHeaders(f)).send(f.body);
  });
  app.post('/api/users/:id/erase', {
    schema: {
      tags: ['users'], summary: 'Erase a user\'s personal data: the account is closed and pseudonymised, their reports stay as data about places (coordinator, admin; audited)',
      params: IdParams, response: { 200: ErasureResult, ...errors(401, 403, 404, 409, 422) },
    },
  }, async (req) => eraseUser(db, actor(req), req.params.id));
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../services/database.ts';
import { describeSession, login, logout, refuseLogin } from '../../services/auth.ts';
import { currentSession, SESSION_COOKIE } from '../plugins/auth.ts';
import { LoginBody, Me, errors } from '../../contract/index.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{ db: Database; loginRateLimit: { max: number; timeWindow: number } }> = async (app, opts) => {
  const { db } = opts;

  app.post('/api/auth/login', {
    config: { rateLimit: { max: opts.loginRateLimit.max, timeWindow: opts.loginRateLimit.timeWindow } },
    // A refused body is still a failed attempt to log in, and the audit log must show it.
    attachValidation: true,
    schema: {
      tags: ['auth'],
      summary: 'Log in with e-mail and password; sets the session cookie',
      body: LoginBody,
      response: { 200: Me, ...errors(400, 401, 413, 422, 429) },
    },
  }, async (req, reply) => {
    if (req.validationError) {
      const body = req.body as unknown as { email?: unknown } | null;
      await refuseLogin(db, typeof body?.email === 'string' ? body.email : null, { ip: req.ip });
      throw req.validationError;
    }
    const { token, session } = await login(db, req.body.email, req.body.password, { ip: req.ip });
    reply.setCookie(SESSION_COOKIE, token, app.cookieOptions);
    return session;
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null(), ...errors(401, 403) } },
  }, async (req, reply) => {
    await logout(db, currentSession(req).token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/me', {
    schema: { tags: ['auth'], summary: 'The logged-in user, the CSRF token and the municipalities in reach', response: { 200: Me, ...errors(401) } },
  }, async (req) => describeSession(db, currentSession(req)));
};

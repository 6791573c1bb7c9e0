import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../db/engine.ts';
import { listMunicipalities } from '../../db/repositories/municipalities.ts';
import { login, logout } from '../../services/auth.ts';
import { actor, SESSION_COOKIE } from '../plugins/auth.ts';
import { errors } from '../../contract/index.ts';

const Me = Type.Object({
  user: Type.Ref('User'),
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every POST/PATCH/PUT/DELETE.' }),
  municipalities: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});

export async function authRoutes(app: FastifyInstance, opts: { db: Database; loginRateLimit: { max: number; timeWindow: number } }) {
  const { db } = opts;

  app.post('/api/auth/login', {
    config: { rateLimit: { max: opts.loginRateLimit.max, timeWindow: opts.loginRateLimit.timeWindow } },
    schema: {
      tags: ['auth'],
      summary: 'Log in with e-mail and password; sets the session cookie',
      body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Me, ...errors(400, 401, 413, 422, 429) },
    },
  }, async (req, reply) => {
    const { email, password } = req.body as { email: string; password: string };
    const s = await login(db, email, password, { ip: req.ip });
    reply.setCookie(SESSION_COOKIE, s.token, app.cookieOptions);
    return { user: s.user, csrfToken: s.csrfToken, municipalities: await listMunicipalities(db, s.user.municipalities) };
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null(), ...errors(401, 403) } },
  }, async (req, reply) => {
    await logout(db, req.session!.token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/me', {
    schema: { tags: ['auth'], summary: 'The logged-in user, the CSRF token and the municipalities in reach', response: { 200: Me, ...errors(401) } },
  }, async (req) => {
    actor(req);
    const s = req.session!;
    return { user: s.user, csrfToken: s.csrfToken, municipalities: await listMunicipalities(db, s.user.municipalities) };
  });
}

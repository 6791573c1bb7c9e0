import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../services/database.ts';
import { DEFAULT_SIGN_IN, describeSession, login, logout, PENDING_LOGIN_MS, refuseLogin, type SignInPolicy } from '../../services/auth.ts';
import { completeMfaLogin } from '../../services/mfa.ts';
import { clientThrottle } from '../../services/login-throttle.ts';
import { DomainError } from '../../core/errors/index.ts';
import { currentSession, PENDING_LOGIN_COOKIE, SESSION_COOKIE } from '../plugins/auth.ts';
import { LoginBody, Me, MfaCodeBody, MfaRequired, errors } from '../../contract/index.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{ db: Database; loginRateLimit: { max: number; timeWindow: number }; signIn?: SignInPolicy }> = async (app, opts) => {
  const { db } = opts;
  const signIn = opts.signIn ?? DEFAULT_SIGN_IN;
  // The pending login's cookie goes only to the two login routes, and never with a request from another site.
  const pendingCookie = { ...app.cookieOptions, path: '/api/auth', sameSite: 'strict' as const };

  // Failed logins hold a client back (services/login-throttle.ts); successes do not count there, and
  // this only bounds the requests of one client.
  const clientRule = clientThrottle(opts.loginRateLimit);
  app.post('/api/auth/login', {
    config: { rateLimit: { max: opts.loginRateLimit.max * 6, timeWindow: opts.loginRateLimit.timeWindow } },
    // A refused body is still a failed attempt to log in, and the audit log must show it.
    attachValidation: true,
    schema: {
      tags: ['auth'],
      summary: 'Log in with e-mail and password; sets the session cookie, or answers {mfaRequired: true} for a user with a second factor',
      body: LoginBody,
      response: { 200: Type.Union([Me, MfaRequired]), ...errors(400, 401, 413, 422, 429) },
    },
  }, async (req, reply) => {
    if (req.validationError) {
      const body = req.body as unknown as { email?: unknown } | null;
      await refuseLogin(db, typeof body?.email === 'string' ? body.email : null, { ip: req.ip });
      throw req.validationError;
    }
    const outcome = await login(db, req.body.email, req.body.password, { ip: req.ip, clientRule }, signIn);
    if (outcome.kind === 'mfa') {
      reply.setCookie(PENDING_LOGIN_COOKIE, outcome.pendingToken, { ...pendingCookie, maxAge: PENDING_LOGIN_MS / 1000 });
      return { mfaRequired: true as const };
    }
    reply.setCookie(SESSION_COOKIE, outcome.token, app.cookieOptions);
    return outcome.session;
  });

  app.post('/api/auth/mfa', {
    config: { rateLimit: { max: opts.loginRateLimit.max, timeWindow: opts.loginRateLimit.timeWindow } },
    schema: {
      tags: ['auth'],
      summary: 'The second step of a login: a TOTP code or a recovery code; sets the session cookie',
      body: MfaCodeBody,
      response: { 200: Me, ...errors(400, 401, 413, 422, 429) },
    },
  }, async (req, reply) => {
    const pending = req.cookies[PENDING_LOGIN_COOKIE];
    if (!pending) throw new DomainError('unauthenticated');
    const { token, session } = await completeMfaLogin(db, pending, req.body.code, { ip: req.ip }, signIn);
    reply.clearCookie(PENDING_LOGIN_COOKIE, { path: pendingCookie.path });
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

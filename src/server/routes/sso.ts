import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../services/database.ts';
import {
  deleteSsoSetting, finishSsoLogin, getSsoSetting, listSsoButtons, PENDING_LOGIN_MS, putSsoSetting, SsoLoginRefused, startSsoLogin, type SsoSettings,
} from '../../services/sso.ts';
import { actor, SESSION_COOKIE } from '../plugins/auth.ts';
import { SsoButton, SsoProviderParams, SsoSetting, SsoSettingInput, errors } from '../../contract/index.ts';

/** The cookie that ties the provider's answer to the browser that was sent there (holds the state). */
export const SSO_STATE_COOKIE = 'lb_oidc';
const COOKIE_PATH = '/api/auth/oidc/';

/** Where the browser lands after a refused login: the login page, which says why (?sso=<reason>). */
const refusedPage = (reason: string) => `/#/?sso=${encodeURIComponent(reason)}`;

/** The address the request came to (behind a trusted proxy, the one the browser used). */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

const Redirect = Type.Null({ description: 'A redirect (Location)' });

/**
 * Single sign-on with OpenID Connect (services/sso.ts). Start and callback are browser navigations,
 * not API calls: they answer with redirects, a refusal included (to the login page with the reason).
 * Both are GETs, so the CSRF check of writes does not apply; the state cookie plays its part.
 */
export const ssoRoutes: FastifyPluginAsyncTypebox<{ db: Database; sso: SsoSettings; rateLimit: { max: number; timeWindow: number } }> = async (app, opts) => {
  const { db, sso } = opts;
  const rateLimit = { max: opts.rateLimit.max, timeWindow: opts.rateLimit.timeWindow };

  app.get('/api/auth/oidc/providers', {
    schema: { tags: ['auth'], summary: 'The single sign-on providers the login page offers (no session needed)', security: [], response: { 200: Type.Array(SsoButton) } },
  }, async () => listSsoButtons(db, sso));

  app.get('/api/auth/oidc/:provider/start', {
    config: { rateLimit },
    schema: {
      tags: ['auth'], summary: 'Begin a single sign-on: redirects to the provider (authorization code flow with PKCE S256, state and nonce)', security: [],
      params: SsoProviderParams, response: { 302: Redirect, ...errors(422, 429) },
    },
  }, async (req, reply) => {
    let started: Awaited<ReturnType<typeof startSsoLogin>>;
    try {
      started = await startSsoLogin(db, sso, req.params.provider, originOf(req));
    } catch (e) {
      // The provider cannot be reached or its discovery document is broken.
      req.log.error({ err: e, provider: req.params.provider }, 'single sign-on: the provider could not be reached');
      return reply.redirect(refusedPage('failed'));
    }
    if (!started) return reply.redirect(refusedPage('unknown_provider'));
    reply.setCookie(SSO_STATE_COOKIE, started.state, { ...app.cookieOptions, path: COOKIE_PATH, maxAge: PENDING_LOGIN_MS / 1000 });
    return reply.redirect(started.url);
  });

  app.get('/api/auth/oidc/:provider/callback', {
    config: { rateLimit },
    schema: {
      tags: ['auth'], summary: 'The provider\'s answer: opens a session and redirects into the app, or to the login page with the reason it was refused', security: [],
      params: SsoProviderParams, response: { 302: Redirect, ...errors(422, 429) },
    },
  }, async (req, reply) => {
    // The whole query goes to openid-client, which checks it (state, iss, code, error).
    const query = new URLSearchParams(req.url.split('?')[1] ?? '');
    reply.clearCookie(SSO_STATE_COOKIE, { path: COOKIE_PATH });
    try {
      const { token } = await finishSsoLogin(db, sso, req.params.provider, { query, cookieState: req.cookies[SSO_STATE_COOKIE], ip: req.ip });
      reply.setCookie(SESSION_COOKIE, token, app.cookieOptions);
      return reply.redirect('/#/');
    } catch (e) {
      if (e instanceof SsoLoginRefused) return reply.redirect(refusedPage(e.reason));
      throw e;
    }
  });

  app.get('/api/settings/sso', {
    schema: { tags: ['settings'], summary: 'The municipality\'s single sign-on provider, without its secret (admin)', response: { 200: SsoSetting, ...errors(401, 403) } },
  }, async (req) => getSsoSetting(db, sso, actor(req), originOf(req)));

  app.put('/api/settings/sso', {
    schema: {
      tags: ['settings'], summary: 'Set the municipality\'s single sign-on provider (admin); the secret is write-only: absent keeps it, null removes it',
      body: SsoSettingInput, response: { 200: SsoSetting, ...errors(400, 401, 403, 415, 422) },
    },
  }, async (req) => putSsoSetting(db, sso, actor(req), req.body, originOf(req)));

  app.delete('/api/settings/sso', {
    schema: { tags: ['settings'], summary: 'Remove the municipality\'s single sign-on provider (admin)', response: { 204: Type.Null(), ...errors(401, 403, 404) } },
  }, async (req, reply) => {
    await deleteSsoSetting(db, actor(req));
    return reply.code(204).send(null);
  });
};

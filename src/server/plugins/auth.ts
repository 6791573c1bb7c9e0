import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../core/access/roles.ts';
import { DomainError } from '../../core/errors/index.ts';
import type { User } from '../../core/users/types.ts';
import { DEFAULT_SIGN_IN, resume, type SignInPolicy } from '../../services/auth.ts';
import type { Database } from '../../services/database.ts';
import { tokenSession } from './api-token-auth.ts';

export const SESSION_COOKIE = 'lb_session';
export const CSRF_HEADER = 'x-csrf-token';
/** The login awaiting its second factor (src/services/mfa.ts): httpOnly, sent only to /api/auth. */
export const PENDING_LOGIN_COOKIE = 'lb_mfa';

declare module 'fastify' {
  interface FastifyRequest {
    session: { token: string; user: User; actor: Actor; csrfToken: string; mfaEnrolment: boolean } | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Routes that must work without a session (and so without a CSRF token). The set-up carries its
 * one-time token in the body, which a page on another site does not know.
 */
const OPEN = new Set(['/api/auth/login', '/api/setup', '/api/auth/mfa',
  // Forgotten password and the page a link opens: the link's token is in the body.
  '/api/auth/password-reset', '/api/auth/account-link']);

/**
 * What a session held to the enrolment of a second factor reaches (its user's role requires one and
 * they have none yet): who they are, the enrolment, logging out. Everything else in /api is 403.
 */
const ENROLMENT = new Set(['/api/me', '/api/me/mfa', '/api/me/mfa/totp', '/api/me/mfa/totp/confirm', '/api/auth/logout']);

/**
 * Where an unsafe request came from, as the browser says: Origin, or the origin of the Referer when
 * a browser sends no Origin; null when neither is there (a command-line client, curl, a script:
 * never a page of another site, since browsers name the origin of every cross-site write).
 */
function requestOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') return origin;
  const referer = request.headers.referer;
  if (typeof referer === 'string' && referer !== '') {
    try { return new URL(referer).origin; } catch { return referer; }
  }
  return null;
}

/**
 * Whether `origin` is the app's own: PUBLIC_URL's origin, or the host the request was sent to
 * (Host, or X-Forwarded-Host behind a trusted proxy). The host alone, whatever the scheme: a proxy
 * that ends TLS may tell the server http while the browser says https, and a page of another site
 * cannot send its writes with this host as its origin.
 */
function ownOrigin(request: FastifyRequest, origin: string, publicOrigin: string | null): boolean {
  if (publicOrigin !== null && origin === publicOrigin) return true;
  let from: URL, to: URL;
  try { from = new URL(origin); to = new URL(`http://${request.host}`); } catch { return false; }
  if (from.hostname === '' || from.hostname !== to.hostname) return false;
  // A default port is left out of one and may be written in the other (Host: app:443 and https://app).
  const port = from.port || (from.protocol === 'https:' ? '443' : '80');
  return to.port === '' ? port === '80' || port === '443' : to.port === port;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Cookie sessions. The session cookie is httpOnly and SameSite=Lax; state-changing requests must
 * also carry the session's CSRF token in `X-CSRF-Token` (synchroniser token), which a page on
 * another site cannot read. Requests must be JSON, which a plain cross-site form cannot send.
 *
 * Beside the token, every unsafe request to the API (the login and the set-up too) whose Origin, or
 * Referer without Origin, is not the app's own is refused (403 origin_refused) before anything else:
 * a second line should the token ever leak, and the only one for the routes without a session.
 * Requests that carry neither header (the command line, curl) are let through to the token check:
 * browsers send Origin with every POST, PUT, PATCH and DELETE, so a page cannot leave it out.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Database; secureCookies: boolean; signIn?: SignInPolicy; publicUrl?: string | null }) => {
  await app.register(cookie);
  app.decorateRequest('session', null);
  let publicOrigin: string | null = null;
  try { publicOrigin = opts.publicUrl ? new URL(opts.publicUrl).origin : null; } catch { publicOrigin = null; }

  // onRequest, before the body is parsed or validated: an unauthenticated or forged request learns
  // nothing about what the body should look like and costs no parsing.
  app.addHook('onRequest', async (request) => {
    if (UNSAFE.has(request.method) && request.url.startsWith('/api/')) {
      const origin = requestOrigin(request);
      if (origin !== null && !ownOrigin(request, origin, publicOrigin)) {
        throw new DomainError('origin_refused', [], { origin: origin.slice(0, 200), expected: publicOrigin ?? request.host });
      }
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resume(opts.db, token, opts.signIn ?? DEFAULT_SIGN_IN);
      if (s) request.session = { token, ...s };
    }
    // A personal API token (under /ogc, reading only) decides over any cookie: see api-token-auth.ts.
    request.session = (await tokenSession(opts.db, request)) ?? request.session;
    const path = request.routeOptions.url ?? request.url;
    if (request.session?.mfaEnrolment && path.startsWith('/api/') && !ENROLMENT.has(path)) throw new DomainError('mfa_enrolment_required');
    if (UNSAFE.has(request.method) && path.startsWith('/api/') && !OPEN.has(path)) {
      if (!request.session) throw new DomainError('unauthenticated');
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) throw new DomainError('csrf_failed');
    }
  });

  app.decorate('cookieOptions', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: opts.secureCookies,
  });
});

/** The request's session, or 401. */
export function currentSession(request: FastifyRequest): NonNullable<FastifyRequest['session']> {
  if (!request.session) throw new DomainError('unauthenticated');
  return request.session;
}

/** The acting user, or 401. */
export function actor(request: FastifyRequest): Actor {
  return currentSession(request).actor;
}

declare module 'fastify' {
  interface FastifyInstance {
    cookieOptions: { path: string; httpOnly: boolean; sameSite: 'lax'; secure: boolean };
  }
}

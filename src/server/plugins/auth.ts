import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../core/access/roles.ts';
import { DomainError } from '../../core/errors/index.ts';
import type { User } from '../../core/users/types.ts';
import { resume } from '../../services/auth.ts';
import type { Database } from '../../services/database.ts';
import { tokenSession } from './api-token-auth.ts';

export const SESSION_COOKIE = 'lb_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: { token: string; user: User; actor: Actor; csrfToken: string } | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Routes that must work without a session (and so without a CSRF token). The set-up carries its
 * one-time token in the body, which a page on another site does not know.
 */
const OPEN = new Set(['/api/auth/login', '/api/setup']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Cookie sessions. The session cookie is httpOnly and SameSite=Lax; state-changing requests must
 * also carry the session's CSRF token in `X-CSRF-Token` (synchroniser token), which a page on
 * another site cannot read. Requests must be JSON, which a plain cross-site form cannot send.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Database; secureCookies: boolean }) => {
  await app.register(cookie);
  app.decorateRequest('session', null);

  // onRequest, before the body is parsed or validated: an unauthenticated or forged request learns
  // nothing about what the body should look like and costs no parsing.
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resume(opts.db, token);
      if (s) request.session = { token, ...s };
    }
    // A personal API token (under /ogc, reading only) decides over any cookie: see api-token-auth.ts.
    request.session = (await tokenSession(opts.db, request)) ?? request.session;
    const path = request.routeOptions.url ?? request.url;
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

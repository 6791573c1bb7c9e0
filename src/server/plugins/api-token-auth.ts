/**
 * Personal API tokens on requests (issue 17 item 4): `Authorization: Bearer <token>` (GDAL's
 * GDAL_HTTP_HEADERS, FME) or HTTP Basic with the token as the password and any user name (QGIS's
 * and ArcGIS Pro's authentication settings). A token is honoured on GET and HEAD under /ogc only,
 * so it can never write, nor reach the app's own API; anywhere else the header is ignored and the
 * request stands or falls by its session cookie. Under /ogc a token that is wrong, revoked or
 * expired is 401 — never data, even beside a session cookie.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors/index.ts';
import { resolveApiToken } from '../../services/api-tokens.ts';
import type { Database } from '../../services/database.ts';

/** The token a request was let in by (for the audit log of its reads). */
const tokenIds = new WeakMap<FastifyRequest, string>();
export const apiTokenOf = (request: FastifyRequest): string | null => tokenIds.get(request) ?? null;

/** Whether a path (query and all) lies under the OGC API. */
export const underOgc = (url: string) => /^\/ogc(?:[/?#]|$)/.test(url);

/** The token in an Authorization header: a Bearer token, or the password of Basic credentials. */
export function credentialOf(header: string): string | null {
  const m = /^(Bearer|Basic)\s+(\S+)\s*$/i.exec(header);
  if (!m) return null;
  if (m[1].toLowerCase() === 'bearer') return m[2];
  const decoded = Buffer.from(m[2], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null;
}

/**
 * The session a token gives the request, or null when the request carries none (or carries one
 * where tokens do not count). Throws 401 for a token that does not count, 403 for a write.
 */
export async function tokenSession(db: Database, request: FastifyRequest): Promise<NonNullable<FastifyRequest['session']> | null> {
  const header = request.headers.authorization;
  if (!header || !underOgc(request.url)) return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') throw new DomainError('forbidden');
  const token = credentialOf(header);
  const holder = token ? await resolveApiToken(db, token) : null;
  if (!holder) throw new DomainError('unauthenticated');
  tokenIds.set(request, holder.tokenId);
  // No CSRF token anyone knows: a token session never writes (the method is checked above).
  // A user held to enrolling a second factor cannot make a token (their session reaches only the enrolment).
  return { token: '', user: holder.user, actor: holder.actor, csrfToken: randomBytes(24).toString('base64url'), mfaEnrolment: false };
}

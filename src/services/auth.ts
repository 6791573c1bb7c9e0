import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../core/access/roles.ts';
import { DomainError } from '../core/errors/index.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { deleteSession, findSession, insertSession } from '../db/repositories/sessions.ts';
import { findUserWithPassword, getUser, touchLogin } from '../db/repositories/users.ts';
import type { User } from '../core/users/types.ts';
import { verifyPassword } from './passwords.ts';

/** A session lives this long after its last use. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** What the web app learns about its session: who, the CSRF token to send, and the municipalities in reach by name. */
export interface SessionInfo {
  user: User;
  csrfToken: string;
  municipalities: Array<{ id: string; name: string }>;
}

export function actorOf(u: User): Actor {
  return { userId: u.id, organisationId: u.organisationId, municipalityId: u.municipalityId, municipalities: u.municipalities, roles: u.roles };
}

/** The session's user and CSRF token, with the names of the user's municipalities. */
export async function describeSession(db: Database, s: { user: User; csrfToken: string }): Promise<SessionInfo> {
  const municipalities = (await listMunicipalities(db, s.user.municipalities)).map((m) => ({ id: m.id, name: m.name }));
  return { user: s.user, csrfToken: s.csrfToken, municipalities };
}

/** Checks the credentials; on success opens a session and returns its token (for the cookie) and what the app learns about it. */
export async function login(db: Database, email: string, password: string, meta: { ip?: string } = {}): Promise<{ token: string; session: SessionInfo }> {
  const found = await findUserWithPassword(db, email.trim());
  const ok = await verifyPassword(found?.passwordHash ?? null, password);
  if (!found || !ok || !found.active) {
    await recordAudit(db, { municipalityId: found?.municipalityId ?? null, userId: found?.id ?? null, action: 'login.failed', details: { email: email.trim().toLowerCase(), ip: meta.ip } });
    throw new DomainError('invalid_credentials');
  }
  const { passwordHash: _, ...user } = found;
  return openSession(db, user, { ip: meta.ip });
}

/**
 * Opens a session for a user whose identity is proven (a password above, an OpenID provider in
 * services/sso.ts) and audits the `login`, with how (`method`, absent for a password) and the
 * request's details. Every way in ends here, so a session is the same whichever way it was opened.
 */
export async function openSession(db: Database, user: User, details: { ip?: string; method?: string; provider?: string }): Promise<{ token: string; session: SessionInfo }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await insertSession(db, { idHash: hashToken(token), municipalityId: user.municipalityId, userId: user.id, csrfToken, expiresAt: new Date(Date.now() + SESSION_IDLE_MS) });
  await touchLogin(db, user.id, user.municipalityId);
  await recordAudit(db, { municipalityId: user.municipalityId, userId: user.id, action: 'login', details });
  return { token, session: await describeSession(db, { user, csrfToken }) };
}

/** What PostgreSQL's text cannot hold: NUL and a lone UTF-16 surrogate. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Audits an attempt to log in whose body was refused before the credentials could be checked (a
 * NUL character in the e-mail, a missing password). The address is kept as typed, less what the
 * database cannot store.
 */
export async function refuseLogin(db: Database, email: string | null, meta: { ip?: string } = {}): Promise<void> {
  const typed = email === null ? null : email.replace(UNSTORABLE, '\uFFFD').trim().toLowerCase().slice(0, 254);
  await recordAudit(db, { municipalityId: null, userId: null, action: 'login.failed', details: { email: typed, ip: meta.ip, refused: 'validation' } });
}

/** The user and CSRF token behind a session token, or null when it is unknown, expired or the user is disabled. */
export async function resume(db: Database, token: string): Promise<{ user: User; actor: Actor; csrfToken: string } | null> {
  const s = await findSession(db, hashToken(token), SESSION_IDLE_MS);
  if (!s) return null;
  const user = await getUser(db, s.userId, [s.municipalityId]);
  if (!user || !user.active) return null;
  return { user, actor: actorOf(user), csrfToken: s.csrfToken };
}

export async function logout(db: Database, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}

import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../core/access/roles.ts';
import { DomainError } from '../core/errors/index.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { deleteSession, findSession, insertSession } from '../db/repositories/sessions.ts';
import { findUserWithPassword, touchLogin } from '../db/repositories/users.ts';
import type { User } from '../core/users/types.ts';
import type { Role } from '../core/access/roles.ts';
import { mfaRequired } from '../core/users/mfa.ts';
import { hasMfa, insertPendingLogin } from '../db/repositories/mfa.ts';
import { checkClientNotLocked, checkNotLocked, clearFailedAttempts, countClientFailure, countFailedAttempt } from './login-throttle.ts';
import type { ThrottleRule } from '../db/repositories/login-throttle.ts';
import { verifyPassword } from './passwords.ts';
import { sessionCacheOf, sessionsChanged } from './session-cache.ts';

/** A session lives this long after its last use, unless the deployment says otherwise (SESSION_IDLE_HOURS). */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** And never longer than this after it was opened, however busy (SESSION_ABSOLUTE_HOURS): a working day. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

/** How long sessions last and who must sign in with a second factor: the deployment's sign-in rules. */
export interface SignInPolicy {
  idleMs: number;
  absoluteMs: number;
  /** Users with any of these roles must have a second factor (src/core/users/mfa.ts). */
  mfaRequiredRoles: readonly Role[];
}

/**
 * The rules when none are given: the lifetimes above and no role forced to a second factor. The
 * server's configuration (src/cli/config.ts) requires it of coordinators and administrators unless
 * MFA_REQUIRED_ROLES says otherwise; tests and embedders choose.
 */
export const DEFAULT_SIGN_IN: SignInPolicy = { idleMs: SESSION_IDLE_MS, absoluteMs: SESSION_ABSOLUTE_MS, mfaRequiredRoles: [] };

/** How long the second step of a login may wait for its code. */
export const PENDING_LOGIN_MS = 5 * 60 * 1000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** What the web app learns about its session: who, the CSRF token to send, and the municipalities in reach by name. */
export interface SessionInfo {
  user: User;
  csrfToken: string;
  municipalities: Array<{ id: string; name: string }>;
  /** The session reaches only the enrolment of a second factor until one is confirmed. */
  mfaEnrolmentRequired: boolean;
}

export function actorOf(u: User): Actor {
  return { userId: u.id, organisationId: u.organisationId, municipalityId: u.municipalityId, municipalities: u.municipalities, roles: u.roles };
}

/** The session's user and CSRF token, with the names of the user's municipalities. */
export async function describeSession(db: Database, s: { user: User; csrfToken: string; mfaEnrolment?: boolean }): Promise<SessionInfo> {
  const municipalities = (await listMunicipalities(db, s.user.municipalities)).map((m) => ({ id: m.id, name: m.name }));
  return { user: s.user, csrfToken: s.csrfToken, municipalities, mfaEnrolmentRequired: s.mfaEnrolment ?? false };
}

/**
 * Opens a session for a user whose credentials are checked: its token for the cookie and what the
 * app learns. A user whose role requires a second factor and who has none gets a session that
 * reaches only the enrolment. Audited as a login.
 */
export async function openSession(db: Database, user: User, policy: SignInPolicy, meta: { ip?: string; method: 'password' | 'totp' | 'recovery_code' | 'oidc'; provider?: string }): Promise<{ token: string; session: SessionInfo }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const mfaEnrolment = meta.method === 'password' && mfaRequired(user.roles, policy.mfaRequiredRoles);
  await insertSession(db, { idHash: hashToken(token), municipalityId: user.municipalityId, userId: user.id, csrfToken, expiresAt: new Date(Date.now() + Math.min(policy.idleMs, policy.absoluteMs)), mfaEnrolment });
  await touchLogin(db, user.id, user.municipalityId);
  await recordAudit(db, { municipalityId: user.municipalityId, userId: user.id, action: 'login', details: { ip: meta.ip, method: meta.method, ...(meta.provider ? { provider: meta.provider } : {}), ...(mfaEnrolment ? { mfaEnrolment: true } : {}) } });
  return { token, session: await describeSession(db, { user, csrfToken, mfaEnrolment }) };
}

/** What a login with the right password gives: a session, or the token of a login awaiting its second factor. */
export type LoginOutcome =
  | { kind: 'session'; token: string; session: SessionInfo }
  | { kind: 'mfa'; pendingToken: string };

/**
 * Checks the credentials. Refused without looking at the password while the address is locked out
 * after failed attempts (src/services/login-throttle.ts; the same for an address no user has). A
 * user with a second factor gets a pending login to complete with a code (POST /api/auth/mfa); any
 * other a session. A failure is audited with the user when the address is a user's, and otherwise
 * only as an unknown address: never the text typed, which may be a password typed in the wrong field.
 */
export async function login(db: Database, email: string, password: string, meta: { ip?: string; clientRule?: ThrottleRule } = {}, policy: SignInPolicy = DEFAULT_SIGN_IN): Promise<LoginOutcome> {
  const typed = email.trim();
  const found = await findUserWithPassword(db, typed);
  const audit = (reason: string) => recordAudit(db, { municipalityId: found?.municipalityId ?? null, userId: found?.id ?? null, action: 'login.failed', details: { ip: meta.ip, reason } });
  const failed = async (reason: string) => {
    if (meta.clientRule) await countClientFailure(db, meta.ip, meta.clientRule);
    await audit(reason);
  };
  // The client first: a client that has failed too often learns nothing more about any address.
  const clientLocked = meta.clientRule ? await checkClientNotLocked(db, meta.ip) : null;
  if (clientLocked) {
    await audit('client_locked');
    throw clientLocked;
  }
  const locked = await checkNotLocked(db, typed);
  if (locked) {
    await failed('locked');
    throw locked;
  }
  const ok = await verifyPassword(found?.passwordHash ?? null, password);
  if (!found || !ok || !found.active) {
    await countFailedAttempt(db, typed);
    await failed(!found ? 'unknown_address' : !ok ? 'wrong_password' : 'inactive');
    throw new DomainError('invalid_credentials');
  }
  const { passwordHash: _, ...user } = found;
  if (await hasMfa(db, user.id)) {
    const pendingToken = randomBytes(32).toString('base64url');
    await insertPendingLogin(db, hashToken(pendingToken), user.id, new Date(Date.now() + PENDING_LOGIN_MS));
    return { kind: 'mfa', pendingToken };
  }
  await clearFailedAttempts(db, typed);
  return { kind: 'session', ...(await openSession(db, user, policy, { ip: meta.ip, method: 'password' })) };
}

/** What PostgreSQL's text cannot hold: NUL and a lone UTF-16 surrogate. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Audits an attempt to log in whose body was refused before the credentials could be checked (a
 * NUL character in the e-mail, a missing password): with the user when the address is a user's,
 * otherwise only as an unknown address, never the text typed.
 */
export async function refuseLogin(db: Database, email: string | null, meta: { ip?: string } = {}): Promise<void> {
  const storable = email !== null && !UNSTORABLE.test(email) && email.length <= 254;
  const found = storable ? await findUserWithPassword(db, email.trim()) : null;
  await recordAudit(db, { municipalityId: found?.municipalityId ?? null, userId: found?.id ?? null, action: 'login.failed', details: { ip: meta.ip, reason: found ? 'validation' : 'unknown_address', refused: 'validation' } });
}

/**
 * The user and CSRF token behind a session token, or null when it is unknown, idle too long, older
 * than the absolute lifetime, or the user is disabled.
 */
export type ResumedSession = Readonly<{ user: User; actor: Actor; csrfToken: string; mfaEnrolment: boolean }>;

export async function resume(db: Database, token: string, policy: Pick<SignInPolicy, 'idleMs' | 'absoluteMs'> = DEFAULT_SIGN_IN): Promise<ResumedSession | null> {
  const idHash = hashToken(token);
  const cache = sessionCacheOf<ResumedSession>(db);
  const cached = cache?.get(idHash);
  if (cached) return cached;
  const generation = cache?.generation ?? 0;
  const s = await findSession(db, idHash, policy.idleMs, policy.absoluteMs);
  const user = s?.user;
  if (!s || !user || !user.active) return null;
  // Frozen: the same objects serve every request of the session while it is cached.
  const resumed = deepFreeze({ user, actor: actorOf(user), csrfToken: s.csrfToken, mfaEnrolment: s.mfaEnrolment });
  cache?.set(idHash, resumed, s.expiresAt.getTime(), generation);
  return resumed;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

export async function logout(db: Database, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
  await sessionsChanged(db);
}

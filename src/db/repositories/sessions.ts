import type { Queryable } from '../engine.ts';
import type { User } from '../../core/users/types.ts';
import { USER_SELECT } from './users.ts';

export interface SessionRow {
  userId: string;
  /** The user's home municipality when the session was opened (a move ends the user's sessions). */
  municipalityId: string;
  csrfToken: string;
  expiresAt: Date;
  /** Opened by a password alone for a user who must enrol a second factor first (migration 0016). */
  mfaEnrolment: boolean;
}

export async function insertSession(q: Queryable, s: { idHash: string; municipalityId: string; userId: string; csrfToken: string; expiresAt: Date; mfaEnrolment?: boolean }): Promise<void> {
  await q.query(
    `INSERT INTO sessions (id, municipality_id, user_id, csrf_token, expires_at, mfa_enrolment) VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.idHash, s.municipalityId, s.userId, s.csrfToken, s.expiresAt, s.mfaEnrolment ?? false]);
}

/**
 * The live session for a token hash, with its user (null when the user is gone or has moved to
 * another municipality since); slides its expiry forward when it is used. One round trip, as every
 * request begins with it. By the hash alone:
 * the token is what identifies the caller, before any municipality is known. The slide is written
 * at most once a minute per session, so reading a page is not a write (sessions are a table every
 * node shares on Citus, where each write reaches every node); the idle timeout is hours long, and a
 * minute short of it at most.
 *
 * `absoluteMs` (when given) ends a session that long after it was opened however busy it is: the
 * slide never passes it, and an older session is not found.
 */
export async function findSession(q: Queryable, idHash: string, idleMs: number, absoluteMs: number | null = null): Promise<(SessionRow & { user: User | null }) | null> {
  type Found = Omit<SessionRow, 'userId' | 'municipalityId'> & { sessionUserId: string; sessionMunicipalityId: string; stale: boolean; ageMs: number };
  const r = await q.query<Found & { [K in keyof User]: User[K] | null }>(
    `SELECT s.user_id AS "sessionUserId", s.municipality_id AS "sessionMunicipalityId", s.csrf_token AS "csrfToken",
            s.expires_at AS "expiresAt", s.mfa_enrolment AS "mfaEnrolment", s.last_seen_at < now() - interval '1 minute' AS stale,
            extract(epoch FROM now() - s.created_at)::double precision * 1000 AS "ageMs", x.*
       FROM sessions s LEFT JOIN LATERAL (${USER_SELECT} WHERE u.id = s.user_id AND u.municipality_id = s.municipality_id) x ON true
      WHERE s.id = $1 AND s.expires_at > now()`, [idHash], { prepared: true });
  const found = r.rows[0];
  if (!found) return null;
  const { sessionUserId, sessionMunicipalityId, csrfToken, expiresAt, mfaEnrolment, stale, ageMs, ...user } = found;
  const session = { userId: sessionUserId, municipalityId: sessionMunicipalityId, csrfToken, expiresAt, mfaEnrolment, user: user.id === null ? null : (user as User) };
  if (absoluteMs !== null && ageMs >= absoluteMs) return null;
  if (!stale) return session;
  // The slide in milliseconds from now, worked out here: Citus takes no time arithmetic in LEAST.
  const slideMs = absoluteMs === null ? idleMs : Math.min(idleMs, absoluteMs - ageMs);
  const u = await q.query<{ expiresAt: Date }>(
    `UPDATE sessions SET last_seen_at = now(), expires_at = now() + ($2::double precision * interval '1 millisecond')
      WHERE id = $1 AND expires_at > now() RETURNING expires_at AS "expiresAt"`, [idHash, slideMs]);
  return u.rows[0] ? { ...session, expiresAt: u.rows[0].expiresAt } : null;
}

/** The channel on which every server process hears that sessions may have ended or changed. */
export const SESSIONS_CHANNEL = 'lagesbild_sessions';

/**
 * Tells every process listening on SESSIONS_CHANNEL (their cached sessions, src/services/
 * session-cache.ts) that a session or what a session's user may reach has changed. Inside a
 * transaction the notice goes out when it commits, and not at all when it rolls back. A statement of
 * its own without tables: on Citus it runs on the coordinator, where the app's processes listen.
 */
export async function announceSessionChange(q: Queryable): Promise<void> {
  await q.query(`SELECT pg_notify('${SESSIONS_CHANNEL}', '')`);
}

/** The session may now reach the whole app: its user has confirmed a second factor. */
export async function endMfaEnrolment(q: Queryable, idHash: string): Promise<void> {
  await q.query('UPDATE sessions SET mfa_enrolment = false WHERE id = $1', [idHash]);
}

export async function deleteSession(q: Queryable, idHash: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE id = $1', [idHash]);
}

/** Ends every session of a user, in whichever municipality it was opened: changed rights take effect at once. */
export async function deleteUserSessions(q: Queryable, userId: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

export async function deleteExpiredSessions(q: Queryable): Promise<number> {
  const r = await q.query('DELETE FROM sessions WHERE expires_at <= now()');
  return r.affectedRows;
}

/** Ends every session of a user but one (the one that changed the password stays logged in). */
export async function deleteOtherUserSessions(q: Queryable, userId: string, keepIdHash: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, keepIdHash]);
}

import type { Queryable } from '../engine.ts';

export interface SessionRow {
  userId: string;
  /** The user's home municipality when the session was opened (a move ends the user's sessions). */
  municipalityId: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function insertSession(q: Queryable, s: { idHash: string; municipalityId: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<void> {
  await q.query(
    `INSERT INTO sessions (id, municipality_id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [s.idHash, s.municipalityId, s.userId, s.csrfToken, s.expiresAt]);
}

/**
 * The live session for a token hash; slides its expiry forward when it is used. By the hash alone:
 * the token is what identifies the caller, before any municipality is known. The slide is written
 * at most once a minute per session, so reading a page is not a write (sessions are a table every
 * node shares on Citus, where each write reaches every node); the idle timeout is hours long, and a
 * minute short of it at most.
 */
export async function findSession(q: Queryable, idHash: string, idleMs: number): Promise<SessionRow | null> {
  const r = await q.query<SessionRow & { stale: boolean }>(
    `SELECT user_id AS "userId", municipality_id AS "municipalityId", csrf_token AS "csrfToken", expires_at AS "expiresAt",
            last_seen_at < now() - interval '1 minute' AS stale
       FROM sessions WHERE id = $1 AND expires_at > now()`, [idHash]);
  const found = r.rows[0];
  if (!found) return null;
  const { stale, ...session } = found;
  if (!stale) return session;
  const u = await q.query<{ expiresAt: Date }>(
    `UPDATE sessions SET last_seen_at = now(), expires_at = now() + ($2::double precision * interval '1 millisecond')
      WHERE id = $1 AND expires_at > now() RETURNING expires_at AS "expiresAt"`, [idHash, idleMs]);
  return u.rows[0] ? { ...session, expiresAt: u.rows[0].expiresAt } : null;
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

import type { Queryable } from '../engine.ts';

/** A user's TOTP authenticator; `enabledAt` null while the enrolment awaits its first code. */
export interface MfaRow {
  secret: string;
  enabledAt: Date | null;
  lastTimeStep: number | null;
}

export async function findMfa(q: Queryable, userId: string): Promise<MfaRow | null> {
  const r = await q.query<MfaRow>(
    `SELECT totp_secret AS secret, enabled_at AS "enabledAt", last_time_step::double precision AS "lastTimeStep" FROM user_mfa WHERE user_id = $1`, [userId]);
  return r.rows[0] ?? null;
}

/**
 * Starts (or restarts) an enrolment with a new secret; refused (false) while a confirmed one is on.
 * The update takes the inserted row's time, not now(): Citus allows only immutable functions there.
 */
export async function startEnrolment(q: Queryable, userId: string, secret: string): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO user_mfa (user_id, totp_secret) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET totp_secret = EXCLUDED.totp_secret, last_time_step = NULL, created_at = EXCLUDED.created_at
       WHERE user_mfa.enabled_at IS NULL`, [userId, secret]);
  return r.affectedRows > 0;
}

/**
 * Takes a code's time step if it is later than the last one taken: true once per step, however
 * many processes try at the same moment (the row is updated or not, atomically).
 */
export async function claimTimeStep(q: Queryable, userId: string, step: number): Promise<boolean> {
  const r = await q.query(
    `UPDATE user_mfa SET last_time_step = $2 WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2)`, [userId, step]);
  return r.affectedRows > 0;
}

export async function enableMfa(q: Queryable, userId: string): Promise<void> {
  await q.query('UPDATE user_mfa SET enabled_at = now() WHERE user_id = $1', [userId]);
}

export async function deleteMfa(q: Queryable, userId: string): Promise<void> {
  await q.query('DELETE FROM user_mfa WHERE user_id = $1', [userId]);
  await q.query('DELETE FROM user_recovery_codes WHERE user_id = $1', [userId]);
}

export async function replaceRecoveryCodes(q: Queryable, userId: string, hashes: string[]): Promise<void> {
  await q.query('DELETE FROM user_recovery_codes WHERE user_id = $1', [userId]);
  for (const h of hashes) await q.query('INSERT INTO user_recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, h]);
}

/** Spends a recovery code: true the one time it is unused, false after (or when it is not the user's). */
export async function spendRecoveryCode(q: Queryable, userId: string, hash: string): Promise<boolean> {
  const r = await q.query(
    'UPDATE user_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL', [userId, hash]);
  return r.affectedRows > 0;
}

export async function unusedRecoveryCodes(q: Queryable, userId: string): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL', [userId]);
  return r.rows[0].n;
}

export async function insertPendingLogin(q: Queryable, idHash: string, userId: string, expiresAt: Date): Promise<void> {
  // One login awaiting its code per user: an older one is void.
  await q.query('DELETE FROM pending_logins WHERE user_id = $1 OR expires_at <= now()', [userId]);
  await q.query('INSERT INTO pending_logins (id, user_id, expires_at) VALUES ($1, $2, $3)', [idHash, userId, expiresAt]);
}

/** The user (and their home municipality) of a login awaiting its second factor, while it is live. */
export async function findPendingLogin(q: Queryable, idHash: string): Promise<{ userId: string; municipalityId: string } | null> {
  const r = await q.query<{ userId: string; municipalityId: string }>(
    `SELECT p.user_id AS "userId", u.municipality_id AS "municipalityId"
       FROM pending_logins p JOIN users u ON u.id = p.user_id WHERE p.id = $1 AND p.expires_at > now()`, [idHash]);
  return r.rows[0] ?? null;
}

export async function deletePendingLogin(q: Queryable, idHash: string): Promise<void> {
  await q.query('DELETE FROM pending_logins WHERE id = $1', [idHash]);
}

/** Whether the user signs in with a confirmed second factor. */
export async function hasMfa(q: Queryable, userId: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM user_mfa WHERE user_id = $1 AND enabled_at IS NOT NULL', [userId]);
  return r.rows.length > 0;
}

import type { Queryable } from '../engine.ts';

export type AccountLinkPurpose = 'invitation' | 'reset';

export interface AccountLink {
  userId: string;
  purpose: AccountLinkPurpose;
  expiresAt: Date;
  usedAt: Date | null;
}

/**
 * Stores a new link for the user. The user's earlier links that were never used expire now: the
 * newest e-mail is the one that counts, and a leaked older one cannot be used beside it. Rows a
 * month old are of no more use (not even to count requests) and go.
 */
export async function insertAccountLink(q: Queryable, l: { tokenHash: string; userId: string; purpose: AccountLinkPurpose; createdBy: string | null; expiresAt: Date }): Promise<void> {
  await expireAccountLinks(q, l.userId);
  await q.query(`DELETE FROM account_links WHERE user_id = $1 AND created_at < now() - interval '30 days'`, [l.userId]);
  await q.query(
    `INSERT INTO account_links (token_hash, user_id, purpose, created_by, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [l.tokenHash, l.userId, l.purpose, l.createdBy, l.expiresAt]);
}

export async function findAccountLink(q: Queryable, tokenHash: string): Promise<AccountLink | null> {
  const r = await q.query<AccountLink>(
    `SELECT user_id AS "userId", purpose, expires_at AS "expiresAt", used_at AS "usedAt" FROM account_links WHERE token_hash = $1`, [tokenHash]);
  return r.rows[0] ?? null;
}

/**
 * Marks the link used if it is still unused and unexpired at the database's clock; false when
 * another request used it first (two clicks at once set the password once).
 */
export async function useAccountLink(q: Queryable, tokenHash: string): Promise<boolean> {
  const r = await q.query(`UPDATE account_links SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`, [tokenHash]);
  return r.affectedRows === 1;
}

/** Ends the user's unused links of any kind (a password was set, or a newer link sent). */
export async function expireAccountLinks(q: Queryable, userId: string): Promise<void> {
  await q.query('UPDATE account_links SET expires_at = now() WHERE user_id = $1 AND used_at IS NULL AND expires_at > now()', [userId]);
}

/** How many reset links the user was sent since `since` (a brake on e-mail bombing through the public form). */
export async function countRecentResetLinks(q: Queryable, userId: string, since: Date): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM account_links WHERE user_id = $1 AND purpose = 'reset' AND created_at > $2`, [userId, since]);
  return r.rows[0].n;
}

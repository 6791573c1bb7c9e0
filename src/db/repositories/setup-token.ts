import type { Queryable } from '../engine.ts';

/**
 * The one-time set-up link of a new installation (migration 0011): one row holding the SHA-256 of
 * the token `serve` printed, and when it was used.
 */

/**
 * Stores a new token's hash, replacing one not yet used; false when the stored token was already
 * used (the set-up is done, and the used one is kept so its link can say so).
 */
export async function issueSetupToken(q: Queryable, tokenHash: string): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO setup_token (id, token_hash) VALUES (true, $1)
     ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
      WHERE setup_token.used_at IS NULL`,
    [tokenHash]);
  return r.affectedRows === 1;
}

/** What the stored token says of a hash: the live one, the used one, or none of ours. */
export async function setupTokenUse(q: Queryable, tokenHash: string): Promise<'unused' | 'used' | 'unknown'> {
  const r = await q.query<{ used: boolean }>('SELECT used_at IS NOT NULL AS used FROM setup_token WHERE token_hash = $1', [tokenHash]);
  const row = r.rows[0];
  return !row ? 'unknown' : row.used ? 'used' : 'unused';
}

/**
 * Marks the token used, only if it is the live one and still unused: of two set-ups sent at once
 * one waits for the other's row lock and then finds it used, so only one can go on.
 */
export async function consumeSetupToken(q: Queryable, tokenHash: string): Promise<boolean> {
  const r = await q.query('UPDATE setup_token SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL', [tokenHash]);
  return r.affectedRows === 1;
}

/** Whether the deployment has no municipality yet: the state in which a first start offers the set-up. */
export async function deploymentIsEmpty(q: Queryable): Promise<boolean> {
  const r = await q.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM municipalities) AS empty');
  return r.rows[0].empty;
}

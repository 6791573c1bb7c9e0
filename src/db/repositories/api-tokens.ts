import type { Queryable } from '../engine.ts';

/** A personal API token as its owner sees it (never the token itself: only its hash is stored). */
export interface ApiTokenRow {
  id: string;
  name: string;
  municipalities: string[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = `id, name, municipalities, created_at AS "createdAt", expires_at AS "expiresAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

export async function insertApiToken(q: Queryable, t: { tokenHash: string; userId: string; municipalityId: string; name: string; municipalities: string[]; expiresAt: Date }): Promise<ApiTokenRow> {
  const r = await q.query<ApiTokenRow>(
    `INSERT INTO api_tokens (token_hash, user_id, municipality_id, name, municipalities, expires_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6) RETURNING ${COLUMNS}`,
    [t.tokenHash, t.userId, t.municipalityId, t.name, t.municipalities, t.expiresAt]);
  return r.rows[0];
}

/** A user's tokens, newest first, revoked and expired ones too (the page shows what became of them). */
export async function listApiTokens(q: Queryable, userId: string): Promise<ApiTokenRow[]> {
  const r = await q.query<ApiTokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id`, [userId]);
  return r.rows;
}

/** Revokes one of the user's tokens; null when the user has no token with this id. A second revoke keeps the first time. */
export async function revokeApiToken(q: Queryable, userId: string, id: string): Promise<ApiTokenRow | null> {
  // The time as a parameter: Citus refuses now() inside COALESCE on a reference table.
  const r = await q.query<ApiTokenRow>(
    `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $3::timestamptz) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`, [id, userId, new Date()]);
  return r.rows[0] ?? null;
}

/** A token that counts: its user, the user's home municipality when it was made, the municipalities it reads. */
export interface LiveApiToken { id: string; userId: string; municipalityId: string; municipalities: string[] }

/**
 * The live token (not revoked, not expired) for a hash, or null. Its last use is written at most
 * once a minute, so a client polling every few seconds does not write a shared table each time
 * (on Citus each write reaches every node).
 */
export async function useApiToken(q: Queryable, tokenHash: string): Promise<LiveApiToken | null> {
  const r = await q.query<LiveApiToken & { stale: boolean }>(
    `SELECT id, user_id AS "userId", municipality_id AS "municipalityId", municipalities, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
       FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`, [tokenHash]);
  const found = r.rows[0];
  if (!found) return null;
  const { stale, ...token } = found;
  if (stale) await q.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [token.id]);
  return token;
}

/**
 * Personal API tokens (issue 17 item 4): how QGIS, ArcGIS Pro, FME and GDAL read the OGC API as a
 * user without a browser. A token is made by its user in the web app, shown once and stored as its
 * SHA-256; it names the municipalities it reads (some or all of the user's) and expires. A request
 * with it acts as its user at that moment — the user's current roles, within the token's
 * municipalities — and only reads: the server accepts it for GET and HEAD under /ogc alone
 * (src/server/plugins/api-token-auth.ts). Making and revoking a token are in the audit log; each
 * read through it is logged by the read itself (src/services/ogc.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../core/access/roles.ts';
import { IssueCollector, notFound } from '../core/errors/index.ts';
import type { User } from '../core/users/types.ts';
import type { Database } from '../db/engine.ts';
import { insertApiToken, listApiTokens as listRows, revokeApiToken as revokeRow, useApiToken, type ApiTokenRow } from '../db/repositories/api-tokens.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { getUser } from '../db/repositories/users.ts';
import { actorOf, hashToken } from './auth.ts';

/** The longest a token may live: a year, after which the GIS officer makes a new one. */
export const API_TOKEN_MAX_DAYS = 365;
export const API_TOKEN_NAME_MAX = 100;
/** Every token starts so: a secret scanner (and a person) can tell one in a file or a log. */
export const API_TOKEN_PREFIX = 'lbt_';

export type ApiToken = ApiTokenRow & { status: 'active' | 'expired' | 'revoked' };

const withStatus = (t: ApiTokenRow, now = Date.now()): ApiToken =>
  ({ ...t, status: t.revokedAt ? 'revoked' : t.expiresAt.getTime() <= now ? 'expired' : 'active' });

export interface NewApiToken {
  name: string;
  expiresInDays: number;
  /** The municipalities it reads: some of the user's, or all of them when absent. */
  municipalities?: string[];
}

/** Makes a token for the acting user; the token itself is in the answer and nowhere else, ever. */
export async function createApiToken(db: Database, actor: Actor, input: NewApiToken): Promise<{ id: string; token: string }> {
  const issues = new IssueCollector();
  const name = input.name.trim();
  if (!name) issues.add('name', 'blank');
  else if (name.length > API_TOKEN_NAME_MAX) issues.add('name', 'too_long', { max: API_TOKEN_NAME_MAX });
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1) issues.add('expiresInDays', 'too_small', { min: 1 });
  else if (input.expiresInDays > API_TOKEN_MAX_DAYS) issues.add('expiresInDays', 'too_large', { max: API_TOKEN_MAX_DAYS });
  const municipalities = input.municipalities?.length ? [...new Set(input.municipalities)] : actor.municipalities;
  const outside = municipalities.filter((m) => !actor.municipalities.includes(m));
  if (outside.length) issues.add('municipalities', 'unknown_reference', { what: `kommun ${outside.join(', ')}` });
  issues.throwIfAny();
  const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  return db.transaction(async (tx) => {
    const row = await insertApiToken(tx, { tokenHash: hashToken(token), userId: actor.userId, municipalityId: actor.municipalityId, name, municipalities, expiresAt });
    await recordAudit(tx, {
      municipalityId: actor.municipalityId, userId: actor.userId, action: 'apiToken.create', subjectType: 'api_token', subjectId: row.id,
      details: { name, municipalities, expiresAt: expiresAt.toISOString() },
    });
    return { id: row.id, token };
  });
}

/** The acting user's tokens, newest first, with when each was last used and what became of it. */
export async function listApiTokens(db: Database, actor: Actor): Promise<ApiToken[]> {
  return (await listRows(db, actor.userId)).map((t) => withStatus(t));
}

/** Revokes one of the acting user's tokens (404 for anyone else's): its next request gets 401. */
export async function revokeApiToken(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await revokeRow(tx, actor.userId, id);
    if (!row) throw notFound('api-token');
    await recordAudit(tx, { municipalityId: actor.municipalityId, userId: actor.userId, action: 'apiToken.revoke', subjectType: 'api_token', subjectId: id, details: { name: row.name } });
  });
}

/** Who a token acts for. */
export interface TokenHolder {
  tokenId: string;
  user: User;
  /** The user as now, within the token's municipalities. */
  actor: Actor;
}

/**
 * The user a token acts for, or null when it is unknown, revoked or expired, or its user is
 * disabled, gone or has moved (the token names its user's home municipality of the time) — or
 * reaches none of the token's municipalities any more. Rights are the user's at this moment:
 * a role taken away is gone for the token too.
 */
export async function resolveApiToken(db: Database, token: string): Promise<TokenHolder | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const live = await useApiToken(db, hashToken(token));
  if (!live) return null;
  const user = await getUser(db, live.userId, [live.municipalityId]);
  if (!user || !user.active) return null;
  const base = actorOf(user);
  const municipalities = base.municipalities.filter((m) => live.municipalities.includes(m));
  if (!municipalities.length) return null;
  return { tokenId: live.id, user, actor: { ...base, municipalities } };
}

import type { OidcProvider } from '../../core/sso/types.ts';
import type { User } from '../../core/users/types.ts';
import type { Queryable } from '../engine.ts';
import { findUserWithPassword, getUser } from './users.ts';

const PROVIDER = `municipality_id AS "municipalityId", label, issuer, client_id AS "clientId", client_secret AS "clientSecret",
  user_claim AS "userClaim", group_mapping AS "groupMapping", create_users AS "createUsers", enabled`;

type Row = Omit<OidcProvider, 'id'> & { municipalityId: string };
const withId = (r: Row): OidcProvider => ({ ...r, id: r.municipalityId });

/** The municipalities' own providers, switched on or not, by municipality. */
export async function listOidcProviders(q: Queryable): Promise<OidcProvider[]> {
  const r = await q.query<Row>(`SELECT ${PROVIDER} FROM oidc_providers ORDER BY municipality_id`);
  return r.rows.map(withId);
}

export async function getOidcProvider(q: Queryable, municipalityId: string): Promise<OidcProvider | null> {
  const r = await q.query<Row>(`SELECT ${PROVIDER} FROM oidc_providers WHERE municipality_id = $1`, [municipalityId]);
  return r.rows[0] ? withId(r.rows[0]) : null;
}

/**
 * Writes a municipality's provider. The secret is write-only: a null one keeps the stored secret,
 * unless `removeSecret` says to forget it (a provider that takes PKCE alone, as a public client).
 */
export async function putOidcProvider(q: Queryable, p: Omit<OidcProvider, 'id' | 'municipalityId'> & { municipalityId: string; removeSecret: boolean }): Promise<void> {
  // Citus takes no now() in DO UPDATE SET (only immutable functions there): the time comes with the row.
  await q.query(
    `INSERT INTO oidc_providers (municipality_id, label, issuer, client_id, client_secret, user_claim, group_mapping, create_users, enabled, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, now())
     ON CONFLICT (municipality_id) DO UPDATE SET label = EXCLUDED.label, issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
       client_secret = CASE WHEN $10::boolean THEN NULL ELSE COALESCE(EXCLUDED.client_secret, oidc_providers.client_secret) END,
       user_claim = EXCLUDED.user_claim, group_mapping = EXCLUDED.group_mapping, create_users = EXCLUDED.create_users,
       enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at`,
    [p.municipalityId, p.label, p.issuer, p.clientId, p.clientSecret, p.userClaim, JSON.stringify(p.groupMapping), p.createUsers, p.enabled, p.removeSecret]);
}

export async function deleteOidcProvider(q: Queryable, municipalityId: string): Promise<boolean> {
  const r = await q.query('DELETE FROM oidc_providers WHERE municipality_id = $1', [municipalityId]);
  return r.affectedRows > 0;
}

export interface PendingLogin {
  provider: string;
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
}

export async function insertPendingLogin(q: Queryable, stateHash: string, p: PendingLogin, ttlMs: number): Promise<void> {
  // Old ones go as new ones come: a login abandoned at the provider leaves its row behind.
  await q.query('DELETE FROM oidc_logins WHERE expires_at <= now()');
  await q.query(
    `INSERT INTO oidc_logins (state_hash, provider, code_verifier, nonce, redirect_uri, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + ($6::double precision * interval '1 millisecond'))`,
    [stateHash, p.provider, p.codeVerifier, p.nonce, p.redirectUri, ttlMs]);
}

/** Takes a login under way (deleted as it is read: a state works once), or null when unknown or expired. */
export async function takePendingLogin(q: Queryable, stateHash: string): Promise<PendingLogin | null> {
  const r = await q.query<PendingLogin & { live: boolean }>(
    `DELETE FROM oidc_logins WHERE state_hash = $1
     RETURNING provider, code_verifier AS "codeVerifier", nonce, redirect_uri AS "redirectUri", expires_at > now() AS live`, [stateHash]);
  const row = r.rows[0];
  if (!row?.live) return null;
  const { live: _, ...login } = row;
  return login;
}

export type LinkedUser = User & { oidcIssuer: string | null; oidcSubject: string | null };

const links = async (q: Queryable, u: User | null): Promise<LinkedUser | null> => {
  if (!u) return null;
  const r = await q.query<{ oidcIssuer: string | null; oidcSubject: string | null }>(
    'SELECT oidc_issuer AS "oidcIssuer", oidc_subject AS "oidcSubject" FROM users WHERE id = $1', [u.id]);
  return { ...u, ...r.rows[0] };
};

/** The user linked to an identity at a provider. Across municipalities, like the login by e-mail. */
export async function findUserByOidcSubject(q: Queryable, issuer: string, subject: string): Promise<LinkedUser | null> {
  const r = await q.query<{ id: string; municipalityId: string }>(
    'SELECT id, municipality_id AS "municipalityId" FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2', [issuer, subject]);
  const row = r.rows[0];
  return row ? links(q, await getUser(q, row.id, [row.municipalityId])) : null;
}

/** The user with an e-mail address (the login), with its link if any. */
export async function findUserByEmailForSso(q: Queryable, email: string): Promise<LinkedUser | null> {
  const found = await findUserWithPassword(q, email);
  if (!found) return null;
  const { passwordHash: _, ...user } = found;
  return links(q, user);
}

export async function linkOidcIdentity(q: Queryable, userId: string, issuer: string, subject: string): Promise<void> {
  await q.query('UPDATE users SET oidc_issuer = $2, oidc_subject = $3, updated_at = now() WHERE id = $1', [userId, issuer, subject]);
}

/** An organisation's home municipality and whether it is active, by id alone (null when there is none). */
export async function organisationHome(q: Queryable, id: string): Promise<{ municipalityId: string; active: boolean } | null> {
  const r = await q.query<{ municipalityId: string; active: boolean }>(
    'SELECT municipality_id AS "municipalityId", active FROM organisations WHERE id = $1', [id]);
  return r.rows[0] ?? null;
}

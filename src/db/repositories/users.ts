import type { Role } from '../../core/access/roles.ts';
import type { Queryable } from '../engine.ts';
import type { User } from '../../core/users/types.ts';

/** A user with its organisation's name and every municipality it reaches (alias u; sessions.ts reads it with the session). */
export const USER_SELECT = `SELECT u.id, u.municipality_id AS "municipalityId", u.organisation_id AS "organisationId",
  o.name AS "organisationName", u.email, u.name, u.roles, u.active, u.last_login_at AS "lastLoginAt",
  ARRAY(SELECT u.municipality_id UNION SELECT g.municipality_id FROM user_municipality_grants g WHERE g.user_id = u.id
        UNION SELECT om.municipality_id FROM organisation_municipalities om WHERE om.organisation_id = u.organisation_id ORDER BY 1) AS municipalities
  FROM users u JOIN organisations o ON o.id = u.organisation_id`;

/** A user whose home is one of the municipalities. */
export async function getUser(q: Queryable, id: string, municipalities: string[]): Promise<User | null> {
  const r = await q.query<User>(`${USER_SELECT} WHERE u.id = $1 AND u.municipality_id = ANY($2::text[])`, [id, municipalities], { prepared: true });
  return r.rows[0] ?? null;
}

/**
 * The user with an e-mail address, with the password hash, for logging in. Across municipalities:
 * the address is the login and is unique, and no municipality is known before the login.
 */
export async function findUserWithPassword(q: Queryable, email: string): Promise<(User & { passwordHash: string | null }) | null> {
  const r = await q.query<User & { passwordHash: string | null }>(
    `SELECT x.*, (SELECT password_hash FROM users WHERE id = x.id) AS "passwordHash" FROM (${USER_SELECT} WHERE u.email = lower($1)) x`, [email]);
  return r.rows[0] ?? null;
}

export async function listUsers(q: Queryable, municipalities: string[]): Promise<User[]> {
  const r = await q.query<User>(`${USER_SELECT} WHERE u.municipality_id = ANY($1::text[]) ORDER BY u.name, u.email`, [municipalities]);
  return r.rows;
}

export async function insertUser(q: Queryable, u: { id?: string; municipalityId: string; organisationId: string; email: string; name: string; roles: Role[]; passwordHash: string | null }): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO users (id, municipality_id, organisation_id, email, name, roles, password_hash)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, lower($4), $5, $6::text[], $7) RETURNING id`,
    [u.id ?? null, u.municipalityId, u.organisationId, u.email, u.name, u.roles, u.passwordHash]);
  return r.rows[0].id;
}

/**
 * Changes a user of the municipality. A user's home municipality is its organisation's, so moving
 * the user to an organisation (of another municipality) moves its home too.
 */
export async function updateUser(q: Queryable, id: string, municipalityId: string, patch: {
  name?: string; email?: string; organisation?: { id: string; municipalityId: string }; roles?: Role[]; active?: boolean; passwordHash?: string;
}): Promise<void> {
  await q.query(
    `UPDATE users SET name = COALESCE($3, name), email = COALESCE(lower($4), email),
       organisation_id = COALESCE($5::uuid, organisation_id), municipality_id = COALESCE($6, municipality_id), roles = COALESCE($7::text[], roles),
       active = COALESCE($8, active), password_hash = COALESCE($9, password_hash), updated_at = now()
     WHERE id = $1 AND municipality_id = $2`,
    [id, municipalityId, patch.name ?? null, patch.email ?? null, patch.organisation?.id ?? null, patch.organisation?.municipalityId ?? null,
      patch.roles ?? null, patch.active ?? null, patch.passwordHash ?? null]);
}

/** Sets the municipalities a user is granted besides its home one (exactly these). */
export async function setUserGrants(q: Queryable, userId: string, municipalities: string[]): Promise<void> {
  await q.query('DELETE FROM user_municipality_grants WHERE user_id = $1 AND NOT (municipality_id = ANY($2::text[]))', [userId, municipalities]);
  await q.query(
    `INSERT INTO user_municipality_grants (user_id, municipality_id)
     SELECT $1, m FROM unnest($2::text[]) AS m ON CONFLICT DO NOTHING`, [userId, municipalities]);
}

/** Whether another user has the address; across municipalities, since the address is the login. */
export async function emailTaken(q: Queryable, email: string, exceptId?: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM users WHERE email = lower($1) AND id IS DISTINCT FROM $2::uuid', [email, exceptId ?? null]);
  return r.rows.length > 0;
}

export async function touchLogin(q: Queryable, id: string, municipalityId: string): Promise<void> {
  await q.query('UPDATE users SET last_login_at = now() WHERE id = $1 AND municipality_id = $2', [id, municipalityId]);
}

/** Sets (or, with null, clears) a user's password hash: a cleared one logs nobody in until a link sets a new one. */
export async function setUserPassword(q: Queryable, id: string, municipalityId: string, passwordHash: string | null): Promise<void> {
  await q.query('UPDATE users SET password_hash = $3, updated_at = now() WHERE id = $1 AND municipality_id = $2', [id, municipalityId, passwordHash]);
}

/** Whether the user has chosen a password (an invited user has not, until the invitation's link is used). */
export async function hasPassword(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query<{ set: boolean }>('SELECT password_hash IS NOT NULL AS set FROM users WHERE id = $1', [id]);
  return r.rows[0]?.set ?? false;
}

/** A user's home municipality by id alone (a link names the user, not the municipality). */
export async function userHome(q: Queryable, id: string): Promise<string | null> {
  const r = await q.query<{ m: string }>('SELECT municipality_id AS m FROM users WHERE id = $1', [id]);
  return r.rows[0]?.m ?? null;
}

/**
 * The SQL of erasing one account's personal data (GDPR art. 17, and retention rule (c) for closed
 * accounts): the account row stays, pseudonymised, because reports, history, measures and the audit
 * log point at it. Runs in a transaction that called allowRetentionWrites (./retention.ts).
 */
import type { Queryable } from '../engine.ts';

export interface ErasableUser {
  id: string;
  municipalityId: string;
  name: string;
  email: string;
  erasedAt: Date | null;
}

export async function getErasableUser(q: Queryable, id: string): Promise<ErasableUser | null> {
  const r = await q.query<ErasableUser>(
    `SELECT id, municipality_id AS "municipalityId", name, email, erased_at AS "erasedAt" FROM users WHERE id = $1`, [id]);
  return r.rows[0] ?? null;
}

/** The descriptions of the reports the user made (to strip the user's own personal data from). */
export async function descriptionsByReporter(q: Queryable, userId: string): Promise<Array<{ id: string; municipalityId: string; description: string }>> {
  const r = await q.query<{ id: string; municipalityId: string; description: string }>(
    `SELECT id, municipality_id AS "municipalityId", description FROM incidents WHERE reporter_id = $1 AND description IS NOT NULL`, [userId]);
  return r.rows;
}

export async function setDescription(q: Queryable, municipalityId: string, id: string, description: string | null, now: Date): Promise<void> {
  await q.query(`UPDATE incidents SET description = $3, version = version + 1, updated_at = $4 WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id, description, now]);
}

export interface ErasureCounts {
  sessions: number;
  notifications: number;
  historyEntries: number;
  auditEntries: number;
  measures: number;
}

/**
 * Removes what identifies the person: the sessions, the notifications to them, the descriptions they
 * wrote as kept in the history (the reports' current descriptions are stripped by the caller), their
 * name and address where the audit log's details name them, a measure's responsible person written as
 * their name; then pseudonymises the account and closes it.
 */
export async function eraseUserRows(q: Queryable, u: ErasableUser, pseudonym: { name: string; email: string }, now: Date): Promise<ErasureCounts> {
  const sessions = await q.query('DELETE FROM sessions WHERE user_id = $1', [u.id]);
  const notifications = await q.query(`DELETE FROM notifications WHERE user_id = $1 OR email = $2`, [u.id, u.email]);
  const history = await q.query(
    `UPDATE incident_history SET changes = changes - 'description' WHERE user_id = $1 AND changes ? 'description'`, [u.id]);
  // The audit tables refuse row changes (migration 0019); this function, run as their owner, may only
  // drop the name and address from the details of the entries about this person (migration 0021).
  const audit = await q.query<{ n: string }>('SELECT pseudonymise_audit_details($1, $2) AS n', [u.id, u.email]);
  const auditEntries = Number(audit.rows[0].n);
  const measures = await q.query(
    `UPDATE measures SET responsible_person = $1, updated_at = $3 WHERE lower(trim(responsible_person)) = lower(trim($2))`, [pseudonym.name, u.name, now]);
  await q.query('DELETE FROM user_municipality_grants WHERE user_id = $1', [u.id]);
  // Invitation and reset links (migration 0018): none may set a password on the closed account.
  await q.query('DELETE FROM account_links WHERE user_id = $1', [u.id]);
  // The link to the person's identity at the municipality's OpenID provider (migration 0017) goes too.
  await q.query(
    `UPDATE users SET name = $2, email = $3, password_hash = NULL, last_login_at = NULL, active = false, erased_at = $4, updated_at = $4,
            oidc_issuer = NULL, oidc_subject = NULL
      WHERE id = $1`, [u.id, pseudonym.name, pseudonym.email, now]);
  return { sessions: sessions.affectedRows, notifications: notifications.affectedRows, historyEntries: history.affectedRows, auditEntries, measures: measures.affectedRows };
}

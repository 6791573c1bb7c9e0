import type { Notification } from '../../core/notifications/types.ts';
import type { Queryable } from '../engine.ts';
import { userReaches } from './user-reach.ts';

/** The e-mail notifications (channel 'email') and their delivery state: the mailer's outbox. */
export interface OutgoingEmail {
  id: string;
  municipalityId: string;
  email: string;
  subject: string;
  body: string;
  attempts: number;
}

/** Users of the municipality (alias u): those who live there, those granted it and those whose organisation works there. */
const OF_MUNICIPALITY = userReaches(1);

/**
 * One e-mail per recipient, all of one kind about one subject. Users are given by id (their address
 * is read here, so a changed address is used) and must belong to the municipality; further
 * addresses as plain text. An address that is also a user's is sent once, to the user.
 */
export async function queueEmails(q: Queryable, n: { municipalityId: string; kind: Notification['kind']; subject: string; body: string; subjectType: string; subjectId: string; userIds: string[]; addresses: string[] }): Promise<number> {
  const users = await q.query(
    `INSERT INTO notifications (municipality_id, user_id, email, channel, kind, subject, body, subject_type, subject_id)
     SELECT $1, u.id, u.email, 'email', $3, $4, $5, $6, $7 FROM users u WHERE u.id = ANY($2::uuid[]) AND ${OF_MUNICIPALITY}`,
    [n.municipalityId, n.userIds, n.kind, n.subject, n.body, n.subjectType, n.subjectId]);
  const others = await q.query(
    `INSERT INTO notifications (municipality_id, email, channel, kind, subject, body, subject_type, subject_id)
     SELECT $1, a, 'email', $3, $4, $5, $6, $7 FROM unnest($2::text[]) AS a
      WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = ANY($8::uuid[]) AND ${OF_MUNICIPALITY} AND u.email = lower(a))`,
    [n.municipalityId, [...new Set(n.addresses.map((a) => a.toLowerCase()))], n.kind, n.subject, n.body, n.subjectType, n.subjectId, n.userIds]);
  return users.affectedRows + others.affectedRows;
}

/** Active coordinators of a municipality (home or granted), who get the scheduler's e-mail. */
export async function activeCoordinatorIds(q: Queryable, municipalityId: string): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `SELECT u.id FROM users u WHERE u.active AND 'coordinator' = ANY(u.roles) AND ${OF_MUNICIPALITY} ORDER BY u.email`, [municipalityId]);
  return r.rows.map((x) => x.id);
}

/**
 * The mailer serves every municipality from one outbox: it claims due e-mails across them (the
 * municipality has no say in how a message is delivered), and marks each by its key, the
 * municipality and the id it claimed.
 *
 * Claims up to `limit` unsent e-mails that are due, the municipality whose oldest is oldest first:
 * counts the attempt and leases them for `leaseMin` minutes, so a second mailer skips them (SKIP
 * LOCKED) and a mailer that dies mid-send leaves them to be tried again when the lease ends. One
 * municipality at a time: a distributed database locks rows only within one shard.
 */
export async function claimDueEmails(q: Queryable, c: { now: Date; limit: number; maxAttempts: number; leaseMin: number }): Promise<OutgoingEmail[]> {
  const due = `channel = 'email' AND sent_at IS NULL AND attempts < $2 AND (next_attempt_at IS NULL OR next_attempt_at <= $1)`;
  const municipalities = await q.query<{ id: string }>(
    `SELECT municipality_id AS id FROM notifications WHERE ${due} GROUP BY 1 ORDER BY min(created_at), 1`, [c.now, c.maxAttempts]);
  const claimed: OutgoingEmail[] = [];
  for (const { id } of municipalities.rows) {
    if (claimed.length >= c.limit) break;
    const r = await q.query<OutgoingEmail>(
      `UPDATE notifications n SET attempts = n.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(mins => $4)
        WHERE n.municipality_id = $5 AND (n.municipality_id, n.id) IN (
          SELECT municipality_id, id FROM notifications WHERE municipality_id = $5 AND ${due}
           ORDER BY created_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING n.id, n.municipality_id AS "municipalityId", n.email, n.subject, n.body, n.attempts`,
      [c.now, c.maxAttempts, c.limit - claimed.length, c.leaseMin, id]);
    claimed.push(...r.rows);
  }
  return claimed;
}

/**
 * Marks an e-mail sent. An e-mail about an account carries a link that sets its password: once it
 * has left, the outbox keeps the message without the link's token, so the table is no store of
 * working links (only their hashes are kept, in account_links).
 */
export async function markEmailSent(q: Queryable, m: { municipalityId: string; id: string }, now: Date): Promise<void> {
  await q.query(`UPDATE notifications SET sent_at = $3, last_error = NULL, next_attempt_at = NULL,
       body = CASE WHEN kind = 'account' THEN regexp_replace(body, '([?&]token=)[A-Za-z0-9_-]+', '\\1…', 'g') ELSE body END
     WHERE municipality_id = $1 AND id = $2`,
    [m.municipalityId, m.id, now]);
}

export async function markEmailFailed(q: Queryable, m: { municipalityId: string; id: string }, error: string, nextAttemptAt: Date | null): Promise<void> {
  await q.query(`UPDATE notifications SET last_error = $3, next_attempt_at = $4 WHERE municipality_id = $1 AND id = $2`,
    [m.municipalityId, m.id, error.slice(0, 2000), nextAttemptAt]);
}

import type { Queryable } from '../engine.ts';
import { userReaches } from './user-reach.ts';
import type { Notification } from '../../core/notifications/types.ts';

const COLUMNS = `id, municipality_id AS "municipalityId", kind, subject, body, subject_type AS "subjectType",
  subject_id AS "subjectId", created_at AS "createdAt", read_at AS "readAt"`;

/** One in-app notification per active user working in the municipality holding the role. Returns how many. */
export async function insertAppNotificationsForRole(
  q: Queryable, n: { municipalityId: string; role: string; kind: Notification['kind']; subject: string; body: string; subjectType: string; subjectId: string },
): Promise<number> {
  const r = await q.query(
    `INSERT INTO notifications (municipality_id, user_id, channel, kind, subject, body, subject_type, subject_id)
     SELECT $1, u.id, 'app', $3, $4, $5, $6, $7 FROM users u
      WHERE ${userReaches(1)} AND u.active AND $2 = ANY(u.roles)`,
    [n.municipalityId, n.role, n.kind, n.subject, n.body, n.subjectType, n.subjectId]);
  return r.affectedRows;
}

/** The user's in-app notifications from the municipalities, newest first. */
export async function listAppNotifications(q: Queryable, userId: string, municipalities: string[], limit = 100): Promise<Notification[]> {
  const r = await q.query<Notification>(
    `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND municipality_id = ANY($2::text[]) AND channel = 'app'
      ORDER BY created_at DESC, id LIMIT $3`, [userId, municipalities, limit]);
  return r.rows;
}

/** Marks the user's own notification (from one of the municipalities) read; null when there is no such notification of theirs. */
export async function markNotificationRead(q: Queryable, userId: string, municipalities: string[], id: string): Promise<Notification | null> {
  const r = await q.query<Notification>(
    // The time comes as a value: Citus takes no function but an immutable one inside COALESCE.
    `UPDATE notifications SET read_at = COALESCE(read_at, $4::timestamptz)
      WHERE id = $1 AND user_id = $2 AND municipality_id = ANY($3::text[]) AND channel = 'app' RETURNING ${COLUMNS}`, [id, userId, municipalities, new Date()]);
  return r.rows[0] ?? null;
}

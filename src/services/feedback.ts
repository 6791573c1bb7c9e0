import type { Actor } from '../core/access/roles.ts';
import { notFound } from '../core/errors/index.ts';
import type { Narrative, SituationPictureContent } from '../core/situation-picture/content.ts';
import { feedbackSummary } from '../core/situation-picture/feedback.ts';
import { periodDates } from '../core/situation-picture/period.ts';
import type { Queryable } from '../db/engine.ts';
import { listAppNotifications, markNotificationRead } from '../db/repositories/notifications.ts';
import type { Notification } from '../core/notifications/types.ts';

/**
 * Återkoppling: what the published lägesbild editions said, for everyone in the municipality —
 * reporters above all, who otherwise never hear what their reports added up to — and the user's
 * in-app notifications.
 */

export async function listFeedback(db: Queryable, actor: Actor) {
  const r = await db.query<{ id: string; title: string; periodFrom: Date; periodTo: Date; publishedAt: Date; content: SituationPictureContent; narrative: Partial<Narrative> }>(
    `SELECT id, title, period_from AS "periodFrom", period_to AS "periodTo", published_at AS "publishedAt", content, narrative
       FROM situation_pictures WHERE status = 'published' AND municipality_id = ANY($1::text[])
      ORDER BY published_at DESC, id LIMIT 50`, [actor.municipalities]);
  return {
    items: r.rows.map((s) => {
      const fb = feedbackSummary(s.title, s.content, s.narrative);
      return {
        id: s.id, title: s.title, period: periodDates(new Date(s.periodFrom), new Date(s.periodTo)), summary: fb.body,
        publishedAt: new Date(s.publishedAt).toISOString(), totals: s.content.totals, topCategories: fb.topCategories,
      };
    }),
  };
}

const out = (n: Notification) => ({
  id: n.id, kind: n.kind, subject: n.subject, body: n.body, subjectType: n.subjectType, subjectId: n.subjectId,
  createdAt: new Date(n.createdAt).toISOString(), readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
});

export async function listNotifications(db: Queryable, actor: Actor) {
  return { items: (await listAppNotifications(db, actor.userId)).map(out) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function readNotification(db: Queryable, actor: Actor, id: string) {
  const n = UUID.test(id) ? await markNotificationRead(db, actor.userId, id) : null;
  if (!n) throw notFound('notification');
  return out(n);
}

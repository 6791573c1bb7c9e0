import type { Actor } from '../core/access/roles.ts';
import { notFound } from '../core/errors/index.ts';
import type { SituationPictureContent } from '../core/situation-picture/content.ts';
import { feedbackSummary, type FeedbackSummary } from '../core/situation-picture/feedback.ts';
import { periodDates } from '../core/situation-picture/period.ts';
import type { Queryable } from '../db/engine.ts';
import { listAppNotifications, markNotificationRead } from '../db/repositories/notifications.ts';
import { listPublishedForFeedback } from '../db/repositories/situation-pictures.ts';
import type { Notification } from '../core/notifications/types.ts';

/**
 * Återkoppling: what the published lägesbild editions said, for everyone in the municipality —
 * reporters above all, who otherwise never hear what their reports added up to — and the user's
 * in-app notifications.
 */

/** What a published edition said, for the återkoppling. */
export interface Feedback {
  id: string;
  title: string;
  /** Calendar days, `to` inclusive. */
  period: { from: string; to: string; days: number };
  summary: string;
  publishedAt: Date;
  totals: SituationPictureContent['totals'];
  topCategories: FeedbackSummary['topCategories'];
}

export async function listFeedback(db: Queryable, actor: Actor): Promise<{ items: Feedback[] }> {
  const rows = await listPublishedForFeedback(db, actor.municipalities);
  return {
    items: rows.map((s) => {
      const fb = feedbackSummary(s.title, s.content, s.narrative);
      return {
        id: s.id, title: s.title, period: periodDates(new Date(s.periodFrom), new Date(s.periodTo)), summary: fb.body,
        publishedAt: new Date(s.publishedAt), totals: s.content.totals, topCategories: fb.topCategories,
      };
    }),
  };
}

export async function listNotifications(db: Queryable, actor: Actor): Promise<{ items: Notification[] }> {
  return { items: await listAppNotifications(db, actor.userId, actor.municipalities) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function readNotification(db: Queryable, actor: Actor, id: string): Promise<Notification> {
  const n = UUID.test(id) ? await markNotificationRead(db, actor.userId, actor.municipalities, id) : null;
  if (!n) throw notFound('notification');
  return n;
}

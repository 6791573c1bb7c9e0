/** Återkoppling (what the published editions said) and the user's in-app notifications in the HTTP contract. */
import { Type, type Static } from '@sinclair/typebox';
import { NOTIFICATION_KINDS } from '../core/notifications/types.ts';
import { DateTime, Nullable, StringEnum, Uuid } from './common.ts';
import { EditionPeriod, SituationPictureContent } from './edition-content.ts';

export const FeedbackItem = Type.Object({
  id: Uuid, title: Type.String(), period: EditionPeriod, summary: Type.String(), publishedAt: DateTime,
  totals: SituationPictureContent.properties.totals,
  topCategories: Type.Array(Type.Object({ id: Type.String(), nameSv: Type.String(), count: Type.Integer() })),
});
export type FeedbackItem = Static<typeof FeedbackItem>;
export const FeedbackList = Type.Object({ items: Type.Array(FeedbackItem) });
export type FeedbackList = Static<typeof FeedbackList>;

export const AppNotification = Type.Object({
  id: Uuid, kind: StringEnum(NOTIFICATION_KINDS), subject: Type.String(), body: Type.String(),
  subjectType: Nullable(Type.String()), subjectId: Nullable(Type.String()), createdAt: DateTime, readAt: Nullable(DateTime),
});
export type AppNotification = Static<typeof AppNotification>;
export const NotificationList = Type.Object({ items: Type.Array(AppNotification) });
export const NotificationParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
export const NotificationReadBody = Type.Optional(Type.Object({}, { additionalProperties: false }));

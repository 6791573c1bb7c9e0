/** Notifications to users, in the app and by e-mail. */

export const NOTIFICATION_KINDS = ['feedback', 'draft_ready', 'measure_due', 'account'] as const;

export interface Notification {
  id: string;
  municipalityId: string;
  kind: (typeof NOTIFICATION_KINDS)[number];
  subject: string;
  body: string;
  subjectType: string | null;
  subjectId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** Domain types (moved from the database layer; repositories map rows to them). */

export const NOTIFICATION_KINDS = ['feedback', 'draft_ready', 'measure_due'] as const;

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

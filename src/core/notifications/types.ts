/** Domain types (moved from the database layer; repositories map rows to them). */

export interface Notification {
  id: string;
  municipalityId: string;
  kind: 'feedback' | 'draft_ready' | 'measure_due';
  subject: string;
  body: string;
  subjectType: string | null;
  subjectId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

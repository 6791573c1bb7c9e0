/** Pure helpers of the review queue (web/src/pages/review). */
import type { ReviewBody } from '../../../../src/contract/index.ts';

/** What a coordinator decides about a report: any review status but the initial 'new'. */
export type Decision = Exclude<ReviewBody['status'], 'new'>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The report to show after one has been decided and left the queue: the one that followed it, or the
 * one before when it was the last; null when the queue is empty.
 */
export function nextAfterRemoval(ids: readonly string[], removed: string): string | null {
  const i = ids.indexOf(removed);
  const rest = ids.filter((id) => id !== removed);
  if (rest.length === 0) return null;
  if (i < 0) return rest[0];
  return rest[Math.min(i, rest.length - 1)];
}

/**
 * The report id in what a coordinator typed or pasted: a bare id, or a link that contains one
 * (e.g. ".../#/granska?id=…"). Lower-cased; null when there is none.
 */
export function parseIncidentRef(input: string): string | null {
  const m = UUID.exec(input.trim());
  return m ? m[0].toLowerCase() : null;
}

/** Signed hours from a to b, rounded to one decimal (negative when b is earlier). */
export function hoursBetween(a: string | Date, b: string | Date): number {
  return Math.round(((new Date(b).getTime() - new Date(a).getTime()) / 3_600_000) * 10) / 10;
}

/** The body of POST /api/incidents/{id}/review: the decision plus only the corrections that change something. */
export function reviewBody(
  incident: { categoryId: string; visibility: string },
  decision: { status: Decision; duplicateOf?: string },
  edits: { categoryId: string; restricted: boolean },
): ReviewBody {
  const body: ReviewBody = { status: decision.status };
  if (decision.status === 'duplicate' && decision.duplicateOf) body.duplicateOf = decision.duplicateOf;
  if (edits.categoryId && edits.categoryId !== incident.categoryId) body.categoryId = edits.categoryId;
  const visibility = edits.restricted ? 'restricted' : 'normal';
  if (visibility !== incident.visibility) body.visibility = visibility;
  return body;
}

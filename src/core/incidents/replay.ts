/**
 * Whether a report sent again with the same client id is the same report (issue 16 item 2). An app
 * that lost the answer sends the same body again; a different body under a used id is another
 * report and must not be answered with the first one.
 */

/** A report as first stored: the record, or its creation entry in the history (times as RFC 3339 strings). */
export type StoredReport = Record<string, unknown>;

/** What the retry would store; a field the retry leaves out takes its default and is not compared. */
export interface ReplayAttempt {
  /** Whether the retry's category is the stored one (the same id, or the same code in another municipality's tree). */
  sameCategory: boolean;
  occurredFrom?: Date;
  occurredTo?: Date;
  e?: number;
  n?: number;
  placeId?: string;
  placeName?: string | null;
  description?: string | null;
  reportedToPolice?: boolean;
  assessment?: number;
  visibility?: string;
  positionPrecision?: string;
  precisionM?: number;
}

/** Below a decimetre a point is the same point (the transformation and the storage round). */
const POSITION_TOLERANCE_M = 0.1;

const ms = (v: unknown): number | null => (v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The fields in which the retry differs from the stored report; empty when it is the same report.
 * @example replayDifferences({ description: 'Klotter', assessment: 3 }, { sameCategory: true, description: 'Klotter' }) // []
 */
export function replayDifferences(stored: StoredReport, attempt: ReplayAttempt): string[] {
  const out: string[] = [];
  if (!attempt.sameCategory) out.push('categoryId');
  for (const key of ['occurredFrom', 'occurredTo'] as const) {
    if (attempt[key] !== undefined && ms(stored[key]) !== attempt[key]!.getTime()) out.push(key);
  }
  if (attempt.e !== undefined && attempt.n !== undefined) {
    const de = Number(stored.e) - attempt.e;
    const dn = Number(stored.n) - attempt.n;
    if (!(Math.hypot(de, dn) <= POSITION_TOLERANCE_M)) out.push('location');
  }
  for (const key of ['placeName', 'description'] as const) {
    if (attempt[key] !== undefined && text(stored[key]) !== text(attempt[key])) out.push(key);
  }
  for (const key of ['placeId', 'reportedToPolice', 'assessment', 'visibility', 'positionPrecision', 'precisionM'] as const) {
    if (attempt[key] !== undefined && (stored[key] ?? null) !== attempt[key]) out.push(key);
  }
  return out;
}

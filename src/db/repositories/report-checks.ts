import type { Queryable } from '../engine.ts';
import { MUNICIPALITY_AT } from './municipalities.ts';

export interface ReportChecks {
  /** The municipality among those given whose boundary (with the tolerance) holds the point, nearest first. */
  municipalityId: string;
  /** Metres outside that boundary; 0 inside. */
  outsideM: number;
  /**
   * The active category of that municipality to store: the one sent, or the one with its code when it
   * was sent from another municipality's tree (each municipality has its own). Null when there is none.
   */
  categoryId: string | null;
}

/**
 * What a new report needs checked before it is stored, in one round trip: the municipality at its
 * point (as municipalityAt) and its category in that municipality (as the report's careful path
 * resolves it). Null when the point is in none of the municipalities. Both tables are shared ones,
 * so on Citus one node answers.
 */
export async function reportChecks(q: Queryable, e: number, n: number, municipalities: string[], toleranceM: number, categoryId: string): Promise<ReportChecks | null> {
  const r = await q.query<ReportChecks>(
    `WITH m AS (${MUNICIPALITY_AT})
     SELECT m.id AS "municipalityId", m."outsideM",
            (SELECT c.id FROM categories c JOIN categories sent ON sent.id = $5 AND sent.municipality_id = ANY($3::text[])
              WHERE c.municipality_id = m.id AND c.active AND (c.id = sent.id OR c.code = sent.code)
              ORDER BY c.id = sent.id DESC LIMIT 1) AS "categoryId"
       FROM m`,
    [e, n, municipalities, toleranceM, categoryId], { prepared: true });
  return r.rows[0] ?? null;
}

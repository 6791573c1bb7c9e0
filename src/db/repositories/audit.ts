import type { Queryable } from '../engine.ts';

export interface AuditEntry {
  municipalityId: string | null;
  userId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

/**
 * Appends to the audit log (reads and exports of sensitive data, access changes, logins). An event
 * of no municipality (a failed login for an address no user has) goes to the deployment's own log:
 * a municipality's log is distributed by its municipality (migration 0013).
 */
export async function recordAudit(q: Queryable, e: AuditEntry): Promise<void> {
  const values = [e.userId, e.action, e.subjectType ?? null, e.subjectId ?? null, JSON.stringify(e.details ?? {})];
  if (e.municipalityId === null) {
    await q.query(`INSERT INTO deployment_audit_log (user_id, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5)`, values);
    return;
  }
  await q.query(
    `INSERT INTO audit_log (municipality_id, user_id, action, subject_type, subject_id, details) VALUES ($6, $1, $2, $3, $4, $5)`,
    [...values, e.municipalityId]);
}

export async function listAudit(q: Queryable, municipalities: string[], limit = 100): Promise<Array<AuditEntry & { id: number; at: Date }>> {
  const r = await q.query<AuditEntry & { id: number; at: Date }>(
    `SELECT id, at, municipality_id AS "municipalityId", user_id AS "userId", action, subject_type AS "subjectType",
            subject_id AS "subjectId", details
       FROM audit_log WHERE municipality_id = ANY($1::text[]) ORDER BY id DESC LIMIT $2`, [municipalities, limit]);
  return r.rows;
}

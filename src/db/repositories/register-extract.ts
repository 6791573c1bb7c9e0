/**
 * Everything stored about one user, for a register extract (GDPR art. 15): the account, its
 * organisation and grants, the reports they made, the history entries they wrote, the audit entries
 * by them or about them, their sessions and their notifications. Across municipalities: a person's
 * data is theirs wherever it is kept.
 */
import type { Queryable } from '../engine.ts';

export interface ExtractAccount {
  id: string; email: string; name: string; roles: string[]; active: boolean; municipalityId: string;
  createdAt: Date; updatedAt: Date; lastLoginAt: Date | null; deactivatedAt: Date | null; erasedAt: Date | null;
  organisation: { id: string; name: string; kind: string; municipalityId: string };
  grantedMunicipalities: string[];
}

export async function extractAccount(q: Queryable, userId: string): Promise<ExtractAccount | null> {
  const r = await q.query<ExtractAccount>(
    `SELECT u.id, u.email, u.name, u.roles, u.active, u.municipality_id AS "municipalityId", u.created_at AS "createdAt",
            u.updated_at AS "updatedAt", u.last_login_at AS "lastLoginAt", u.deactivated_at AS "deactivatedAt", u.erased_at AS "erasedAt",
            json_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'municipalityId', o.municipality_id) AS organisation,
            ARRAY(SELECT g.municipality_id FROM user_municipality_grants g WHERE g.user_id = u.id ORDER BY 1) AS "grantedMunicipalities"
       FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, [userId]);
  return r.rows[0] ?? null;
}

export interface ExtractReport {
  id: string; municipalityId: string; category: string; occurredFrom: Date; occurredTo: Date; reportedAt: Date;
  e: number; n: number; placeName: string | null; description: string | null; photos: number;
}

export async function extractReports(q: Queryable, userId: string): Promise<ExtractReport[]> {
  const r = await q.query<ExtractReport>(
    `SELECT i.id, i.municipality_id AS "municipalityId", c.name_sv AS category, i.occurred_from AS "occurredFrom", i.occurred_to AS "occurredTo",
            i.reported_at AS "reportedAt", ST_X(i.geom) AS e, ST_Y(i.geom) AS n, i.place_name AS "placeName", i.description,
            (SELECT count(*)::int FROM incident_photos p WHERE p.municipality_id = i.municipality_id AND p.incident_id = i.id) AS photos
       FROM incidents i JOIN categories c ON c.id = i.category_id WHERE i.reporter_id = $1 ORDER BY i.occurred_from, i.id`, [userId]);
  return r.rows;
}

export interface ExtractHistory { incidentId: string; municipalityId: string; changedAt: Date; action: string; changes: Record<string, unknown> }

export async function extractHistory(q: Queryable, userId: string): Promise<ExtractHistory[]> {
  const r = await q.query<ExtractHistory>(
    `SELECT incident_id AS "incidentId", municipality_id AS "municipalityId", changed_at AS "changedAt", action, changes
       FROM incident_history WHERE user_id = $1 ORDER BY changed_at, id`, [userId]);
  return r.rows;
}

export interface ExtractAudit {
  municipalityId: string | null; at: Date; action: string; by: boolean; subjectType: string | null; subjectId: string | null; details: Record<string, unknown>;
}

/** Audit entries the user made or that concern their account, in both the municipal and the deployment's log. */
export async function extractAudit(q: Queryable, userId: string, email: string): Promise<ExtractAudit[]> {
  const where = `user_id = $1 OR (subject_type = 'user' AND subject_id = $1::text) OR details->>'email' = $2`;
  const r = await q.query<ExtractAudit>(
    `SELECT * FROM (
       SELECT municipality_id AS "municipalityId", at, action, user_id IS NOT DISTINCT FROM $1::uuid AS by, subject_type AS "subjectType", subject_id AS "subjectId", details
         FROM audit_log WHERE ${where}
       UNION ALL
       SELECT NULL, at, action, user_id IS NOT DISTINCT FROM $1::uuid, subject_type, subject_id, details
         FROM deployment_audit_log WHERE ${where}) a ORDER BY at`, [userId, email]);
  return r.rows;
}

export interface ExtractSession { createdAt: Date; lastSeenAt: Date; expiresAt: Date }

export async function extractSessions(q: Queryable, userId: string): Promise<ExtractSession[]> {
  const r = await q.query<ExtractSession>(
    `SELECT created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt" FROM sessions WHERE user_id = $1 ORDER BY created_at`, [userId]);
  return r.rows;
}

export interface ExtractNotification {
  municipalityId: string; channel: string; kind: string; subject: string; createdAt: Date; readAt: Date | null; sentAt: Date | null;
}

export async function extractNotifications(q: Queryable, userId: string, email: string): Promise<ExtractNotification[]> {
  const r = await q.query<ExtractNotification>(
    `SELECT municipality_id AS "municipalityId", channel, kind, subject, created_at AS "createdAt", read_at AS "readAt", sent_at AS "sentAt"
       FROM notifications WHERE user_id = $1 OR email = $2 ORDER BY created_at, id`, [userId, email]);
  return r.rows;
}

/** Everything gathered for one extract. */
export interface RegisterExtractData {
  generatedAt: Date;
  account: ExtractAccount;
  reports: ExtractReport[];
  history: ExtractHistory[];
  audit: ExtractAudit[];
  sessions: ExtractSession[];
  notifications: ExtractNotification[];
}

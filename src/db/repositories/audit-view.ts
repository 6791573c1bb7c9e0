/**
 * Reading the audit log back (issue 16, item 10): the audit view's pages, a user's own log-ins and
 * the people its filters offer. Always within the municipalities the caller reaches.
 */
import type { Queryable } from '../engine.ts';

export interface AuditQuery {
  municipalities: string[];
  from?: Date;
  to?: Date;
  userId?: string;
  organisationId?: string;
  action?: string;
  /** Entries older than this one (the id of the last entry of the previous page). */
  beforeId?: number;
  limit: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  municipalityId: string;
  userId: string | null;
  userName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
}

/**
 * One page, newest first, by id: the log's ids come from one sequence in insertion order, so the
 * keyset never skips or repeats an entry while others are written. The organisation is the user's.
 */
export async function listAuditPage(q: Queryable, a: AuditQuery): Promise<AuditRow[]> {
  const { params, add, where } = conditions(a);
  if (a.beforeId !== undefined) where.push(`l.id < ${add(a.beforeId)}`);
  const r = await q.query<AuditRow>(
    `SELECT l.id::float8 AS id, l.at, l.municipality_id AS "municipalityId", l.user_id AS "userId", u.name AS "userName",
            u.organisation_id AS "organisationId", o.name AS "organisationName", l.action, l.subject_type AS "subjectType",
            l.subject_id AS "subjectId", l.details
       FROM audit_log l LEFT JOIN users u ON u.id = l.user_id LEFT JOIN organisations o ON o.id = u.organisation_id
      WHERE ${where.join(' AND ')}
      ORDER BY l.id DESC LIMIT ${add(a.limit)}`, params);
  return r.rows;
}

/** How many entries the query selects (an export states its size in the log before its first byte). */
export async function countAudit(q: Queryable, a: Omit<AuditQuery, 'limit'>): Promise<number> {
  const { params, add, where } = conditions(a);
  if (a.beforeId !== undefined) where.push(`l.id < ${add(a.beforeId)}`);
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log l LEFT JOIN users u ON u.id = l.user_id WHERE ${where.join(' AND ')}`, params);
  return r.rows[0].n;
}

function conditions(a: Omit<AuditQuery, 'limit' | 'beforeId'>) {
  const params: unknown[] = [a.municipalities];
  const add = (v: unknown) => `$${params.push(v)}`;
  const where = ['l.municipality_id = ANY($1::text[])'];
  if (a.from) where.push(`l.at >= ${add(a.from)}`);
  if (a.to) where.push(`l.at < ${add(a.to)}`);
  if (a.userId) where.push(`l.user_id = ${add(a.userId)}::uuid`);
  if (a.organisationId) where.push(`u.organisation_id = ${add(a.organisationId)}::uuid`);
  if (a.action) where.push(`l.action = ${add(a.action)}`);
  return { params, add, where };
}

export interface LoginRow { at: Date; action: 'login' | 'login.failed'; ip: string | null }

/** A user's log-ins and failed log-ins since a time, newest first (the failed ones of a known address carry its user). */
export async function listLogins(q: Queryable, municipalityId: string, userId: string, since: Date): Promise<LoginRow[]> {
  const r = await q.query<LoginRow>(
    `SELECT at, action, details->>'ip' AS ip FROM audit_log
      WHERE municipality_id = $1 AND user_id = $2 AND action IN ('login', 'login.failed') AND at >= $3
      ORDER BY at DESC, id DESC LIMIT 1000`, [municipalityId, userId, since]);
  return r.rows;
}

/** The users of the municipalities and their organisations, for the audit view's filters. */
export async function listAuditPeople(q: Queryable, municipalities: string[]): Promise<{
  users: Array<{ id: string; name: string; organisationId: string }>;
  organisations: Array<{ id: string; name: string }>;
}> {
  const users = await q.query<{ id: string; name: string; organisationId: string }>(
    `SELECT id, name, organisation_id AS "organisationId" FROM users WHERE municipality_id = ANY($1::text[]) ORDER BY name, id`, [municipalities]);
  const organisations = await q.query<{ id: string; name: string }>(
    `SELECT DISTINCT o.id, o.name FROM organisations o JOIN users u ON u.organisation_id = o.id
      WHERE u.municipality_id = ANY($1::text[]) ORDER BY o.name, o.id`, [municipalities]);
  return { users: users.rows, organisations: organisations.rows };
}

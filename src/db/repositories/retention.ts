/**
 * The SQL of the retention rules (issue 16 item 11) and of erasing a user's personal data (item 13).
 * Every function here runs inside a transaction that called `allowRetentionWrites` first: the
 * history and the audit log are append-only for every other statement (migration 0021).
 */
import type { Queryable } from '../engine.ts';
import type { HistoryChanges } from '../../core/incidents/types.ts';

/**
 * Lets this transaction change the append-only tables. On Citus the triggers run on the workers'
 * shards, so the setting is sent along (SET LOCAL is propagated when propagate_set_commands is
 * 'local'); and the writes across shards go one connection per worker, because erasing an account
 * writes the shared users table after writing municipal tables of every municipality, which Citus
 * refuses after a parallel multi-shard write. On PostgreSQL and PGlite the citus.* lines only set
 * unused placeholders.
 */
export async function allowRetentionWrites(tx: Queryable): Promise<void> {
  await tx.query(`SET LOCAL citus.propagate_set_commands = 'local'`);
  await tx.query(`SET LOCAL citus.multi_shard_modify_mode = 'sequential'`);
  await tx.query(`SET LOCAL lagesbild.retention = 'on'`);
}

// ---- (a) free text and photos ------------------------------------------------------------------

/** Removes photos, descriptions and the descriptions in the history of incidents that ended before `before`. */
export async function removeOldFreeText(tx: Queryable, municipalityId: string, before: Date, now: Date): Promise<{ descriptions: number; photos: number; historyEntries: number }> {
  const photos = await tx.query(
    `DELETE FROM incident_photos p USING incidents i
      WHERE p.municipality_id = $1 AND i.municipality_id = $1 AND i.id = p.incident_id AND i.occurred_to < $2`, [municipalityId, before]);
  const history = await tx.query(
    `UPDATE incident_history h SET changes = h.changes - 'description'
       FROM incidents i
      WHERE h.municipality_id = $1 AND i.municipality_id = $1 AND i.id = h.incident_id AND i.occurred_to < $2 AND h.changes ? 'description'`,
    [municipalityId, before]);
  const descriptions = await tx.query(
    `UPDATE incidents SET description = NULL, version = version + 1, updated_at = $3
      WHERE municipality_id = $1 AND occurred_to < $2 AND description IS NOT NULL`, [municipalityId, before, now]);
  return { descriptions: descriptions.affectedRows, photos: photos.affectedRows, historyEntries: history.affectedRows };
}

// ---- (b) coarse positions ----------------------------------------------------------------------

/** SQL: the coordinate moved to its 100 m cell's centre (core/retention/rules.ts coarseCentre). */
const centre = (v: string) => `(floor(${v} / 100) * 100 + 50)`;

/**
 * Moves the positions of incidents that ended before `before` to the centre of their 100 m cell and
 * widens their precision. The rollup trigger (migration 0012) queues the move like any other edit,
 * so the map's cells follow the rows; no count by day, category, organisation or place changes.
 */
export async function coarsenOldPositions(tx: Queryable, municipalityId: string, before: Date, now: Date, precisionM: number): Promise<number> {
  const r = await tx.query(
    `UPDATE incidents SET geom = ST_SetSRID(ST_MakePoint(${centre('ST_X(geom)')}, ${centre('ST_Y(geom)')}), 3006),
            precision_m = GREATEST(COALESCE(precision_m, 0), $3), version = version + 1, updated_at = $4
      WHERE municipality_id = $1 AND occurred_to < $2
        AND (ST_X(geom) <> ${centre('ST_X(geom)')} OR ST_Y(geom) <> ${centre('ST_Y(geom)')})`,
    [municipalityId, before, precisionM, now]);
  return r.affectedRows;
}

/** The history entries of incidents that ended before `before` that hold a position (created with e/n, or moved). */
export async function historyWithPositions(tx: Queryable, municipalityId: string, before: Date): Promise<Array<{ id: string; changes: HistoryChanges }>> {
  const r = await tx.query<{ id: string; changes: HistoryChanges }>(
    `SELECT h.id::text AS id, h.changes FROM incident_history h JOIN incidents i ON i.municipality_id = h.municipality_id AND i.id = h.incident_id
      WHERE h.municipality_id = $1 AND i.occurred_to < $2 AND (h.changes ? 'e' OR h.changes ? 'n' OR h.changes ? 'location')`,
    [municipalityId, before]);
  return r.rows;
}

/** Replaces the changes of history entries (by id, within the municipality). */
export async function rewriteHistory(tx: Queryable, municipalityId: string, rows: Array<{ id: string; changes: HistoryChanges }>): Promise<number> {
  if (!rows.length) return 0;
  const r = await tx.query(
    `UPDATE incident_history h SET changes = v.changes
       FROM unnest($2::bigint[], $3::jsonb[]) AS v(id, changes)
      WHERE h.municipality_id = $1 AND h.id = v.id`,
    [municipalityId, rows.map((x) => x.id), rows.map((x) => JSON.stringify(x.changes))]);
  return r.affectedRows;
}

// ---- (c) closed accounts -----------------------------------------------------------------------

/** Accounts at home in the municipality closed before `before` whose personal data is still there. */
export async function closedAccountsToErase(tx: Queryable, municipalityId: string, before: Date): Promise<string[]> {
  const r = await tx.query<{ id: string }>(
    `SELECT id FROM users WHERE municipality_id = $1 AND NOT active AND erased_at IS NULL AND deactivated_at < $2 ORDER BY id`,
    [municipalityId, before]);
  return r.rows.map((u) => u.id);
}

// ---- (d) the audit log -------------------------------------------------------------------------

/**
 * Deletes the municipality's audit entries older than `before`; returns how many. The one place
 * the application deletes audit entries: where the database role may not delete from the audit log
 * (issue 16 item 9), this becomes a call of the SECURITY DEFINER function that may.
 */
export async function purgeAuditLog(tx: Queryable, municipalityId: string, before: Date): Promise<number> {
  // The audit log refuses deletes to everyone (migration 0019); this function, run as its owner, is
  // the one way out, and only for rows at least a year old.
  const r = await tx.query<{ n: string }>('SELECT purge_audit_log($1, $2) AS n', [municipalityId, before]);
  return Number(r.rows[0].n);
}

// ---- the runs ----------------------------------------------------------------------------------

export interface RetentionRunRow {
  runKey: string;
  status: 'running' | 'done' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  result: Record<string, unknown>;
  error: string | null;
}

/** Logs a run started from the command line or the web (the scheduler claims its runs in job_runs itself). */
export async function insertRetentionRun(q: Queryable, r: { job: string; municipalityId: string; runKey: string; startedAt: Date; finishedAt: Date; status: 'done' | 'failed'; result: Record<string, unknown>; error?: string }): Promise<void> {
  await q.query(
    `INSERT INTO job_runs (job, municipality_id, run_key, status, started_at, finished_at, result, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [r.job, r.municipalityId, r.runKey, r.status, r.startedAt, r.finishedAt, JSON.stringify(r.result), r.error?.slice(0, 2000) ?? null]);
}

/** The latest runs and dry runs of the municipality, newest first. */
export async function listRetentionRuns(q: Queryable, job: string, municipalityId: string, limit: number): Promise<RetentionRunRow[]> {
  const r = await q.query<RetentionRunRow>(
    `SELECT run_key AS "runKey", status, started_at AS "startedAt", finished_at AS "finishedAt", result, error
       FROM job_runs WHERE job = $1 AND municipality_id = $2 ORDER BY started_at DESC, run_key DESC LIMIT $3`, [job, municipalityId, limit]);
  return r.rows;
}

/** The raw `settings.retention` of a municipality (undefined when never set). */
export async function getRetentionSetting(q: Queryable, municipalityId: string): Promise<unknown> {
  const r = await q.query<{ s: unknown }>(`SELECT settings->'retention' AS s FROM municipalities WHERE id = $1`, [municipalityId]);
  return r.rows[0]?.s ?? undefined;
}

export async function setRetentionSetting(q: Queryable, municipalityId: string, setting: object): Promise<void> {
  await q.query(`UPDATE municipalities SET settings = jsonb_set(settings, '{retention}', $2::jsonb) WHERE id = $1`, [municipalityId, JSON.stringify(setting)]);
}

/** Municipalities whose rules the scheduler applies, with the raw setting. */
export async function listAutomaticRetention(q: Queryable): Promise<Array<{ id: string; setting: unknown }>> {
  const r = await q.query<{ id: string; setting: unknown }>(
    `SELECT id, settings->'retention' AS setting FROM municipalities WHERE settings->'retention'->>'automatic' = 'true' ORDER BY id`);
  return r.rows;
}

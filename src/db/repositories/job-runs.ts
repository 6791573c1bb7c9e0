import type { Queryable } from '../engine.ts';

export interface JobRunRow {
  job: string;
  municipalityId: string;
  runKey: string;
  status: 'running' | 'done' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  result: Record<string, unknown>;
  error: string | null;
}

/**
 * Claims one run of a job: true for exactly one caller however many processes try at once (the
 * primary key decides). A failed run is claimed again once its back-off has passed (`retryAfterMin`
 * minutes, doubled per attempt, at most `maxAttempts` attempts); a run left 'running' by a process
 * that died is claimed again after `staleMin` minutes. `now` is the caller's clock, so tests can move it.
 * The update is written with immutable functions only (no jsonb_build_object, no timestamptz +
 * interval, which depend on the session's time zone): Citus runs no other in an ON CONFLICT.
 */
export async function claimJobRun(q: Queryable, c: { job: string; municipalityId: string; runKey: string; now: Date; retryAfterMin: number; maxAttempts: number; staleMin: number }): Promise<{ attempt: number } | null> {
  const r = await q.query<{ attempt: number }>(
    `INSERT INTO job_runs AS j (job, municipality_id, run_key, status, started_at, result)
     VALUES ($1, $2, $3, 'running', $4, '{"attempts": 1}')
     ON CONFLICT (job, municipality_id, run_key) DO UPDATE
        SET status = 'running', started_at = EXCLUDED.started_at, finished_at = NULL, error = NULL,
            result = ('{"attempts": ' || (coalesce((j.result->>'attempts')::int, 1) + 1)::text || '}')::jsonb
      WHERE (j.status = 'failed' AND coalesce((j.result->>'attempts')::int, 1) < $6
             AND $4::timestamptz - j.finished_at >= make_interval(mins => $5 * power(2, coalesce((j.result->>'attempts')::int, 1) - 1)::int))
         OR (j.status = 'running' AND $4::timestamptz - j.started_at >= make_interval(mins => $7))
     RETURNING (result->>'attempts')::int AS attempt`,
    [c.job, c.municipalityId, c.runKey, c.now, c.retryAfterMin, c.maxAttempts, c.staleMin]);
  return r.rows[0] ?? null;
}

export async function finishJobRun(q: Queryable, f: { job: string; municipalityId: string; runKey: string; now: Date; status: 'done' | 'failed'; result?: Record<string, unknown>; error?: string }): Promise<void> {
  await q.query(
    `UPDATE job_runs SET status = $4, finished_at = $5, error = $6, result = result || $7::jsonb
      WHERE job = $1 AND municipality_id = $2 AND run_key = $3`,
    [f.job, f.municipalityId, f.runKey, f.status, f.now, f.error?.slice(0, 2000) ?? null, JSON.stringify(f.result ?? {})]);
}

export async function getJobRun(q: Queryable, job: string, municipalityId: string, runKey: string): Promise<JobRunRow | null> {
  const r = await q.query<JobRunRow>(
    `SELECT job, municipality_id AS "municipalityId", run_key AS "runKey", status, started_at AS "startedAt",
            finished_at AS "finishedAt", result, error
       FROM job_runs WHERE job = $1 AND municipality_id = $2 AND run_key = $3`, [job, municipalityId, runKey]);
  return r.rows[0] ?? null;
}

import type { Queryable } from '../engine.ts';

/** How failed attempts lock an address out (src/services/login-throttle.ts holds the numbers). */
export interface ThrottleRule {
  /** Failures before the first lock-out. */
  lockAfter: number;
  /** The first lock-out; each further failure doubles it. */
  baseMs: number;
  /** The longest lock-out. */
  maxMs: number;
  /** Failures older than this are forgotten. */
  forgetMs: number;
}

/** The end of the address's lock-out, or null when it is not locked. */
export async function lockedUntil(q: Queryable, key: string): Promise<Date | null> {
  const r = await q.query<{ until: Date }>('SELECT locked_until AS until FROM login_throttle WHERE key = $1 AND locked_until > now()', [key]);
  return r.rows[0]?.until ?? null;
}

/**
 * Counts a failure, in one statement so that processes failing at once all count, and locks the
 * address once there are `lockAfter` of them: baseMs, then twice that for each further failure,
 * up to maxMs. Returns the lock's end, if any.
 */
export async function countFailure(q: Queryable, key: string, rule: ThrottleRule): Promise<Date | null> {
  // The new count, written out twice: the lock depends on it within the same upsert.
  const failures = `CASE WHEN t.last_failure_at < now() - ($5::double precision * interval '1 millisecond') THEN 1 ELSE t.failures + 1 END`;
  const lock = (n: string) => `CASE WHEN ${n} >= $2 THEN now() + least($3::double precision * power(2, ${n} - $2), $4::double precision) * interval '1 millisecond' END`;
  const r = await q.query<{ until: Date | null }>(
    `INSERT INTO login_throttle AS t (key, failures, last_failure_at, locked_until) VALUES ($1, 1, now(), ${lock('1')})
     ON CONFLICT (key) DO UPDATE SET failures = ${failures}, last_failure_at = now(), locked_until = ${lock(failures)}
     RETURNING t.locked_until AS until`,
    [key, rule.lockAfter, rule.baseMs, rule.maxMs, rule.forgetMs]);
  return r.rows[0]?.until ?? null;
}

export async function clearFailures(q: Queryable, key: string): Promise<void> {
  await q.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}

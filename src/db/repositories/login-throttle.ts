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
 * Counts a failure and locks the address once there are `lockAfter` of them: baseMs, then twice
 * that for each further failure, up to maxMs. Returns the lock's end, if any.
 *
 * Read, then written only if the count is still the one read (else read again): processes failing
 * at once all count. The arithmetic is here rather than in SQL because Citus refuses now() inside
 * CASE and in an upsert's update on its tables.
 */
export async function countFailure(q: Queryable, key: string, rule: ThrottleRule): Promise<Date | null> {
  await q.query('INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ($1, 0, now()) ON CONFLICT (key) DO NOTHING', [key]);
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = await q.query<{ failures: number; sinceMs: number }>(
      `SELECT failures, extract(epoch FROM now() - last_failure_at)::double precision * 1000 AS "sinceMs" FROM login_throttle WHERE key = $1`, [key]);
    const row = r.rows[0];
    if (!row) continue; // cleared by a success meanwhile: made again above on the next round
    const failures = row.sinceMs > rule.forgetMs ? 1 : row.failures + 1;
    const lockMs = failures >= rule.lockAfter ? Math.min(rule.baseMs * 2 ** (failures - rule.lockAfter), rule.maxMs) : null;
    const u = await q.query<{ until: Date | null }>(
      `UPDATE login_throttle SET failures = $2, last_failure_at = now(), locked_until = now() + ($3::double precision * interval '1 millisecond')
        WHERE key = $1 AND failures = $4 RETURNING locked_until AS until`, [key, failures, lockMs, row.failures]);
    if (u.rows.length) return u.rows[0].until;
    await q.query('INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ($1, 0, now()) ON CONFLICT (key) DO NOTHING', [key]);
  }
  throw new Error('login throttle: the count kept changing under ten attempts to update it');
}

export async function clearFailures(q: Queryable, key: string): Promise<void> {
  await q.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}

import type { Queryable } from '../engine.ts';

/** The poller's row (migration 0015): who polls, and how the last calls went. */
export interface PollerState {
  holder: string | null;
  leaseUntil: Date | null;
  lastSuccessAt: Date | null;
  lastReceived: number | null;
  lastNew: number | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  stoppedAt: Date | null;
  stopReason: string | null;
}

const STATE = `holder, lease_until AS "leaseUntil", last_success_at AS "lastSuccessAt", last_received AS "lastReceived", last_new AS "lastNew",
  last_error AS "lastError", last_error_at AS "lastErrorAt", stopped_at AS "stoppedAt", stop_reason AS "stopReason"`;

/**
 * The poller's row, locked until the transaction ends: the processes that poll take their turns
 * here, one at a time. The row is made on first use.
 */
export async function lockPollerState(tx: Queryable): Promise<PollerState> {
  await tx.query('INSERT INTO police_poller (id) VALUES (true) ON CONFLICT (id) DO NOTHING');
  return (await tx.query<PollerState>(`SELECT ${STATE} FROM police_poller WHERE id FOR UPDATE`)).rows[0];
}

/** The poller's row as it is (all empty before the first pass). */
export async function readPollerState(q: Queryable): Promise<PollerState> {
  const r = await q.query<PollerState>(`SELECT ${STATE} FROM police_poller WHERE id`);
  return r.rows[0] ?? { holder: null, leaseUntil: null, lastSuccessAt: null, lastReceived: null, lastNew: null, lastError: null, lastErrorAt: null, stoppedAt: null, stopReason: null };
}

export async function setPollerLease(tx: Queryable, holder: string, until: Date): Promise<void> {
  await tx.query('UPDATE police_poller SET holder = $1, lease_until = $2 WHERE id', [holder, until]);
}

/** Gives the lease up (a process that stops), so another takes over at its next pass. */
export async function releasePollerLease(q: Queryable, holder: string, at: Date): Promise<void> {
  await q.query('UPDATE police_poller SET lease_until = $2 WHERE id AND holder = $1', [holder, at]);
}

/** The times of the calls after `since`, oldest first (milliseconds since the epoch). */
export async function pollerCallsSince(q: Queryable, since: Date): Promise<number[]> {
  const r = await q.query<{ at: Date }>('SELECT at FROM police_poller_calls WHERE at > $1 ORDER BY at', [since]);
  return r.rows.map((x) => new Date(x.at).getTime());
}

/** Records a call about to be made, and forgets those older than two days; returns its id. */
export async function recordPollerCall(tx: Queryable, at: Date, holder: string): Promise<number> {
  await tx.query(`DELETE FROM police_poller_calls WHERE at < $1::timestamptz - interval '2 days'`, [at]);
  const r = await tx.query<{ id: number }>('INSERT INTO police_poller_calls (at, holder) VALUES ($1, $2) RETURNING id::float8 AS id', [at, holder]);
  return r.rows[0].id;
}

/** How a call ended: the HTTP status, or null with the error when no answer came. */
export async function finishPollerCall(q: Queryable, id: number, status: number | null, error: string | null): Promise<void> {
  await q.query('UPDATE police_poller_calls SET status = $2, error = $3 WHERE id = $1', [id, status, error]);
}

export async function recordPollerSuccess(q: Queryable, at: Date, received: number, fresh: number): Promise<void> {
  await q.query('UPDATE police_poller SET last_success_at = $1, last_received = $2, last_new = $3, last_error = NULL, last_error_at = NULL WHERE id', [at, received, fresh]);
}

export async function recordPollerError(q: Queryable, at: Date, error: string): Promise<void> {
  await q.query('UPDATE police_poller SET last_error = $2, last_error_at = $1 WHERE id', [at, error.slice(0, 1000)]);
}

/** Polling stops for good (Polisen answered 404): no process calls again until it is resumed. */
export async function stopPolling(q: Queryable, at: Date, reason: string): Promise<void> {
  await q.query('UPDATE police_poller SET stopped_at = $1, stop_reason = $2, last_error = $2, last_error_at = $1 WHERE id', [at, reason.slice(0, 1000)]);
}

/** Lifts a stop; returns whether polling had been stopped. */
export async function resumePolling(q: Queryable): Promise<boolean> {
  const r = await q.query('UPDATE police_poller SET stopped_at = NULL, stop_reason = NULL WHERE id AND stopped_at IS NOT NULL');
  return r.affectedRows > 0;
}

/** The calls in the hour and the day before `now`, and the latest call's time. */
export async function pollerCallCounts(q: Queryable, now: Date): Promise<{ lastHour: number; lastDay: number; lastCallAt: Date | null }> {
  const r = await q.query<{ lastHour: number; lastDay: number; lastCallAt: Date | null }>(
    `SELECT count(*) FILTER (WHERE at > $1::timestamptz - interval '1 hour' AND at <= $1)::int AS "lastHour",
            count(*) FILTER (WHERE at > $1::timestamptz - interval '1 day' AND at <= $1)::int AS "lastDay",
            max(at) AS "lastCallAt"
       FROM police_poller_calls`, [now]);
  return r.rows[0];
}

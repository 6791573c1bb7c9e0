/**
 * The per-address throttle of logins (issue 16, item 6). Failed passwords and wrong second-factor
 * codes count against the address; from the fifth failure within a day the address is locked out,
 * for a minute and then twice as long at each further failure, up to half an hour. The counts are
 * rows in the database, so every process of the deployment shares them (migration 0016).
 *
 * An address no user has is counted and locked exactly like a user's, so neither the answer nor
 * the lock-out tells an attacker whether an account exists. The row is keyed by the SHA-256 of the
 * address, not the text typed (which may be a password typed into the wrong field), and a success
 * deletes it.
 *
 * One client trying many addresses is held back by its own count: `loginRateLimit.max` failures
 * (10 by default) a minute apart or closer lock the client out for the window, then twice as long
 * at each further failure, up to a quarter of an hour. Only failures count, so an office behind one
 * address where everyone logs in at eight is never held back; a success does not clear the client's
 * count (one known password must not buy another round of guesses). The route also bounds all
 * requests per client at six times that (src/server/routes/auth.ts).
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../core/errors/index.ts';
import type { Queryable } from '../db/engine.ts';
import { clearFailures, countFailure, lockedUntil, type ThrottleRule } from '../db/repositories/login-throttle.ts';

export const LOGIN_THROTTLE: ThrottleRule = {
  lockAfter: 5,
  baseMs: 60_000,
  maxMs: 30 * 60_000,
  forgetMs: 24 * 60 * 60_000,
};

/** The address as the key of its row: trimmed, lower case, hashed. */
export const throttleKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** The refusal to give while the address is locked out (429, with the minutes left), or null. */
export async function checkNotLocked(q: Queryable, email: string): Promise<DomainError | null> {
  const until = await lockedUntil(q, throttleKey(email));
  if (!until) return null;
  return new DomainError('account_locked', [], { minutes: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000)) });
}

export async function countFailedAttempt(q: Queryable, email: string): Promise<void> {
  await countFailure(q, throttleKey(email), LOGIN_THROTTLE);
}

export async function clearFailedAttempts(q: Queryable, email: string): Promise<void> {
  await clearFailures(q, throttleKey(email));
}

/** The client's rule: `max` failures, each within `timeWindow` of the one before, lock it out for `timeWindow`, then longer. */
export function clientThrottle(limit: { max: number; timeWindow: number }): ThrottleRule {
  return { lockAfter: limit.max, baseMs: limit.timeWindow, maxMs: Math.max(limit.timeWindow, 15 * 60_000), forgetMs: limit.timeWindow };
}

/** The client (its address, hashed) as the key of its row, apart from every e-mail address's. */
const clientKey = (ip: string) => `client:${createHash('sha256').update(ip).digest('hex')}`;

/** The refusal while the client is locked out after failed logins (429 rate_limited), or null. */
export async function checkClientNotLocked(q: Queryable, ip: string | undefined): Promise<DomainError | null> {
  if (!ip) return null;
  return (await lockedUntil(q, clientKey(ip))) ? new DomainError('rate_limited') : null;
}

export async function countClientFailure(q: Queryable, ip: string | undefined, rule: ThrottleRule): Promise<void> {
  if (ip) await countFailure(q, clientKey(ip), rule);
}

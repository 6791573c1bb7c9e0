/**
 * The per-address throttle of logins (issue 16, item 6). Failed passwords and wrong second-factor
 * codes count against the address; from the fifth failure within a day the address is locked out,
 * for a minute and then twice as long at each further failure, up to half an hour. The counts are
 * rows in the database, so every process of the deployment shares them (migration 0016).
 *
 * An address no user has is counted and locked exactly like a user's, so neither the answer nor
 * the lock-out tells an attacker whether an account exists. The row is keyed by the SHA-256 of the
 * address, not the text typed (which may be a password typed into the wrong field), and a success
 * deletes it. This is besides the per-client limit of requests on the route (LOGIN_RATE_LIMIT in
 * src/server/app.ts), which stops one client trying many addresses.
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

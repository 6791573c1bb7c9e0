/**
 * Polisen's rules for its open events API (polisen.se/api/events), as the poller keeps them: a
 * User-Agent that says who calls and how to reach them, at least 10 seconds between two calls, at
 * most 60 calls in an hour and 1,440 in a day. The windows slide: "an hour" is the 60 minutes before
 * the call. The calls are those of the whole deployment, however many processes it runs (the
 * poller counts them in the database). Pure: times are milliseconds since the epoch.
 */

export interface PollRules {
  /** Least time between two calls. */
  minSpacingMs: number;
  perHour: number;
  perDay: number;
}

export const POLISEN_RULES: PollRules = { minSpacingMs: 10_000, perHour: 60, perDay: 1_440 };

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The calls made so far, as the budget needs them. */
export interface CallHistory {
  /** The latest call, or null for none. */
  lastCallAt: number | null;
  /** The calls of the last hour, oldest first (only the first `perHour` matter). */
  lastHour: readonly number[];
  /** The calls of the last day, oldest first. */
  lastDay: readonly number[];
}

export type CallDecision =
  | { allowed: true }
  | { allowed: false; until: number; reason: 'spacing' | 'hour' | 'day' };

/**
 * Whether a call may be made at `now` and, if not, the earliest time it may and which rule holds it
 * back (the one that frees last). A window with `limit` calls frees when its oldest call counted
 * leaves it: the call that brought it to the limit, counted back from the newest.
 */
export function decideCall(now: number, h: CallHistory, rules: PollRules = POLISEN_RULES): CallDecision {
  const waits: Array<{ until: number; reason: 'spacing' | 'hour' | 'day' }> = [];
  if (h.lastCallAt !== null && now - h.lastCallAt < rules.minSpacingMs) waits.push({ until: h.lastCallAt + rules.minSpacingMs, reason: 'spacing' });
  const hour = h.lastHour.filter((t) => t > now - HOUR_MS);
  if (hour.length >= rules.perHour) waits.push({ until: hour[hour.length - rules.perHour] + HOUR_MS, reason: 'hour' });
  const day = h.lastDay.filter((t) => t > now - DAY_MS);
  if (day.length >= rules.perDay) waits.push({ until: day[day.length - rules.perDay] + DAY_MS, reason: 'day' });
  if (!waits.length) return { allowed: true };
  return { allowed: false, ...waits.reduce((a, b) => (b.until > a.until ? b : a)) };
}

/**
 * The User-Agent of the poller's calls: the product and version, the deployment (its public address,
 * or its municipality codes when it has none) and the contact Polisen can reach. ASCII only, since
 * it goes into an HTTP header.
 * @example policeUserAgent('0.1.0', 'lagesbild.alingsas.se', ['1489', '1442'], 'it@alingsas.se')
 *   // 'Lagesbild/0.1.0 (deployment lagesbild.alingsas.se, municipalities 1489 1442; contact it@alingsas.se)'
 */
export function policeUserAgent(version: string, deployment: string | null, municipalities: readonly string[], contact: string): string {
  const where = [deployment ? `deployment ${deployment}` : null, municipalities.length ? `municipalities ${municipalities.join(' ')}` : null].filter(Boolean).join(', ');
  return `Lagesbild/${version} (${where || 'deployment not named'}; contact ${contact})`.replace(/[^\x20-\x7e]/g, '?');
}

/**
 * The municipality setting `situationPictureSchedule`: how often the scheduler prepares a lägesbild
 * draft and who besides the coordinators gets the e-mail. Pure validation and normalisation.
 */
import { IssueCollector } from '../errors/index.ts';
import { CADENCES, type Cadence } from './index.ts';
import { isEmailAddress } from '../users/email.ts';

export interface ScheduleSetting {
  cadence: Cadence;
  /** ISO weekday of the run day, 1 = Monday. */
  weekday: number;
  /** Further e-mail addresses (lower case, no duplicates). */
  notify: string[];
}

export const DEFAULT_SCHEDULE: ScheduleSetting = { cadence: 'off', weekday: 1, notify: [] };
export const MAX_NOTIFY = 50;

// The same rule as user e-mail addresses: one @, no spaces, a dot in the domain.

/** The stored setting, or the default; tolerant of what older code or hand edits left behind. */
export function readScheduleSetting(stored: unknown): ScheduleSetting {
  const s = (stored ?? {}) as Partial<ScheduleSetting>;
  return {
    cadence: CADENCES.includes(s.cadence as Cadence) ? (s.cadence as Cadence) : 'off',
    weekday: Number.isInteger(s.weekday) && s.weekday! >= 1 && s.weekday! <= 7 ? s.weekday! : 1,
    notify: Array.isArray(s.notify) ? s.notify.filter((e): e is string => typeof e === 'string' && isEmailAddress(e)) : [],
  };
}

/** Checks an input the schema has already typed; throws 422 naming every bad field (notify[2] …). */
export function validateScheduleSetting(input: { cadence: string; weekday?: number; notify?: string[] }): ScheduleSetting {
  const issues = new IssueCollector();
  if (!CADENCES.includes(input.cadence as Cadence)) issues.add('cadence', 'not_allowed_value', { allowed: CADENCES.join(', ') });
  const weekday = input.weekday ?? 1;
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) issues.add('weekday', weekday < 1 ? 'too_small' : 'too_large', weekday < 1 ? { min: 1 } : { max: 7 });
  const notify: string[] = [];
  (input.notify ?? []).forEach((raw, i) => {
    const e = raw.trim().toLowerCase();
    if (e.length > 254) issues.add(`notify[${i}]`, 'too_long', { max: 254 });
    else if (!isEmailAddress(e)) issues.add(`notify[${i}]`, 'format', { format: 'e-postadress' });
    else if (!notify.includes(e)) notify.push(e);
  });
  if ((input.notify?.length ?? 0) > MAX_NOTIFY) issues.add('notify', 'too_long', { max: MAX_NOTIFY });
  issues.throwIfAny();
  return { cadence: input.cadence as Cadence, weekday, notify };
}

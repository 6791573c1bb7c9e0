/**
 * When the scheduled lägesbild draft is due and which period it covers. Pure: Swedish local
 * calendar days (Europe/Stockholm) from the EU summer-time rule in core/demo/time.ts.
 *
 * A schedule names the ISO weekday of its run day (1 = Monday). On a run day the period that just
 * ended is the 7 (weekly) or 14 (fortnightly) whole days before it: weekly on Monday makes last
 * Monday–Sunday. The run becomes due at DUE_HOUR local time (so that the night's reports are in)
 * and stays due for GRACE_DAYS, so a server that was down on the run day still makes it, but
 * switching a schedule on never produces a draft for a period long gone.
 *
 * Fortnightly runs happen every other week counted from FORTNIGHT_ANCHOR, not by ISO week parity:
 * parity breaks after a year with week 53 (week 53 and week 1 are both odd), counting keeps every
 * gap exactly 14 days.
 */
import { DAY_MS, isoWeek, localToUtc, utcToLocal } from '../time/index.ts';

export const CADENCES = ['off', 'weekly', 'fortnightly'] as const;
export type Cadence = (typeof CADENCES)[number];

export interface Schedule {
  cadence: Cadence;
  /** ISO weekday of the run day: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** Local hour on the run day from which the run is due. */
export const DUE_HOUR = 6;
/** Days (from the run day's DUE_HOUR) during which a missed run is still made. */
export const GRACE_DAYS = 3;
/** A Monday; fortnightly runs fall in the weeks an even number of weeks from it. */
export const FORTNIGHT_ANCHOR = '2024-01-01';

export interface DueRun {
  /** The run day, local `YYYY-MM-DD`. */
  runDay: string;
  /** First day of the period, local `YYYY-MM-DD`; also the run's key. */
  from: string;
  /** Last day of the period, inclusive, local `YYYY-MM-DD`. */
  to: string;
  days: number;
  /** ISO week numbers of the first and last day (equal for a Monday–Sunday week). */
  weeks: [number, number];
}

const dateOf = (localMidnight: number) => new Date(localMidnight).toISOString().slice(0, 10);
const midnightOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** ISO weekday (1 = Monday) of a local midnight. */
const isoWeekday = (localMidnight: number) => ((new Date(localMidnight).getUTCDay() + 6) % 7) + 1;

function isRunDay(s: Schedule, localMidnight: number, anchor: string): boolean {
  if (isoWeekday(localMidnight) !== s.weekday) return false;
  if (s.cadence === 'weekly') return true;
  const weeks = Math.floor((localMidnight - midnightOf(anchor)) / (7 * DAY_MS));
  return ((weeks % 2) + 2) % 2 === 0;
}

/**
 * The run that is due at `now`, or null (schedule off, or no run day in the grace window).
 *
 * @param schedule cadence and run weekday
 * @param now the instant of the tick
 * @param anchor a Monday `YYYY-MM-DD` that fixes which weeks a fortnightly schedule runs in
 * @returns the run day and the period it covers (`to` inclusive), or null
 * @example dueRun({ cadence: 'weekly', weekday: 1 }, new Date('2026-11-23T07:00:00Z'))
 *   // → { runDay: '2026-11-23', from: '2026-11-16', to: '2026-11-22', days: 7, weeks: [47, 47] }
 */
export function dueRun(schedule: Schedule, now: Date, anchor = FORTNIGHT_ANCHOR): DueRun | null {
  if (schedule.cadence === 'off') return null;
  if (!Number.isInteger(schedule.weekday) || schedule.weekday < 1 || schedule.weekday > 7) throw new RangeError(`weekday must be 1..7, got ${schedule.weekday}`);
  const nowUtc = now.getTime();
  const today = Math.floor(utcToLocal(nowUtc) / DAY_MS) * DAY_MS;
  for (let back = 0; back <= GRACE_DAYS; back++) {
    const day = today - back * DAY_MS;
    if (!isRunDay(schedule, day, anchor)) continue;
    const dueFrom = localToUtc(day + DUE_HOUR * 3_600_000);
    const dueUntil = localToUtc(day + GRACE_DAYS * DAY_MS + DUE_HOUR * 3_600_000);
    if (nowUtc < dueFrom || nowUtc >= dueUntil) return null;
    return periodBefore(day, schedule.cadence === 'weekly' ? 7 : 14);
  }
  return null;
}

/** The `days` whole local days before the run day. */
function periodBefore(runDay: number, days: number): DueRun {
  const from = runDay - days * DAY_MS;
  const last = runDay - DAY_MS;
  return { runDay: dateOf(runDay), from: dateOf(from), to: dateOf(last), days, weeks: [isoWeek(from), isoWeek(last)] };
}

/** "vecka 47" or "vecka 46–47" (Swedish, for subjects and titles). */
export function weekLabel(run: Pick<DueRun, 'weeks'>): string {
  const [a, b] = run.weeks;
  return a === b ? `vecka ${a}` : `vecka ${a}–${b}`;
}

/**
 * Swedish local time (Europe/Stockholm), the time of every period and day in the product (Europe/Stockholm) without any
 * time-zone database: CET (UTC+1) and CEST (UTC+2) from 01:00 UTC on the last Sunday of March to
 * 01:00 UTC on the last Sunday of October (EU rule, unchanged since 1996). Pure.
 *
 * "Local ms" below means the local wall-clock time written as if it were UTC (Date.UTC(y, m, d, h)).
 */

export const HOUR_MS = 3_600_000;
const HOUR = HOUR_MS;
export const DAY_MS = 24 * HOUR;

function lastSundayUtc(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY_MS;
}

const YEAR_MS = 365.2425 * DAY_MS;
const dstCache = new Map<number, readonly [number, number]>();
function dstRange(year: number): readonly [number, number] {
  let r = dstCache.get(year);
  if (!r) { r = [lastSundayUtc(year, 2) + HOUR, lastSundayUtc(year, 9) + HOUR]; dstCache.set(year, r); }
  return r;
}

/** Offset of Swedish local time from UTC, in minutes (60 or 120), at a UTC instant. */
export function stockholmOffsetMinutes(utcMs: number): number {
  // The year estimate can be one off only within a day or two of 1 January, where it is winter time
  // whichever year's March–October range is used.
  const [start, end] = dstRange(1970 + Math.floor(utcMs / YEAR_MS));
  return utcMs >= start && utcMs < end ? 120 : 60;
}

/** Local wall-clock ms → UTC ms. Wall times skipped in spring map one hour later; repeated ones in autumn to the first. */
export function localToUtc(localMs: number): number {
  const summer = localMs - 120 * 60_000;
  if (stockholmOffsetMinutes(summer) === 120) return summer;
  return localMs - 60 * 60_000;
}

/** UTC ms → local wall-clock ms. */
export function utcToLocal(utcMs: number): number {
  return utcMs + stockholmOffsetMinutes(utcMs) * 60_000;
}

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
}

/** Swedish local calendar parts of an instant. */
export function stockholmParts(t: Date | number): LocalParts {
  const d = new Date(utcToLocal(typeof t === 'number' ? t : t.getTime()));
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: (d.getUTCDay() + 6) % 7,
  };
}

/** ISO-8601 week number of a local date (given as local-midnight ms). */
export function isoWeek(localMidnightMs: number): number {
  const d = new Date(localMidnightMs);
  const wd = (d.getUTCDay() + 6) % 7;
  const thursday = localMidnightMs + (3 - wd) * DAY_MS;
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return 1 + Math.floor((thursday - yearStart) / (7 * DAY_MS));
}

/**
 * The start (UTC ms) of the Swedish calendar day `days` days after the one that holds the instant:
 * periods are whole days in Europe/Stockholm, 23 or 25 hours long across a clock change.
 */
export function stockholmDayStart(utcMs: number, days = 0): number {
  return localToUtc(Math.floor(utcToLocal(utcMs) / DAY_MS) * DAY_MS + days * DAY_MS);
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * A Swedish wall-clock time written without an offset ('YYYY-MM-DD' for the start of that day, or
 * 'YYYY-MM-DDTHH:MM[:SS[.sss]]') as UTC ms; null when it names no such day or time. A date in a
 * query is a Swedish day, never the UTC one (which starts an hour or two later).
 */
export function parseStockholmLocal(s: string): number | null {
  const m = LOCAL_TIME.exec(s);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, se = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const local = Date.UTC(y, mo - 1, d, h, mi, se, ms);
  const back = new Date(local);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return null;
  return localToUtc(local);
}

/**
 * The same Swedish wall-clock time `years` years later (earlier when negative): the same dates last
 * year whatever clock change lies between. 29 February, in a year without one, is 28 February as
 * the start of a period (`leapDay: 'before'`) and 1 March as an exclusive end (`'after'`), so
 * 1–28 February stays 28 days and 29 February alone still has a day to compare with.
 */
export function stockholmAddYears(utcMs: number, years: number, leapDay: 'before' | 'after' = 'before'): number {
  const d = new Date(utcToLocal(utcMs));
  const y = d.getUTCFullYear() + years, mo = d.getUTCMonth(), day = d.getUTCDate();
  const leap = mo === 1 && day === 29 && new Date(Date.UTC(y, 1, 29)).getUTCMonth() !== 1;
  const target = leap ? (leapDay === 'before' ? Date.UTC(y, 1, 28) : Date.UTC(y, 2, 1)) : Date.UTC(y, mo, day);
  return localToUtc(target + (utcToLocal(utcMs) - Date.UTC(d.getUTCFullYear(), mo, day)));
}

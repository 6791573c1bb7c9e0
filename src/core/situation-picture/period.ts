import { IssueCollector } from '../errors/index.ts';
import { DAY_MS, localToUtc, utcToLocal } from '../time/index.ts';

/** Longest edition period: a little over a year, enough for the yearly lägesbild. */
export const MAX_PERIOD_DAYS = 400;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight (written as UTC ms) of a 'YYYY-MM-DD' calendar day, or null when it is no such day. */
function localDay(s: unknown): number | null {
  const m = typeof s === 'string' ? DATE.exec(s) : null;
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return ms;
}

/**
 * An edition period from calendar days in Europe/Stockholm, `to` inclusive: the stored period is
 * half-open, [local midnight of `from`, local midnight after `to`), so a week over a DST change is
 * 167 or 169 hours, still seven calendar days.
 */
export function parsePeriod(from: string, to: string): { from: Date; to: Date } {
  const issues = new IssueCollector();
  const f = localDay(from), t = localDay(to);
  if (f === null) issues.add('from', 'format', { format: 'ÅÅÅÅ-MM-DD' });
  if (t === null) issues.add('to', 'format', { format: 'ÅÅÅÅ-MM-DD' });
  if (f !== null && t !== null) {
    if (t < f) issues.add('to', 'period_reversed', { from, to });
    else if ((t - f) / DAY_MS + 1 > MAX_PERIOD_DAYS) issues.add('to', 'period_too_long', { days: MAX_PERIOD_DAYS });
  }
  issues.throwIfAny();
  return { from: new Date(localToUtc(f!)), to: new Date(localToUtc(t! + DAY_MS)) };
}

/** The calendar day (Europe/Stockholm) of an instant, 'YYYY-MM-DD'. */
export function localDate(t: Date | number): string {
  return new Date(utcToLocal(typeof t === 'number' ? t : t.getTime())).toISOString().slice(0, 10);
}

/** The inclusive calendar days of a stored half-open period: the inverse of parsePeriod. */
export function periodDates(from: Date, to: Date): { from: string; to: string; days: number } {
  return { from: localDate(from), to: localDate(to.getTime() - 1), days: calendarDays(from, to) };
}

/** Whole calendar days in a half-open period of local midnights (DST hours rounded away). */
export function calendarDays(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** "27 okt–23 nov 2026", "3–9 nov 2026", "28 dec 2026–3 jan 2027": the period as Swedish readers write it. */
export function periodLabel(from: Date, to: Date): string {
  const a = periodDates(from, to);
  const [fy, fm, fd] = a.from.split('-').map(Number), [ty, tm, td] = a.to.split('-').map(Number);
  if (fy !== ty) return `${fd} ${MONTHS[fm - 1]} ${fy}–${td} ${MONTHS[tm - 1]} ${ty}`;
  if (fm !== tm) return `${fd} ${MONTHS[fm - 1]}–${td} ${MONTHS[tm - 1]} ${ty}`;
  return fd === td ? `${fd} ${MONTHS[fm - 1]} ${fy}` : `${fd}–${td} ${MONTHS[fm - 1]} ${ty}`;
}

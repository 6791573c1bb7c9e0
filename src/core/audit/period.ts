/**
 * The period of an audit query: whole calendar days in Europe/Stockholm, both ends inclusive and
 * each optional, as the rest of the API reads from/to (2026-03-02 starts at midnight in Sweden, not
 * an hour or two later at UTC midnight). Pure.
 */
import { IssueCollector } from '../errors/index.ts';
import { DAY_MS, localToUtc } from '../time/index.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight (as UTC ms) of a calendar day from 1900 to 9998 (both engines' and JavaScript's dates), or null. */
function localDay(s: string): number | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 9998) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const day = new Date(ms);
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d ? ms : null;
}

/** [from, to) as instants: local midnight of `from`, local midnight after `to`. */
export function parseAuditPeriod(from?: string, to?: string): { from?: Date; to?: Date } {
  const issues = new IssueCollector();
  const f = from === undefined ? undefined : localDay(from);
  const t = to === undefined ? undefined : localDay(to);
  if (f === null) issues.add('from', 'format', { format: 'ÅÅÅÅ-MM-DD' });
  if (t === null) issues.add('to', 'format', { format: 'ÅÅÅÅ-MM-DD' });
  if (typeof f === 'number' && typeof t === 'number' && t < f) issues.add('to', 'period_reversed', { from: from!, to: to! });
  issues.throwIfAny();
  return {
    ...(typeof f === 'number' ? { from: new Date(localToUtc(f)) } : {}),
    ...(typeof t === 'number' ? { to: new Date(localToUtc(t + DAY_MS)) } : {}),
  };
}

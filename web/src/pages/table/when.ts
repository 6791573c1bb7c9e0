import { lang } from '../../i18n/index.ts';
import { formatDate, formatTime } from '../../../../src/core/i18n/dates.ts';

/**
 * When an incident happened, as the table shows it: one time ("2026-11-23 17:15", "23 Nov 2026
 * 17:15") or a window ("2026-11-23 17:15–23:59", or with both dates when it spans midnight), in
 * Swedish time, with the date written the one way of the language.
 */
function parts(iso: string): { date: string; time: string } {
  return { date: formatDate(lang.value, iso), time: formatTime(iso) };
}

export function formatWhen(from: string, to: string | null | undefined): string {
  const a = parts(from);
  if (!to || Math.abs(Date.parse(to) - Date.parse(from)) < 60_000) return `${a.date} ${a.time}`;
  const b = parts(to);
  if (a.date === b.date) return `${a.date} ${a.time}\u2013${b.time}`;
  return `${a.date} ${a.time} \u2013 ${b.date} ${b.time}`;
}

import { lang } from '../../i18n/index.ts';

/**
 * When an incident happened, as the table shows it: one time ("2026-11-23 17:15") or a window
 * ("2026-11-23 17:15–23:59", or with both dates when it spans midnight), in Swedish time.
 */
const TZ = 'Europe/Stockholm';

function parts(iso: string, locale: string): { date: string; time: string } {
  const d = new Date(iso);
  return {
    date: d.toLocaleDateString(locale, { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }),
    time: d.toLocaleTimeString(locale, { timeZone: TZ, hour: '2-digit', minute: '2-digit' }),
  };
}

export function formatWhen(from: string, to: string | null | undefined): string {
  const locale = lang.value === 'sv' ? 'sv-SE' : 'en-GB';
  const a = parts(from, locale);
  if (!to || Math.abs(Date.parse(to) - Date.parse(from)) < 60_000) return `${a.date} ${a.time}`;
  const b = parts(to, locale);
  if (a.date === b.date) return `${a.date} ${a.time}\u2013${b.time}`;
  return `${a.date} ${a.time} \u2013 ${b.date} ${b.time}`;
}

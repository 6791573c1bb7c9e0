import { stockholmParts } from '../time/stockholm.ts';
import type { Language } from './errors.ts';

/**
 * One way to write a date per language, everywhere (web, documents, agenda, minutes): Swedish
 * "2026-11-05", English "5 Nov 2026" — never a numeric day/month order a reader can take either way.
 * Calendar dates ("2026-11-05") are taken as they are; instants are written as their day in
 * Europe/Stockholm. The month names are written here rather than taken from Intl, so the browser and
 * the server (whose ICU versions differ: "Sep" or "Sept") write the same.
 */

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(d: string | Date): { year: number; month: number; day: number } {
  const m = typeof d === 'string' ? CALENDAR_DATE.exec(d) : null;
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return stockholmParts(typeof d === 'string' ? new Date(d) : d);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date or the Stockholm day of an instant: "2026-11-05" / "5 Nov 2026". */
export function formatDate(lang: Language, d: string | Date): string {
  const p = parts(d);
  if (Number.isNaN(p.year)) return '';
  return lang === 'sv' ? `${p.year}-${pad(p.month)}-${pad(p.day)}` : `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}`;
}

/** "21:02" in Stockholm time (24 hours in both languages). */
export function formatTime(d: string | Date): string {
  const p = stockholmParts(typeof d === 'string' ? new Date(d) : d);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2026-11-05 21:02" / "5 Nov 2026, 21:02" in Stockholm time. */
export function formatDateTime(lang: Language, d: string | Date): string {
  return `${formatDate(lang, d)}${lang === 'sv' ? ' ' : ', '}${formatTime(d)}`;
}

/** Two days as a range, both ends inclusive: "2026-10-27 – 2026-11-23" / "27 Oct 2026 – 23 Nov 2026". */
export function formatDateRange(lang: Language, first: string | Date, last: string | Date): string {
  return `${formatDate(lang, first)} – ${formatDate(lang, last)}`;
}

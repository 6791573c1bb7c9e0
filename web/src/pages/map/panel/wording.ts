import { fmt, lang, t } from '../../../i18n/index.ts';
import { formatP as formatPIn } from '../../../../../src/core/i18n/numbers.ts';
import { localDate } from '../../../../../src/core/situation-picture/period.ts';

/**
 * How the side panel puts a change into words: "+12 % jämfört med föregående period (143 mot 128),
 * inte statistiskt säkerställd (p = 0,31)". Pure apart from the current language; tested in
 * wording.test.ts.
 */

export const ALPHA = 0.05;

const MINUS = '\u2212';

/** The change in per cent of `base`, or null when the base is 0 (no comparison possible). */
export function percentChange(current: number, base: number): number | null {
  return base > 0 ? ((current - base) / base) * 100 : null;
}

/** "+12 %", "−8 %", "±0 %"; one decimal below 1 % so a small change does not read as none. */
export function signedPercent(pct: number): string {
  const digits = Math.abs(pct) < 1 && pct !== 0 ? 1 : 0;
  const rounded = Number(Math.abs(pct).toFixed(digits));
  if (rounded === 0) return '±0 %';
  return `${pct > 0 ? '+' : MINUS}${fmt.number(rounded, digits)} %`;
}

/** "p = 0,31", "p = 0,049", "p < 0,001" (in the current language): the documents' formatter too. */
export function formatP(p: number): string {
  return formatPIn(lang.value, p);
}

export function isSignificant(p: number | null | undefined, alpha = ALPHA): boolean {
  return p != null && p < alpha;
}

/** "statistiskt säkerställd (p = 0,01)" / "inte statistiskt säkerställd (p = 0,31)", '' without a p. */
export function significanceText(p: number | null | undefined): string {
  if (p == null || Number.isNaN(p)) return '';
  return t(isSignificant(p) ? 'table.panel.significant' : 'table.panel.notSignificant', { p: formatP(p) });
}

export type ComparisonKind = 'previous' | 'lastYear';

/**
 * One comparison as a sentence (without the leading capital): the signed change, against what, the
 * two counts and whether it is statistically significant; or why there is no comparison.
 */
export function changeSentence(current: number, base: number, p: number | null | undefined, kind: ComparisonKind): string {
  const pct = percentChange(current, base);
  if (pct === null) return t(kind === 'previous' ? 'table.panel.noBasePrevious' : 'table.panel.noBaseLastYear');
  const against = t(kind === 'previous' ? 'table.panel.vsPrevious' : 'table.panel.vsLastYear');
  const counts = t('table.panel.counts', { count: fmt.number(current), base: fmt.number(base) });
  const sig = significanceText(p);
  return `${signedPercent(pct)} ${against} (${counts})${sig ? `, ${sig}` : ''}`;
}

/** The first letter in upper case (sentences that start with a lower-case phrase). */
export function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

/**
 * A period [from, to) as dates the reader expects: the last day shown is the day before `to`
 * ("2026-10-28 – 2026-11-24", "28 Oct 2026 – 24 Nov 2026": the one date format of each language).
 * Dates are taken as calendar dates: the API's YYYY-MM-DD, or the Swedish day of a timestamp.
 */
export function periodLabel(from: string, to: string): string {
  // A timestamp is an instant: its day is the Swedish one (the API's periods start at midnight in
  // Sweden, 22:00 or 23:00 UTC the day before).
  const day = (s: string) => (s.length > 10 ? localDate(new Date(s)) : s);
  const first = day(from);
  const last = new Date(Date.parse(`${day(to)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  if (last < first) return '';
  return first === last ? fmt.date(first) : fmt.dateRange(first, last);
}

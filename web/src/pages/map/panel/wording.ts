import { fmt, lang, t } from '../../../i18n/index.ts';

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

/** "p = 0,31", "p = 0,049", "p < 0,001" (in the current language). */
export function formatP(p: number): string {
  if (p < 0.001) return `p < ${fmt.number(0.001, 3)}`;
  let digits = p >= 0.1 ? 2 : 3;
  // A rounded p must not land on the other side of alpha than the p itself (0.0496 is not "0,050").
  while (digits < 6 && (Number(p.toFixed(digits)) < ALPHA) !== (p < ALPHA)) digits++;
  return `p = ${fmt.number(p, digits)}`;
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
 * ("28 okt.–24 nov. 2026"); the year once when both ends share it. Dates are taken as calendar
 * dates (the API's YYYY-MM-DD or midnight UTC timestamps).
 */
export function periodLabel(from: string, to: string): string {
  const locale = lang.value === 'sv' ? 'sv-SE' : 'en-GB';
  const day = (s: string) => new Date(`${s.slice(0, 10)}T00:00:00Z`);
  const a = day(from);
  const b = new Date(day(to).getTime() - 86_400_000);
  if (b < a) return '';
  const sameYear = a.getUTCFullYear() === b.getUTCFullYear();
  const f = (d: Date, year: boolean) => d.toLocaleDateString(locale, { timeZone: 'UTC', day: 'numeric', month: 'short', ...(year ? { year: 'numeric' } : {}) });
  if (a.getTime() === b.getTime()) return f(a, true);
  return `${f(a, !sameYear)}\u2013${f(b, true)}`;
}

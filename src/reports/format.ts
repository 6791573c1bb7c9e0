/**
 * Wording and number formats shared by every document (PDF, HTML, DOCX), in the document's language:
 * one place decides how a p-value, a change or a period reads, so the three formats never disagree.
 * The domain's terms (classes, statuses, levels, weekdays) come from src/core/i18n/terms.ts, the
 * catalogue the web and the agenda use too; dates from src/core/i18n/dates.ts ("2026-11-05" /
 * "5 Nov 2026").
 */
import type { Change, Period, StatusLevel } from '../core/situation-picture/content.ts';
import type { Language } from '../core/i18n/errors.ts';
import { formatDate, formatDateRange } from '../core/i18n/dates.ts';
import { formatNumber, formatP, formatSigned } from '../core/i18n/numbers.ts';
import { fill } from '../core/i18n/terms.ts';
import { plural, type PluralForms } from '../core/i18n/plural.ts';

export type { Language };

/** 12 345 / 12,345 (thin spaces as Swedish writes them; the minus sign is U+2212). */
export const num = (n: number, decimals = 0, lang: Language = 'sv'): string => formatNumber(lang, n, decimals);

export const count = (n: number, lang: Language = 'sv'): string => formatNumber(lang, n, 0);

/** The things the documents count, in both forms of both languages. */
const COUNTED = {
  sv: {
    incidents: { one: 'händelse', other: 'händelser' }, events: { one: 'händelse', other: 'händelser' }, cells: { one: 'ruta', other: 'rutor' },
    hotspotCells: { one: 'hotspotruta', other: 'hotspotrutor' }, coldCells: { one: 'coldspotruta', other: 'coldspotrutor' }, zones: { one: 'hotspotområde', other: 'hotspotområden' },
    days: { one: 'dag', other: 'dagar' }, weeks: { one: 'vecka', other: 'veckor' }, metres: { one: 'meter', other: 'meter' },
  },
  en: {
    incidents: { one: 'incident', other: 'incidents' }, events: { one: 'event', other: 'events' }, cells: { one: 'cell', other: 'cells' },
    hotspotCells: { one: 'hotspot cell', other: 'hotspot cells' }, coldCells: { one: 'coldspot cell', other: 'coldspot cells' }, zones: { one: 'hotspot zone', other: 'hotspot zones' },
    days: { one: 'day', other: 'days' }, weeks: { one: 'week', other: 'weeks' }, metres: { one: 'metre', other: 'metres' },
  },
} satisfies Record<Language, Record<string, PluralForms>>;
export type Counted = keyof (typeof COUNTED)['sv'];

/** "1 händelse", "12 345 händelser" / "1 incident": the number and its noun in the form the number needs. */
export const counted = (n: number, what: Counted, lang: Language = 'sv'): string => `${formatNumber(lang, n, 0)} ${plural(lang, n, COUNTED[lang][what])}`;

/** +12 or −3: the sign is always written, because a change without one reads as a level. */
export const signed = (n: number, decimals = 0, lang: Language = 'sv'): string => formatSigned(lang, n, decimals);

/** A percentage (already × 100), signed; "ny"/"new" when there was nothing to compare with. */
export const percent = (value: number | null, decimals = 0, lang: Language = 'sv'): string =>
  value === null ? (lang === 'sv' ? 'ny' : 'new') : `${signed(value, decimals, lang)}${lang === 'sv' ? ' %' : '%'}`;

/** p = 0,012 with two significant digits, p < 0,001 below that: more digits would suggest a precision the test does not have. */
export function pValue(p: number, lang: Language = 'sv'): string {
  if (!Number.isFinite(p)) return lang === 'sv' ? 'p saknas' : 'p missing';
  return formatP(lang, p);
}

/** The day of an instant in Stockholm time, or a calendar date, as the language writes dates. */
export function day(iso: string | Date, lang: Language = 'sv'): string {
  return formatDate(lang, iso);
}

/** YYYY-MM-DD in Stockholm time, whatever the language: for file names. */
export const isoDay = (iso: string | Date): string => formatDate('sv', iso);

/** The last day inside a half-open period (its `to` is the next midnight). */
export function lastDay(period: Pick<Period, 'to'>, lang: Language = 'sv'): string {
  return day(new Date(new Date(period.to).getTime() - 12 * 3600_000), lang);
}

/** "2026-10-27 – 2026-11-23 (28 dagar)" / "27 Oct 2026 – 23 Nov 2026 (28 days)": the end shown inclusive, as people read a period. */
export function periodText(period: Period, lang: Language = 'sv'): string {
  const last = new Date(new Date(period.to).getTime() - 12 * 3600_000);
  return `${formatDateRange(lang, new Date(period.from), last)} (${counted(period.days, 'days', lang)})`;
}

/** "ISO week 47" style label for a Monday week. */
export function isoWeek(iso: string): number {
  const d = new Date(`${day(iso)}T12:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86400_000);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  return 1 + Math.round(((thursday.getTime() - firstThursday.getTime()) / 86400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}

const SIGNIFICANCE = {
  sv: { none: 'Ingen förändring ({p}).', up: 'Ökningen', down: 'Minskningen', significant: '{what} är statistiskt säkerställd ({p}).', notSignificant: '{what} är inte statistiskt säkerställd ({p}) och kan vara slumpmässig variation.' },
  en: { none: 'No change ({p}).', up: 'The increase', down: 'The decrease', significant: '{what} is statistically significant ({p}).', notSignificant: '{what} is not statistically significant ({p}) and may be random variation.' },
} satisfies Record<Language, Record<string, string>>;

/**
 * One sentence on a change and whether it can be told from chance: the reader sees the p-value and
 * a plain reading of it (exact Poisson test of "the rate did not change").
 */
export function significanceText(c: Change, lang: Language = 'sv'): string {
  const w = SIGNIFICANCE[lang], p = pValue(c.p, lang);
  if (c.change === 0) return fill(w.none, { p });
  return fill(c.significant ? w.significant : w.notSignificant, { what: c.change > 0 ? w.up : w.down, p });
}

/** "+12 (+15 %)" */
export function changeText(c: Change, lang: Language = 'sv'): string {
  return `${signed(c.change, 0, lang)} (${percent(c.percentChange, 0, lang)})`;
}

export const STATUS_LEVEL_COLOUR: Record<StatusLevel, string> = { green: '#1a9641', yellow: '#f4c430', red: '#d7191c' };

/** Gi* confidence bins in ArcGIS's colours: red shades hot, blue shades cold (their names: confidenceTerm). */
export const GI_BINS = [
  { bin: 3, colour: '#d62f27' },
  { bin: 2, colour: '#ed7551' },
  { bin: 1, colour: '#fab984' },
  { bin: -1, colour: '#c0ccbe' },
  { bin: -2, colour: '#849eba' },
  { bin: -3, colour: '#4575b5' },
] as const;

export const binColour = (bin: number): string | null => GI_BINS.find((b) => b.bin === bin)?.colour ?? null;

/** Attribution of the shipped base data (shared/data/SOURCES.md): SCB boundaries under CC0. */
export const BASE_MAP_ATTRIBUTION: Record<Language, string> = {
  sv: 'Kommungräns © SCB (Digitala gränser, CC0) · SWEREF 99 TM',
  en: 'Municipal boundary © SCB (Digital boundaries, CC0) · SWEREF 99 TM',
};

/** The text of a PDF/DOCX file name: no slashes or quotes, Swedish letters kept. */
export const fileSafe = (s: string): string => s.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');

/** A colour mixed with white (share 0..1 of the colour kept): a cell background that text stays readable on. */
export function tint(hex: string, share: number): string {
  const v = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(255 - (255 - c) * share).toString(16).padStart(2, '0');
  return `#${mix((v >> 16) & 255)}${mix((v >> 8) & 255)}${mix(v & 255)}`;
}

/** A document's language: `L(sv, en)` picks the prose, `n` writes a count. */
export interface DocumentLanguage {
  lang: Language;
  L: (sv: string, en: string) => string;
  n: (v: number) => string;
}
export const documentLanguage = (lang: Language): DocumentLanguage => ({ lang, L: (sv, en) => (lang === 'sv' ? sv : en), n: (v) => count(v, lang) });

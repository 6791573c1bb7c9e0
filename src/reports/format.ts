/**
 * Swedish wording and number formats shared by every document (PDF, HTML, DOCX): one place decides
 * how a p-value, a change or a period reads, so the three formats never disagree.
 */
import type { Change, Period, StatusLevel } from '../core/situation-picture/content.ts';

const TZ = 'Europe/Stockholm';
const int = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/** 12 345 (thin spaces as Swedish writes them; the minus sign is U+2212). */
export const num = (n: number, decimals = 0): string =>
  new Intl.NumberFormat('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n);

export const count = (n: number): string => int.format(n);

/** +12 or −3: the sign is always written, because a change without one reads as a level. */
export const signed = (n: number, decimals = 0): string => (n > 0 ? '+' : '') + num(n, decimals);

/** A percentage (already × 100), signed; "ny" when there was nothing to compare with. */
export const percent = (value: number | null, decimals = 0): string =>
  value === null ? 'ny' : `${signed(value, decimals)} %`;

/** p = 0,012 with two significant digits, p < 0,001 below that: more digits would suggest a precision the test does not have. */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return 'p saknas';
  if (p < 0.001) return 'p < 0,001';
  const digits = p >= 0.1 ? 2 : p >= 0.01 ? 3 : 3;
  return `p = ${num(Number(p.toPrecision(2)), digits).replace(/0+$/, '').replace(/,$/, '')}`;
}

/** YYYY-MM-DD in Stockholm time. */
export function day(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** 5 nov. 2026 */
export function longDay(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: 'long', day: 'numeric' }).format(d);
}

/** The last day inside a half-open period (its `to` is the next midnight). */
export function lastDay(period: Pick<Period, 'to'>): string {
  return day(new Date(new Date(period.to).getTime() - 12 * 3600_000));
}

/** "2026-10-27 – 2026-11-23 (28 dagar)": the end shown inclusive, as people read a period. */
export function periodText(period: Period): string {
  return `${day(period.from)} – ${lastDay(period)} (${period.days} dagar)`;
}

/** "ISO week 47" style label for a Monday week. */
export function isoWeek(iso: string): number {
  const d = new Date(`${day(iso)}T12:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86400_000);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  return 1 + Math.round(((thursday.getTime() - firstThursday.getTime()) / 86400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}

/**
 * One sentence on a change and whether it can be told from chance: the reader sees the p-value and
 * a plain reading of it (exact Poisson test of "the rate did not change").
 */
export function significanceText(c: Change): string {
  if (c.change === 0) return `Ingen förändring (${pValue(c.p)}).`;
  const what = c.change > 0 ? 'Ökningen' : 'Minskningen';
  return c.significant
    ? `${what} är statistiskt säkerställd (${pValue(c.p)}).`
    : `${what} är inte statistiskt säkerställd (${pValue(c.p)}) och kan vara slumpmässig variation.`;
}

/** "+12 (+15 %)" */
export function changeText(c: Change): string {
  return `${signed(c.change)} (${percent(c.percentChange)})`;
}

export const STATUS_LEVEL_SV: Record<StatusLevel, string> = { green: 'Grön', yellow: 'Gul', red: 'Röd' };
export const STATUS_LEVEL_COLOUR: Record<StatusLevel, string> = { green: '#1a9641', yellow: '#f4c430', red: '#d7191c' };

export const MEASURE_STATUS_SV: Record<string, string> = {
  proposed: 'Föreslagen', planned: 'Planerad', ongoing: 'Pågår', done: 'Genomförd', cancelled: 'Avbruten',
};
export const TERM_SV: Record<string, string> = { short: 'Kortsiktig', long: 'Långsiktig' };

/** ArcGIS emerging-hotspot classes in Swedish (the terms Brå and the police use: hotspot, coldspot). */
export const EMERGING_SV: Record<string, string> = {
  'No Pattern Detected': 'Inget mönster',
  'New Hot Spot': 'Ny hotspot',
  'Consecutive Hot Spot': 'Sammanhängande hotspot',
  'Intensifying Hot Spot': 'Intensifierande hotspot',
  'Persistent Hot Spot': 'Ihållande hotspot',
  'Diminishing Hot Spot': 'Avtagande hotspot',
  'Sporadic Hot Spot': 'Sporadisk hotspot',
  'Oscillating Hot Spot': 'Växlande hotspot',
  'Historical Hot Spot': 'Historisk hotspot',
  'New Cold Spot': 'Ny coldspot',
  'Consecutive Cold Spot': 'Sammanhängande coldspot',
  'Intensifying Cold Spot': 'Intensifierande coldspot',
  'Persistent Cold Spot': 'Ihållande coldspot',
  'Diminishing Cold Spot': 'Avtagande coldspot',
  'Sporadic Cold Spot': 'Sporadisk coldspot',
  'Oscillating Cold Spot': 'Växlande coldspot',
  'Historical Cold Spot': 'Historisk coldspot',
};

export const emergingSv = (e: string | null): string => (e === null ? 'för få veckor' : EMERGING_SV[e] ?? e);

/** Gi* confidence bins as ArcGIS shows them: red shades hot, blue shades cold. */
export const GI_BINS = [
  { bin: 3, colour: '#d62f27', label: 'Hotspot, 99 % konfidens' },
  { bin: 2, colour: '#ed7551', label: 'Hotspot, 95 % konfidens' },
  { bin: 1, colour: '#fab984', label: 'Hotspot, 90 % konfidens' },
  { bin: -1, colour: '#c0ccbe', label: 'Coldspot, 90 % konfidens' },
  { bin: -2, colour: '#849eba', label: 'Coldspot, 95 % konfidens' },
  { bin: -3, colour: '#4575b5', label: 'Coldspot, 99 % konfidens' },
] as const;

export const binColour = (bin: number): string | null => GI_BINS.find((b) => b.bin === bin)?.colour ?? null;

export const WEEKDAYS_SV = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];
export const WEEKDAYS_SHORT_SV = ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'];

/** Attribution of the shipped base data (shared/data/SOURCES.md): SCB boundaries under CC0. */
export const BASE_MAP_ATTRIBUTION = 'Kommungräns © SCB (Digitala gränser, CC0) · SWEREF 99 TM';

/** The text of a PDF/DOCX file name: no slashes or quotes, Swedish letters kept. */
export const fileSafe = (s: string): string => s.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');

/** A colour mixed with white (share 0..1 of the colour kept): a cell background that text stays readable on. */
export function tint(hex: string, share: number): string {
  const v = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(255 - (255 - c) * share).toString(16).padStart(2, '0');
  return `#${mix((v >> 16) & 255)}${mix((v >> 8) & 255)}${mix(v & 255)}`;
}

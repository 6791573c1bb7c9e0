/**
 * Colour and number helpers of the charts: pure, no DOM, tested in scale.test.ts.
 */

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * A stepped blue scale (after ColorBrewer "Blues"), light to dark. Stepped, not continuous: between
 * the light classes (dark text) and the dark ones (white text) lies a band of mid blues on which
 * neither text colour reaches 4.5:1, so the scale jumps over it.
 */
export const HEAT_STOPS = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#2171b5', '#08306b'] as const;

export const DARK_TEXT = '#1b1f24';
export const LIGHT_TEXT = '#ffffff';

/** The text colour (dark or white) with the higher contrast on `background`. */
export function textOn(background: string): string {
  return contrastRatio(background, DARK_TEXT) >= contrastRatio(background, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}

export interface HeatColour { background: string; color: string; /** 0 = lowest class … HEAT_STOPS.length-1 */ level: number }

/** The class of `value` on 0…max: 0 only for 0, the top class for max, square-root steps between (so a few large cells do not wash out the rest). */
export function heatLevel(value: number, max: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  const top = HEAT_STOPS.length - 1;
  return Math.min(top, Math.max(1, Math.ceil(Math.sqrt(Math.min(value, max) / max) * top - 1e-9)));
}

/** Cell colours of `value` on a scale 0…max; the text colour reads at 4.5:1 or better on every class. */
export function heatColour(value: number, max: number): HeatColour {
  const level = heatLevel(value, max);
  const background = HEAT_STOPS[level];
  return { background, color: textOn(background), level };
}

/** The largest number of a matrix (0 when empty). */
export function matrixMax(m: number[][]): number {
  let max = 0;
  for (const row of m) for (const v of row) if (v > max) max = v;
  return max;
}

/** A round upper bound for an axis: 1, 2, 5 × 10^k at or above `max` (at least 1). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/** ISO 8601 week number of a YYYY-MM-DD date. */
export function isoWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  const dayNum = t.getUTCDay() || 7; // Monday 1 … Sunday 7
  t.setUTCDate(t.getUTCDate() + 4 - dayNum); // the Thursday of the week decides its year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/** Hour × weekday as a heat table: a darker cell is an hour of the week with more incidents. */
import { fill, terms } from '../../core/i18n/terms.ts';
import { count, type Language } from '../format.ts';
import { r2, svgDocument, text } from '../svg.ts';

/** White to dark red in steps a printer keeps apart. */
const SHADES = ['#ffffff', '#fee5d9', '#fcbba1', '#fc9272', '#fb6a4a', '#de2d26', '#a50f15'];

export const heatShade = (v: number, max: number): string => (v <= 0 || max <= 0 ? SHADES[0] : SHADES[Math.min(SHADES.length - 1, 1 + Math.floor((v / max) * (SHADES.length - 1.001)))]);

const WORDS = {
  sv: { title: 'Händelser per veckodag och timme', cell: '{day} kl. {hour}: {count}', key: 'Mörkare = fler händelser (högst {max} på en timme)' },
  en: { title: 'Incidents by weekday and hour', cell: '{day} at {hour}: {count}', key: 'Darker = more incidents (at most {max} in an hour)' },
} satisfies Record<Language, Record<string, string>>;

export function hourWeekdayChart(hourWeekday: number[][], opts: { width?: number; title?: string; lang?: Language } = {}): string {
  const lang = opts.lang ?? 'sv', w = WORDS[lang], t = terms(lang);
  const width = opts.width ?? 700;
  const labelW = 40;
  const cell = (width - labelW - 10) / 24;
  const height = 20 + 7 * cell + 16;
  const max = Math.max(0, ...hourWeekday.flat());
  const cells: string[] = [];
  for (let d = 0; d < 7; d++) {
    cells.push(text(labelW - 6, 20 + d * cell + cell * 0.65, t.weekdaysShort[d], { 'font-size': 9, 'text-anchor': 'end' }));
    for (let h = 0; h < 24; h++) {
      const v = hourWeekday[d]?.[h] ?? 0;
      cells.push(`<rect x="${r2(labelW + h * cell)}" y="${r2(20 + d * cell)}" width="${r2(cell - 1)}" height="${r2(cell - 1)}" fill="${heatShade(v, max)}" stroke="#eee" stroke-width="0.5"><title>${fill(w.cell, { day: t.weekdays[d], hour: h, count: count(v, lang) })}</title></rect>`);
    }
  }
  for (let h = 0; h < 24; h += 2) cells.push(text(labelW + h * cell + cell / 2, 14, String(h).padStart(2, '0'), { 'font-size': 8, 'text-anchor': 'middle', fill: '#555' }));
  cells.push(text(labelW, height - 3, fill(w.key, { max: count(max, lang) }), { 'font-size': 9, fill: '#555' }));
  return svgDocument(width, height, cells.join(''), opts.title ?? w.title);
}

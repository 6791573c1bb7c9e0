/** Horizontal bars per category: the period against the previous period and the same period last year. */
import type { CategoryRow } from '../../core/situation-picture/content.ts';
import { terms } from '../../core/i18n/terms.ts';
import { count, type Language } from '../format.ts';
import { esc, r2, svgDocument, text } from '../svg.ts';
import { valueAxis } from './axis.ts';

const TITLE: Record<Language, string> = { sv: 'Händelser per kategori', en: 'Incidents by category' };

export function categoryChart(rows: CategoryRow[], opts: { width?: number; max?: number; title?: string; lang?: Language } = {}): string {
  const lang = opts.lang ?? 'sv', p = terms(lang).period;
  const name = (r: CategoryRow) => (lang === 'en' ? r.nameEn || r.nameSv : r.nameSv);
  const width = opts.width ?? 700;
  const shown = [...rows].sort((a, b) => b.count - a.count).slice(0, opts.max ?? 12);
  const rowH = 26;
  const labelW = 190;
  const plot = { x: labelW, y: 8, width: width - labelW - 50 };
  const height = plot.y + shown.length * rowH + 30;
  const axis = valueAxis(Math.max(1, ...shown.flatMap((r) => [r.count, r.previous.count, r.lastYear.count])));
  const sx = (v: number) => (v / axis.max) * plot.width;
  const body = shown.map((r, i) => {
    const y = plot.y + i * rowH;
    return text(labelW - 8, y + 13, name(r).length > 30 ? `${name(r).slice(0, 29)}…` : name(r), { 'font-size': 10, 'text-anchor': 'end' })
      + `<rect class="current" x="${plot.x}" y="${y + 2}" width="${r2(sx(r.count))}" height="10" fill="${esc(r.colour)}"><title>${esc(name(r))}: ${count(r.count, lang)}</title></rect>`
      + `<rect class="previous" x="${plot.x}" y="${y + 13}" width="${r2(sx(r.previous.count))}" height="4" fill="#888"/>`
      + `<rect class="last-year" x="${plot.x}" y="${y + 18}" width="${r2(sx(r.lastYear.count))}" height="4" fill="#ccc"/>`
      + text(plot.x + sx(r.count) + 4, y + 11, count(r.count, lang), { 'font-size': 9 });
  }).join('');
  const ly = height - 16;
  const legend = `<rect x="${plot.x}" y="${ly}" width="10" height="8" fill="#2c5d8a"/>` + text(plot.x + 14, ly + 8, p.current, { 'font-size': 9 })
    + `<rect x="${plot.x + 74}" y="${ly + 2}" width="10" height="4" fill="#888"/>` + text(plot.x + 88, ly + 8, p.previous, { 'font-size': 9 })
    + `<rect x="${plot.x + 194}" y="${ly + 2}" width="10" height="4" fill="#ccc"/>` + text(plot.x + 208, ly + 8, p.lastYear, { 'font-size': 9 });
  return svgDocument(width, height, body + legend, opts.title ?? TITLE[lang]);
}

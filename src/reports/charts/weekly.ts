/** Weekly counts as bars, the weeks of the period darker than the weeks before it. */
import { fill, terms } from '../../core/i18n/terms.ts';
import { count, day, isoWeek, type Language } from '../format.ts';
import { r2, svgDocument, text } from '../svg.ts';
import { gridLines, valueAxis } from './axis.ts';

const WORDS = { sv: { title: 'Antal händelser per vecka', week: 'v{week}' }, en: { title: 'Incidents per week', week: 'w{week}' } } satisfies Record<Language, Record<string, string>>;

export function weeklyChart(weekly: Array<{ weekStart: string; count: number }>, periodFrom: string, opts: { width?: number; height?: number; title?: string; lang?: Language } = {}): string {
  const lang = opts.lang ?? 'sv', w0 = WORDS[lang], p = terms(lang).period;
  const width = opts.width ?? 700;
  const height = opts.height ?? 240;
  const title = opts.title ?? w0.title;
  const plot = { x: 44, y: 14, width: width - 56, height: height - 58 };
  const axis = valueAxis(Math.max(0, ...weekly.map((w) => w.count)));
  const n = Math.max(weekly.length, 1);
  const slot = plot.width / n;
  const from = day(periodFrom);
  const bars = weekly.map((w, i) => {
    const h = (w.count / axis.max) * plot.height;
    const x = plot.x + i * slot + slot * 0.15;
    const inPeriod = day(w.weekStart) >= from || day(new Date(new Date(w.weekStart).getTime() + 6 * 86400_000)) >= from;
    const label = i % Math.ceil(n / 13) === 0 ? text(x + slot * 0.35, plot.y + plot.height + 13, fill(w0.week, { week: isoWeek(w.weekStart) }), { 'font-size': 9, 'text-anchor': 'middle', fill: '#555' }) : '';
    return `<rect class="week${inPeriod ? ' in-period' : ''}" x="${r2(x)}" y="${r2(plot.y + plot.height - h)}" width="${r2(slot * 0.7)}" height="${r2(h)}" fill="${inPeriod ? '#2c5d8a' : '#9fb8cf'}"><title>${day(w.weekStart, lang)}: ${count(w.count, lang)}</title></rect>${label}`;
  }).join('');
  const legend = `<rect x="${plot.x}" y="${height - 18}" width="10" height="10" fill="#2c5d8a"/>` + text(plot.x + 14, height - 9, p.current, { 'font-size': 9 })
    + `<rect x="${plot.x + 80}" y="${height - 18}" width="10" height="10" fill="#9fb8cf"/>` + text(plot.x + 94, height - 9, p.weeksBefore, { 'font-size': 9 });
  return svgDocument(width, height, gridLines(axis, plot.x, plot.y, plot.width, plot.height, lang) + bars + legend, title);
}

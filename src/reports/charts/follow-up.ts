/**
 * The follow-up of a measure: weekly counts in the response area (R), the buffer (D) and the control
 * area (C), with a line where the measure started (Bowers & Johnson's before/after comparison).
 */
import { fill } from '../../core/i18n/terms.ts';
import { count, day, isoWeek, type Language } from '../format.ts';
import { r2, svgDocument, text } from '../svg.ts';
import { gridLines, valueAxis } from './axis.ts';

export interface FollowUpWeek {
  weekStart: string;
  response: number;
  buffer: number;
  control: number;
}

export const SERIES = [
  { key: 'response', colour: '#d62f27', dash: '' },
  { key: 'buffer', colour: '#e08f00', dash: '5 3' },
  { key: 'control', colour: '#2c5d8a', dash: '2 2' },
] as const;

const WORDS = {
  sv: { response: 'Åtgärdsområde (R)', buffer: 'Buffertzon (D)', control: 'Kontrollområde (C)', start: 'Start {day}', week: 'v{week}', title: 'Händelser per vecka före och efter åtgärden ({count} i åtgärdsområdet)' },
  en: { response: 'Response area (R)', buffer: 'Buffer (D)', control: 'Control area (C)', start: 'Start {day}', week: 'w{week}', title: 'Incidents per week before and after the measure ({count} in the response area)' },
} satisfies Record<Language, Record<string, string>>;

export function followUpChart(weekly: FollowUpWeek[], start: string, opts: { width?: number; height?: number; title?: string; lang?: Language } = {}): string {
  const lang = opts.lang ?? 'sv', w0 = WORDS[lang];
  const width = opts.width ?? 700;
  const height = opts.height ?? 240;
  const plot = { x: 44, y: 14, width: width - 56, height: height - 62 };
  const axis = valueAxis(Math.max(0, ...weekly.flatMap((w) => [w.response, w.buffer, w.control])));
  const n = weekly.length;
  const sx = (i: number) => plot.x + (n <= 1 ? plot.width / 2 : (i / (n - 1)) * plot.width);
  const sy = (v: number) => plot.y + plot.height - (v / axis.max) * plot.height;
  const lines = SERIES.map((s) => {
    const d = weekly.map((w, i) => `${i === 0 ? 'M' : 'L'}${r2(sx(i))} ${r2(sy(w[s.key]))}`).join('');
    return `<path class="series-${s.key}" d="${d}" fill="none" stroke="${s.colour}" stroke-width="1.8"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
  }).join('');
  const startDay = day(start);
  const idx = weekly.findIndex((w) => day(w.weekStart) >= startDay);
  const marker = idx >= 0
    ? `<line class="start" x1="${r2(sx(idx))}" x2="${r2(sx(idx))}" y1="${plot.y}" y2="${plot.y + plot.height}" stroke="#000" stroke-width="1" stroke-dasharray="4 3"/>`
      + text(sx(idx) + 4, plot.y + 10, fill(w0.start, { day: day(start, lang) }), { 'font-size': 9 })
    : '';
  const labels = weekly.map((w, i) => (i % Math.ceil(Math.max(n, 1) / 12) === 0 ? text(sx(i), plot.y + plot.height + 13, fill(w0.week, { week: isoWeek(w.weekStart) }), { 'font-size': 9, 'text-anchor': 'middle', fill: '#555' }) : '')).join('');
  const legend = SERIES.map((s, i) => {
    const x = plot.x + i * 170;
    return `<line x1="${x}" x2="${x + 22}" y1="${height - 12}" y2="${height - 12}" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>` + text(x + 27, height - 8, w0[s.key], { 'font-size': 9 });
  }).join('');
  const total = weekly.reduce((a, w) => a + w.response, 0);
  return svgDocument(width, height, gridLines(axis, plot.x, plot.y, plot.width, plot.height, lang) + lines + marker + labels + legend,
    opts.title ?? fill(w0.title, { count: count(total, lang) }));
}

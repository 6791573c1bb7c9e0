/** The value axis shared by the bar and line charts: nice ticks from zero to at least the maximum. */
import { count, type Language } from '../format.ts';
import { niceStep, r2, text } from '../svg.ts';

export interface Axis {
  max: number;
  ticks: number[];
}

export function valueAxis(max: number, wanted = 5): Axis {
  const m = Math.max(max, 1);
  // An integer step: counts have no half incidents (a maximum of 1 must not give ticks 0, 0.5, 1).
  const step = Math.max(1, niceStep(m / wanted));
  const top = Math.ceil(m / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) ticks.push(v);
  return { max: top, ticks };
}

/** Horizontal grid lines with labels at the left of a plot area. */
export function gridLines(axis: Axis, x: number, y: number, width: number, height: number, lang: Language = 'sv'): string {
  return axis.ticks.map((t) => {
    const ty = y + height - (t / axis.max) * height;
    return `<line x1="${r2(x)}" x2="${r2(x + width)}" y1="${r2(ty)}" y2="${r2(ty)}" stroke="#ddd" stroke-width="0.8"/>`
      + text(x - 5, ty + 3.5, count(t, lang), { 'font-size': 9, 'text-anchor': 'end', fill: '#555' });
  }).join('');
}

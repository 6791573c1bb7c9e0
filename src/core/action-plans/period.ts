/**
 * What the yearly plan's mapping covers and compares with. A comparison is always between equally
 * long, comparable periods: a year that is over against the whole year before; a year still running
 * (its days so far) against the same dates the year before, never against the whole of it (which
 * compared 1 January–2 December with twelve months and reported a "decrease"). Pure.
 */
import { localDate } from '../situation-picture/period.ts';

/** Over (every day has passed), running (today lies in it), or not begun (all days ahead). */
export type PlanYearState = 'complete' | 'incomplete' | 'notStarted';

export interface PlanComparison {
  year: number;
  state: PlanYearState;
  /** The mapped days, first and last inclusive (YYYY-MM-DD, Swedish calendar days). */
  from: string;
  to: string;
  /** The days compared with: the whole year before, or the same dates the year before. */
  compareFrom: string;
  compareTo: string;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const isLeap = (y: number) => new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1;

/**
 * The mapping period of a year's plan seen at `now`: a year that is over is mapped whole and compared
 * with the whole year before; the current year up to and including yesterday (the last whole day;
 * on 1 January, that day alone) against the same dates the year before (29 February against
 * 28 February); a year not yet begun whole, with nothing in it yet.
 * @example planComparison(2026, new Date('2026-12-03T10:00:00Z')) // { state: 'incomplete', from: '2026-01-01', to: '2026-12-02', compareFrom: '2025-01-01', compareTo: '2025-12-02' }
 */
export function planComparison(year: number, now: Date | number): PlanComparison {
  const today = localDate(now);
  const first = `${year}-01-01`, last = `${year}-12-31`;
  const whole = { year, from: first, to: last, compareFrom: `${year - 1}-01-01`, compareTo: `${year - 1}-12-31` };
  if (today > last) return { ...whole, state: 'complete' };
  if (today < first) return { ...whole, state: 'notStarted' };
  const to = today === first ? first : addDays(today, -1);
  const compareTo = to.slice(5) === '02-29' && !isLeap(year - 1) ? `${year - 1}-02-28` : `${year - 1}${to.slice(4)}`;
  return { year, state: 'incomplete', from: first, to, compareFrom: `${year - 1}-01-01`, compareTo };
}

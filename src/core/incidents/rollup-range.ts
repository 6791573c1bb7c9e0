import { DAY_MS, stockholmDayStart, utcToLocal } from '../time/index.ts';
import { INCIDENT_LIMITS } from './rules.ts';

/**
 * What the rollup tables (migration 0012) can answer: periods of whole Swedish days (and of a map
 * view the 50 m cells that lie wholly inside it: view-cells.ts). The rest of a view (the cells its
 * edge cuts) is counted from the incidents themselves.
 */

/** The rollups' cell size in metres of SWEREF 99 TM. */
export const ROLLUP_CELL_M = 50;

/** The Swedish date ('YYYY-MM-DD') that starts at this instant, or null when it is not a local midnight. */
export function localMidnightDate(t: Date): string | null {
  const local = utcToLocal(t.getTime());
  if (!Number.isFinite(local) || local % DAY_MS !== 0) return null;
  return new Date(local).toISOString().slice(0, 10);
}

/** The monthly rollups' cell in metres: 250 m nests the clusters (250 · 2^k) and every heatmap and hotspot cell of 250 m and more. */
export const MONTHLY_CELL_M = 250;

/**
 * The whole calendar months inside a period of whole days, as first days: [from, to), either end open
 * where the period's is. Null when the period holds no whole month (the daily rollups answer it all).
 * An incident whose window lies in those months is counted from the monthly rollups; every other
 * incident that overlaps the period starts before `from` or ends on or after `to`, and the daily
 * rollups count it.
 */
export function wholeMonths(period: { from?: string; to?: string }): { from?: string; to?: string } | null {
  const from = period.from === undefined ? undefined : period.from.endsWith('-01') ? period.from : addMonths(period.from.slice(0, 7) + '-01', 1);
  const to = period.to === undefined ? undefined : period.to.slice(0, 7) + '-01';
  if (from !== undefined && to !== undefined && from >= to) return null;
  return { from, to };
}

/**
 * The months a period of whole days is read from, [from, to) as first days, and on each side how the
 * days between the period's end and the months' are read: `add`, the months lie inside the period
 * and the days before (after) them are read from the daily rows; `subtract`, the months reach beyond
 * the period to the whole month it starts (ends) in, and the days of that month outside the period
 * are taken away, when they are fewer. A period that starts on the 3rd reads its first month whole
 * less two days, not 28 days; one that ends on the 27th reads its last month whole less the days
 * after. A period of no whole month reads the one or two months it touches the same way where the
 * days then read are fewer than its own: four weeks from the 8th read the month less its first
 * week and the days after it. Null when they are not. Days from `emptyFrom` on (firstEmptyDay) cost
 * nothing to read.
 */
export interface MonthCover {
  from?: string;
  to?: string;
  lead: 'add' | 'subtract';
  trail: 'add' | 'subtract';
}

export function monthCover(period: { from?: string; to?: string }, emptyFrom?: string): MonthCover | null {
  const cost = daysRead(emptyFrom);
  const inner = wholeMonths(period);
  if (!inner) {
    const part = partMonthCover(period.from!, period.to!, cost);
    return part && trailBlocks(period, part, cost);
  }
  const out: MonthCover = { ...inner, lead: 'add', trail: 'add' };
  if (period.from !== undefined && inner.from !== undefined && inner.from !== period.from) {
    const first = period.from.slice(0, 7) + '-01';
    if (cost(first, period.from) < cost(period.from, inner.from)) { out.from = first; out.lead = 'subtract'; }
  }
  if (period.to !== undefined && inner.to !== undefined && inner.to !== period.to) {
    const next = addMonths(inner.to, 1);
    if (cost(period.to, next) < cost(inner.to, period.to)) { out.to = next; out.trail = 'subtract'; }
  }
  return trailBlocks(period, out, cost);
}

const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/**
 * The days of [a, b) a read of the daily rows costs: every one before `emptyFrom`, none from it on,
 * where no incident can lie yet. A period that ends today then reads its month, quarter or year whole
 * less the days still to come, not the month's days so far from the daily rows: the app's default
 * periods all end today.
 */
function daysRead(emptyFrom: string | undefined): (a: string, b: string) => number {
  return (a, b) => days(a, emptyFrom === undefined || b <= emptyFrom ? b : a >= emptyFrom ? a : emptyFrom);
}

/**
 * The first Swedish day on which no incident can lie at `now` (ms): the day after the one that
 * holds now and the clocks' tolerance (rules.ts).
 */
export function firstEmptyDay(now: number): string {
  return localMidnightDate(new Date(stockholmDayStart(now + INCIDENT_LIMITS.futureToleranceMs, 1)))!;
}

/**
 * A cover whose months end at the end of their calendar quarter or year instead, where the days
 * taken away are no more (they are still to come) and the months then fall into fewer blocks of the
 * totals (monthBlocks, counted with quarters and without: the tables keep either): a year to date
 * reads this year's row, not its quarters and months so far.
 */
function trailBlocks(period: { from?: string; to?: string }, c: MonthCover, cost: (a: string, b: string) => number): MonthCover {
  if (c.from === undefined || c.to === undefined || period.to === undefined) return c;
  const read = c.trail === 'add' ? cost(c.to, period.to) : cost(period.to, c.to);
  const count = (to: string) => blockCount(monthBlocks(c.from!, to)) + blockCount(monthBlocks(c.from!, to, false));
  const last = monthIndex(c.to) - 1;
  let best = c;
  for (const end of [monthStart(last - (last % 3) + 3), monthStart(last - (last % 12) + 12)]) {
    if (end > best.to! && cost(period.to, end) <= read && count(end) < count(best.to!)) best = { ...c, to: end, trail: 'subtract' };
  }
  return best;
}

const blockCount = (b: MonthBlocks) => b.months.length + b.quarters.length + b.years.length;

/**
 * monthCover of a period [from, to) that holds no whole month (both ends given: an open end always
 * holds one): the cover whose days read are fewest, if fewer than the period's.
 */
function partMonthCover(from: string, to: string, cost: (a: string, b: string) => number): MonthCover | null {
  const first = from.slice(0, 7) + '-01', last = to.slice(0, 7) + '-01';
  const next = addMonths(first, 1), end = to === last ? to : addMonths(last, 1);
  // Each side's months and the days read there: `subtract` from the month's edge to the period's,
  // `add` from the period's to the months'.
  const covers: Array<[MonthCover, number]> = [
    [{ from: first, to: last, lead: 'subtract', trail: 'add' }, cost(first, from) + cost(last, to)],
    [{ from: next, to: end, lead: 'add', trail: 'subtract' }, cost(from, next) + cost(to, end)],
    [{ from: first, to: end, lead: 'subtract', trail: 'subtract' }, cost(first, from) + cost(to, end)],
  ];
  let best: [MonthCover, number] | null = null;
  for (const c of covers) if (c[0].from! < c[0].to! && c[1] < cost(from, to) && (!best || c[1] < best[1])) best = c;
  return best && best[0];
}

/** A month ('YYYY-MM-…') as a count of months since year 0, and back to its first day. */
const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
const monthStart = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}-01`;

/** The first day of the month `n` months after the month of `first` ('YYYY-MM-01'). */
function addMonths(first: string, n: number): string {
  return monthStart(monthIndex(first) + n);
}

/** Whole months split into calendar quarters and years where they fit (first days as 'YYYY-MM-01'). */
export interface MonthBlocks {
  /** The months before the first quarter or year and after the last. */
  months: string[];
  quarters: string[];
  years: string[];
}

/**
 * Splits the whole months [from, to) into years and quarters where they fit, months elsewhere: a
 * year from each January with twelve months left, else a quarter from each quarter's first month
 * with three left (without `quarters`, years alone). The quarters and years then lie next to each
 * other, with months only before and after them.
 */
export function monthBlocks(from: string, to: string, quarters = true): MonthBlocks {
  const out: MonthBlocks = { months: [], quarters: [], years: [] };
  const end = monthIndex(to);
  for (let i = monthIndex(from); i < end;) {
    const len = i % 12 === 0 && i + 12 <= end ? 12 : quarters && i % 3 === 0 && i + 3 <= end ? 3 : 1;
    if (len === 1) out.months.push(monthStart(i));
    else (len === 12 ? out.years : out.quarters).push(monthStart(i));
    i += len;
  }
  return out;
}

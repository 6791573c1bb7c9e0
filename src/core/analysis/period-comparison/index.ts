/**
 * Period comparison for the lägesbild: counts of this period against the previous period and against
 * the same period last year, per group (category, area …), with the absolute and percentage change
 * and an exact test for a change in the underlying Poisson rate.
 *
 * The test conditions on the total of the two counts (x1 | x1 + x2 is binomial with
 * p = t1/(t1 + t2)) and is two-sided exactly as R's `poisson.test(c(x1, x2), c(t1, t2))`; the
 * exposures t are the lengths of the periods, so a 31-day month is compared fairly with a 28-day one.
 * Undefined quantities are explicit nulls with a reason, never Infinity or NaN.
 */
import { poissonRateTest, type RateRatioNullReason } from '../poisson/index.ts';

/** A half-open time window [start, end) in milliseconds since the epoch. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** Counts of one group (e.g. category × area) in the three periods. */
export interface GroupCounts {
  /** Identifies the group, e.g. { category: 'skadegorelse', area: 'Centrum' }. Passed through unchanged. */
  key: Readonly<Record<string, string>>;
  /** Count in the current period. */
  current: number;
  /** Count in the previous period; null or absent if unknown (no comparison is made). */
  previous?: number | null;
  /** Count in the same period last year; null or absent if unknown. */
  lastYear?: number | null;
}

/** Lengths (exposures) of the three periods, in any common unit (days, ms). */
export interface PeriodLengths {
  current: number;
  previous: number;
  lastYear: number;
}

export interface PeriodComparisonOptions {
  /** Lengths of the periods for the rate test. Default: all equal (compare counts as they are). */
  lengths?: PeriodLengths;
  /** Confidence level of the rate-ratio interval. Default 0.95. */
  confLevel?: number;
}

const defaultOptions: Required<PeriodComparisonOptions> = {
  lengths: { current: 1, previous: 1, lastYear: 1 },
  confLevel: 0.95,
};

/** The current period against one base period. */
export interface Change {
  /** Count in the base period. */
  base: number;
  /** current − base. */
  change: number;
  /** 100·(current − base)/base; null when base = 0 (see percentChangeReason). */
  percentChange: number | null;
  /** 'base-zero' when percentChange is null, else null. */
  percentChangeReason: 'base-zero' | null;
  /** (current/t_current)/(base/t_base); null when base = 0. */
  rateRatio: number | null;
  /** 'base-zero' (base = 0 < current) or 'both-zero' when rateRatio is null, else null. */
  rateRatioReason: RateRatioNullReason | null;
  /** Interval of the rate ratio; the upper limit is null when unbounded (base = 0). */
  confInt: [number, number | null];
  /** Two-sided exact p-value of "the rate did not change" (R poisson.test). */
  pValue: number;
}

/** One group's comparison. */
export interface GroupComparison {
  key: Readonly<Record<string, string>>;
  current: number;
  /** Against the previous period; null when its count is unknown. */
  vsPrevious: Change | null;
  /** Against the same period last year; null when its count is unknown. */
  vsLastYear: Change | null;
}

function checkCount(value: unknown, where: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`comparePeriods: ${where} must be a non-negative integer count, got ${String(value)}`);
  }
}

function compare(current: number, base: number, tCurrent: number, tBase: number, confLevel: number): Change {
  const test = poissonRateTest(current, tCurrent, base, tBase, { confLevel });
  return {
    base,
    change: current - base,
    percentChange: base === 0 ? null : (100 * (current - base)) / base,
    percentChangeReason: base === 0 ? 'base-zero' : null,
    rateRatio: test.rateRatio,
    rateRatioReason: test.rateRatioReason,
    confInt: test.confInt,
    pValue: test.pValue,
  };
}

/**
 * Compare each group's current count with its previous period and the same period last year.
 *
 * @param {GroupCounts[]} groups counts per group (integers ≥ 0)
 * @param {PeriodComparisonOptions} [options] period lengths for the rate test, confidence level
 * @returns {GroupComparison[]} one entry per group, in input order
 * @example
 * comparePeriods([{ key: { category: 'klotter' }, current: 30, previous: 15, lastYear: 0 }]);
 * // [{ key, current: 30,
 * //    vsPrevious: { base: 15, change: 15, percentChange: 100, rateRatio: 2, pValue: 0.0356978…, … },
 * //    vsLastYear: { base: 0, change: 30, percentChange: null, percentChangeReason: 'base-zero', … } }]
 */
export function comparePeriods(groups: readonly GroupCounts[], options: PeriodComparisonOptions = {}): GroupComparison[] {
  if (!Array.isArray(groups)) throw new TypeError('comparePeriods: groups must be an array');
  const lengths = options.lengths ?? defaultOptions.lengths;
  const confLevel = options.confLevel ?? defaultOptions.confLevel;
  for (const name of ['current', 'previous', 'lastYear'] as const) {
    const t = lengths[name];
    if (typeof t !== 'number' || !Number.isFinite(t) || !(t > 0)) {
      throw new RangeError(`comparePeriods: options.lengths.${name} must be a finite number > 0, got ${t}`);
    }
  }
  if (typeof confLevel !== 'number' || !(confLevel > 0 && confLevel < 1)) {
    throw new RangeError(`comparePeriods: options.confLevel must be strictly between 0 and 1, got ${confLevel}`);
  }
  return groups.map((g, i) => {
    if (g === null || typeof g !== 'object' || g.key === null || typeof g.key !== 'object') {
      throw new TypeError(`comparePeriods: groups[${i}] must be an object with a key object`);
    }
    checkCount(g.current, `groups[${i}].current`);
    let vsPrevious: Change | null = null;
    let vsLastYear: Change | null = null;
    if (g.previous !== undefined && g.previous !== null) {
      checkCount(g.previous, `groups[${i}].previous`);
      vsPrevious = compare(g.current, g.previous, lengths.current, lengths.previous, confLevel);
    }
    if (g.lastYear !== undefined && g.lastYear !== null) {
      checkCount(g.lastYear, `groups[${i}].lastYear`);
      vsLastYear = compare(g.current, g.lastYear, lengths.current, lengths.lastYear, confLevel);
    }
    return { key: g.key, current: g.current, vsPrevious, vsLastYear };
  });
}

/**
 * The previous period: the window of the same length that ends where this one starts.
 *
 * @param {TimeWindow} w the current window
 * @returns {TimeWindow} [start − (end − start), start)
 * @example
 * previousWindow({ start: Date.UTC(2026, 0, 8), end: Date.UTC(2026, 0, 15) }); // the week before
 */
export function previousWindow(w: TimeWindow): TimeWindow {
  checkWindow(w, 'previousWindow');
  return { start: w.start - (w.end - w.start), end: w.start };
}

/**
 * The same window one calendar year earlier, shifting the UTC calendar date and keeping the UTC
 * time of day (29 February becomes 1 March). Compute windows in local time outside the core if
 * daylight-saving boundaries matter.
 *
 * @param {TimeWindow} w the current window
 * @returns {TimeWindow} the window a year before
 * @example
 * sameWindowLastYear({ start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) }); // March 2025
 */
export function sameWindowLastYear(w: TimeWindow): TimeWindow {
  checkWindow(w, 'sameWindowLastYear');
  const shift = (t: number) => {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  };
  return { start: shift(w.start), end: shift(w.end) };
}

function checkWindow(w: TimeWindow, fn: string): void {
  if (!w || !Number.isFinite(w.start) || !Number.isFinite(w.end) || !(w.end > w.start)) {
    throw new RangeError(`${fn}: window must have finite start < end, got [${w?.start}, ${w?.end})`);
  }
}

/** An incident as counted here: a time and the values of the grouping fields. */
export interface TimedIncident {
  /** Milliseconds since the epoch. */
  time: number;
  /** Grouping fields, e.g. { category: 'klotter', area: 'Centrum' }. */
  fields: Readonly<Record<string, string>>;
}

/**
 * Count incidents per group in the current, previous and last-year windows (half-open), producing
 * the input of {@link comparePeriods}. Groups seen in any window are listed, sorted by key; a group
 * missing from a window has count 0 there.
 *
 * @param {TimedIncident[]} incidents the incidents
 * @param {string[]} groupBy names of the fields that form a group (may be empty: one group of all)
 * @param {{ current: TimeWindow, previous?: TimeWindow, lastYear?: TimeWindow }} windows the periods;
 *   previous and lastYear default to {@link previousWindow} and {@link sameWindowLastYear} of current
 * @returns {{ groups: GroupCounts[], lengths: PeriodLengths }} counts and window lengths (ms)
 * @example
 * const { groups, lengths } = countByPeriod(incidents, ['category'], { current: { start, end } });
 * const table = comparePeriods(groups, { lengths });
 */
export function countByPeriod(
  incidents: readonly TimedIncident[],
  groupBy: readonly string[],
  windows: { current: TimeWindow; previous?: TimeWindow; lastYear?: TimeWindow },
): { groups: GroupCounts[]; lengths: PeriodLengths } {
  checkWindow(windows.current, 'countByPeriod (current)');
  const previous = windows.previous ?? previousWindow(windows.current);
  const lastYear = windows.lastYear ?? sameWindowLastYear(windows.current);
  checkWindow(previous, 'countByPeriod (previous)');
  checkWindow(lastYear, 'countByPeriod (lastYear)');
  const ws = [windows.current, previous, lastYear];
  const table = new Map<string, { key: Record<string, string>; c: [number, number, number] }>();
  incidents.forEach((inc, i) => {
    if (!inc || !Number.isFinite(inc.time)) throw new RangeError(`countByPeriod: incidents[${i}].time must be a finite number, got ${inc?.time}`);
    for (let k = 0; k < 3; k++) {
      if (inc.time < ws[k].start || inc.time >= ws[k].end) continue;
      const key: Record<string, string> = {};
      for (const f of groupBy) {
        const v = inc.fields?.[f];
        if (typeof v !== 'string') throw new TypeError(`countByPeriod: incidents[${i}].fields.${f} must be a string, got ${String(v)}`);
        key[f] = v;
      }
      const id = JSON.stringify(groupBy.map((f) => key[f]));
      let row = table.get(id);
      if (!row) table.set(id, (row = { key, c: [0, 0, 0] }));
      row.c[k]++;
    }
  });
  const ids = [...table.keys()].sort();
  return {
    groups: ids.map((id) => {
      const r = table.get(id)!;
      return { key: r.key, current: r.c[0], previous: r.c[1], lastYear: r.c[2] };
    }),
    lengths: {
      current: windows.current.end - windows.current.start,
      previous: previous.end - previous.start,
      lastYear: lastYear.end - lastYear.start,
    },
  };
}

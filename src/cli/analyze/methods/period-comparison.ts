import { comparePeriods, countByPeriod, previousWindow, sameWindowLastYear, type TimeWindow } from '../../../core/analysis/period-comparison/index.ts';
import { dateColumn, requireRows, stringColumn, InputError } from '../../../io/analysis-input/index.ts';
import { columnOption, numberOption, parse } from '../options.ts';
import type { CsvTable, MethodSpec } from '../types.ts';

interface Opts {
  date: string; start: number; end: number; groupBy?: string;
  previousStart?: number; previousEnd?: number; lastYearStart?: number; lastYearEnd?: number; confLevel: number;
}

const iso = (t: number) => new Date(t).toISOString();
const windowJson = (w: TimeWindow) => ({ start: iso(w.start), end: iso(w.end), days: (w.end - w.start) / 86_400_000 });

function window(start: number | undefined, end: number | undefined, name: string): TimeWindow | undefined {
  if (start === undefined && end === undefined) return undefined;
  if (start === undefined || end === undefined) throw new InputError(`--${name}-start and --${name}-end go together`);
  if (!(end > start)) throw new InputError(`--${name}-end must be after --${name}-start`);
  return { start, end };
}

export const periodComparisonMethod: MethodSpec<Opts> = {
  name: 'period-comparison',
  summary: 'incidents in a period against the previous period and the same period last year, per group, with an exact Poisson rate test',
  options(cmd) {
    cmd.addOption(columnOption('--date', 'the incident date', 'date'))
      .addOption(numberOption('--start <date>', 'first day of the current period', parse.date).makeOptionMandatory())
      .addOption(numberOption('--end <date>', 'end of the current period, exclusive (the day after its last day)', parse.date).makeOptionMandatory())
      .option('--group-by <columns>', 'comma-separated columns that form groups (default: one group of all rows)')
      .addOption(numberOption('--previous-start <date>', 'previous period (default: the same length just before)', parse.date))
      .addOption(numberOption('--previous-end <date>', 'end of the previous period, exclusive', parse.date))
      .addOption(numberOption('--last-year-start <date>', 'comparison year-ago period (default: the current one a calendar year earlier)', parse.date))
      .addOption(numberOption('--last-year-end <date>', 'end of the year-ago period, exclusive', parse.date))
      .addOption(numberOption('--conf-level <level>', 'confidence level of the rate-ratio interval', parse.probability, 0.95));
  },
  help: 'Periods are half-open [start, end). Rates are compared per day, so periods of unequal length compare fairly.\n\nExample:\n  lagesbild analyze period-comparison --input ../shared/data/analysis-reference/chicago_burglary_month1.csv --no-header --date 3 --start 2016-01-15 --end 2016-01-29',
  run(table, o) {
    requireRows(table, 1, 'period comparison');
    if (!(o.end > o.start)) throw new InputError('--end must be after --start');
    const time = dateColumn(table, o.date, { option: '--date' });
    const fields = (o.groupBy ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const columns = fields.map((f) => stringColumn(table, f, { option: '--group-by' }));
    const incidents = Array.from(time, (t, i) => ({ time: t, fields: Object.fromEntries(fields.map((f, k) => [f, columns[k][i]])) }));
    const current = { start: o.start, end: o.end };
    const previous = window(o.previousStart, o.previousEnd, 'previous');
    const lastYear = window(o.lastYearStart, o.lastYearEnd, 'last-year');
    const { groups, lengths } = countByPeriod(incidents, fields, { current, previous, lastYear });
    const res = comparePeriods(groups, { lengths, confLevel: o.confLevel });
    return {
      method: 'period-comparison',
      n: table.rows.length,
      periods: {
        current: windowJson(current),
        previous: windowJson(previous ?? previousWindow(current)),
        lastYear: windowJson(lastYear ?? sameWindowLastYear(current)),
      },
      confLevel: o.confLevel,
      groups: res,
    };
  },
  csv(r) {
    const keys = r.groups.length ? Object.keys(r.groups[0].key) : [];
    const t: CsvTable = { header: [...keys, 'current', 'previous', 'changePrevious', 'percentChangePrevious', 'rateRatioPrevious', 'pPrevious',
      'lastYear', 'changeLastYear', 'percentChangeLastYear', 'rateRatioLastYear', 'pLastYear'], rows: [] };
    for (const g of r.groups) {
      const p = g.vsPrevious, l = g.vsLastYear;
      t.rows.push([...keys.map((k) => g.key[k]), g.current, p?.base, p?.change, p?.percentChange, p?.rateRatio, p?.pValue,
        l?.base, l?.change, l?.percentChange, l?.rateRatio, l?.pValue]);
    }
    return t;
  },
};


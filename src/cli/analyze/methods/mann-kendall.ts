import { mannKendall } from '../../../core/analysis/mann-kendall/index.ts';
import { numberColumn, requireRows } from '../../../io/analysis-input/index.ts';
import { columnOption, numberOption, parse } from '../options.ts';
import { scalarRow } from '../output.ts';
import type { MethodSpec } from '../types.ts';

interface Opts { column: string; alpha: number }

export const mannKendallMethod: MethodSpec<Opts> = {
  name: 'mann-kendall',
  summary: 'Mann–Kendall trend test and Sen’s slope of one series (rows in time order; empty/NA/NaN = missing)',
  options(cmd) {
    cmd.addOption(columnOption('--column', 'the series', '1', 'the first column'))
      .addOption(numberOption('--alpha <level>', 'two-sided significance level behind "trend"', parse.probability, 0.05));
  },
  help: 'Example:\n  lagesbild analyze mann-kendall --input ../shared/data/analysis-reference/mann_kendall_series.csv --column value',
  run(table, o) {
    requireRows(table, 3, 'Mann–Kendall');
    const values = numberColumn(table, o.column, { allowMissing: true, option: '--column' });
    const r = mannKendall(values, { alpha: o.alpha });
    return { method: 'mann-kendall', n: r.n, missing: values.length - r.n, s: r.s, varS: r.varS, z: r.z, p: r.p, tau: r.tau,
      senSlope: r.senSlope, intercept: r.intercept, trend: r.trend, h: r.h, alpha: o.alpha };
  },
  csv: (r) => scalarRow(r),
};

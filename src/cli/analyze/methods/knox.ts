import { knox } from '../../../core/analysis/knox/index.ts';
import { requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, addTimeOptions, readSpaceTime, type PointOpts, type TimeOpts } from '../columns.ts';
import { numberOption, parse } from '../options.ts';
import { Option } from 'commander';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts, TimeOpts {
  distance: number; days: number; metric: 'euclidean' | 'manhattan'; permutations: number; seed: number;
}

export const knoxMethod: MethodSpec<Opts> = {
  name: 'knox',
  summary: 'Knox test of space–time interaction: pairs close in space (≤ distance) and in time (≤ days), Poisson and Monte Carlo p',
  options(cmd) {
    addPointOptions(cmd);
    addTimeOptions(cmd);
    cmd.addOption(numberOption('--distance <d>', 'close in space: distance ≤ d (unit of x, y)', parse.nonNegative).makeOptionMandatory())
      .addOption(numberOption('--days <n>', 'close in time: |Δt| ≤ n days', parse.nonNegative).makeOptionMandatory())
      .addOption(new Option('--metric <metric>', 'distance between incidents').choices(['euclidean', 'manhattan']).default('euclidean'))
      .addOption(numberOption('--permutations <n>', 'Monte Carlo permutations of the dates (0 = Poisson p only)', parse.integer, 0))
      .addOption(numberOption('--seed <n>', 'seed of the permutations', parse.integer, 1));
  },
  help: 'Example (burkitt.csv, the PySAL test vector):\n  lagesbild analyze knox --input ../shared/data/analysis-reference/burkitt.csv --time T --distance 20 --days 5',
  run(table, o) {
    requireRows(table, 2, 'the Knox test');
    const pts = readSpaceTime(table, o);
    const r = knox(pts, { spaceThreshold: o.distance, timeThreshold: o.days, metric: o.metric, permutations: o.permutations, seed: o.seed });
    return {
      method: 'knox', n: table.rows.length, distance: o.distance, days: o.days, metric: o.metric,
      permutations: o.permutations, seed: o.seed, ...r,
    };
  },
  csv(r) {
    const label = ['close', 'far'];
    const rows = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) rows.push([label[i], label[j], r.observed[i][j], r.expected[i][j]]);
    return { header: ['space', 'time', 'observed', 'expected'], rows };
  },
};

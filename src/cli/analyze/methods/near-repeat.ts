import { Option } from 'commander';
import { nearRepeatParallel } from '../../../node/analysis/near-repeat-parallel.ts';
import { requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, addTimeOptions, readSpaceTime, type PointOpts, type TimeOpts } from '../columns.ts';
import { numberOption, parse } from '../options.ts';
import { matrixLong } from '../output.ts';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts, TimeOpts {
  spatialBandwidth: number; spatialBands: number; temporalBandwidth: number; temporalBands: number;
  iterations: number; seed: number; metric: 'manhattan' | 'euclidean'; workers?: number; float32Coordinates?: boolean;
}

export const nearRepeatMethod: MethodSpec<Opts> = {
  name: 'near-repeat',
  summary: 'near-repeat analysis (Ratcliffe’s Near Repeat Calculator, R NearRepeat): Knox ratios and Monte Carlo p per distance × time band',
  options(cmd) {
    addPointOptions(cmd);
    addTimeOptions(cmd);
    cmd.addOption(numberOption('--spatial-bandwidth <m>', 'width of each distance band (unit of x, y)', parse.positive).makeOptionMandatory())
      .addOption(numberOption('--spatial-bands <k>', 'number of distance bands after "Same location" (1–250)', parse.count).makeOptionMandatory())
      .addOption(numberOption('--temporal-bandwidth <days>', 'width of each time band in days', parse.positive).makeOptionMandatory())
      .addOption(numberOption('--temporal-bands <k>', 'number of time bands (1–250)', parse.count).makeOptionMandatory())
      .addOption(numberOption('--iterations <n>', 'Monte Carlo permutations of the dates', parse.count, 99))
      .addOption(numberOption('--seed <n>', 'seed of the permutations (same seed → same result, any number of workers)', parse.integer, 1))
      .addOption(new Option('--metric <metric>', 'distance between incidents').choices(['manhattan', 'euclidean']).default('manhattan'))
      .addOption(numberOption('--workers <n>', 'worker threads for the iterations (default: one per core)', parse.count))
      .option('--float32-coordinates', 'round coordinates to 32-bit floats as the Near Repeat Calculator 1.3 does');
  },
  help: 'Dates are whole days (the calendar day of a date-time, UTC); bins are half-open, and the calculator\'s\nlabel "0 to 1" means Δt = 0. knoxRatio is null where nothing was expected (0/0).\n\nExample (Chicago arson, as in the NearRepeat package):\n  lagesbild analyze near-repeat --input ../shared/data/analysis-reference/chicago_arson.csv --no-header --x 1 --y 2 --date 3 \\\n    --spatial-bandwidth 200 --spatial-bands 3 --temporal-bandwidth 1 --temporal-bands 3 --iterations 99 --seed 1',
  async run(table, o) {
    requireRows(table, 2, 'near-repeat analysis');
    const pts = readSpaceTime(table, o, true);
    const r = await nearRepeatParallel(pts, {
      spatialBandwidth: o.spatialBandwidth, spatialBands: o.spatialBands, temporalBandwidth: o.temporalBandwidth,
      temporalBands: o.temporalBands, iterations: o.iterations, seed: o.seed, metric: o.metric,
      float32Coordinates: !!o.float32Coordinates,
    }, { workers: o.workers });
    return {
      method: 'near-repeat', n: table.rows.length, pairs: r.pairs, metric: o.metric,
      spatialBandwidth: o.spatialBandwidth, spatialBands: o.spatialBands, temporalBandwidth: o.temporalBandwidth,
      temporalBands: o.temporalBands, iterations: r.iterations, seed: o.seed,
      rows: r.rows, cols: r.cols, observed: r.observed, expected: r.expected, knoxRatio: r.knoxRatio, p: r.p,
    };
  },
  csv: (r) => matrixLong(r.rows, r.cols, { observed: r.observed, expected: r.expected, knoxRatio: r.knoxRatio, p: r.p }, ['distance', 'time']),
};

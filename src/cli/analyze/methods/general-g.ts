import { Option } from 'commander';
import { generalGPoints } from '../../../core/analysis/general-g/index.ts';
import { numberColumn, requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, type PointOpts } from '../columns.ts';
import { columnOption, numberOption, parse } from '../options.ts';
import { scalarRow } from '../output.ts';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts { value: string; distance: number; weights: 'binary' | 'inverse-distance'; power: number }

export const generalGMethod: MethodSpec<Opts> = {
  name: 'general-g',
  summary: 'Getis-Ord General G: are high values clustered over the whole area? (spdep::globalG.test)',
  options(cmd) {
    addPointOptions(cmd);
    cmd.addOption(columnOption('--value', 'the value (≥ 0) at each point', 'value'))
      .addOption(numberOption('--distance <d>', 'distance band: neighbours have d ≤ this (self excluded)', parse.positive).makeOptionMandatory())
      .addOption(new Option('--weights <kind>', 'weights within the band').choices(['binary', 'inverse-distance']).default('binary'))
      .addOption(numberOption('--power <k>', 'exponent of inverse-distance weights', parse.positive, 1));
  },
  help: 'pGreater is the one-sided p of "high values cluster" (spdep\'s default); p is two-sided.\n\nExample:\n  lagesbild analyze general-g --input ../shared/data/analysis-reference/getisord_grid_16x16.csv --value val --distance 30',
  run(table, o) {
    requireRows(table, 4, 'General G');
    const { x, y } = readPoints(table, o);
    const value = numberColumn(table, o.value, { option: '--value', check: (v) => (v < 0 ? 'is negative (General G needs values ≥ 0)' : null) });
    const r = generalGPoints(x, y, value, { distance: o.distance, weights: o.weights, power: o.power });
    return { method: 'general-g', n: table.rows.length, distance: o.distance, weights: o.weights, ...r };
  },
  csv: (r) => scalarRow(r),
};

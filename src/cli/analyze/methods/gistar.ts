import { Option } from 'commander';
import { gistarPoints } from '../../../core/analysis/gistar/index.ts';
import { benjaminiHochberg, confidenceBins } from '../../../core/analysis/fdr/index.ts';
import { numberColumn, requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, type PointOpts } from '../columns.ts';
import { columnOption, numberOption, parse } from '../options.ts';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts {
  value: string; distance: number; excludeSelf?: boolean; weights: 'binary' | 'inverse-distance'; power: number; fdr?: boolean;
}

export const gistarMethod: MethodSpec<Opts> = {
  name: 'gistar',
  summary: 'Getis-Ord Gi* (or Gi with --exclude-self) of a value at points or cell centres, distance-band weights, ArcGIS bins',
  options(cmd) {
    addPointOptions(cmd);
    cmd.addOption(columnOption('--value', 'the value at each point (e.g. a count per cell)', 'value'))
      .addOption(numberOption('--distance <d>', 'distance band: neighbours have d ≤ this (unit of x, y)', parse.positive).makeOptionMandatory())
      .option('--exclude-self', 'Gi: leave each location out of its own neighbourhood (default: Gi*, self included)')
      .addOption(new Option('--weights <kind>', 'weights within the band').choices(['binary', 'inverse-distance']).default('binary'))
      .addOption(numberOption('--power <k>', 'exponent of inverse-distance weights, w = d^-k', parse.positive, 1))
      .option('--fdr', 'bins by the Benjamini–Hochberg false discovery rate over all cells (adds "q", the BH-adjusted p)');
  },
  help: 'Bins: ±3/±2/±1 for hot/cold spots at 99/95/90 % confidence, 0 otherwise; p is two-sided.\n\nExample (spData getisord grid, 30 m cells):\n  lagesbild analyze gistar --input ../shared/data/analysis-reference/getisord_grid_16x16.csv --value val --distance 45 --fdr',
  run(table, o) {
    const star = !o.excludeSelf;
    requireRows(table, star ? 2 : 3, star ? 'Gi*' : 'Gi');
    const { x, y } = readPoints(table, o);
    const value = numberColumn(table, o.value, { option: '--value' });
    const { z, p } = gistarPoints(x, y, value, { distance: o.distance, star, weights: o.weights, power: o.power });
    const bin = confidenceBins(z, p, { fdr: !!o.fdr });
    const q = o.fdr ? benjaminiHochberg(p) : null;
    const cells = Array.from(z, (zi, i) => {
      const c: Record<string, number> = { x: x[i], y: y[i], value: value[i], z: zi, p: p[i] };
      if (q) c.q = q[i];
      c.bin = bin[i];
      return c;
    });
    const count = (b: (v: number) => boolean) => bin.reduce((k, v) => k + (b(v) ? 1 : 0), 0);
    return {
      method: 'gistar', statistic: star ? 'Gi*' : 'Gi', n: cells.length, distance: o.distance, weights: o.weights,
      ...(o.weights === 'inverse-distance' ? { power: o.power } : {}), fdr: !!o.fdr,
      hot: count((v) => v > 0), cold: count((v) => v < 0), cells,
    };
  },
  csv(r) {
    const header = r.fdr ? ['x', 'y', 'value', 'z', 'p', 'q', 'bin'] : ['x', 'y', 'value', 'z', 'p', 'bin'];
    return { header, rows: r.cells.map((c: Record<string, number>) => header.map((h) => c[h])) };
  },
};

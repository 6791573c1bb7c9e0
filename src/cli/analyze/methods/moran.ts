import { Option } from 'commander';
import { moranGlobal, localMoran } from '../../../core/analysis/moran/index.ts';
import { distanceBandWeights } from '../../../core/analysis/neighbours/index.ts';
import { numberColumn, requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, type PointOpts } from '../columns.ts';
import { columnOption, numberOption, parse } from '../options.ts';
import { scalarRow } from '../output.ts';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts {
  value: string; distance: number; weights: 'binary' | 'inverse-distance'; power: number; style: 'row' | 'raw';
  local?: boolean; permutations: number; seed: number;
}

const QUADRANTS = ['', 'HH', 'LH', 'LL', 'HL'];

export const moranMethod: MethodSpec<Opts> = {
  name: 'moran',
  summary: 'Moran’s I (global, normality and randomisation z) and with --local the local Moran’s I per location (LISA quadrants)',
  options(cmd) {
    addPointOptions(cmd);
    cmd.addOption(columnOption('--value', 'the value at each point', 'value'))
      .addOption(numberOption('--distance <d>', 'distance band: neighbours have d ≤ this (self excluded)', parse.positive).makeOptionMandatory())
      .addOption(new Option('--weights <kind>', 'weights within the band').choices(['binary', 'inverse-distance']).default('binary'))
      .addOption(numberOption('--power <k>', 'exponent of inverse-distance weights', parse.positive, 1))
      .addOption(new Option('--style <style>', 'row: every row of weights sums to 1 (spdep "W"); raw: as they are ("B")').choices(['row', 'raw']).default('row'))
      .option('--local', 'also local Moran’s I, z, p and quadrant for every location, in input order')
      .addOption(numberOption('--permutations <n>', 'with --local: conditional permutations for pseudo p-values (0 = none)', parse.integer, 0))
      .addOption(numberOption('--seed <n>', 'seed of the permutations', parse.integer, 1));
  },
  help: 'Example:\n  lagesbild analyze moran --input ../shared/data/analysis-reference/getisord_grid_16x16.csv --value val --distance 30',
  run(table, o) {
    requireRows(table, 4, 'Moran’s I');
    const { x, y } = readPoints(table, o);
    const value = numberColumn(table, o.value, { option: '--value' });
    const w = distanceBandWeights(x, y, { distance: o.distance, weights: o.weights, power: o.power, style: o.style });
    const g = moranGlobal(value, w);
    const out: Record<string, unknown> = { method: 'moran', n: table.rows.length, distance: o.distance, weights: o.weights, style: o.style, ...g };
    if (o.local) {
      const l = localMoran(value, w, { permutations: o.permutations, seed: o.seed });
      out.permutations = o.permutations;
      out.locations = Array.from(l.I, (Ii, i) => {
        const c: Record<string, unknown> = { x: x[i], y: y[i], value: value[i], I: Ii, expected: l.expected[i], variance: l.variance[i], z: l.z[i], p: l.p[i] };
        if (l.pSim) c.pSim = l.pSim[i];
        c.quadrant = QUADRANTS[l.quadrant[i]] ?? null;
        return c;
      });
    }
    return out as { method: string };
  },
  csv(r: any) {
    if (!r.locations) return scalarRow(r);
    const header = Object.keys(r.locations[0] ?? {});
    return { header, rows: r.locations.map((c: any) => header.map((h) => c[h])) };
  },
};

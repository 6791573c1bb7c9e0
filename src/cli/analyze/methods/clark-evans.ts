import { InvalidArgumentError } from 'commander';
import { clarkEvans } from '../../../core/analysis/clark-evans/index.ts';
import { requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, type PointOpts } from '../columns.ts';
import { numberOption } from '../options.ts';
import { scalarRow } from '../output.ts';
import { Option } from 'commander';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts { area: 'hull' | 'bbox' | number; se: 'rounded' | 'exact' }

function area(v: string): 'hull' | 'bbox' | number {
  if (v === 'hull' || v === 'bbox') return v;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || !(x > 0)) throw new InvalidArgumentError('hull, bbox or an area greater than 0 is needed.');
  return x;
}

export const clarkEvansMethod: MethodSpec<Opts> = {
  name: 'clark-evans',
  summary: 'Clark–Evans nearest-neighbour ratio R (< 1 clustered, > 1 dispersed) with z and two-sided p',
  options(cmd) {
    addPointOptions(cmd);
    cmd.addOption(numberOption('--area <hull|bbox|m2>', 'study area: convex hull, bounding rectangle, or a known area', area, 'hull'))
      .addOption(new Option('--se <constant>', 'standard-error constant: 0.26136 (Clark & Evans, ArcGIS) or exact (spatstat)').choices(['rounded', 'exact']).default('rounded'));
  },
  help: 'Example:\n  lagesbild analyze clark-evans --input ../shared/data/analysis-reference/chicago_burglary_month1.csv --no-header --x 1 --y 2 --area hull',
  run(table, o) {
    requireRows(table, 2, 'Clark–Evans');
    const r = clarkEvans(readPoints(table, o), { area: o.area, se: o.se });
    return { method: 'clark-evans', ...r, se: o.se };
  },
  csv: (r) => scalarRow(r),
};

import { gini, concentration } from '../../../core/analysis/gini/index.ts';
import { numberColumn, requireRows, InputError } from '../../../io/analysis-input/index.ts';
import { columnOption, numberOption, parse } from '../options.ts';
import type { MethodSpec } from '../types.ts';

interface Opts { column: string; generalized?: boolean; places?: number; shares: number[] }

export const giniMethod: MethodSpec<Opts> = {
  name: 'gini',
  summary: 'concentration of incidents over places: Gini (standard, unbiased, generalized) and the share of places that hold half of the incidents',
  options(cmd) {
    cmd.addOption(columnOption('--column', 'the count per place (one row per place, zeros included)', '1', 'the first column'))
      .option('--generalized', 'report the generalized Gini (Bernasco & Steenbeek 2017, for more places than incidents) as "gini"')
      .addOption(numberOption('--places <n>', 'total number of places, when places without incidents are not listed (they count 0)', parse.count))
      .addOption(numberOption('--shares <list>', 'shares of incidents for "how many places hold them"', parse.shares, [0.5, 0.8]).default([0.5, 0.8], '0.5,0.8'));
  },
  help: 'Example (the lorenzgini vignette counts 10,8,2 and seven zeros):\n  printf "count\\n10\\n8\\n2\\n0\\n0\\n0\\n0\\n0\\n0\\n0\\n" | lagesbild analyze gini --input - --column count --generalized',
  run(table, o) {
    requireRows(table, 1, 'Gini');
    const listed = numberColumn(table, o.column, { option: '--column', check: (x) => (x < 0 ? 'is negative (counts are ≥ 0)' : null) });
    let counts: Float64Array = listed;
    if (o.places !== undefined) {
      if (o.places < listed.length) throw new InputError(`--places ${o.places} is fewer than the ${listed.length} places listed in ${table.source}`);
      counts = new Float64Array(o.places);
      counts.set(listed);
    }
    const g = gini(counts);
    const c = concentration(counts, o.shares);
    return {
      method: 'gini',
      variant: o.generalized ? 'generalized' : 'standard',
      gini: o.generalized ? g.generalized : g.standard,
      places: g.places, total: g.total, standard: g.standard, unbiased: g.unbiased, generalized: g.generalized, reason: g.reason,
      shares: c.shares,
    };
  },
  csv(r) {
    const header = ['method', 'variant', 'gini', 'places', 'total', 'standard', 'unbiased', 'generalized', 'reason'];
    const row = header.map((k) => r[k]);
    for (const s of r.shares ?? []) {
      header.push(`placesFor${s.share}`, `fractionFor${s.share}`);
      row.push(s.places, s.fraction);
    }
    return { header, rows: [row] };
  },
};

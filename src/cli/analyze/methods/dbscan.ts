import { dbscan } from '../../../core/analysis/dbscan/index.ts';
import { requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, type PointOpts } from '../columns.ts';
import { numberOption, parse } from '../options.ts';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts { eps: number; minPts: number }

export const dbscanMethod: MethodSpec<Opts> = {
  name: 'dbscan',
  summary: 'DBSCAN density clusters of points (labels as scikit-learn: 0, 1, … and −1 for noise)',
  options(cmd) {
    addPointOptions(cmd);
    cmd.addOption(numberOption('--eps <d>', 'neighbourhood radius (unit of x, y)', parse.positive).makeOptionMandatory())
      .addOption(numberOption('--min-pts <n>', 'points within eps, itself included, that make a core point', parse.count).makeOptionMandatory());
  },
  help: 'JSON: labels and core flags in input order; CSV: index (1-based data row), cluster, core.\n\nExample:\n  lagesbild analyze dbscan --input ../shared/data/analysis-reference/burkitt.csv --eps 10.5 --min-pts 3',
  run(table, o) {
    requireRows(table, 1, 'DBSCAN');
    const pts = readPoints(table, o);
    const r = dbscan(pts, { eps: o.eps, minPts: o.minPts });
    const summary = Array.from({ length: r.clusters }, (_, k) => ({ cluster: k, size: 0, core: 0, x: 0, y: 0 }));
    r.labels.forEach((l, i) => {
      if (l < 0) return;
      const s = summary[l];
      s.size++; s.core += r.core[i]; s.x += pts.x[i]; s.y += pts.y[i];
    });
    for (const s of summary) { s.x /= s.size; s.y /= s.size; }
    return {
      method: 'dbscan', n: table.rows.length, eps: o.eps, minPts: o.minPts, clusters: r.clusters, noise: r.noise,
      summary, labels: r.labels, core: Array.from(r.core, (c) => c === 1),
    };
  },
  csv: (r) => ({
    header: ['index', 'cluster', 'core'],
    rows: Array.from(r.labels as Int32Array, (l, i) => [i + 1, l, r.core[i]]),
  }),
};

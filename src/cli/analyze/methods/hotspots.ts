import { Option } from 'commander';
import { hotspots } from '../../../core/analysis/hotspots/index.ts';
import { numberColumn, requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, type PointOpts } from '../columns.ts';
import { addGridOptions, cellJson, gridJson, type GridOpts } from '../grid-options.ts';
import { numberOption, parse } from '../options.ts';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts, GridOpts { distance: number; fdr: boolean; weights: 'binary' | 'inverse-distance'; significant?: boolean }

export const hotspotsMethod: MethodSpec<Opts> = {
  name: 'hotspots',
  summary: 'hot spot analysis in one step: points → counts per grid cell → Gi* → bins with FDR control (ArcGIS style)',
  options(cmd) {
    addPointOptions(cmd);
    addGridOptions(cmd);
    cmd.addOption(numberOption('--distance <d>', 'Gi* distance band, ≥ cell size (unit of x, y)', parse.positive).makeOptionMandatory())
      .addOption(new Option('--weights <kind>', 'Gi* weights within the band').choices(['binary', 'inverse-distance']).default('binary'))
      .option('--no-fdr', 'bins from the raw p-values, without false discovery rate control')
      .option('--significant', 'list only the cells with a non-zero bin (default: every cell of the study area)');
  },
  help: 'Every cell of the study area (the points’ bounds or --extent, snapped to whole cells) is a location; empty cells count 0.\n\nExample:\n  lagesbild analyze hotspots --input ../shared/data/analysis-reference/chicago_burglary_month1.csv --no-header --x 1 --y 2 --cell-size 500 --distance 1000 --significant',
  run(table, o) {
    requireRows(table, 1, 'hot spot analysis');
    const { x, y } = readPoints(table, o);
    const weights = o.weight !== undefined ? numberColumn(table, o.weight, { option: '--weight' }) : undefined;
    const r = hotspots(x, y, {
      cellSize: o.cellSize, distance: o.distance, fdr: o.fdr, extent: o.extent, alignX: o.align[0], alignY: o.align[1],
      weights, neighbourWeights: o.weights,
    });
    const cells = [];
    let hot = 0, cold = 0;
    for (let i = 0; i < r.bin.length; i++) {
      if (r.bin[i] > 0) hot++; else if (r.bin[i] < 0) cold++;
      if (o.significant && r.bin[i] === 0) continue;
      cells.push({ ...cellJson(r.grid, i), count: r.counts[i], z: r.z[i], p: r.p[i], bin: r.bin[i] });
    }
    const outside = r.grid.cellOf ? r.grid.cellOf.reduce((k, c) => k + (c < 0 ? 1 : 0), 0) : 0;
    return {
      method: 'hotspots', n: table.rows.length, outside, cellSize: o.cellSize, distance: o.distance, weights: o.weights, fdr: o.fdr,
      grid: gridJson(r.grid), cellsInStudyArea: r.bin.length, hot, cold, cells,
    };
  },
  csv: (r) => ({
    header: ['id', 'col', 'row', 'x', 'y', 'count', 'z', 'p', 'bin'],
    rows: r.cells.map((c: any) => [c.id, c.col, c.row, c.x, c.y, c.count, c.z, c.p, c.bin]),
  }),
};

import { binGrid } from '../../../core/analysis/grid/index.ts';
import { numberColumn, requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, type PointOpts } from '../columns.ts';
import { addGridOptions, cellJson, gridJson, type GridOpts } from '../grid-options.ts';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts, GridOpts { empty?: boolean }

export const gridMethod: MethodSpec<Opts> = {
  name: 'grid',
  summary: 'count points per square grid cell (stable cell ids); the CSV feeds gistar --value count',
  options(cmd) {
    addPointOptions(cmd);
    addGridOptions(cmd);
    cmd.option('--empty', 'list the empty cells too (default: only cells with points)');
  },
  help: 'Cells are aligned to --align (default 0,0), so ids ("cellSize:col:row") are the same between runs.\n\nExample:\n  lagesbild analyze grid --input ../shared/data/analysis-reference/chicago_arson.csv --no-header --x 1 --y 2 --cell-size 1000 --format csv',
  run(table, o) {
    requireRows(table, 1, 'a grid');
    const { x, y } = readPoints(table, o);
    const weights = o.weight !== undefined ? numberColumn(table, o.weight, { option: '--weight' }) : undefined;
    const g = binGrid(x, y, { cellSize: o.cellSize, extent: o.extent, alignX: o.align[0], alignY: o.align[1], weights });
    const cells = [];
    for (let i = 0; i < g.counts.length; i++) if (o.empty || g.counts[i] !== 0) cells.push({ ...cellJson(g, i), count: g.counts[i] });
    const outside = g.cellOf ? g.cellOf.reduce((k, c) => k + (c < 0 ? 1 : 0), 0) : 0;
    return { method: 'grid', n: table.rows.length, outside, grid: gridJson(g), cells };
  },
  csv: (r) => ({ header: ['id', 'col', 'row', 'x', 'y', 'count'], rows: r.cells.map((c: any) => [c.id, c.col, c.row, c.x, c.y, c.count]) }),
};

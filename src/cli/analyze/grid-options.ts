/** Options of the methods that count points on a square grid (grid, hotspots, emerging-hotspots). */
import type { Command } from 'commander';
import type { Extent, Grid } from '../../core/analysis/grid/index.ts';
import { cellCenter, cellId } from '../../core/analysis/grid/index.ts';
import { columnOption, numberOption, parse } from './options.ts';

export interface GridOpts {
  cellSize: number;
  extent?: Extent;
  align: [number, number];
  weight?: string;
}

export function addGridOptions(cmd: Command): void {
  cmd.addOption(numberOption('--cell-size <m>', 'side of a square grid cell (unit of x, y)', parse.positive).makeOptionMandatory())
    .addOption(numberOption('--extent <minX,minY,maxX,maxY>', 'study area, snapped outward to whole cells (default: the points’ bounds); points outside are dropped', parse.extent))
    .addOption(numberOption('--align <x,y>', 'grid alignment origin: cell edges fall on x + k·cell-size', parse.pair, [0, 0]).default([0, 0], '0,0'))
    .addOption(columnOption('--weight', 'a weight per point, summed per cell (default: each point counts 1)'));
}

/** The grid's geometry, for the JSON output. */
export function gridJson(g: Grid) {
  return { originX: g.originX, originY: g.originY, cellSize: g.cellSize, cols: g.cols, rows: g.rows, col0: g.col0, row0: g.row0 };
}

/** id, col, row and centre of cell i. */
export function cellJson(g: Grid, i: number) {
  const c = i % g.cols, r = (i - c) / g.cols;
  const [x, y] = cellCenter(g, i);
  return { id: cellId(g, i), col: c, row: r, x, y };
}

import { Option } from 'commander';
import { predictionAccuracy, topCells } from '../../../core/analysis/pai/index.ts';
import { binGrid } from '../../../core/analysis/grid/index.ts';
import { gistarGrid } from '../../../core/analysis/gistar/index.ts';
import { confidenceBins } from '../../../core/analysis/fdr/index.ts';
import { requireRows, InputError, MS_PER_DAY } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, readDays, type PointOpts } from '../columns.ts';
import { columnOption, numberOption, parse } from '../options.ts';
import { gridJson } from '../grid-options.ts';
import type { Extent } from '../../../core/analysis/grid/index.ts';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts {
  date: string; split: number; currentStart?: number; nextEnd?: number; cellSize: number; extent?: Extent; align: [number, number];
  select: 'top' | 'gistar'; top: number; distance?: number; minBin: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const paiMethod: MethodSpec<Opts> = {
  name: 'pai',
  summary: 'how much of the next period’s crime did this period’s hotspot cells catch: PAI, PEI and RRI',
  options(cmd) {
    addPointOptions(cmd);
    cmd.addOption(columnOption('--date', 'the incident date', 'date'))
      .addOption(numberOption('--split <date>', 'first day of the next (evaluated) period; earlier incidents form the current period', parse.date).makeOptionMandatory())
      .addOption(numberOption('--current-start <date>', 'first day of the current period (default: the earliest incident)', parse.date))
      .addOption(numberOption('--next-end <date>', 'end of the next period, exclusive (default: after the latest incident)', parse.date))
      .addOption(numberOption('--cell-size <m>', 'side of a grid cell (unit of x, y)', parse.positive).makeOptionMandatory())
      .addOption(numberOption('--extent <minX,minY,maxX,maxY>', 'study area (default: the bounds of all incidents), snapped outward to whole cells', parse.extent))
      .addOption(numberOption('--align <x,y>', 'grid alignment origin', parse.pair, [0, 0]).default([0, 0], '0,0'))
      .addOption(new Option('--select <how>', 'hotspot cells: the top share of cells by current count, or Gi* hot spots of the current counts').choices(['top', 'gistar']).default('top'))
      .addOption(numberOption('--top <share>', 'with --select top: share of the study area’s cells (only cells with incidents are taken)', parse.probability, 0.05))
      .addOption(numberOption('--distance <d>', 'with --select gistar: Gi* distance band', parse.positive))
      .addOption(numberOption('--min-bin <k>', 'with --select gistar: lowest hot bin taken (1 = 90 %, 2 = 95 %, 3 = 99 %, FDR-controlled)', parse.count, 2));
  },
  help: 'PAI = (n/N)/(a/A): share of next-period incidents in the hotspot cells per share of the area.\nPEI = PAI / the best PAI of as many cells; RRI = (n₂/n₁)/(N₂/N₁).\n\nExample:\n  lagesbild analyze pai --input ../shared/data/analysis-reference/chicago_burglary_month1.csv --no-header --x 1 --y 2 --date 3 \\\n    --split 2016-01-15 --cell-size 500',
  run(table, o) {
    requireRows(table, 2, 'PAI');
    if (o.select === 'gistar' && o.distance === undefined) throw new InputError('--select gistar needs --distance');
    if (o.minBin > 3) throw new InputError(`--min-bin must be 1, 2 or 3, got ${o.minBin}`);
    const { x, y } = readPoints(table, o);
    const day = readDays(table, { date: o.date });
    const split = o.split / MS_PER_DAY;
    const from = o.currentStart !== undefined ? o.currentStart / MS_PER_DAY : -Infinity;
    const to = o.nextEnd !== undefined ? o.nextEnd / MS_PER_DAY : Infinity;
    if (!(from < split && split < to)) throw new InputError('the dates must satisfy --current-start < --split < --next-end');
    const grid = binGrid(x, y, { cellSize: o.cellSize, extent: o.extent, alignX: o.align[0], alignY: o.align[1] });
    const cells = grid.cols * grid.rows;
    const current = new Float64Array(cells), next = new Float64Array(cells);
    let nCurrent = 0, nNext = 0, ignored = 0;
    for (let i = 0; i < x.length; i++) {
      const k = grid.cellOf![i];
      if (k < 0 || day[i] < from || day[i] >= to) { ignored++; continue; }
      if (day[i] < split) { current[k]++; nCurrent++; } else { next[k]++; nNext++; }
    }
    if (nCurrent === 0) throw new InputError(`${table.source}: no incidents before --split ${iso(o.split).slice(0, 10)} (the current period is empty)`);
    let hotspot: Uint8Array;
    if (o.select === 'top') {
      const occupied = current.reduce((s, v) => s + (v > 0 ? 1 : 0), 0);
      hotspot = topCells(current, Math.min(occupied, Math.max(1, Math.round(o.top * cells))));
    } else {
      const { z, p } = gistarGrid({ cols: grid.cols, rows: grid.rows, cellSize: o.cellSize, values: current }, { distance: o.distance! });
      const bin = confidenceBins(z, p, { fdr: true });
      hotspot = Uint8Array.from(bin, (b) => (b >= o.minBin ? 1 : 0));
    }
    const r = predictionAccuracy({ hotspot, next, current, cellArea: o.cellSize * o.cellSize });
    const times = Array.from(day).filter((d) => d >= from && d < to);
    return {
      method: 'pai', incidents: table.rows.length, ignored,
      periods: {
        current: { start: iso((Number.isFinite(from) ? from : Math.min(...times)) * MS_PER_DAY), end: iso(o.split), incidents: nCurrent },
        next: { start: iso(o.split), end: Number.isFinite(to) ? iso(to * MS_PER_DAY) : null, incidents: nNext },
      },
      select: o.select, ...(o.select === 'top' ? { top: o.top } : { distance: o.distance, minBin: o.minBin }),
      grid: gridJson(grid), ...r, // n, N: next-period incidents in the hotspots and in the study area
    };
  },
  csv(r) {
    const header = ['method', 'select', 'cells', 'hotspotCells', 'n', 'N', 'a', 'A', 'hitRate', 'areaShare', 'pai', 'paiReason', 'nMax', 'pei', 'peiReason', 'rri', 'rriReason'];
    return { header, rows: [header.map((h) => r[h])] };
  },
};

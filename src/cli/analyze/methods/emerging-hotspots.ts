import { emergingHotspots, EMERGING_PATTERNS } from '../../../core/analysis/emerging-hotspots/index.ts';
import { cellId, cellCenter } from '../../../core/analysis/grid/index.ts';
import { requireRows, InputError, MS_PER_DAY } from '../../../io/analysis-input/index.ts';
import { addPointOptions, addTimeOptions, readSpaceTime, type PointOpts, type TimeOpts } from '../columns.ts';
import { numberOption, parse } from '../options.ts';
import type { Extent } from '../../../core/analysis/grid/index.ts';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts, TimeOpts {
  cellSize: number; distance: number; stepDays: number; start?: number; end?: number; extent?: Extent;
  timeNeighbours: number; fdr: boolean; alpha: number; trendAlpha: number; all?: boolean; series?: boolean;
}

const day = (d: number) => new Date(d * MS_PER_DAY).toISOString().slice(0, 10);

export const emergingHotspotsMethod: MethodSpec<Opts> = {
  name: 'emerging-hotspots',
  summary: 'emerging hot spots (ArcGIS): space–time cube of cells × steps, Gi* per step, Mann–Kendall trend per cell, pattern classes',
  options(cmd) {
    addPointOptions(cmd);
    addTimeOptions(cmd);
    cmd.addOption(numberOption('--cell-size <m>', 'side of a square grid cell (unit of x, y)', parse.positive).makeOptionMandatory())
      .addOption(numberOption('--distance <d>', 'Gi* distance band (unit of x, y)', parse.positive).makeOptionMandatory())
      .addOption(numberOption('--step-days <n>', 'length of a time step in days (7 = weeks)', parse.positive, 7))
      .addOption(numberOption('--start <date>', 'first day of the analysis (default: the earliest incident)', parse.date))
      .addOption(numberOption('--end <date>', 'day after the analysis, exclusive (default: the day after the latest incident); steps are aligned to it', parse.date))
      .addOption(numberOption('--extent <minX,minY,maxX,maxY>', 'study area (default: the incidents’ bounds), snapped outward to whole cells', parse.extent))
      .addOption(numberOption('--time-neighbours <k>', '0: Gi* per step on its own; k > 0: space–time Gi* over the k preceding steps too', parse.integer, 0))
      .option('--no-fdr', 'bins from the raw p-values, without false discovery rate control per step')
      .addOption(numberOption('--alpha <level>', 'significance of a Gi* bin', parse.probability, 0.05))
      .addOption(numberOption('--trend-alpha <level>', 'significance of a cell’s Mann–Kendall trend', parse.probability, 0.05))
      .option('--all', 'list every cell of the study area (default: the cells with at least one incident)')
      .option('--series', 'JSON: add each cell’s counts, z and p per step');
  },
  help: `Patterns: ${EMERGING_PATTERNS.slice(1).join(', ')}; otherwise "No Pattern Detected".\nTime steps are aligned to the end: the last step is [end − step, end). At least 3 steps are needed (ArcGIS asks for 10).\n\nExample (weeks of Chicago burglaries):\n  lagesbild analyze emerging-hotspots --input ../shared/data/analysis-reference/chicago_burglary_month1.csv --no-header --x 1 --y 2 --date 3 \\\n    --cell-size 1000 --distance 2000 --step-days 7`,
  run(table, o) {
    requireRows(table, 1, 'emerging hot spot analysis');
    const pts = readSpaceTime(table, o, true);
    if (o.start !== undefined && o.end !== undefined && !(o.end > o.start)) throw new InputError('--end must be after --start');
    const r = emergingHotspots(pts, {
      cellSize: o.cellSize, distance: o.distance, stepDays: o.stepDays, extent: o.extent,
      start: o.start !== undefined ? o.start / MS_PER_DAY : undefined, end: o.end !== undefined ? o.end / MS_PER_DAY : undefined,
      timeNeighbours: o.timeNeighbours, fdr: o.fdr, alpha: o.alpha, trendAlpha: o.trendAlpha,
    });
    const g = { ...r.grid, counts: new Float64Array(0) };
    const patterns: Record<string, number> = {};
    const cells = [];
    for (let c = 0; c < r.cells; c++) {
      patterns[r.pattern[c]] = (patterns[r.pattern[c]] ?? 0) + 1;
      if (!o.all && !r.hasData[c]) continue;
      const [x, y] = cellCenter(g, c);
      const col = c % r.grid.cols;
      let incidents = 0;
      for (let s = 0; s < r.steps; s++) incidents += r.counts[c * r.steps + s];
      const cell: Record<string, unknown> = {
        id: cellId(g, c), col, row: (c - col) / r.grid.cols, x, y, incidents,
        pattern: r.pattern[c], trendZ: r.trendZ[c], trendP: r.trendP[c],
      };
      if (o.series) {
        cell.counts = r.counts.subarray(c * r.steps, (c + 1) * r.steps);
        cell.z = r.z.subarray(c * r.steps, (c + 1) * r.steps);
        cell.p = r.p.subarray(c * r.steps, (c + 1) * r.steps);
      }
      cells.push(cell);
    }
    const last = r.stepStart[r.steps - 1] + o.stepDays;
    return {
      method: 'emerging-hotspots', n: table.rows.length, cellSize: o.cellSize, distance: o.distance, stepDays: o.stepDays,
      timeNeighbours: o.timeNeighbours, fdr: o.fdr, alpha: o.alpha, trendAlpha: o.trendAlpha,
      period: { start: day(r.stepStart[0]), end: day(last) }, steps: r.steps, stepStart: Array.from(r.stepStart, day),
      grid: { originX: r.grid.originX, originY: r.grid.originY, cellSize: r.grid.cellSize, cols: r.grid.cols, rows: r.grid.rows, col0: r.grid.col0, row0: r.grid.row0 },
      cellsInStudyArea: r.cells, patterns, cells,
    };
  },
  csv: (r) => ({
    header: ['id', 'col', 'row', 'x', 'y', 'incidents', 'pattern', 'trendZ', 'trendP'],
    rows: r.cells.map((c: any) => [c.id, c.col, c.row, c.x, c.y, c.incidents, c.pattern, c.trendZ, c.trendP]),
  }),
};

import { kde, defaultBandwidth } from '../../../core/analysis/kde/index.ts';
import { contours } from '../../../core/analysis/contours/index.ts';
import { InvalidArgumentError } from 'commander';
import { numberColumn, requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, type PointOpts } from '../columns.ts';
import { columnOption, numberOption, parse } from '../options.ts';
import type { MethodSpec } from '../types.ts';
import type { Extent } from '../../../core/analysis/grid/index.ts';

interface Opts extends PointOpts {
  cellSize: number; bandwidth?: number; weight?: string; extent?: Extent; align: [number, number]; nonzero?: boolean;
  contours?: { value: number; relative: boolean }[];
}

/** "1e-6,50%": absolute densities, or percentages of the highest density. */
function levels(v: string): { value: number; relative: boolean }[] {
  return v.split(',').map((s) => {
    const t = s.trim();
    const m = /^(\d+(?:\.\d+)?)%$/.exec(t);
    if (m) {
      const p = Number(m[1]);
      if (!(p > 0 && p <= 100)) throw new InvalidArgumentError('Percentages must be in (0, 100].');
      return { value: p / 100, relative: true };
    }
    const x = Number(t);
    if (t === '' || !(x > 0) || !Number.isFinite(x)) throw new InvalidArgumentError('Comma-separated densities > 0 or percentages of the maximum (50%) are needed.');
    return { value: x, relative: false };
  });
}

export const kdeMethod: MethodSpec<Opts> = {
  name: 'kde',
  summary: 'kernel density (quartic kernel, as ArcGIS) on a raster; default bandwidth by the ArcGIS rule',
  options(cmd) {
    addPointOptions(cmd);
    cmd.addOption(numberOption('--cell-size <m>', 'side of a raster cell (unit of x, y)', parse.positive).makeOptionMandatory())
      .addOption(numberOption('--bandwidth <r>', 'search radius r (default: 0.9·min(SD, √(1/ln 2)·Dm)·n^-0.2, the ArcGIS rule)', parse.positive))
      .addOption(columnOption('--weight', 'a weight (≥ 0) per point, e.g. incidents at an address (default 1)'))
      .addOption(numberOption('--extent <minX,minY,maxX,maxY>', 'area to cover (default: the points’ bounds grown by r), snapped outward to whole cells', parse.extent))
      .addOption(numberOption('--align <x,y>', 'a cell corner; the raster aligns to it', parse.pair, [0, 0]).default([0, 0], '0,0'))
      .addOption(numberOption('--contours <levels>', 'JSON: add filled contours (GeoJSON MultiPolygon coordinates) at these densities or percentages of the maximum, e.g. 25%,50%,75%', levels))
      .option('--nonzero', 'CSV: only cells with a density above 0');
  },
  help: 'density = (1/r²) Σ_{d_i<r} (3/π)(1 − (d_i/r)²)² per square unit at each cell centre. JSON: "values" is row-major, row 0 = south.\n\nExample:\n  lagesbild analyze kde --input ../shared/data/analysis-reference/burkitt.csv --cell-size 5',
  run(table, o) {
    requireRows(table, o.bandwidth === undefined ? 2 : 1, 'kernel density');
    const pts = readPoints(table, o);
    const weights = o.weight !== undefined ? numberColumn(table, o.weight, { option: '--weight', check: (v) => (v < 0 ? 'is negative (weights are ≥ 0)' : null) }) : undefined;
    const rule = o.bandwidth === undefined ? defaultBandwidth(pts, weights) : null;
    const r = kde(pts, { cellSize: o.cellSize, bandwidth: o.bandwidth ?? rule!.bandwidth, weights, extent: o.extent, anchor: { x: o.align[0], y: o.align[1] } });
    let max = 0;
    for (const v of r.values) if (v > max) max = v;
    const contourLevels = o.contours?.map((l) => (l.relative ? l.value * max : l.value));
    return {
      method: 'kde', n: table.rows.length, kernel: 'quartic', bandwidth: r.bandwidth,
      bandwidthRule: rule ? { rule: 'arcgis', standardDistance: rule.standardDistance, medianDistance: rule.medianDistance, n: rule.n } : 'given',
      raster: { originX: r.originX, originY: r.originY, cellSize: r.cellSize, cols: r.cols, rows: r.rows },
      max, unit: 'per square unit of x, y', values: r.values,
      ...(contourLevels ? { contours: contours(r, contourLevels) } : {}),
    };
  },
  csv(r, o) {
    const { originX, originY, cellSize, cols } = r.raster;
    const rows: number[][] = [];
    r.values.forEach((v: number, i: number) => {
      if (o.nonzero && !(v > 0)) return;
      const c = i % cols, w = (i - c) / cols;
      rows.push([c, w, originX + (c + 0.5) * cellSize, originY + (w + 0.5) * cellSize, v]);
    });
    return { header: ['col', 'row', 'x', 'y', 'density'], rows };
  },
};

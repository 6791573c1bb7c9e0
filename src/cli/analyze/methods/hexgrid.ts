import { binHex, hexCenter, hexId, hexVertices } from '../../../core/analysis/hexgrid/index.ts';
import { numberColumn, requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, type PointOpts } from '../columns.ts';
import { columnOption, numberOption, parse } from '../options.ts';
import type { MethodSpec } from '../types.ts';

interface Opts extends PointOpts { size: number; align: [number, number]; weight?: string; polygons?: boolean }

export const hexgridMethod: MethodSpec<Opts> = {
  name: 'hexgrid',
  summary: 'count points per hexagon (pointy-topped, stable axial ids); only hexagons with points are listed',
  options(cmd) {
    addPointOptions(cmd);
    cmd.addOption(numberOption('--size <r>', 'circumradius of a hexagon (centre to vertex = side), unit of x, y', parse.positive).makeOptionMandatory())
      .addOption(numberOption('--align <x,y>', 'centre of hexagon (0, 0)', parse.pair, [0, 0]).default([0, 0], '0,0'))
      .addOption(columnOption('--weight', 'a weight per point, summed per hexagon (default: each point counts 1)'))
      .option('--polygons', 'JSON: add each hexagon’s ring (7 positions, closed)');
  },
  help: 'Example:\n  lagesbild analyze hexgrid --input ../shared/data/analysis-reference/chicago_arson.csv --no-header --x 1 --y 2 --size 1000',
  run(table, o) {
    requireRows(table, 1, 'hexagonal binning');
    const { x, y } = readPoints(table, o);
    const weights = o.weight !== undefined ? numberColumn(table, o.weight, { option: '--weight' }) : undefined;
    const h = binHex(x, y, { size: o.size, alignX: o.align[0], alignY: o.align[1], weights });
    const cells = Array.from(h.counts, (count, k) => {
      const [cx, cy] = hexCenter(o.size, h.q[k], h.r[k], o.align[0], o.align[1]);
      const c: Record<string, unknown> = { id: hexId(o.size, h.q[k], h.r[k]), q: h.q[k], r: h.r[k], x: cx, y: cy, count };
      if (o.polygons) c.ring = hexVertices(o.size, h.q[k], h.r[k], o.align[0], o.align[1]);
      return c;
    });
    return { method: 'hexgrid', n: table.rows.length, size: o.size, alignX: o.align[0], alignY: o.align[1], area: 1.5 * Math.sqrt(3) * o.size * o.size, cells };
  },
  csv: (r) => ({ header: ['id', 'q', 'r', 'x', 'y', 'count'], rows: r.cells.map((c: any) => [c.id, c.q, c.r, c.x, c.y, c.count]) }),
};

import { convexHull, polygonArea } from '../../../core/analysis/convex-hull/index.ts';
import { requireRows } from '../../../io/analysis-input/index.ts';
import { addPointOptions, readPoints, type PointOpts } from '../columns.ts';
import type { MethodSpec } from '../types.ts';

export const convexHullMethod: MethodSpec<PointOpts> = {
  name: 'convex-hull',
  summary: 'convex hull of the points (Andrew’s monotone chain): its area and its ring, counter-clockwise',
  options: addPointOptions,
  help: 'Example:\n  lagesbild analyze convex-hull --input ../shared/data/analysis-reference/chicago_arson.csv --no-header --x 1 --y 2',
  run(table, o) {
    requireRows(table, 1, 'a convex hull');
    const pts = readPoints(table, o);
    const hull = convexHull(pts);
    const ring = Array.from(hull, (i) => [pts.x[i], pts.y[i]]);
    if (ring.length) ring.push(ring[0]);
    // lines: where the hull's vertices are in the file (CSV line or GeoJSON feature numbers).
    return { method: 'convex-hull', n: table.rows.length, area: polygonArea(pts, hull), vertices: hull.length,
      lines: Array.from(hull, (i) => table.origin[i]), ring };
  },
  csv: (r) => ({ header: ['x', 'y'], rows: r.ring }),
};

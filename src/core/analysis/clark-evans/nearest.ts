import { checkPoints, type Points2D } from '../convex-hull/index.ts';
import { KDTree } from '../kdtree/index.ts';

/**
 * Distance from each point to its nearest other point (coincident points: 0, as spatstat `nndist`).
 *
 * @param {Points2D} points at least two points
 * @returns {Float64Array} one distance per point, in input order
 * @example
 * nearestNeighbourDistances({ x: [0, 3, 10], y: [0, 4, 0] }); // Float64Array [5, 5, 8.0622…]
 */
export function nearestNeighbourDistances(points: Points2D): Float64Array {
  const n = checkPoints(points, 'nearestNeighbourDistances', 2);
  const tree = new KDTree(points);
  const out = new Float64Array(n);
  const { ids, coords } = tree;
  // Leaf by leaf: a point's nearest neighbour within its own leaf is a tight first bound, so the
  // search from there prunes almost everything. Queries in tree order also stay in the cache.
  tree.forEachLeaf((left, right) => {
    for (let a = left; a <= right; a++) {
      const qx = coords[2 * a];
      const qy = coords[2 * a + 1];
      let bound = Infinity;
      // A median point (a leaf of one) borrows its neighbours in tree order for a first bound.
      const lo = left === right ? Math.max(0, a - 1) : left;
      const hi = left === right ? Math.min(n - 1, a + 1) : right;
      for (let b = lo; b <= hi; b++) {
        if (b === a) continue;
        const dx = coords[2 * b] - qx;
        const dy = coords[2 * b + 1] - qy;
        const d = dx * dx + dy * dy;
        if (d < bound) bound = d;
      }
      out[ids[a]] = Math.sqrt(tree.nearestSquared(qx, qy, ids[a], bound));
    }
  });
  return out;
}

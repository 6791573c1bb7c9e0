/**
 * DBSCAN (M. Ester, H.-P. Kriegel, J. Sander, X. Xu, KDD 1996) on 2-D points, with the conventions of
 * scikit-learn's `sklearn.cluster.DBSCAN` so that labels are identical:
 *
 * - The neighbourhood of a point is every point at Euclidean distance d ≤ eps, itself included
 *   (compared as dx² + dy² ≤ eps², as sklearn's k-d tree does).
 * - A core point has at least minPts points in its neighbourhood, counting itself (sklearn's
 *   `min_samples`).
 * - Clusters are numbered 0, 1, 2 … in the order of their lowest-index core point: points are visited
 *   in input order and each unlabelled core point starts a new cluster that is grown completely
 *   before the next one starts.
 * - Border rule: a non-core point within eps of core points of several clusters belongs to the
 *   cluster that reached it first, i.e. the one with the lowest number (sklearn's rule, which makes
 *   the result independent of the order neighbours are returned in).
 * - Points in no cluster are noise, label −1.
 *
 * Neighbourhoods come from a static k-d tree (../kdtree); each point is queried at
 * most twice (counting, then expanding if core), so memory stays O(n) for any eps.
 */
import { checkPoints, type Points2D } from '../convex-hull/index.ts';
import { KDTree } from '../kdtree/index.ts';

export interface DbscanOptions {
  /** Neighbourhood radius (same unit as the coordinates, metres), > 0. */
  eps: number;
  /** Minimum number of points within eps, the point itself included, for a core point; integer ≥ 1. */
  minPts: number;
}

export interface DbscanResult {
  /** Cluster number per point (0 …), or −1 for noise. */
  labels: Int32Array;
  /** 1 where the point is a core point, else 0. */
  core: Uint8Array;
  /** Number of clusters. */
  clusters: number;
  /** Number of noise points. */
  noise: number;
}

/**
 * Cluster points with DBSCAN, labels as scikit-learn numbers them.
 *
 * @param {Points2D} points the points (projected coordinates)
 * @param {DbscanOptions} options eps (> 0) and minPts (integer ≥ 1, counts the point itself)
 * @returns {DbscanResult} labels (−1 = noise), core flags, number of clusters and of noise points
 * @example
 * dbscan({ x: [0, 1, 2, 10, 11, 50], y: [0, 0, 0, 0, 0, 0] }, { eps: 1.5, minPts: 2 }).labels;
 * // Int32Array [0, 0, 0, 1, 1, -1]
 */
export function dbscan(points: Points2D, options: DbscanOptions): DbscanResult {
  const n = checkPoints(points, 'dbscan', 1);
  if (options === null || typeof options !== 'object') throw new TypeError('dbscan: options { eps, minPts } are required');
  const { eps, minPts } = options;
  if (typeof eps !== 'number' || !Number.isFinite(eps) || !(eps > 0)) {
    throw new RangeError(`dbscan: options.eps must be a finite distance > 0, got ${eps}`);
  }
  if (typeof minPts !== 'number' || !Number.isInteger(minPts) || minPts < 1) {
    throw new RangeError(`dbscan: options.minPts must be an integer ≥ 1 (it counts the point itself), got ${minPts}`);
  }
  const tree = new KDTree(points);
  const { ids, coords } = tree;
  // Position of each point in tree order, to read its coordinates from the tree's flat array.
  const pos = new Uint32Array(n);
  for (let k = 0; k < n; k++) pos[ids[k]] = k;

  const core = new Uint8Array(n);
  let count = 0;
  const countOne = () => { count++; };
  for (let i = 0; i < n; i++) {
    count = 0;
    tree.within(coords[2 * pos[i]], coords[2 * pos[i] + 1], eps, countOne);
    if (count >= minPts) core[i] = 1;
  }

  const labels = new Int32Array(n).fill(-1);
  const stack = new Uint32Array(n);
  let clusters = 0;
  let label = 0;
  let top = 0;
  const visit = (q: number) => {
    if (labels[q] !== -1) return;
    labels[q] = label;
    if (core[q]) stack[top++] = q; // only core points spread the cluster
  };
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || !core[i]) continue;
    label = clusters++;
    labels[i] = label;
    top = 0;
    stack[top++] = i;
    while (top > 0) {
      const p = stack[--top];
      tree.within(coords[2 * pos[p]], coords[2 * pos[p] + 1], eps, visit);
    }
  }
  let noise = 0;
  for (let i = 0; i < n; i++) if (labels[i] === -1) noise++;
  return { labels, core, clusters, noise };
}

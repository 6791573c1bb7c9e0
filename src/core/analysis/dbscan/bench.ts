/**
 * DBSCAN on 100,000 clustered points (eps = 50 m, minPts = 5), against a baseline in the same run:
 * building the k-d tree alone and counting every point's eps-neighbourhood once, i.e. the
 * neighbourhood queries any DBSCAN must make. The ratio shows the cost of the cluster expansion.
 */
import type { Benchmark } from '../../../../bench/lib.ts';
import { createRandom } from '../../random/index.ts';
import { KDTree } from '../kdtree/index.ts';
import { dbscan } from './index.ts';

interface Ctx { x: Float64Array; y: Float64Array }

function setup(): Ctx {
  const rnd = createRandom(11);
  const n = 100_000;
  const x = new Float64Array(n), y = new Float64Array(n);
  const centres = Array.from({ length: 80 }, () => [rnd.next() * 20_000, rnd.next() * 20_000]);
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) { x[i] = rnd.next() * 20_000; y[i] = rnd.next() * 20_000; continue; }
    const c = centres[rnd.int(centres.length)];
    x[i] = c[0] + rnd.normal() * 150;
    y[i] = c[1] + rnd.normal() * 150;
  }
  return { x, y };
}

const BASE = 'dbscan baseline: k-d tree + one eps-count per point (100,000 points)';

const benchmarks: Benchmark<Ctx>[] = [
  {
    suite: 'analysis', name: BASE, setup,
    run: ({ x, y }) => {
      const tree = new KDTree({ x, y });
      let total = 0;
      for (let i = 0; i < x.length; i++) tree.within(x[i], y[i], 50, () => { total++; });
      return total;
    },
  },
  {
    suite: 'analysis', name: 'dbscan: 100,000 points, eps 50 m, minPts 5', setup,
    run: (p) => dbscan(p, { eps: 50, minPts: 5 }), baseline: BASE, target: { ms: 2000, description: 'under 2 s' },
  },
];

export default benchmarks;

import type { Benchmark } from '../../../../bench/lib.ts';
import { createRandom } from '../../random/index.ts';
import { knox } from './index.ts';
import type { SpaceTimeColumns } from '../near-repeat/points.ts';

/** 5,000 incidents uniformly over 10 km × 10 km and one year (12.5 million pairs). */
function incidents(n: number): SpaceTimeColumns {
  const rnd = createRandom(1964);
  const x = new Float64Array(n), y = new Float64Array(n), t = new Float64Array(n);
  for (let i = 0; i < n; i++) { x[i] = rnd.next() * 10_000; y[i] = rnd.next() * 10_000; t[i] = rnd.int(365); }
  return { x, y, t };
}

const benchmarks: Benchmark<SpaceTimeColumns>[] = [
  {
    suite: 'analysis',
    name: 'knox: 5,000 incidents, Poisson p only',
    setup: () => incidents(5000),
    run: (pts) => knox(pts, { spaceThreshold: 200, timeThreshold: 7 }),
  },
  {
    suite: 'analysis',
    name: 'knox: 5,000 incidents, 999 permutations',
    setup: () => incidents(5000),
    run: (pts) => knox(pts, { spaceThreshold: 200, timeThreshold: 7, permutations: 999 }),
    baseline: 'knox: 5,000 incidents, Poisson p only',
  },
];
export default benchmarks;

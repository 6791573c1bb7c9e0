/**
 * Clark–Evans on 1,000,000 points (nearest neighbour of every point with the k-d tree, convex hull),
 * uniform and clustered, against a baseline in the same run: sorting 1,000,000 doubles once
 * (Float64Array.prototype.sort), an O(n log n) yardstick.
 */
import type { Benchmark } from '../../../../bench/lib.ts';
import { createRandom } from '../../random/index.ts';
import { clarkEvans } from './index.ts';

interface Ctx { x: Float64Array; y: Float64Array }
const N = 1_000_000;

function uniform(): Ctx {
  const rnd = createRandom(1);
  const x = new Float64Array(N), y = new Float64Array(N);
  for (let i = 0; i < N; i++) { x[i] = 300_000 + rnd.next() * 50_000; y[i] = 6_400_000 + rnd.next() * 50_000; }
  return { x, y };
}

function clustered(): Ctx {
  const rnd = createRandom(2);
  const x = new Float64Array(N), y = new Float64Array(N);
  const centres = Array.from({ length: 60 }, () => [300_000 + rnd.next() * 50_000, 6_400_000 + rnd.next() * 50_000]);
  for (let i = 0; i < N; i++) {
    const c = centres[rnd.int(centres.length)];
    // Rounded to whole metres, as geocoded addresses: many coincident points.
    x[i] = Math.round(c[0] + rnd.normal() * 300);
    y[i] = Math.round(c[1] + rnd.normal() * 300);
  }
  return { x, y };
}

const BASE = 'clark-evans baseline: sort 1,000,000 doubles';

const benchmarks: Benchmark<Ctx>[] = [
  { suite: 'analysis', name: BASE, setup: uniform, run: ({ x }) => Float64Array.from(x).sort(), iterations: 3 },
  {
    suite: 'analysis', name: 'clark-evans: 1,000,000 uniform points, hull area', setup: uniform,
    run: (p) => clarkEvans(p), baseline: BASE, iterations: 3, target: { ms: 3000, description: 'under 3 s' },
  },
  {
    suite: 'analysis', name: 'clark-evans: 1,000,000 clustered points (duplicates), hull area', setup: clustered,
    run: (p) => clarkEvans(p), baseline: BASE, iterations: 3, target: { ms: 3000, description: 'under 3 s' },
  },
];

export default benchmarks;

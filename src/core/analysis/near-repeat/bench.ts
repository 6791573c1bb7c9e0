import type { Benchmark } from '../../../../bench/lib.ts';
import { createRandom } from '../../random/index.ts';
import { nearRepeat, type NearRepeatOptions, type SpaceTimeColumns } from './index.ts';
import { nearRepeatParallel } from '../../../node/analysis/near-repeat-parallel.ts';

/**
 * 5,000 incidents over one year. 'city': a 10 km × 10 km municipality, half the incidents in 50
 * hot spots (σ 150 m); bands 3 × 100 m, 3 × 7 days (the calculator's usual settings).
 * 'dense': all incidents inside 1 km², bands 10 × 250 m, so every one of the 12.5 million pairs
 * falls inside the spatial bands — the worst case of the kernel.
 */
function incidents(kind: 'city' | 'dense', n = 5000): SpaceTimeColumns {
  const rnd = createRandom(kind === 'city' ? 2003 : 2004);
  const x = new Float64Array(n), y = new Float64Array(n), t = new Int32Array(n);
  const hx = Array.from({ length: 50 }, () => rnd.next() * 10_000), hy = Array.from({ length: 50 }, () => rnd.next() * 10_000);
  for (let i = 0; i < n; i++) {
    if (kind === 'dense') { x[i] = rnd.next() * 1000; y[i] = rnd.next() * 1000; }
    else if (rnd.next() < 0.5) { const h = rnd.int(50); x[i] = hx[h] + 150 * rnd.normal(); y[i] = hy[h] + 150 * rnd.normal(); }
    else { x[i] = rnd.next() * 10_000; y[i] = rnd.next() * 10_000; }
    t[i] = rnd.int(365);
  }
  return { x, y, t };
}

const city: NearRepeatOptions = { spatialBandwidth: 100, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3, iterations: 99 };
const dense: NearRepeatOptions = { spatialBandwidth: 250, spatialBands: 10, temporalBandwidth: 7, temporalBands: 3, iterations: 99 };
const target = { ms: 5000, description: 'under 5 s for 5,000 incidents × 99 iterations on 2 cores' };

const benchmarks: Benchmark<SpaceTimeColumns>[] = [
  { suite: 'analysis', name: 'near-repeat: 5,000 incidents × 99 iterations, city, single thread', setup: () => incidents('city'), run: (p) => nearRepeat(p, city), target },
  {
    suite: 'analysis', name: 'near-repeat: 5,000 incidents × 99 iterations, city, 2 workers', setup: () => incidents('city'),
    run: (p) => nearRepeatParallel(p, city, { workers: 2 }), baseline: 'near-repeat: 5,000 incidents × 99 iterations, city, single thread', target,
  },
  { suite: 'analysis', name: 'near-repeat: 5,000 incidents × 99 iterations, dense (all 12.5 M pairs near), single thread', setup: () => incidents('dense'), run: (p) => nearRepeat(p, dense), iterations: 3, target },
  {
    suite: 'analysis', name: 'near-repeat: 5,000 incidents × 99 iterations, dense, 2 workers', setup: () => incidents('dense'),
    run: (p) => nearRepeatParallel(p, dense, { workers: 2 }), iterations: 3,
    baseline: 'near-repeat: 5,000 incidents × 99 iterations, dense (all 12.5 M pairs near), single thread', target,
  },
];
export default benchmarks;

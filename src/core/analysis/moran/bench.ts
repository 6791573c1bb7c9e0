/**
 * Moran's I on a 100 × 100 grid (10,000 cells, queen contiguity, row-standardised): the global test,
 * and local Moran's I with 999 conditional permutations (about 80 million neighbour draws).
 * Last results (shared 2-core VM): global 7 ms; local + 999 permutations 3.7–6.4 s.
 */
import type { Benchmark } from '../../../../bench/lib.ts';
import { createRandom } from '../../random/index.ts';
import { gridDistanceWeights, type SpatialWeights } from '../neighbours/index.ts';
import { moranGlobal, localMoran } from './index.ts';

interface Ctx { values: Float64Array; w: SpatialWeights }

function setup(): Ctx {
  const rnd = createRandom(5);
  const values = new Float64Array(10_000);
  for (let i = 0; i < values.length; i++) values[i] = rnd.int(4) + ((i % 100) > 60 && i > 6000 ? 3 : 0);
  return { values, w: gridDistanceWeights(100, 100, 1, { distance: 1.5, style: 'row' }) };
}

const benchmarks: Benchmark<Ctx>[] = [
  { suite: 'analysis', name: 'moran: global I, 10,000 cells, queen', setup, run: ({ values, w }) => moranGlobal(values, w) },
  {
    suite: 'analysis', name: 'moran: local I + 999 permutations, 10,000 cells, queen', setup, iterations: 3,
    run: ({ values, w }) => localMoran(values, w, { permutations: 999, seed: 1 }),
  },
];

export default benchmarks;

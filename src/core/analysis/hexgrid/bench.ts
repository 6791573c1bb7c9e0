/** Hexagon binning of 1,000,000 points (100 m circumradius over 100 × 100 km), against square binning. */
import type { Benchmark } from '../../../../bench/lib.ts';
import { createRandom } from '../../random/index.ts';
import { binHex } from './index.ts';
import { binGrid } from '../grid/index.ts';

interface Ctx { x: Float64Array; y: Float64Array }

function setup(): Ctx {
  const rnd = createRandom(9);
  const n = 1_000_000;
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) { x[i] = 600_000 + rnd.next() * 100_000; y[i] = 6_500_000 + rnd.next() * 100_000; }
  return { x, y };
}

const benchmarks: Benchmark<Ctx>[] = [
  { suite: 'analysis', name: 'grid: bin 1,000,000 points, 100 m cells', setup, run: ({ x, y }) => binGrid(x, y, { cellSize: 100 }) },
  {
    suite: 'analysis', name: 'hexgrid: bin 1,000,000 points, 100 m hexagons', setup,
    run: ({ x, y }) => binHex(x, y, { size: 100 }),
    baseline: 'grid: bin 1,000,000 points, 100 m cells',
  },
];

export default benchmarks;

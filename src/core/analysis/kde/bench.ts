/**
 * Kernel density of 100,000 clustered points on a 500 × 500 raster (10 m cells over 5 × 5 km,
 * bandwidth 150 m, so each point touches ~700 cells), against a baseline in the same run: binning the
 * same points into the same raster (one cell per point), the least any raster operation must do.
 */
import type { Benchmark } from '../../../../bench/lib.ts';
import { createRandom } from '../../random/index.ts';
import { kde } from './index.ts';

interface Ctx { x: Float64Array; y: Float64Array }

function setup(): Ctx {
  const rnd = createRandom(2026);
  const n = 100_000;
  const x = new Float64Array(n), y = new Float64Array(n);
  const centres = Array.from({ length: 40 }, () => [rnd.next() * 5000, rnd.next() * 5000]);
  for (let i = 0; i < n; i++) {
    if (i % 4 === 0) { x[i] = rnd.next() * 5000; y[i] = rnd.next() * 5000; continue; }
    const c = centres[rnd.int(centres.length)];
    x[i] = Math.min(4999, Math.max(0, c[0] + rnd.normal() * 200));
    y[i] = Math.min(4999, Math.max(0, c[1] + rnd.normal() * 200));
  }
  return { x, y };
}

const extent = { minX: 0, minY: 0, maxX: 5000, maxY: 5000 };

const benchmarks: Benchmark<Ctx>[] = [
  {
    suite: 'analysis',
    name: 'kde baseline: bin 100,000 points into a 500×500 raster',
    setup,
    run: ({ x, y }) => {
      const v = new Float64Array(500 * 500);
      for (let i = 0; i < x.length; i++) v[Math.floor(y[i] / 10) * 500 + Math.floor(x[i] / 10)]++;
      return v;
    },
  },
  {
    suite: 'analysis',
    name: 'kde: 100,000 points, 500×500 raster, r = 150 m',
    setup,
    run: ({ x, y }) => kde({ x, y }, { cellSize: 10, bandwidth: 150, extent }),
    baseline: 'kde baseline: bin 100,000 points into a 500×500 raster',
    target: { ms: 1000, description: 'under 1 s' },
  },
  {
    suite: 'analysis',
    name: 'kde: 100,000 points, 500×500 raster, default (ArcGIS) bandwidth',
    setup,
    run: ({ x, y }) => kde({ x, y }, { cellSize: 10, extent }),
    baseline: 'kde baseline: bin 100,000 points into a 500×500 raster',
  },
];

export default benchmarks;

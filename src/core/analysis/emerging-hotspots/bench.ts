import type { Benchmark } from '../../../../bench/lib.ts';
import { createRandom } from '../../random/index.ts';
import { emergingHotspots, classifyEmergingHotspots, type ZPCube } from './index.ts';
import type { SpaceTimeColumns } from '../near-repeat/points.ts';

/**
 * 52 weeks × 10,000 cells (100 × 100 cells of 100 m): 60,000 incidents, a quarter of them in 30
 * hot spots that switch on at random weeks.
 */
function incidents(): SpaceTimeColumns {
  const rnd = createRandom(52);
  const n = 60_000;
  const x = new Float64Array(n), y = new Float64Array(n), t = new Float64Array(n);
  const hx = Array.from({ length: 30 }, () => rnd.next() * 10_000), hy = Array.from({ length: 30 }, () => rnd.next() * 10_000);
  const from = Array.from({ length: 30 }, () => rnd.int(52));
  for (let i = 0; i < n; i++) {
    if (rnd.next() < 0.25) {
      const h = rnd.int(30);
      x[i] = Math.min(9999, Math.max(0, hx[h] + 120 * rnd.normal())); y[i] = Math.min(9999, Math.max(0, hy[h] + 120 * rnd.normal()));
      t[i] = (from[h] + rnd.int(52 - from[h])) * 7 + rnd.int(7);
    } else { x[i] = rnd.next() * 10_000; y[i] = rnd.next() * 10_000; t[i] = rnd.int(364); }
  }
  return { x, y, t };
}
const options = { cellSize: 100, distance: 150, stepDays: 7, start: 0, end: 364, extent: { minX: 0, minY: 0, maxX: 10_000, maxY: 10_000 } };

const full = 'emerging-hotspots: 60,000 incidents → 10,000 cells × 52 weeks, Gi* per week + FDR + Mann–Kendall + classes';
const classifyOnly: Benchmark<ZPCube> = {
  suite: 'analysis', name: 'emerging-hotspots: classification only (Mann–Kendall + rules), 10,000 cells × 52 weeks',
  setup: () => { const r = emergingHotspots(incidents(), options); return { cells: r.cells, steps: r.steps, z: r.z, p: r.p }; },
  run: (cube) => classifyEmergingHotspots(cube), baseline: full,
};
const pipeline: Benchmark<SpaceTimeColumns>[] = [
  { suite: 'analysis', name: full, setup: incidents, run: (pts) => emergingHotspots(pts, options), iterations: 3 },
  {
    suite: 'analysis', name: 'emerging-hotspots: same, space–time Gi* with 1 neighbouring week',
    setup: incidents, run: (pts) => emergingHotspots(pts, { ...options, timeNeighbours: 1 }), iterations: 3, baseline: full,
  },
];
export default [...pipeline, classifyOnly] as Benchmark[];

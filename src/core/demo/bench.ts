/**
 * Demo data for the database benchmarks: 1,000,000 incidents in columnar form over Alingsås (2 years,
 * hotspots, near-repeat chains), against a baseline in the same run: 1,000,000 uniform random points
 * (x, y in the municipality's bounding box) from the same PRNG, the least any generator must do.
 * Last noted (Node 20, 2 shared cores at load average ≈ 7): baseline 252 ms, generator 6.15 s (24 ×).
 * Run alone on the same machine the generator took 1.5–1.8 s.
 */
import { readFileSync } from 'node:fs';
import type { Benchmark } from '../../../bench/lib.ts';
import { createRandom } from '../random/index.ts';
import { bbox, boundaryRings, type MultiPolygonRings } from '../geo/index.ts';
import { centresFromTatortPoints, generateIncidentColumns, type DemoCentre } from './index.ts';

interface Ctx { boundary: MultiPolygonRings; centres: DemoCentre[] }

function setup(): Ctx {
  const dir = new URL('../../../../shared/data/boundaries/', import.meta.url);
  const read = (f: string): unknown => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  return {
    boundary: boundaryRings(read('alingsas_1489_kommun_scb2024_sweref99tm.geojson')),
    centres: centresFromTatortPoints(read('alingsas_1489_tatorter_scb2020_points_wgs84.geojson')),
  };
}

const N = 1_000_000;
const BASELINE = 'demo baseline: 1,000,000 uniform random points';

const benchmarks: Benchmark<Ctx>[] = [
  {
    suite: 'db',
    name: BASELINE,
    setup,
    iterations: 3,
    run: ({ boundary }) => {
      const b = bbox(boundary), rng = createRandom(1);
      const x = new Float64Array(N), y = new Float64Array(N);
      for (let i = 0; i < N; i++) { x[i] = b.minX + rng.next() * (b.maxX - b.minX); y[i] = b.minY + rng.next() * (b.maxY - b.minY); }
      return x[N - 1] + y[N - 1];
    },
  },
  {
    suite: 'db',
    name: 'demo: generate 1,000,000 incidents (columnar, Alingsås, 2 years)',
    setup,
    iterations: 3,
    baseline: BASELINE,
    target: { ms: 5000, description: 'a few seconds' },
    run: ({ boundary, centres }) => generateIncidentColumns({ seed: 1, count: N, boundary, centres }).columns.count,
  },
];

export default benchmarks;

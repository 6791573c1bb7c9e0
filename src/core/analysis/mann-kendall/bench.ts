import type { Benchmark } from '../../../../bench/lib.ts';
import { createRandom } from '../../random/index.ts';
import { mannKendall } from './index.ts';

/** 10,000 series of 52 weekly values: the per-cell trend step of an emerging-hotspot cube. */
function series(count: number, length: number): Float64Array[] {
  const rnd = createRandom(52);
  const out: Float64Array[] = [];
  for (let c = 0; c < count; c++) {
    const a = new Float64Array(length);
    for (let t = 0; t < length; t++) a[t] = rnd.normal() + 0.01 * t;
    out.push(a);
  }
  return out;
}

const benchmarks: Benchmark<Float64Array[]>[] = [
  {
    suite: 'analysis',
    name: 'mann-kendall: 10,000 series × 52 steps, without Sen slope',
    setup: () => series(10_000, 52),
    run: (all) => { for (const a of all) mannKendall(a, { slope: false }); },
  },
  {
    suite: 'analysis',
    name: 'mann-kendall: 10,000 series × 52 steps, with Sen slope',
    setup: () => series(10_000, 52),
    run: (all) => { for (const a of all) mannKendall(a); },
    baseline: 'mann-kendall: 10,000 series × 52 steps, without Sen slope',
  },
];
export default benchmarks;

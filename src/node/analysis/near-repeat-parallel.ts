/**
 * Node-only driver that spreads the Monte Carlo iterations of a near-repeat analysis over worker
 * threads. The main thread prepares the pairs once (src/core/analysis/near-repeat), shares the typed
 * arrays with the workers through SharedArrayBuffers, gives each worker a contiguous range of
 * iterations and adds up what they return. Iteration k always permutes the dates with the seed
 * derived from (seed, k), so the result is identical to the single-threaded `nearRepeat` for any
 * number of workers.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import {
  prepareNearRepeat,
  summarizeNearRepeat,
  type NearRepeatOptions,
  type NearRepeatPartial,
  type NearRepeatPrepared,
  type NearRepeatResult,
  type SpaceTimeInput,
} from '../../core/analysis/near-repeat/index.ts';

export interface ParallelOptions {
  /** Worker threads to start (default: os.availableParallelism(), at most one per iteration). */
  workers?: number;
}

// From the sources, a .mjs bootstrap that registers tsx inside the worker and imports
// near-repeat-worker.ts: works whether the parent ran `node --import tsx` or registered tsx
// programmatically (bin/lagesbild.mjs). From the compiled build (npm run build), where this module
// is a .js file, the compiled worker itself: the build runs without tsx.
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./near-repeat-worker.mjs', import.meta.url)
  : new URL('./near-repeat-worker.js', import.meta.url);

function shared<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array>(a: T): T {
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

function runWorker(prep: NearRepeatPrepared, from: number, to: number): { promise: Promise<NearRepeatPartial>; worker: Worker } {
  const worker = new Worker(WORKER_URL, { workerData: { prep, from, to } });
  const promise = new Promise<NearRepeatPartial>((resolve, reject) => {
    let done = false;
    worker.once('message', (m: NearRepeatPartial) => { done = true; resolve(m); });
    worker.once('error', (e) => { done = true; reject(e); });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`nearRepeatParallel: worker for iterations [${from}, ${to}) exited with code ${code} before reporting`));
    });
  });
  return { promise, worker };
}

/**
 * {@link nearRepeat} with the Monte Carlo iterations spread over worker threads.
 *
 * @param {SpaceTimeInput} input incidents {x, y, t} (t in whole days)
 * @param {NearRepeatOptions} options as for nearRepeat
 * @param {ParallelOptions} [parallel] `workers`: number of threads
 * @returns {Promise<NearRepeatResult>} the same result as nearRepeat(input, options)
 * @example
 * const r = await nearRepeatParallel(incidents, { spatialBandwidth: 100, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3, iterations: 999 }, { workers: 2 });
 */
export async function nearRepeatParallel(input: SpaceTimeInput, options: NearRepeatOptions, parallel: ParallelOptions = {}): Promise<NearRepeatResult> {
  const requested = parallel.workers ?? availableParallelism();
  if (!Number.isInteger(requested) || requested < 1) {
    throw new RangeError(`nearRepeatParallel: workers must be a positive integer, got ${parallel.workers}`);
  }
  const local = prepareNearRepeat(input, options);
  const prep: NearRepeatPrepared = {
    ...local,
    days: shared(local.days), timeBand: shared(local.timeBand), order: shared(local.order), rowStart: shared(local.rowStart),
    nb: shared(local.nb), bandC: shared(local.bandC), x: shared(local.x), y: shared(local.y), breaks: shared(local.breaks),
    rowTotals: shared(local.rowTotals), colTotals: shared(local.colTotals), observed: shared(local.observed),
  };
  const count = Math.min(requested, prep.iterations);
  const jobs: ReturnType<typeof runWorker>[] = [];
  for (let w = 0; w < count; w++) {
    const from = Math.floor((w * prep.iterations) / count), to = Math.floor(((w + 1) * prep.iterations) / count);
    jobs.push(runWorker(prep, from, to));
  }
  try {
    const partials = await Promise.all(jobs.map((j) => j.promise));
    return summarizeNearRepeat(local, partials);
  } finally {
    await Promise.all(jobs.map((j) => j.worker.terminate()));
  }
}

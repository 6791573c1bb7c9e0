/**
 * Worker thread of {@link ../near-repeat-parallel.ts}: runs Monte Carlo iterations [from, to) of a
 * prepared near-repeat analysis and posts the per-cell sums back. Loaded by near-repeat-worker.mjs,
 * which registers tsx first; the compiled build starts its near-repeat-worker.js directly.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulateNearRepeat, type NearRepeatPrepared } from '../../core/analysis/near-repeat/index.ts';

const { prep, from, to } = workerData as { prep: NearRepeatPrepared; from: number; to: number };
const partial = simulateNearRepeat(prep, from, to);
parentPort!.postMessage(partial, [partial.sum.buffer as ArrayBuffer, partial.atLeast.buffer as ArrayBuffer]);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nearRepeatParallel } from './near-repeat-parallel.ts';
import { nearRepeat, dayNumber } from '../../core/analysis/near-repeat/index.ts';

const arson = readFileSync(new URL('../../../../shared/data/analysis-reference/chicago_arson.csv', import.meta.url), 'utf8')
  .trim().split('\n').map((l) => { const [x, y, d] = l.split(','); return { x: Number(x), y: Number(y), t: dayNumber(d) }; });
const options = { spatialBandwidth: 200, spatialBands: 3, temporalBandwidth: 1, temporalBands: 3, iterations: 23, seed: 5 };

test('TypeScript worker threads (tsx registered in the worker) give the single-thread result for 1 and 3 workers', async () => {
  const single = nearRepeat(arson, options);
  for (const workers of [1, 3]) {
    assert.deepEqual(await nearRepeatParallel(arson, options, { workers }), single, `${workers} workers`);
  }
});

test('more workers than iterations: one worker per iteration', async () => {
  const o = { ...options, iterations: 2 };
  assert.deepEqual(await nearRepeatParallel(arson, o, { workers: 3 }), nearRepeat(arson, o));
});

test('bad input is rejected before any worker starts', async () => {
  await assert.rejects(nearRepeatParallel(arson, options, { workers: 0 }), /workers must be a positive integer, got 0/);
  await assert.rejects(nearRepeatParallel([], options), /at least 2 incidents/);
});

test('does not change its input', async () => {
  const pts = arson.slice(0, 60);
  const copy = structuredClone(pts);
  await nearRepeatParallel(pts, { ...options, spatialBandwidth: 2000 }, { workers: 2 });
  assert.deepEqual(pts, copy);
});

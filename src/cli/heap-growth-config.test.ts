import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heapGrowthPercent, serverConfig } from './config.ts';

test('LAGESBILD_HEAP_GROWTH_PERCENT sets how far the heap grows before a full collection; unset or empty is 20, 0 is V8\'s own choice', () => {
  assert.equal(heapGrowthPercent({}), 20);
  assert.equal(heapGrowthPercent({ LAGESBILD_HEAP_GROWTH_PERCENT: ' ' }), 20);
  assert.equal(heapGrowthPercent({ LAGESBILD_HEAP_GROWTH_PERCENT: '0' }), 0);
  assert.equal(heapGrowthPercent({ LAGESBILD_HEAP_GROWTH_PERCENT: '50' }), 50);
  assert.equal(serverConfig({ LAGESBILD_HEAP_GROWTH_PERCENT: '35' }).heapGrowthPercent, 35);
  for (const bad of ['-1', '1.5', 'lots', '401', '20%']) {
    assert.throws(() => heapGrowthPercent({ LAGESBILD_HEAP_GROWTH_PERCENT: bad }), /LAGESBILD_HEAP_GROWTH_PERCENT must be a whole number of percent/, bad);
  }
});

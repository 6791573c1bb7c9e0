import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open311RatePerMinute, serverConfig } from './config.ts';

test('LAGESBILD_OPEN311_RATE_LIMIT sets the requests a minute per api_key; unset or empty is 60', () => {
  assert.equal(open311RatePerMinute({}), 60);
  assert.equal(open311RatePerMinute({ LAGESBILD_OPEN311_RATE_LIMIT: ' ' }), 60);
  assert.equal(open311RatePerMinute({ LAGESBILD_OPEN311_RATE_LIMIT: '600' }), 600);
  assert.equal(serverConfig({ LAGESBILD_OPEN311_RATE_LIMIT: '5' }).open311RatePerMinute, 5);
  for (const bad of ['0', '-1', '1.5', 'many', '100001']) {
    assert.throws(() => open311RatePerMinute({ LAGESBILD_OPEN311_RATE_LIMIT: bad }), /LAGESBILD_OPEN311_RATE_LIMIT must be a whole number/, bad);
  }
});

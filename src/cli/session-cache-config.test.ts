import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SESSION_CACHE_MS, serverConfig, sessionCacheMs } from './config.ts';

test('LAGESBILD_SESSION_CACHE_MS sets how long a process keeps a resumed session; unset or empty is 2 s, 0 is none', () => {
  assert.equal(DEFAULT_SESSION_CACHE_MS, 2000);
  assert.equal(sessionCacheMs({}), 2000);
  assert.equal(sessionCacheMs({ LAGESBILD_SESSION_CACHE_MS: ' ' }), 2000);
  assert.equal(sessionCacheMs({ LAGESBILD_SESSION_CACHE_MS: '0' }), 0);
  assert.equal(sessionCacheMs({ LAGESBILD_SESSION_CACHE_MS: '60000' }), 60_000);
  assert.equal(serverConfig({ LAGESBILD_SESSION_CACHE_MS: '500' }).sessionCacheMs, 500);
  for (const bad of ['-1', '1.5', 'soon', '60001', '2s']) {
    assert.throws(() => sessionCacheMs({ LAGESBILD_SESSION_CACHE_MS: bad }), /LAGESBILD_SESSION_CACHE_MS must be a number of milliseconds from 0 \(no cache\) to 60000/, bad);
  }
});

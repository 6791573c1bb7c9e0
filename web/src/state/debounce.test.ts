import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debounce } from './debounce.ts';

test('runs once, with the last arguments, after the pause', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const calls: string[] = [];
  const d = debounce((q: string) => calls.push(q), 300);
  d('k'); t.mock.timers.tick(100);
  d('kl'); t.mock.timers.tick(100);
  d('klo');
  assert.ok(d.pending);
  t.mock.timers.tick(299);
  assert.deepEqual(calls, []);
  t.mock.timers.tick(1);
  assert.deepEqual(calls, ['klo']);
  assert.ok(!d.pending);
});

test('flush runs a waiting call now; cancel drops it; neither runs anything when nothing waits', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const calls: string[] = [];
  const d = debounce((q: string) => calls.push(q), 300);
  d.flush();
  d('a'); d.flush();
  assert.deepEqual(calls, ['a']);
  t.mock.timers.tick(1000);
  assert.deepEqual(calls, ['a'], 'not again after the pause');
  d('b'); d.cancel();
  t.mock.timers.tick(1000);
  assert.deepEqual(calls, ['a']);
});

/** The cache of resumed sessions on its own: how long it keeps, what empties it, how big it grows. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionCache } from './session-cache.ts';

describe('the session cache', () => {
  test('keeps nothing until it listens, and drops everything when it stops listening', () => {
    const c = new SessionCache<string>(1000);
    c.set('a', 'A', Infinity, c.generation, 0);
    assert.equal(c.get('a', 1), undefined, 'not listening: not kept');
    c.listening(true);
    c.set('a', 'A', Infinity, c.generation, 0);
    assert.equal(c.get('a', 1), 'A');
    c.listening(false);
    assert.equal(c.get('a', 1), undefined);
    c.listening(true);
    assert.equal(c.get('a', 1), undefined, 'what was kept before the loss is gone');
  });

  test('an entry lives ttlMs or until the session\'s own expiry, whichever is sooner', () => {
    const c = new SessionCache<string>(1000);
    c.listening(true);
    c.set('a', 'A', Infinity, c.generation, 0);
    c.set('b', 'B', 400, c.generation, 0);
    assert.equal(c.get('a', 999), 'A');
    assert.equal(c.get('a', 1000), undefined);
    assert.equal(c.get('b', 399), 'B');
    assert.equal(c.get('b', 400), undefined);
    assert.equal(c.size, 0, 'expired entries read are removed');
  });

  test('a lookup that began before a change is not kept after it', () => {
    const c = new SessionCache<string>(1000);
    c.listening(true);
    const before = c.generation;
    c.clear();
    c.set('a', 'stale', Infinity, before, 0);
    assert.equal(c.get('a', 1), undefined);
    c.set('a', 'fresh', Infinity, c.generation, 0);
    assert.equal(c.get('a', 1), 'fresh');
  });

  test('holds at most maxEntries, the oldest going first', () => {
    const c = new SessionCache<number>(1000, 3);
    c.listening(true);
    for (let i = 0; i < 5; i++) c.set(`k${i}`, i, Infinity, c.generation, 0);
    assert.equal(c.size, 3);
    assert.deepEqual(['k0', 'k1', 'k2', 'k3', 'k4'].map((k) => c.get(k, 1)), [undefined, undefined, 2, 3, 4]);
    c.set('k2', 22, Infinity, c.generation, 0);
    c.set('k5', 5, Infinity, c.generation, 0);
    assert.deepEqual(['k2', 'k3', 'k4', 'k5'].map((k) => c.get(k, 1)), [22, undefined, 4, 5], 'a key set again is the youngest');
  });
});

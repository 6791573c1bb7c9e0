/**
 * The embedded engine runs statements synchronously on the event loop. Each statement starts on a
 * turn of its own, so requests that each wait for one statement after another leave the loop free
 * between their statements (to accept a connection, read a request, fire a timer). Before, one
 * promise chain ran every queued statement back to back, and a burst of 50 clients was accepted one
 * per chain: reports waited up to 5.8 s (bench/README.md, `npm run bench -- embedded`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPglite } from './pglite.ts';

test('PGlite: 50 requests of three statements each leave the event loop a turn after the first statements', async () => {
  const db = await openPglite(undefined);
  try {
    let done = 0;
    let seenAt = -1;
    const requests = Array.from({ length: 50 }, async (_, i) => {
      for (let k = 0; k < 3; k++) {
        await db.query('SELECT $1::int AS n', [i]);
        done++;
      }
    });
    setImmediate(() => { seenAt = done; });
    await Promise.all(requests);
    assert.equal(done, 150);
    assert.ok(seenAt >= 0 && seenAt <= 50, `the loop had a turn after ${seenAt} of 150 statements; at most the 50 first ones may run before it`);
  } finally {
    await db.close();
  }
});

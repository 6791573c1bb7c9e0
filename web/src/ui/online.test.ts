import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSays, noteReached, noteUnreachable, online, requestStarted } from './online.ts';

/** A request started after everything so far (the clock is coarse: wait for it to move on). */
function newRequest(): number {
  const t0 = performance.now();
  while (performance.now() <= t0) { /* spin */ }
  return requestStarted();
}

test('the status follows what requests find, not only the browser\'s events', () => {
  browserSays(false);
  assert.equal(online.value, false);
  // The browser still says offline (a missed `online` event), but a request got an answer.
  noteReached(newRequest());
  assert.equal(online.value, true, 'an answer means the server can be reached');
  noteUnreachable(newRequest());
  assert.equal(online.value, false, 'a request without an answer means it cannot');
  browserSays(true);
  assert.equal(online.value, true);
});

test('an answer to a request made before the browser\'s last event is older news and changes nothing', () => {
  browserSays(true);
  const before = requestStarted();
  browserSays(false); // the connection drops while that request is under way
  noteReached(before); // its answer arrives afterwards
  assert.equal(online.value, false, 'still offline');
  const beforeOnline = requestStarted();
  browserSays(true);
  noteUnreachable(beforeOnline); // a request from the offline time fails after the connection is back
  assert.equal(online.value, true, 'still online');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEmailAddress } from './email.ts';

test('an e-mail address needs something, an @ and a domain with a dot, and no spaces', () => {
  for (const ok of ['ada@kommun.se', 'sara.samordnare@alingsas.se', 'x@a.b']) assert.equal(isEmailAddress(ok), true, ok);
  for (const bad of ['', 'ada', 'ada@kommun', '@kommun.se', 'ada@@kommun.se', 'ada @kommun.se', 'ada@kommun.se ']) assert.equal(isEmailAddress(bad), false, bad);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fnv1a64 } from './fingerprint.ts';

/** FNV-1a 64 with BigInt over TextEncoder's UTF-8: slow and plain, the reference. */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(text)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

test('the published FNV-1a 64 test vectors', () => {
  assert.equal(fnv1a64(''), 'cbf29ce484222325');
  assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
  assert.equal(fnv1a64('foobar'), '85944171f73967e8');
});

test('equal to the BigInt reference for any text, Swedish letters, and emoji', () => {
  for (const s of ['å', 'Händelsetyp', '😀', '["2026-03-04",353883.2,"Klotter"]']) assert.equal(fnv1a64(s), reference(s), s);
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
    // TextEncoder writes a lone surrogate as U+FFFD; so does the reference, and the hash is only ever given whole text.
    const whole = s.replace(/[\ud800-\udfff]/g, (c, i: number) => (/[\ud800-\udbff][\udc00-\udfff]/.test(s.slice(i, i + 2)) || /[\ud800-\udbff][\udc00-\udfff]/.test(s.slice(i - 1, i + 1)) ? c : '\ufffd'));
    assert.equal(fnv1a64(whole), reference(whole));
  }), { numRuns: 300 });
});

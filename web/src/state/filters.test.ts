import { test } from 'node:test';
import assert from 'node:assert/strict';

// filters.ts reads the URL's hash when it loads: a bare location is enough outside a browser.
Object.assign(globalThis, { location: { hash: '' }, window: { addEventListener() {} } });
const { presetRange } = await import('./filters.ts');

test('a preset ends with the Swedish today, also in the first hours after Swedish midnight', () => {
  // 00:30 on 2 December in Sweden is 23:30 UTC on 1 December.
  assert.deepEqual(presetRange('week', new Date('2026-12-01T23:30:00Z')), { from: '2026-11-26', to: '2026-12-03' });
  // 00:30 on 1 July (summer time) is 22:30 UTC on 30 June.
  assert.deepEqual(presetRange('4weeks', new Date('2026-06-30T22:30:00Z')), { from: '2026-06-04', to: '2026-07-02' });
  // 23:30 on 1 December in Sweden is still 1 December.
  assert.deepEqual(presetRange('week', new Date('2026-12-01T22:30:00Z')), { from: '2026-11-25', to: '2026-12-02' });
});

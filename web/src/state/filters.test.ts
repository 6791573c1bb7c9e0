import { test } from 'node:test';
import assert from 'node:assert/strict';

// filters.ts reads the URL's hash when it loads: a bare location is enough outside a browser.
Object.assign(globalThis, { location: { hash: '' }, window: { addEventListener() {} } });
const { fromUrl, paramsOf, presetRange, queryOf, urlDiffers } = await import('./filters.ts');

test('a preset ends with the Swedish today, also in the first hours after Swedish midnight', () => {
  // 00:30 on 2 December in Sweden is 23:30 UTC on 1 December.
  assert.deepEqual(presetRange('week', new Date('2026-12-01T23:30:00Z')), { from: '2026-11-26', to: '2026-12-03' });
  // 00:30 on 1 July (summer time) is 22:30 UTC on 30 June.
  assert.deepEqual(presetRange('4weeks', new Date('2026-06-30T22:30:00Z')), { from: '2026-06-04', to: '2026-07-02' });
  // 23:30 on 1 December in Sweden is still 1 December.
  assert.deepEqual(presetRange('week', new Date('2026-12-01T22:30:00Z')), { from: '2026-11-25', to: '2026-12-02' });
});

test('the import filter: read from the URL, written back, sent to the API', () => {
  const id = '0b9f3c1e-7a52-4e21-9d4e-3f6a1c2b8d90';
  const f = fromUrl(new URLSearchParams(`period=custom&from=2024-01-01&to=2025-03-05&import=${id}`));
  assert.equal(f.import, id);
  assert.equal(paramsOf(f).import, id);
  assert.match(queryOf(f, '1489'), new RegExp(`[?&]import=${id}(&|$)`));
  assert.match(queryOf(f, undefined), /from=2024-01-01&to=2025-03-05/);
  assert.doesNotMatch(queryOf({ ...f, import: undefined }, undefined), /import=/);
});

test('urlDiffers: a link to another selection with the same period preset is a change', () => {
  const f = fromUrl(new URLSearchParams('period=custom&from=2024-01-01&to=2025-03-05'));
  assert.equal(urlDiffers(new URLSearchParams('period=custom&from=2024-01-01&to=2025-03-05'), f), false);
  assert.equal(urlDiffers(new URLSearchParams('period=custom&from=2024-01-01&to=2025-03-05&layers=points'), f), false, 'the map\'s own parameters are no selection');
  assert.equal(urlDiffers(new URLSearchParams('period=custom&from=2024-01-01&to=2025-03-05&import=x'), f), true);
  assert.equal(urlDiffers(new URLSearchParams('period=custom&from=2023-01-01&to=2025-03-05'), f), true);
  assert.equal(urlDiffers(new URLSearchParams('period=week'), fromUrl(new URLSearchParams('period=week'))), false);
});

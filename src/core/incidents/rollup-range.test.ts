import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wholeMonths } from './rollup-range.ts';

test('the whole months of a period of days: from its first whole month to the month its end falls in', () => {
  assert.deepEqual(wholeMonths({ from: '2025-11-24', to: '2026-11-25' }), { from: '2025-12-01', to: '2026-11-01' });
  assert.deepEqual(wholeMonths({ from: '2026-01-01', to: '2026-10-01' }), { from: '2026-01-01', to: '2026-10-01' }, 'a period of whole months is all months');
  assert.deepEqual(wholeMonths({ from: '2025-12-31', to: '2026-02-01' }), { from: '2026-01-01', to: '2026-02-01' }, 'across the new year');
  assert.deepEqual(wholeMonths({ from: '2024-02-29', to: '2024-04-30' }), { from: '2024-03-01', to: '2024-04-01' });
});

test('a period without a whole month has none; an open end stays open', () => {
  assert.equal(wholeMonths({ from: '2026-10-28', to: '2026-11-25' }), null, 'four weeks across a month');
  assert.equal(wholeMonths({ from: '2026-11-02', to: '2026-11-30' }), null, 'inside one month');
  assert.equal(wholeMonths({ from: '2026-11-01', to: '2026-11-30' }), null, 'a month without its last day');
  assert.deepEqual(wholeMonths({ from: '2026-11-01', to: '2026-12-01' }), { from: '2026-11-01', to: '2026-12-01' }, 'exactly one month');
  assert.deepEqual(wholeMonths({ from: '2026-05-17' }), { from: '2026-06-01', to: undefined });
  assert.deepEqual(wholeMonths({ to: '2026-05-17' }), { from: undefined, to: '2026-05-01' });
  assert.deepEqual(wholeMonths({}), { from: undefined, to: undefined });
});

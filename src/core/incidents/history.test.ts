import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyChanges } from './history.ts';

test('a stored change set reads back in the promised shape; unknown shapes become text, nothing is refused', () => {
  assert.deepEqual(historyChanges({ description: { from: 'a', to: 'b' }, location: { from: { e: 1, n: 2 }, to: { e: 3, n: 4 } }, personalDataRemoved: ['email'], assessment: 3, placeId: null }),
    { description: { from: 'a', to: 'b' }, location: { from: { e: 1, n: 2 }, to: { e: 3, n: 4 } }, personalDataRemoved: ['email'], assessment: 3, placeId: null });
  assert.deepEqual(historyChanges({ odd: { a: { b: 1 } }, list: [{ x: 1 }], nan: Number.NaN }), { odd: '{"a":{"b":1}}', list: '[{"x":1}]', nan: 'null' });
  assert.deepEqual(historyChanges(null), {});
  assert.deepEqual(historyChanges([1, 2]), {});
});

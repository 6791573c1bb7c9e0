import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexTree, isIncluded, isPartial, toggleCategory } from './category-selection.ts';

const tree = indexTree([
  { id: 'sk', parentId: null }, { id: 'sk.klotter', parentId: 'sk' }, { id: 'sk.glas', parentId: 'sk' }, { id: 'sk.annan', parentId: 'sk' },
  { id: 'brand', parentId: null }, { id: 'brand.anlagd', parentId: 'brand' },
  { id: 'ovrigt', parentId: null },
]);

test('ticking a parent chooses it alone; its children are included through it', () => {
  const s = toggleCategory(tree, ['sk.klotter'], 'sk', true);
  assert.deepEqual(s, ['sk']);
  assert.ok(isIncluded(tree, s, 'sk.glas'));
  assert.ok(!isIncluded(tree, s, 'brand'));
});

test('unticking one child of a chosen parent keeps its siblings', () => {
  const s = toggleCategory(tree, ['sk', 'ovrigt'], 'sk.glas', false);
  assert.deepEqual(s, ['sk.klotter', 'sk.annan', 'ovrigt']);
  assert.ok(isPartial(tree, s, 'sk'));
  assert.ok(!isIncluded(tree, s, 'sk'));
});

test('ticking the last child chooses the parent; unticking a parent drops its children', () => {
  let s = toggleCategory(tree, [], 'sk.klotter', true);
  s = toggleCategory(tree, s, 'sk.glas', true);
  assert.deepEqual(s, ['sk.klotter', 'sk.glas']);
  s = toggleCategory(tree, s, 'sk.annan', true);
  assert.deepEqual(s, ['sk']);
  assert.deepEqual(toggleCategory(tree, ['sk.klotter', 'brand'], 'sk', false), ['brand']);
  assert.deepEqual(toggleCategory(tree, ['brand'], 'brand.anlagd', false), []);
  assert.ok(!isPartial(tree, ['sk'], 'sk'));
});

test('unknown and self-referencing parents are treated as top level', () => {
  const t2 = indexTree([{ id: 'a', parentId: 'missing' }, { id: 'b', parentId: 'b' }]);
  assert.deepEqual(toggleCategory(t2, [], 'a', true), ['a']);
  assert.deepEqual(toggleCategory(t2, ['a'], 'b', true), ['a', 'b']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCategoryTree, childCodePrefix, indentedLabel, selfAndDescendants, type TreeCategory } from './categoryTree.ts';

const cat = (id: string, parentId: string | null, sortOrder: number, nameSv = id): TreeCategory => ({ id, parentId, sortOrder, nameSv, code: id });

test('children follow their parent, siblings by sortOrder then Swedish name', () => {
  const rows = buildCategoryTree([
    cat('brand', null, 2, 'Brand'),
    cat('klotter', 'skada', 1, 'Klotter'),
    cat('skada', null, 1, 'Skadegörelse'),
    cat('glas', 'skada', 1, 'Glas'),
    cat('annan', 'skada', 3, 'Annan'),
    cat('anlagd', 'brand', 1, 'Anlagd brand'),
    cat('övrigt', null, 2, 'Övrigt'),
  ]);
  assert.deepEqual(rows.map((r) => [r.category.id, r.depth]), [
    ['skada', 0], ['glas', 1], ['klotter', 1], ['annan', 1],
    ['brand', 0], ['anlagd', 1],
    ['övrigt', 0],
  ]);
  assert.equal(rows[0].childCount, 3);
  assert.equal(rows[1].childCount, 0);
  assert.deepEqual(rows[1].ancestors, ['skada']);
});

test('Swedish collation puts Å, Ä, Ö after Z', () => {
  const rows = buildCategoryTree([cat('o', null, 0, 'Övrigt'), cat('z', null, 0, 'Zon'), cat('a', null, 0, 'Arrangemang')]);
  assert.deepEqual(rows.map((r) => r.category.nameSv), ['Arrangemang', 'Zon', 'Övrigt']);
});

test('three levels deep and an unknown parent becomes a main category', () => {
  const rows = buildCategoryTree([cat('a', null, 0), cat('b', 'a', 0), cat('c', 'b', 0), cat('x', 'missing', 0)]);
  assert.deepEqual(rows.map((r) => [r.category.id, r.depth]), [['a', 0], ['b', 1], ['c', 2], ['x', 0]]);
  assert.deepEqual(rows[2].ancestors, ['a', 'b']);
});

test('a cycle does not loop or lose categories; each appears once', () => {
  const rows = buildCategoryTree([cat('a', 'b', 0), cat('b', 'a', 0), cat('root', null, 0), cat('self', 'self', 0)]);
  assert.equal(rows.length, 4);
  assert.deepEqual(new Set(rows.map((r) => r.category.id)), new Set(['a', 'b', 'root', 'self']));
});

test('does not change its input', () => {
  const list = [cat('b', null, 2), cat('a', null, 1)];
  const copy = structuredClone(list);
  buildCategoryTree(list);
  assert.deepEqual(list, copy);
});

test('selfAndDescendants collects the whole branch', () => {
  const list = [cat('a', null, 0), cat('b', 'a', 0), cat('c', 'b', 0), cat('d', null, 0), cat('e', 'a', 0)];
  assert.deepEqual([...selfAndDescendants(list, 'a')].sort(), ['a', 'b', 'c', 'e']);
  assert.deepEqual([...selfAndDescendants(list, 'd')], ['d']);
});

test('labels and code prefixes', () => {
  assert.equal(indentedLabel('Klotter', 0), 'Klotter');
  assert.equal(indentedLabel('Klotter', 2), '\u00a0'.repeat(8) + 'Klotter');
  assert.equal(childCodePrefix('skadegorelse'), 'skadegorelse.');
  assert.equal(childCodePrefix(null), '');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATEGORIES } from '../../../../src/core/categories/defaults.ts';
import { nestCategories, type CategoryNode } from './category-tree.ts';
import type { TreeCategory } from '../admin/categoryTree.ts';

/** The default categories as the API lists them: ordered by sortOrder, then code, across all levels. */
const apiList = (): TreeCategory[] => DEFAULT_CATEGORIES
  .map((c) => ({ id: `id-${c.code}`, parentId: c.parentCode ? `id-${c.parentCode}` : null, sortOrder: c.sortOrder, nameSv: c.nameSv, code: c.code }))
  .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));

const flat = (nodes: CategoryNode<TreeCategory>[], parent: string | null = null): Array<[string, string | null]> =>
  nodes.flatMap((n) => [[n.category.code, parent] as [string, string | null], ...flat(n.children, n.category.code)]);

test('the default categories nest under their own parents, whatever the order of the flat list', () => {
  const list = apiList();
  // The order the API sends mixes the levels: a subcategory is often not right after its parent.
  assert.ok(list.some((c, k) => c.parentId && list[k - 1]?.id !== c.parentId && list[k - 1]?.parentId !== c.parentId), 'the API order mixes levels');
  const expected = new Map(DEFAULT_CATEGORIES.map((c) => [c.code, c.parentCode]));
  for (const order of [list, [...list].reverse()]) {
    const pairs = flat(nestCategories(order));
    assert.equal(pairs.length, DEFAULT_CATEGORIES.length, 'every category once');
    for (const [code, parent] of pairs) assert.equal(parent, expected.get(code), `${code} under ${parent}`);
  }
});

test('"Brand" holds only fire categories; "Anlagd brand" and "Moped" have their parents', () => {
  const roots = nestCategories(apiList());
  const brand = roots.find((n) => n.category.nameSv === 'Brand')!;
  assert.ok(brand, 'Brand is a main category');
  assert.deepEqual(brand.children.map((n) => n.category.code).sort(), DEFAULT_CATEGORIES.filter((c) => c.parentCode === 'brand').map((c) => c.code).sort());
  assert.ok(brand.children.every((n) => n.category.code.startsWith('brand.') && n.depth === 1));
  const pairs = new Map(flat(roots));
  for (const name of ['Anlagd brand', 'Moped']) {
    const c = DEFAULT_CATEGORIES.find((d) => d.nameSv === name);
    if (c) assert.equal(pairs.get(c.code), c.parentCode, `${name} under ${c.parentCode}`);
  }
  // Main categories in sortOrder.
  const mains = DEFAULT_CATEGORIES.filter((c) => !c.parentCode).sort((a, b) => a.sortOrder - b.sortOrder).map((c) => c.code);
  assert.deepEqual(roots.map((n) => n.category.code), mains);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATEGORIES } from '../categories/defaults.ts';
import { categoryMatcher, categoryValues } from './categories.ts';
import type { ImportCategory } from './types.ts';

const TREE: ImportCategory[] = DEFAULT_CATEGORIES.map((c) => ({ code: c.code, nameSv: c.nameSv, nameEn: c.nameEn, active: true }));
const code = (m: ReturnType<ReturnType<typeof categoryMatcher>['match']>) => (m.code ?? m.reason);

test('by Swedish or English name or by code, whatever the case, diacritics and spaces', () => {
  const m = categoryMatcher(TREE);
  for (const v of ['Klotter/graffiti', 'klotter/graffiti ', 'KLOTTER/GRAFFITI', 'Klotter / graffiti', 'Graffiti', 'graffiti', 'skadegorelse.klotter', 'SKADEGORELSE.KLOTTER']) {
    assert.equal(code(m.match(v)), 'skadegorelse.klotter', v);
  }
  assert.equal(code(m.match('Nedskräpning')), 'nedskrapning');
  assert.equal(code(m.match('nedskrapning')), 'nedskrapning');
  assert.equal(code(m.match('Littering')), 'nedskrapning');
  assert.equal(code(m.match('Misstänkt narkotikahantering')), 'narkotika');
  assert.equal(code(m.match('Övrigt')), 'ovrigt');
  assert.equal(code(m.match('Moped')), 'buskorning.moped');
  // A parent is a category too ("unspecified").
  assert.equal(code(m.match('Skadegörelse')), 'skadegorelse');
});

test('a part of a name, the last part of a code, a parent with its child — when they name one category', () => {
  const m = categoryMatcher(TREE);
  for (const v of ['Klotter', 'klotter', 'KLOTTER', ' klotter ']) assert.equal(code(m.match(v)), 'skadegorelse.klotter', v);
  assert.equal(code(m.match('Slagsmål')), 'ordningsstorning.brak_slagsmal');
  assert.equal(code(m.match('Skadegörelse – Klotter/graffiti')), 'skadegorelse.klotter');
  assert.equal(code(m.match('Skadegörelse/Klotter')), 'skadegorelse.klotter');
  assert.equal(code(m.match('Brand: Anlagd brand')), 'brand.anlagd');
  assert.equal(code(m.match('Buskörning - Bil')), 'buskorning.bil');
  assert.equal(code(m.match('krossat_glas')), 'skadegorelse.krossat_glas');
  // "annan" ends skadegorelse.annan and brand.annan: it names neither.
  assert.equal(code(m.match('annan')), 'unknown');
  assert.equal(code(m.match('Annan brand')), 'brand.annan');
});

test('unknown values, inactive categories, and the mapping\'s entries first', () => {
  const tree = TREE.map((c) => (c.code === 'arrangemang' ? { ...c, active: false } : c));
  const m = categoryMatcher(tree, { Snöskottning: 'ovrigt', 'Sprayfärg': 'skadegorelse.klotter', Graffiti: null, Cykelstöld: 'cykel', Fest: 'arrangemang' });
  assert.equal(code(m.match('Snöskottning')), 'ovrigt');
  assert.equal(code(m.match('snöskottning ')), 'ovrigt');
  assert.equal(code(m.match('SPRAYFÄRG')), 'skadegorelse.klotter');
  assert.equal(code(m.match('Graffiti')), 'rejected');
  assert.equal(code(m.match('Cykelstöld')), 'mapped_unknown');
  assert.equal(code(m.match('Fest')), 'inactive');
  assert.equal(code(m.match('Arrangemang')), 'inactive');
  assert.equal(code(m.match('Event')), 'inactive');
  assert.equal(code(m.match('Vattenläcka')), 'unknown');
  assert.equal(code(m.match('')), 'unknown');
});

test('an inactive category neither matches nor blocks an active one of the same name', () => {
  const tree: ImportCategory[] = [
    { code: 'gammal.klotter', nameSv: 'Klotter', nameEn: 'Graffiti', active: false },
    { code: 'skadegorelse.klotter', nameSv: 'Klotter', nameEn: 'Graffiti', active: true },
  ];
  assert.equal(code(categoryMatcher(tree).match('klotter')), 'skadegorelse.klotter');
  // Two active categories of one name: the name alone names neither.
  assert.equal(code(categoryMatcher(tree.map((c) => ({ ...c, active: true }))).match('klotter')), 'unknown');
});

test('distinct values with their row counts, spellings folded together under the first', () => {
  const m = categoryMatcher(TREE);
  const values = categoryValues(['Klotter', 'klotter ', 'KLOTTER', null, 'Snöskottning', '  ', 'Nedskräpning', 'snöskottning', 12], m);
  assert.deepEqual(values, [
    { value: 'Klotter', rows: 3, code: 'skadegorelse.klotter' },
    { value: 'Snöskottning', rows: 2, code: null },
    { value: 'Nedskräpning', rows: 1, code: 'nedskrapning' },
    { value: '12', rows: 1, code: null },
  ]);
});

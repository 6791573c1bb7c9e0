import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMunicipality, MAX_SUGGESTIONS, type MunicipalityName } from './codes.ts';

const ALL: MunicipalityName[] = [
  { code: '1440', name: 'Ale' }, { code: '1441', name: 'Lerum' }, { code: '1442', name: 'Vårgårda' },
  { code: '1443', name: 'Bollebygd' }, { code: '1444', name: 'Grästorp' }, { code: '1445', name: 'Essunga' },
  { code: '1446', name: 'Karlsborg' }, { code: '1447', name: 'Gullspång' }, { code: '1452', name: 'Tranemo' },
  { code: '1489', name: 'Alingsås' }, { code: '1490', name: 'Borås' }, { code: '0180', name: 'Stockholm' },
  { code: '2584', name: 'Kiruna' },
];
const codes = (r: ReturnType<typeof findMunicipality>) => r.suggestions.map((m) => m.code);

test('a code or a name, with or without å/ä/ö or "kommun", finds the municipality', () => {
  for (const q of ['1442', ' 1442 ', 'Vårgårda', 'vargarda', 'VÅRGÅRDA KOMMUN', 'Vargarda kommun']) {
    assert.deepEqual(findMunicipality(ALL, q), { found: { code: '1442', name: 'Vårgårda' }, suggestions: [] }, q);
  }
  assert.equal(findMunicipality(ALL, 'alingsas').found?.code, '1489');
});

test('a code that does not exist suggests the codes one digit or one swap away first, then its county', () => {
  const r = findMunicipality(ALL, '1424');
  assert.equal(r.found, null);
  assert.equal(codes(r)[0], '1442', 'a swap of two digits');
  assert.ok(codes(r).length <= MAX_SUGGESTIONS);
  const off = findMunicipality(ALL, '1499');
  assert.deepEqual(codes(off).slice(0, 2), ['1489', '1490'], 'one digit away');
  const county = findMunicipality(ALL, '1470');
  assert.equal(county.found, null);
  assert.ok(codes(county).every((c) => c.startsWith('14')), codes(county).join());
  assert.deepEqual(codes(findMunicipality(ALL, '9999')), [], 'nothing near: no suggestions');
});

test('a misspelt or partial name suggests the names near it', () => {
  assert.deepEqual(codes(findMunicipality(ALL, 'Vårgård')), ['1442']);
  assert.deepEqual(codes(findMunicipality(ALL, 'Alingsos')), ['1489']);
  assert.deepEqual(codes(findMunicipality(ALL, 'Stockh')), ['0180']);
  assert.deepEqual(codes(findMunicipality(ALL, 'Xyzzyx')), []);
  assert.deepEqual(findMunicipality(ALL, ''), { found: null, suggestions: [] });
});

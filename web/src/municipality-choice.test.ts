import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Me } from './api/types.ts';
import { lang } from './i18n/index.ts';
import {
  ALL, singleTree, chooseMunicipality, chosenMunicipalities, coveredBy, inChoice, municipalityChoice, outsideChoice, municipalityParam, municipalityParamOf, myMunicipalities, readChoice,
  resolveChoice, scopeTitle, storageKey, type ChoiceStorage,
} from './municipality-choice.ts';
import { session } from './session.ts';

const ALINGSAS = { id: '1489', name: 'Alingsås' };
const VARGARDA = { id: '1442', name: 'Vårgårda' };

function login(userId: string, municipalities: Array<{ id: string; name: string }>): void {
  session.value = {
    csrfToken: 't', municipalities,
    user: {
      id: userId, municipalityId: municipalities[0].id, organisationId: '00000000-0000-4000-8000-000000000001', organisationName: 'Polisen',
      email: 'p@example.se', name: 'P', roles: ['viewer'], active: true, municipalities: municipalities.map((m) => m.id), lastLoginAt: null,
    },
  } satisfies Me;
}

const memory = (): ChoiceStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

test('the stored choice holds while it is one of the user\'s municipalities; otherwise all of them', () => {
  assert.equal(resolveChoice('1442', ['1442', '1489']), '1442');
  assert.equal(resolveChoice(ALL, ['1442', '1489']), ALL);
  assert.equal(resolveChoice(null, ['1442', '1489']), ALL, 'nothing chosen yet: all, as before there was a switcher');
  assert.equal(resolveChoice('1480', ['1442', '1489']), ALL, 'a municipality no longer in reach');
  assert.equal(resolveChoice(ALL, ['1489']), '1489', 'one municipality: that one');
});

test('one municipality is asked for by its code; all of them, or the only one, without a parameter', () => {
  assert.equal(municipalityParamOf('1442', ['1442', '1489']), '1442');
  assert.equal(municipalityParamOf(ALL, ['1442', '1489']), undefined);
  assert.equal(municipalityParamOf('1489', ['1489']), undefined);
  assert.deepEqual(coveredBy(ALL, [ALINGSAS, VARGARDA]), [ALINGSAS, VARGARDA]);
  assert.deepEqual(coveredBy('1442', [ALINGSAS, VARGARDA]), [VARGARDA]);
});

test('the choice is kept per user, and the pages read it as signals', () => {
  const before = lang.value;
  try {
    lang.value = 'sv';
    const storage = memory();
    login('u1', [VARGARDA, ALINGSAS]);
    assert.deepEqual(myMunicipalities.value.map((m) => m.name), ['Alingsås', 'Vårgårda'], 'in Swedish alphabetical order');
    assert.equal(municipalityChoice.value, ALL);
    assert.equal(municipalityParam.value, undefined);
    assert.equal(scopeTitle.value, 'Alingsås och Vårgårda kommuner');

    chooseMunicipality('1442', storage);
    assert.equal(storage.data.get(storageKey('u1')), '1442');
    assert.equal(readChoice('u1', storage), '1442');
    assert.equal(municipalityChoice.value, '1442');
    assert.deepEqual(chosenMunicipalities.value, [VARGARDA]);
    assert.equal(municipalityParam.value, '1442');
    assert.equal(scopeTitle.value, 'Vårgårda kommun');
    lang.value = 'en';
    assert.equal(scopeTitle.value, 'Vårgårda Municipality');

    // Another user on the same device starts from their own (nothing stored: all).
    login('u2', [ALINGSAS, VARGARDA]);
    assert.equal(readChoice('u2', storage), null);
    assert.equal(municipalityChoice.value, ALL);
    assert.equal(scopeTitle.value, 'Alingsås and Vårgårda municipalities');

    // A user with one municipality: that one, named, and no parameter.
    login('u3', [ALINGSAS]);
    assert.equal(municipalityChoice.value, '1489');
    assert.equal(municipalityParam.value, undefined);
    lang.value = 'sv';
    assert.equal(scopeTitle.value, 'Alingsås kommun');
  } finally {
    lang.value = before;
    session.value = undefined;
  }
});

test('switching municipality drops the categories and the area of the others, and keeps what is unknown', () => {
  const lists = {
    categories: [{ id: 'kA', municipalityId: '1489' }, { id: 'kV', municipalityId: '1442' }],
    areas: [{ id: 'aA', municipalityId: '1489' }, { id: 'aV', municipalityId: '1442' }],
  };
  assert.deepEqual(outsideChoice({ categories: ['kA', 'kV', 'unknown'], area: 'aA' }, lists, ['1442']), { categories: ['kV', 'unknown'], area: undefined });
  assert.ok('area' in outsideChoice({ categories: [], area: 'aA' }, lists, ['1442'])!, 'the area is removed');
  assert.equal(outsideChoice({ categories: ['kA', 'kV'], area: 'aV' }, lists, ['1442', '1489']), null, 'all covered: nothing to change');
  assert.equal(outsideChoice({ categories: ['kV'] }, lists, ['1442']), null);
  assert.deepEqual(inChoice(lists.areas, ['1489']).map((a) => a.id), ['aA']);
});

test('one category tree out of several municipalities: the preferred one\'s, else the first one\'s', () => {
  const list = [
    { id: 'a1', municipalityId: '1489', code: 'klotter' }, { id: 'a2', municipalityId: '1489', code: 'brand' },
    { id: 'v1', municipalityId: '1442', code: 'klotter' }, { id: 'v2', municipalityId: '1442', code: 'brand' },
  ];
  assert.deepEqual(singleTree(list, '1442').map((c) => c.id), ['v1', 'v2']);
  assert.deepEqual(singleTree(list, '1489').map((c) => c.id), ['a1', 'a2']);
  assert.deepEqual(singleTree(list, '1484').map((c) => c.id), ['a1', 'a2'], 'a municipality not in the list: the first one\'s');
  assert.deepEqual(singleTree(list, undefined).map((c) => c.id), ['a1', 'a2']);
  assert.deepEqual(singleTree([], '1489'), []);
});

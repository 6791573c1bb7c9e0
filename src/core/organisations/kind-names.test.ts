import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ORGANISATION_KINDS } from './types.ts';
import { parseOrganisationKind } from './kind-names.ts';

test('every stored kind is read as itself, in any case', () => {
  for (const k of ORGANISATION_KINDS) {
    assert.equal(parseOrganisationKind(k), k);
    assert.equal(parseOrganisationKind(k.toUpperCase()), k);
  }
});

test('the Swedish words of the interface and the guideline name the kinds', () => {
  const cases: Array<[string, string]> = [
    ['förvaltning', 'forvaltning'], ['Kommunalt bolag', 'kommunalt_bolag'], ['bolag', 'kommunalt_bolag'],
    ['Kommunalförbund', 'forbund'], ['räddningstjänstförbund', 'forbund'], ['Polis', 'polis'], ['Region/vård', 'region_vard'],
    ['region-vard', 'region_vard'], ['Bevakningsföretag', 'bevakningsforetag'], ['Civilsamhälle', 'civilsamhalle'], ['Övrig', 'ovrig'],
  ];
  for (const [word, kind] of cases) assert.equal(parseOrganisationKind(word), kind, word);
});

test('a word that names no kind is null', () => {
  for (const w of ['', 'skola', 'företag', 'förvaltningar', 'police']) assert.equal(parseOrganisationKind(w), null, w);
});

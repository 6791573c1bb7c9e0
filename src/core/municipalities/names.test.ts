import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kommunForm, municipalityTitle } from './names.ts';

test('the form before "kommun" is the one the municipalities write', () => {
  const official: Array<[string, string]> = [
    ['Alingsås', 'Alingsås'], ['Vårgårda', 'Vårgårda'], ['Lerum', 'Lerums'], ['Göteborg', 'Göteborgs'], ['Kungälv', 'Kungälvs'],
    ['Malmö', 'Malmö'], ['Kalix', 'Kalix'], ['Upplands Väsby', 'Upplands Väsby'], ['Lilla Edet', 'Lilla Edets'], ['Dals-Ed', 'Dals-Eds'],
    ['Falun', 'Falu'], ['Kalmar', 'Kalmar'], ['Orust', 'Orust'],
  ];
  for (const [name, form] of official) assert.equal(kommunForm(name), form, name);
});

test('one municipality, several, and none, in Swedish and English', () => {
  assert.equal(municipalityTitle(['Alingsås'], 'sv'), 'Alingsås kommun');
  assert.equal(municipalityTitle(['Lerum'], 'sv'), 'Lerums kommun');
  assert.equal(municipalityTitle(['Alingsås'], 'en'), 'Alingsås Municipality');
  assert.equal(municipalityTitle(['Alingsås', 'Vårgårda'], 'sv'), 'Alingsås och Vårgårda kommuner');
  assert.equal(municipalityTitle(['Alingsås', 'Lerum', 'Vårgårda'], 'sv'), 'Alingsås, Lerums och Vårgårda kommuner');
  assert.equal(municipalityTitle(['Alingsås', 'Lerum', 'Vårgårda'], 'en'), 'Alingsås, Lerum and Vårgårda municipalities');
  assert.equal(municipalityTitle(['Gotland'], 'sv'), 'Region Gotland');
  assert.equal(municipalityTitle([], 'sv'), '');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lang } from '../../i18n/index.ts';
import { sourceLong, sourceShort } from './provenance.ts';

const imported = { source: 'import', importFileName: 'händelser 2024.csv', importedByName: 'Sara Samordnare', createdAt: '2026-11-24T13:05:00Z' };
const reported = { source: 'app', importFileName: null, importedByName: null, createdAt: '2026-11-24T13:05:00Z' };

test('an imported report names its file, who imported it and when; a reported one its source', () => {
  lang.value = 'sv';
  assert.equal(sourceShort(imported), 'Import: händelser 2024.csv');
  assert.equal(sourceLong(imported), 'Importerad från händelser 2024.csv av Sara Samordnare, 2026-11-24 14:05');
  assert.equal(sourceLong({ ...imported, importedByName: null }), 'Importerad från händelser 2024.csv, 2026-11-24 14:05');
  assert.equal(sourceShort(reported), 'Rapport');
  assert.equal(sourceLong(reported), 'Rapport');
  assert.equal(sourceShort({ source: 'larmcentral', importFileName: null }), 'larmcentral', 'an unknown source as stored');
  lang.value = 'en';
  assert.equal(sourceLong(imported), 'Imported from händelser 2024.csv by Sara Samordnare, 24 Nov 2026, 14:05');
  lang.value = 'sv';
});

test('a tip through Open311 names the system that sent it, and when', () => {
  const tip = { source: 'open311', importFileName: null, importedByName: null, sourceSystem: 'FixMyStreet', createdAt: '2026-11-24T13:05:00Z' };
  lang.value = 'sv';
  assert.equal(sourceShort(tip), 'Tips: FixMyStreet');
  assert.equal(sourceLong(tip), 'Tips via Open311 från FixMyStreet, 2026-11-24 14:05');
  lang.value = 'en';
  assert.equal(sourceLong(tip), 'Tip through Open311 from FixMyStreet, 24 Nov 2026, 14:05');
  lang.value = 'sv';
});

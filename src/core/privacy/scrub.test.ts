import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonalDataScrubber, PERSONAL_DATA_PLACEHOLDERS } from './index.ts';

test('a scrubber removes personal data from each text and names every kind it removed once', () => {
  const s = new PersonalDataScrubber();
  assert.equal(s.text('Ring 070-123 45 67'), `Ring ${PERSONAL_DATA_PLACEHOLDERS.phone}`);
  assert.equal(s.text('Anmälare 811228-9874, anna@example.se'), `Anmälare ${PERSONAL_DATA_PLACEHOLDERS.personnummer}, ${PERSONAL_DATA_PLACEHOLDERS.email}`);
  assert.equal(s.text('Ring 08-123 456 78'), `Ring ${PERSONAL_DATA_PLACEHOLDERS.phone}`);
  assert.equal(s.text(null), null);
  assert.equal(s.text(undefined), undefined);
  assert.equal(s.text('Bråk vid E20, kl 23, 2026-11-24 22:30, Storgatan 12B'), 'Bråk vid E20, kl 23, 2026-11-24 22:30, Storgatan 12B');
  assert.deepEqual(s.removed, ['personnummer', 'phone', 'email']);
});

test('nothing found, nothing named', () => {
  const s = new PersonalDataScrubber();
  s.text('Torget vid stationen');
  assert.deepEqual(s.removed, []);
});

test('a placeholder longer than what it replaced is cut to the field\'s limit', () => {
  const s = new PersonalDataScrubber();
  const out = s.text(`${'x'.repeat(190)} a@b.se`, 200);
  assert.equal(out.length, 200);
  assert.deepEqual(s.removed, ['email']);
});

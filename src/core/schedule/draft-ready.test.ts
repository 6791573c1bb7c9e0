import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compared } from '../situation-picture/figures.ts';
import { draftReadyMessage, draftUrl } from './draft-ready.ts';
import { readScheduleSetting, validateScheduleSetting } from './setting.ts';
import { DomainError } from '../errors/index.ts';

describe('draftReadyMessage', () => {
  const base = { periodLabel: '16–22 nov 2026', municipalityName: 'Alingsås', title: 'Lägesbild Alingsås 16–22 nov 2026', url: 'https://x.test/lagesbilder/abc' };

  test('the week in the subject; the period, totals and link in the body', () => {
    const m = draftReadyMessage({ ...base, run: { from: '2026-11-16', to: '2026-11-22', weeks: [47, 47] }, totals: compared(13, 7, 20) });
    assert.equal(m.subject, 'Utkast till lägesbild vecka 47 är klart');
    assert.match(m.body, /Alingsås, vecka 47 \(16–22 nov 2026\)/);
    assert.match(m.body, /Under perioden: 13 händelser\./);
    assert.match(m.body, /Perioden före: 7 händelser \(\+6, \+86 %\)\./);
    assert.match(m.body, /Samma period förra året: 20 händelser \(−7, −35 %\)\./);
    assert.match(m.body, /Öppna utkastet: https:\/\/x\.test\/lagesbilder\/abc/);
  });

  test('two weeks, one event, nothing before (no percentage), a significant change', () => {
    const m = draftReadyMessage({ ...base, run: { from: '2026-12-23', to: '2027-01-05', weeks: [52, 1] }, totals: compared(1, 0, 0) });
    assert.equal(m.subject, 'Utkast till lägesbild vecka 52–1 är klart');
    assert.match(m.body, /Under perioden: 1 händelse\./);
    assert.match(m.body, /Perioden före: 0 händelser \(\+1\)\./);
    const big = draftReadyMessage({ ...base, run: { from: '2026-11-16', to: '2026-11-22', weeks: [47, 47] }, totals: compared(60, 10, 10) });
    assert.match(big.body, /statistiskt säkerställd förändring/);
  });

  test('draftUrl tolerates a trailing slash', () => {
    assert.equal(draftUrl('https://lagesbild.kommun.se/', 'a-b'), 'https://lagesbild.kommun.se/lagesbilder/a-b');
    assert.equal(draftUrl('http://127.0.0.1:3000', 'a-b'), 'http://127.0.0.1:3000/lagesbilder/a-b');
  });
});

describe('schedule setting', () => {
  test('read: defaults for nothing stored, and whatever is broken in what is', () => {
    assert.deepEqual(readScheduleSetting(undefined), { cadence: 'off', weekday: 1, notify: [] });
    assert.deepEqual(readScheduleSetting({ cadence: 'daily', weekday: 9, notify: ['a@b.se', 7, 'trasig'] }), { cadence: 'off', weekday: 1, notify: ['a@b.se'] });
  });

  test('validate: every bad field at once, addresses normalised', () => {
    assert.deepEqual(validateScheduleSetting({ cadence: 'weekly', weekday: 5, notify: [' A@B.se', 'a@b.se'] }), { cadence: 'weekly', weekday: 5, notify: ['a@b.se'] });
    try {
      validateScheduleSetting({ cadence: 'monthly', weekday: 0, notify: ['ok@b.se', 'nej'] });
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof DomainError);
      assert.deepEqual(e.fields.map((f) => `${f.field}:${f.code}`), ['cadence:not_allowed_value', 'weekday:too_small', 'notify[1]:format']);
    }
  });
});

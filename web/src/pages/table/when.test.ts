import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lang } from '../../i18n/index.ts';
import { formatWhen } from './when.ts';

test('formatWhen: one time, a window within a day, a window over midnight; Swedish time', () => {
  lang.value = 'sv';
  assert.equal(formatWhen('2026-11-23T16:15:00Z', '2026-11-23T16:15:00Z'), '2026-11-23 17:15');
  assert.equal(formatWhen('2026-11-23T16:15:00Z', null), '2026-11-23 17:15');
  assert.equal(formatWhen('2026-11-23T16:14:59.999Z', '2026-11-23T22:59:59.999Z'), '2026-11-23 17:14\u201323:59');
  assert.equal(formatWhen('2026-11-22T19:38:39Z', '2026-11-23T06:08:39Z'), '2026-11-22 20:38 \u2013 2026-11-23 07:08');
  // Summer time: UTC+2
  assert.equal(formatWhen('2026-07-01T10:00:00Z', '2026-07-01T10:00:00Z'), '2026-07-01 12:00');
});

test('formatWhen in English', () => {
  lang.value = 'en';
  try {
    assert.equal(formatWhen('2026-11-23T16:15:00Z', undefined), '23 Nov 2026 17:15');
    assert.equal(formatWhen('2026-11-22T19:38:39Z', '2026-11-23T06:08:39Z'), '22 Nov 2026 20:38 \u2013 23 Nov 2026 07:08');
  } finally {
    lang.value = 'sv';
  }
});

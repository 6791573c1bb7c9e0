import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lang } from '../i18n/index.ts';
import { numberFieldError, parseNumberInput } from './number-field.ts';

test('an empty number field is no value, not a string the server refuses', () => {
  assert.deepEqual(parseNumberInput(''), { ok: true, value: null });
  assert.deepEqual(parseNumberInput('   '), { ok: true, value: null });
});

test('numbers as people type them: a decimal comma, spaces between thousands, a minus sign', () => {
  assert.deepEqual(parseNumberInput('12,5'), { ok: true, value: 12.5 });
  assert.deepEqual(parseNumberInput('12.5'), { ok: true, value: 12.5 });
  assert.deepEqual(parseNumberInput('1 200'), { ok: true, value: 1200 });
  assert.deepEqual(parseNumberInput('1\u00a0200,75'), { ok: true, value: 1200.75 });
  assert.deepEqual(parseNumberInput('−3'), { ok: true, value: -3 });
  assert.deepEqual(parseNumberInput(' 7 '), { ok: true, value: 7 });
});

test('text that is no number is reported, never sent', () => {
  for (const text of ['ca 5', '12 %', '1,2,3', 'tolv', '-', '1e400']) assert.equal(parseNumberInput(text).ok, false, text);
  assert.equal(parseNumberInput('2,5', { integer: true }).ok, false);
  assert.deepEqual(parseNumberInput('2026', { integer: true }), { ok: true, value: 2026 });
});

test('the error names the field and says what to enter, in the UI language', () => {
  const before = lang.value;
  try {
    lang.value = 'sv';
    assert.deepEqual(numberFieldError('costSek', 'Kostnad (kr)'), { field: 'costSek', code: 'type', message: 'Kostnad (kr): ange ett tal, t.ex. 12,5.' });
    assert.equal(numberFieldError('year', 'År', { integer: true, example: '2026' }).message, 'År: ange ett heltal, t.ex. 2026.');
    lang.value = 'en';
    assert.equal(numberFieldError('costSek', 'Cost').message, 'Cost: enter a number, e.g. 12.5.');
  } finally {
    lang.value = before;
  }
});

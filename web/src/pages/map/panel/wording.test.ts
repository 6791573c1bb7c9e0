import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lang } from '../../../i18n/index.ts';
import { capitalise, changeSentence, formatP, isSignificant, percentChange, periodLabel, signedPercent, significanceText } from './wording.ts';

function inLang<T>(l: 'sv' | 'en', f: () => T): T {
  const before = lang.value;
  lang.value = l;
  try { return f(); } finally { lang.value = before; }
}

test('percentChange is null when the base is 0', () => {
  assert.equal(percentChange(5, 0), null);
  assert.equal(percentChange(0, 0), null);
  assert.equal(percentChange(112, 100), 12);
  assert.equal(percentChange(50, 100), -50);
});

test('signedPercent: sign, Swedish minus and decimal comma, one decimal below 1 %', () => {
  inLang('sv', () => {
    assert.equal(signedPercent(12.3), '+12 %');
    assert.equal(signedPercent(-8.6), '\u22129 %');
    assert.equal(signedPercent(0), '±0 %');
    assert.equal(signedPercent(0.04), '±0 %');
    assert.equal(signedPercent(0.44), '+0,4 %');
    assert.equal(signedPercent(1250), '+1\u00a0250 %');
  });
  inLang('en', () => assert.equal(signedPercent(-0.44), '\u22120.4 %'));
});

test('formatP: two decimals, three below 0.1, "<" below 0.001, never rounded across alpha', () => {
  inLang('sv', () => {
    assert.equal(formatP(0.3123), 'p = 0,31');
    assert.equal(formatP(0.0312), 'p = 0,031');
    assert.equal(formatP(0.0004), 'p < 0,001');
    assert.equal(formatP(0.04961), 'p = 0,0496');
    assert.equal(formatP(0.0504), 'p = 0,050');
    assert.equal(formatP(1), 'p = 1,00');
  });
  inLang('en', () => assert.equal(formatP(0.31), 'p = 0.31'));
});

test('significance at alpha 0.05', () => {
  assert.equal(isSignificant(0.049), true);
  assert.equal(isSignificant(0.05), false);
  assert.equal(isSignificant(null), false);
  inLang('sv', () => {
    assert.equal(significanceText(0.31), 'inte statistiskt säkerställd (p = 0,31)');
    assert.equal(significanceText(0.002), 'statistiskt säkerställd (p = 0,002)');
    assert.equal(significanceText(null), '');
  });
  inLang('en', () => assert.equal(significanceText(0.31), 'not statistically significant (p = 0.31)'));
});

test('changeSentence in words and numbers, or why there is no comparison', () => {
  inLang('sv', () => {
    assert.equal(changeSentence(143, 128, 0.31, 'previous'), '+12 % jämfört med föregående period (143 mot 128), inte statistiskt säkerställd (p = 0,31)');
    assert.equal(changeSentence(60, 120, 0.00001, 'lastYear'), '\u221250 % jämfört med samma period i fjol (60 mot 120), statistiskt säkerställd (p < 0,001)');
    assert.equal(changeSentence(7, 0, null, 'previous'), 'ingen jämförelse: 0 under föregående period');
    assert.equal(changeSentence(7, 0, null, 'lastYear'), 'ingen jämförelse: 0 under samma period i fjol');
    assert.equal(changeSentence(10, 10, null, 'previous'), '±0 % jämfört med föregående period (10 mot 10)');
  });
  inLang('en', () => {
    assert.equal(changeSentence(1143, 1128, 0.76, 'previous'), '+1 % compared with the previous period (1,143 against 1,128), not statistically significant (p = 0.76)');
  });
  assert.equal(capitalise('ingen jämförelse'), 'Ingen jämförelse');
});

test('periodLabel: the last day is the day before the exclusive end; the year once', () => {
  inLang('sv', () => {
    assert.equal(periodLabel('2026-10-28T00:00:00.000Z', '2026-11-25T00:00:00.000Z'), '2026-10-28 \u2013 2026-11-24');
    assert.equal(periodLabel('2025-12-29', '2026-01-05'), '2025-12-29 \u2013 2026-01-04');
    assert.equal(periodLabel('2026-11-24', '2026-11-25'), '2026-11-24');
    // The API's periods start at Swedish midnight: 23:00 UTC in winter, 22:00 UTC in summer, the day before.
    assert.equal(periodLabel('2026-10-27T23:00:00.000Z', '2026-11-24T23:00:00.000Z'), '2026-10-28 \u2013 2026-11-24');
    assert.equal(periodLabel('2026-06-30T22:00:00.000Z', '2026-07-28T22:00:00.000Z'), '2026-07-01 \u2013 2026-07-28');
  });
  inLang('en', () => assert.equal(periodLabel('2026-10-28', '2026-11-25'), '28 Oct 2026 \u2013 24 Nov 2026'));
});

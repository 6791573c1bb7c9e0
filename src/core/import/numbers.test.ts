import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNumber } from './numbers.ts';

const value = (s: Parameters<typeof parseNumber>[0]) => {
  const r = parseNumber(s);
  return r.ok ? r.value : r.reason;
};

test('decimal comma and decimal point, as Swedish and English spreadsheets write them', () => {
  assert.equal(value('353883,2'), 353883.2);
  assert.equal(value('353883.2'), 353883.2);
  assert.equal(value('57,93'), 57.93);
  assert.equal(value('12'), 12);
  assert.equal(value(',5'), 0.5);
  assert.equal(value('  6423583,7 '), 6423583.7);
  assert.equal(value(6423583.7), 6423583.7);
});

test('spaces, no-break spaces and thin spaces between groups of three digits', () => {
  assert.equal(value('6 423 583,7'), 6423583.7);
  assert.equal(value('6\u00a0423\u00a0583,7'), 6423583.7);
  assert.equal(value('6\u202f423\u202f583'), 6423583);
  assert.equal(value('1\u2009234.5'), 1234.5);
  // Groups must be of three: "12 34" is two numbers, not one.
  assert.equal(value('12 34'), 'not_a_number');
  assert.equal(value('1 23,5'), 'not_a_number');
});

test('a leading minus, the typographic minus U+2212, a plus, an exponent', () => {
  assert.equal(value('-12,5'), -12.5);
  assert.equal(value('\u221212,5'), -12.5);
  assert.equal(value('+3'), 3);
  assert.equal(value('6,42E+06'), 6420000);
  assert.equal(value('1e3'), 1000);
});

test('mixtures of comma and point, or several of one, are refused as ambiguous rather than guessed', () => {
  assert.equal(value('1,234.5'), 'ambiguous');
  assert.equal(value('1.234,5'), 'ambiguous');
  assert.equal(value('1.234.567'), 'ambiguous');
  assert.equal(value('1,234,567'), 'ambiguous');
  assert.equal(value('6 423 583,7.1'), 'ambiguous');
});

test('text, booleans, dates and empty cells are no numbers', () => {
  assert.equal(value(null), 'empty');
  assert.equal(value('   '), 'empty');
  assert.equal(value('abc'), 'not_a_number');
  assert.equal(value('12,'), 'not_a_number');
  assert.equal(value('12 m'), 'not_a_number');
  assert.equal(value('-'), 'not_a_number');
  assert.equal(value('1,2,a'), 'not_a_number');
  assert.equal(value(true), 'not_a_number');
  assert.equal(value(new Date(0)), 'not_a_number');
  assert.equal(value(Number.NaN), 'not_a_number');
});

test('any number written with a comma or a point, grouped or not, reads back as itself', () => {
  fc.assert(fc.property(fc.integer({ min: -9_999_999, max: 9_999_999 }), fc.integer({ min: 0, max: 99 }), fc.boolean(), (int, dec, comma) => {
    const abs = Math.abs(int).toString().replace(/\B(?=(\d{3})+$)/g, '\u00a0');
    const text = `${int < 0 ? '\u2212' : ''}${abs}${comma ? ',' : '.'}${String(dec).padStart(2, '0')}`;
    const expected = (int < 0 ? -1 : 1) * Number(`${Math.abs(int)}.${String(dec).padStart(2, '0')}`);
    assert.equal(value(text), expected);
  }));
});

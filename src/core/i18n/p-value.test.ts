import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatP, formatPBelow } from './numbers.ts';

// The web (panel, edition, map popup) and the documents write p through these two functions only.
test('a p-value reads "p = 0,031" or "p < 0,001", never "p = < …"', () => {
  assert.equal(formatP('sv', 0.031), 'p = 0,031');
  assert.equal(formatP('en', 0.031), 'p = 0.031');
  assert.equal(formatP('sv', 0.31), 'p = 0,31');
  assert.equal(formatP('sv', 0.0004), 'p < 0,001');
  assert.equal(formatP('en', 0.0004), 'p < 0.001');
  for (const p of [0, 0.0001, 0.0009, 0.001, 0.0496, 0.05, 0.2, 1]) {
    for (const lang of ['sv', 'en'] as const) assert.doesNotMatch(formatP(lang, p), /=\s*</, `${lang} ${p}`);
  }
});

test('a rounded p never lands on the other side of 0,05', () => {
  assert.equal(formatP('sv', 0.04961), 'p = 0,0496');
  assert.ok(!/0,050$/.test(formatP('sv', 0.0499)));
});

test('a bound is written "p < 0,05", the way a legend states the level', () => {
  assert.equal(formatPBelow('sv', 0.05), 'p < 0,05');
  assert.equal(formatPBelow('en', 0.05), 'p < 0.05');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contrastRatio, heatColour, heatLevel, HEAT_STOPS, isoWeek, matrixMax, niceMax, textOn } from './scale.ts';

test('contrastRatio follows WCAG: black on white is 21, a colour on itself is 1', () => {
  assert.equal(Math.round(contrastRatio('#000000', '#ffffff')), 21);
  assert.equal(contrastRatio('#3182bd', '#3182bd'), 1);
  assert.equal(contrastRatio('#ffffff', '#000000'), contrastRatio('#000000', '#ffffff'));
});

test('heatColour: 0 and an empty matrix are the lightest class, the maximum the darkest', () => {
  assert.equal(heatColour(0, 10).background, HEAT_STOPS[0]);
  assert.equal(heatColour(0, 0).background, HEAT_STOPS[0]);
  assert.equal(heatColour(3, 0).level, 0);
  assert.equal(heatColour(10, 10).background, HEAT_STOPS[HEAT_STOPS.length - 1]);
  assert.equal(heatColour(10, 10).level, HEAT_STOPS.length - 1);
});

test('heatLevel: any incident is told apart from none; classes grow with the value', () => {
  assert.equal(heatLevel(0, 100), 0);
  assert.equal(heatLevel(1, 100), 1);
  assert.equal(heatLevel(100, 100), HEAT_STOPS.length - 1);
  assert.equal(heatLevel(250, 100), HEAT_STOPS.length - 1);
  assert.ok(heatLevel(25, 100) < heatLevel(64, 100));
});

test('heatColour darkens as the value grows', () => {
  let last = Infinity;
  for (let v = 0; v <= 40; v++) {
    const c = heatColour(v, 40);
    const l = contrastRatio(c.background, '#000000');
    assert.ok(l <= last, `value ${v} is not darker than ${v - 1}`);
    last = l;
  }
});

test('heatColour text reads at 4.5:1 or better on every value of the scale', () => {
  for (let v = 0; v <= 100; v++) {
    const c = heatColour(v, 100);
    assert.ok(contrastRatio(c.background, c.color) >= 4.5, `value ${v}: ${c.color} on ${c.background}`);
  }
  assert.equal(textOn('#ffffff'), '#1b1f24');
  assert.equal(textOn('#08519c'), '#ffffff');
});

test('matrixMax and niceMax', () => {
  assert.equal(matrixMax([[1, 5], [3, 0]]), 5);
  assert.equal(matrixMax([]), 0);
  assert.equal(niceMax(0), 1);
  assert.equal(niceMax(7), 10);
  assert.equal(niceMax(34), 50);
  assert.equal(niceMax(20), 20);
  assert.equal(niceMax(230), 250);
});

test('isoWeek: the Thursday rule at year boundaries', () => {
  assert.equal(isoWeek('2026-11-23'), 48);
  assert.equal(isoWeek('2026-01-01'), 1); // Thursday
  assert.equal(isoWeek('2027-01-01'), 53); // Friday of 2026-W53
  assert.equal(isoWeek('2024-12-30'), 1); // Monday of 2025-W01
  assert.equal(isoWeek('2021-01-03'), 53); // Sunday of 2020-W53
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoWeek, lastDay, weeksOf } from './weeks.ts';

const t = (d: string) => Date.parse(`${d}T00:00:00Z`);

test('isoWeek numbers weeks as Swedish calendars do, across year ends', () => {
  assert.deepEqual(isoWeek(t('2026-11-24')), { year: 2026, week: 48 });
  assert.deepEqual(isoWeek(t('2026-11-22')), { year: 2026, week: 47 }); // Sunday ends week 47
  assert.deepEqual(isoWeek(t('2021-01-03')), { year: 2020, week: 53 });
  assert.deepEqual(isoWeek(t('2024-12-30')), { year: 2025, week: 1 });
  assert.deepEqual(isoWeek(t('2026-01-01')), { year: 2026, week: 1 });
});

test('weeksOf splits a period into ISO weeks clipped to [from, to)', () => {
  // 4 weeks ending Tuesday 24 Nov 2026 (to = 25 Nov, exclusive): Wed 28 Oct … Tue 24 Nov.
  const steps = weeksOf('2026-10-28', '2026-11-25');
  assert.deepEqual(steps.map((s) => [s.week, s.from, s.to, s.partial]), [
    [44, '2026-10-28', '2026-11-02', true],
    [45, '2026-11-02', '2026-11-09', false],
    [46, '2026-11-09', '2026-11-16', false],
    [47, '2026-11-16', '2026-11-23', false],
    [48, '2026-11-23', '2026-11-25', true],
  ]);
  assert.equal(lastDay(steps[3]), '2026-11-22');
  // The steps tile the period: no gap, no overlap.
  for (let i = 1; i < steps.length; i++) assert.equal(steps[i].from, steps[i - 1].to);
});

test('weeksOf: a period of whole weeks, one day, and nonsense', () => {
  assert.deepEqual(weeksOf('2026-11-16', '2026-11-30').map((s) => [s.week, s.partial]), [[47, false], [48, false]]);
  assert.deepEqual(weeksOf('2026-11-24', '2026-11-25').map((s) => [s.week, s.from, s.to, s.partial]), [[48, '2026-11-24', '2026-11-25', true]]);
  assert.deepEqual(weeksOf('2026-11-25', '2026-11-24'), []);
  assert.deepEqual(weeksOf('x', '2026-11-24'), []);
  assert.equal(weeksOf('2025-11-25', '2026-11-25').length, 53);
});

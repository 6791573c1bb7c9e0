import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, inclusiveEnd, presetPeriod, stockholmDay } from './periods.ts';

test('the last four weeks are 28 days ending with the Stockholm day', () => {
  // 23:30 UTC on 23 November is already 24 November in Stockholm.
  assert.deepEqual(presetPeriod('last4weeks', new Date('2026-11-23T23:30:00Z')), { from: '2026-10-28', to: '2026-11-24' });
});

test('last week is the Monday to Sunday before the current week, across a daylight-saving change', () => {
  // Wednesday 28 October 2026; the clocks went back on Sunday 25 October.
  assert.deepEqual(presetPeriod('lastWeek', new Date('2026-10-28T10:00:00Z')), { from: '2026-10-19', to: '2026-10-25' });
  // On a Monday, last week is the seven days that just ended.
  assert.deepEqual(presetPeriod('lastWeek', new Date('2026-11-02T08:00:00Z')), { from: '2026-10-26', to: '2026-11-01' });
  // On a Sunday, the current week is still running.
  assert.deepEqual(presetPeriod('lastWeek', new Date('2026-11-01T08:00:00Z')), { from: '2026-10-19', to: '2026-10-25' });
});

test('custom has no preset period; day arithmetic and inclusive ends', () => {
  assert.equal(presetPeriod('custom'), null);
  assert.equal(addDays('2026-03-29', 1), '2026-03-30');
  assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  assert.equal(stockholmDay(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
  // A stored half-open end at Stockholm midnight (22:00 UTC in summer) is the day before, inclusive.
  assert.equal(inclusiveEnd('2026-07-01T22:00:00Z'), '2026-07-01');
  assert.equal(inclusiveEnd('2026-11-24T23:00:00.000Z'), '2026-11-24');
  assert.equal(inclusiveEnd('2026-11-23'), '2026-11-23');
});

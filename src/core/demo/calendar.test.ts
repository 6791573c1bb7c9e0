import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS } from '../time/index.ts';
import { daysOfPeriod, isSchoolHoliday } from './calendar.ts';

test('school holidays and the days of a period', () => {
  assert.equal(isSchoolHoliday(Date.UTC(2025, 6, 10)), true);
  assert.equal(isSchoolHoliday(Date.UTC(2025, 1, 18)), true); // week 8
  assert.equal(isSchoolHoliday(Date.UTC(2025, 8, 10)), false);
  const days = daysOfPeriod(Date.UTC(2024, 0, 1) - 3_600_000, Date.UTC(2025, 0, 1) - 3_600_000);
  assert.equal(days.length, 366);
  assert.equal(days[0].weekday, 0); // 1 January 2024 was a Monday
  assert.equal(days[1].localMidnight - days[0].localMidnight, DAY_MS);
  assert.ok(days[0].t < 0.01 && days[365].t > 0.99);
});

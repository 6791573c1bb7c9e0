import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../errors/index.ts';
import { calendarDays, localDate, parsePeriod, periodDates, periodLabel } from './period.ts';

const issues = (fn: () => unknown) => {
  try { fn(); } catch (e) { assert.ok(e instanceof DomainError); return e.fields; }
  assert.fail('expected a DomainError');
};

describe('parsePeriod', () => {
  test('calendar days in Swedish time, to inclusive, stored end the next local midnight', () => {
    const p = parsePeriod('2026-11-02', '2026-11-08');
    assert.equal(p.from.toISOString(), '2026-11-01T23:00:00.000Z');
    assert.equal(p.to.toISOString(), '2026-11-08T23:00:00.000Z');
    assert.equal(calendarDays(p.from, p.to), 7);
  });
  test('summer time: midnight is 22:00 UTC', () => {
    const p = parsePeriod('2026-07-01', '2026-07-01');
    assert.equal(p.from.toISOString(), '2026-06-30T22:00:00.000Z');
    assert.equal(p.to.getTime() - p.from.getTime(), 86_400_000);
  });
  test('a week over the autumn change is 169 hours and 7 days; over the spring change 167 hours', () => {
    const autumn = parsePeriod('2026-10-19', '2026-10-25'); // clocks go back Sunday 25 October 2026
    assert.equal((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000, 169);
    assert.equal(calendarDays(autumn.from, autumn.to), 7);
    assert.equal(autumn.to.toISOString(), '2026-10-25T23:00:00.000Z');
    const spring = parsePeriod('2026-03-23', '2026-03-29'); // clocks go forward Sunday 29 March 2026
    assert.equal((spring.to.getTime() - spring.from.getTime()) / 3_600_000, 167);
    assert.equal(calendarDays(spring.from, spring.to), 7);
    assert.deepEqual(periodDates(spring.from, spring.to), { from: '2026-03-23', to: '2026-03-29', days: 7 });
  });
  test('bad format names the field', () => {
    assert.deepEqual(issues(() => parsePeriod('2026-13-01', '26-11-08')).map((i) => [i.field, i.code]), [['from', 'format'], ['to', 'format']]);
    assert.deepEqual(issues(() => parsePeriod('2026-02-30', '2026-03-01')).map((i) => i.field), ['from']);
    assert.deepEqual(issues(() => parsePeriod('2026-02-01T00:00', '2026-03-01')).map((i) => i.field), ['from']);
  });
  test('reversed and too long', () => {
    assert.deepEqual(issues(() => parsePeriod('2026-11-08', '2026-11-07')), [{ field: 'to', code: 'period_reversed', params: { from: '2026-11-08', to: '2026-11-07' } }]);
    assert.deepEqual(issues(() => parsePeriod('2025-01-01', '2026-02-05')), [{ field: 'to', code: 'period_too_long', params: { days: 400 } }]);
    assert.equal(calendarDays(...Object.values(parsePeriod('2025-01-01', '2026-02-04')) as [Date, Date]), 400);
  });
});

describe('period labels', () => {
  test('Swedish style', () => {
    const l = (a: string, b: string) => { const p = parsePeriod(a, b); return periodLabel(p.from, p.to); };
    assert.equal(l('2026-10-27', '2026-11-23'), '27 okt–23 nov 2026');
    assert.equal(l('2026-11-03', '2026-11-09'), '3–9 nov 2026');
    assert.equal(l('2026-12-28', '2027-01-03'), '28 dec 2026–3 jan 2027');
    assert.equal(localDate(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
  });
});

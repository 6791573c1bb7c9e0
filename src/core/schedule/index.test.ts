import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dueRun, weekLabel, type Schedule } from './index.ts';

const weeklyMonday: Schedule = { cadence: 'weekly', weekday: 1 };
const at = (iso: string) => new Date(iso);
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Every distinct run an hourly tick would see between two instants. */
function runsBetween(s: Schedule, fromIso: string, toIso: string) {
  const seen = new Map<string, NonNullable<ReturnType<typeof dueRun>>>();
  for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += 3_600_000) {
    const r = dueRun(s, new Date(t));
    if (r) seen.set(r.from, r);
  }
  return [...seen.values()];
}

describe('dueRun', () => {
  test('weekly on Monday: last Monday–Sunday, from 06:00 local on the Monday', () => {
    // 2026-11-23 is the Monday of ISO week 48; winter time, UTC+1.
    assert.deepEqual(dueRun(weeklyMonday, at('2026-11-23T05:00:00Z')), { runDay: '2026-11-23', from: '2026-11-16', to: '2026-11-22', days: 7, weeks: [47, 47] });
    assert.equal(dueRun(weeklyMonday, at('2026-11-23T04:59:59Z')), null, 'before 06:00 local');
    assert.equal(dueRun(weeklyMonday, at('2026-11-22T12:00:00Z')), null, 'Sunday: the week has not ended');
  });

  test('a missed run is still made for three days, then never', () => {
    assert.equal(dueRun(weeklyMonday, at('2026-11-26T04:59:00Z'))?.from, '2026-11-16', 'Thursday 05:59 local');
    assert.equal(dueRun(weeklyMonday, at('2026-11-26T05:00:00Z')), null, 'Thursday 06:00 local');
    assert.equal(dueRun(weeklyMonday, at('2026-11-28T12:00:00Z')), null);
  });

  test('off is never due; a weekday outside 1..7 is a programming error', () => {
    assert.equal(dueRun({ cadence: 'off', weekday: 1 }, at('2026-11-23T08:00:00Z')), null);
    assert.throws(() => dueRun({ cadence: 'weekly', weekday: 0 }, at('2026-11-23T08:00:00Z')), RangeError);
    assert.throws(() => dueRun({ cadence: 'weekly', weekday: 8 }, at('2026-11-23T08:00:00Z')), RangeError);
  });

  test('the due hour follows summer time (spring: 29 March 2026, autumn: 25 October 2026)', () => {
    // Monday 30 March, CEST (UTC+2): 06:00 local = 04:00Z.
    assert.equal(dueRun(weeklyMonday, at('2026-03-30T03:30:00Z')), null, '05:30 CEST');
    assert.deepEqual(dueRun(weeklyMonday, at('2026-03-30T04:30:00Z'))?.from, '2026-03-23');
    assert.equal(dueRun(weeklyMonday, at('2026-03-30T04:30:00Z'))?.to, '2026-03-29', 'the 23-hour Sunday is in the week');
    // Monday 26 October, CET (UTC+1): 06:00 local = 05:00Z.
    assert.equal(dueRun(weeklyMonday, at('2026-10-26T04:30:00Z')), null, '05:30 CET');
    assert.deepEqual(dueRun(weeklyMonday, at('2026-10-26T05:30:00Z'))?.to, '2026-10-25', 'the 25-hour Sunday is in the week');
  });

  test('the local date decides the run day, not the UTC date', () => {
    // Sunday 23:30Z in summer is Monday 01:30 local: a Monday, but before the due hour.
    assert.equal(dueRun(weeklyMonday, at('2026-06-07T23:30:00Z')), null);
    // Sunday 22:30Z in winter as a Sunday run day is still Sunday 23:30 local: due.
    assert.equal(dueRun({ cadence: 'weekly', weekday: 7 }, at('2026-11-22T22:30:00Z'))?.runDay, '2026-11-22');
  });

  test('year ends: week 53 of 2026 and week 1 of 2026 that starts in 2025', () => {
    const w53 = dueRun(weeklyMonday, at('2027-01-04T07:00:00Z'))!;
    assert.deepEqual([w53.from, w53.to, w53.weeks], ['2026-12-28', '2027-01-03', [53, 53]]);
    assert.equal(weekLabel(w53), 'vecka 53');
    const w1 = dueRun(weeklyMonday, at('2026-01-05T07:00:00Z'))!;
    assert.deepEqual([w1.from, w1.to, w1.weeks], ['2025-12-29', '2026-01-04', [1, 1]]);
    const wednesday = dueRun({ cadence: 'weekly', weekday: 3 }, at('2026-12-30T07:00:00Z'))!;
    assert.deepEqual([wednesday.from, wednesday.to], ['2026-12-23', '2026-12-29']);
    assert.equal(weekLabel(wednesday), 'vecka 52–53');
  });

  test('weekly runs tile the calendar: every period follows the last without gap or overlap, across DST and week 53', () => {
    for (const weekday of [1, 4, 7]) {
      const runs = runsBetween({ cadence: 'weekly', weekday }, '2025-12-01T00:00:00Z', '2027-12-31T00:00:00Z');
      assert.ok(runs.length >= 104, `${runs.length} runs`);
      for (let i = 1; i < runs.length; i++) {
        assert.equal(runs[i].from, nextDay(runs[i - 1].to), `${runs[i - 1].to} → ${runs[i].from}`);
        assert.equal(runs[i].days, 7);
        assert.equal(runs[i].runDay, nextDay(runs[i].to));
      }
    }
  });

  test('fortnightly runs are exactly 14 days apart, also over week 53 (ISO parity would break there)', () => {
    const runs = runsBetween({ cadence: 'fortnightly', weekday: 1 }, '2026-06-01T00:00:00Z', '2027-06-01T00:00:00Z');
    assert.ok(runs.length >= 26);
    for (let i = 1; i < runs.length; i++) {
      assert.equal(runs[i].from, nextDay(runs[i - 1].to));
      assert.equal(runs[i].days, 14);
    }
    const overYearEnd = runs.find((r) => r.from <= '2026-12-31' && r.to >= '2027-01-01')!;
    assert.ok(overYearEnd, 'a period spans the year end');
    assert.ok(runs.some((r) => r.weeks[1] === 53 || r.weeks[0] === 53), 'week 53 falls in some period');
    // A week that is not a run week makes nothing.
    const runDays = new Set(runs.map((r) => r.runDay));
    const skipped = nextDay(nextDay(nextDay(nextDay(nextDay(nextDay(nextDay(runs[3].runDay)))))));
    assert.ok(!runDays.has(skipped));
    assert.equal(dueRun({ cadence: 'fortnightly', weekday: 1 }, at(`${skipped}T08:00:00Z`)), null);
  });
});

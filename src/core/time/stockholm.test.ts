import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stockholmDayStart, stockholmParts, localToUtc, utcToLocal, isoWeek } from './stockholm.ts';

test('Swedish local time agrees with the Intl Europe/Stockholm zone every 7 h over 2023–2026', () => {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
  for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 60_000) {
    const p = Object.fromEntries(fmt.formatToParts(t).map((x) => [x.type, x.value]));
    const mine = stockholmParts(t);
    assert.deepEqual([mine.year, mine.month, mine.day, mine.hour, mine.minute],
      [+p.year, +p.month, +p.day, +p.hour, +p.minute], new Date(t).toISOString());
    assert.equal(localToUtc(utcToLocal(t)) === t || stockholmParts(t).month === 10, true);
  }
});

test('DST switches on the last Sundays of March and October 2025', () => {
  assert.equal(localToUtc(Date.UTC(2025, 2, 30, 1, 30)), Date.UTC(2025, 2, 30, 0, 30)); // still CET
  assert.equal(localToUtc(Date.UTC(2025, 2, 30, 3, 30)), Date.UTC(2025, 2, 30, 1, 30)); // CEST
  assert.equal(localToUtc(Date.UTC(2025, 9, 26, 4, 0)), Date.UTC(2025, 9, 26, 3, 0)); // CET again
});

test('ISO weeks', () => {
  assert.equal(isoWeek(Date.UTC(2025, 0, 1)), 1);
  assert.equal(isoWeek(Date.UTC(2024, 11, 30)), 1);
  assert.equal(isoWeek(Date.UTC(2021, 0, 3)), 53);
});

test('the start of a Swedish day, and of days before and after, across the clock changes', () => {
  // 2025-03-30 has 23 hours, 2025-10-26 has 25.
  assert.equal(new Date(stockholmDayStart(Date.UTC(2025, 2, 30, 12))).toISOString(), '2025-03-29T23:00:00.000Z');
  assert.equal(new Date(stockholmDayStart(Date.UTC(2025, 2, 30, 12), 1)).toISOString(), '2025-03-30T22:00:00.000Z');
  assert.equal(new Date(stockholmDayStart(Date.UTC(2025, 9, 26, 12), 1)).toISOString(), '2025-10-26T23:00:00.000Z');
  // 23:30 UTC on 31 December is already 1 January in Sweden.
  assert.equal(new Date(stockholmDayStart(Date.UTC(2025, 11, 31, 23, 30))).toISOString(), '2025-12-31T23:00:00.000Z');
  assert.equal(new Date(stockholmDayStart(Date.UTC(2026, 0, 29, 10), -28)).toISOString(), '2025-12-31T23:00:00.000Z');
});

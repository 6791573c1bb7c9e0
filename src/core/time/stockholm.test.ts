import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stockholmDayStart, stockholmParts, localToUtc, utcToLocal, isoWeek, parseStockholmLocal, stockholmAddYears } from './stockholm.ts';

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

test('a date or an offset-less time is Swedish wall-clock time, in winter and in summer', () => {
  const iso = (s: string) => { const v = parseStockholmLocal(s); return v === null ? null : new Date(v).toISOString(); };
  assert.equal(iso('2026-03-02'), '2026-03-01T23:00:00.000Z');
  assert.equal(iso('2026-10-01'), '2026-09-30T22:00:00.000Z');
  assert.equal(iso('2026-10-01T00:30'), '2026-09-30T22:30:00.000Z');
  assert.equal(iso('2026-12-24T23:30:15.5'), '2026-12-24T22:30:15.500Z');
  assert.equal(iso('2026-02-30'), null);
  assert.equal(iso('2026-02-01T24:00'), null);
  assert.equal(iso('2026-02-01T12:00Z'), null, 'an offset is not local time');
});

test('the same dates a year earlier: local midnights stay midnights across different clock-change dates', () => {
  const at = (s: string) => parseStockholmLocal(s)!;
  const back = (s: string, leap?: 'before' | 'after') => new Date(stockholmAddYears(at(s), -1, leap)).toISOString();
  // 30 March 2026 starts in summer time (since 29 March); 30 March 2025 in winter time (until 01:00 UTC).
  assert.equal(back('2026-03-30'), new Date(at('2025-03-30')).toISOString());
  assert.equal(back('2026-03-30'), '2025-03-29T23:00:00.000Z');
  // 26 October 2026 is winter time; 26 October 2025 began in summer time.
  assert.equal(back('2026-10-26'), '2025-10-25T22:00:00.000Z');
  assert.equal(back('2026-10-26T00:30'), new Date(at('2025-10-26T00:30')).toISOString());
  assert.equal(new Date(stockholmAddYears(at('2025-06-01'), 1)).toISOString(), new Date(at('2026-06-01')).toISOString());
  // 29 February: the day before as a start, the day after as an exclusive end.
  assert.equal(back('2028-02-29', 'before'), new Date(at('2027-02-28')).toISOString());
  assert.equal(back('2028-02-29', 'after'), new Date(at('2027-03-01')).toISOString());
});

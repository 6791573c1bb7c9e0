import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dateFormatIn, dayWindow, describeDateFormat, detectDateOrder, instantOf, parseDateCell, parseTimeCell, parseTimeText, readWhen, type WhenCells } from './dates.ts';
import type { Cell, DateOrder } from './types.ts';

const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');
/** A cell as an instant (or a window "from/to"), read as in a one-column file. */
function when(cells: WhenCells | Cell, order: DateOrder = 'dmy', now?: number): string {
  const c = cells !== null && typeof cells === 'object' && !(cells instanceof Date) ? cells : { dateTime: cells };
  const r = readWhen(c, order, { now });
  if (!r.ok) return r.problems.map((p) => `${p.field}:${p.code}`).join(' ');
  return r.from === r.to ? iso(r.from) : `${iso(r.from)}/${iso(r.to)}`;
}

test('ISO dates and times, with and without seconds and offsets, as Swedish wall-clock time', () => {
  assert.equal(when('2025-03-04T21:30'), '2025-03-04T20:30Z');
  assert.equal(when('2025-03-04 21:30:15'), '2025-03-04T20:30:15.000Z');
  assert.equal(when('2025-07-04T21:30'), '2025-07-04T19:30Z'); // summer time, UTC+2
  assert.equal(when('2025-03-04T21:30:00.250'), '2025-03-04T20:30Z');
  assert.equal(when('2025-03-04T21:30Z'), '2025-03-04T21:30Z');
  assert.equal(when('2025-03-04T21:30+03:00'), '2025-03-04T18:30Z');
  assert.equal(when('2025-03-04T21:30-0500'), '2025-03-05T02:30Z');
  assert.equal(when('2025/03/04 21:30'), '2025-03-04T20:30Z');
  assert.equal(when('20250304'), '2025-03-03T23:00Z/2025-03-04T23:00Z');
  assert.equal(when(20250304), '2025-03-03T23:00Z/2025-03-04T23:00Z');
});

test('Swedish forms: a dot in the time, "kl", day first, month names', () => {
  assert.equal(when('2025-03-04 21.30'), '2025-03-04T20:30Z');
  assert.equal(when('2025-03-04 kl 21:30'), '2025-03-04T20:30Z');
  assert.equal(when('2025-03-04 kl. 21.30'), '2025-03-04T20:30Z');
  assert.equal(when('2025-03-04, 21:30'), '2025-03-04T20:30Z');
  assert.equal(when('4/3/2025'), '2025-03-03T23:00Z/2025-03-04T23:00Z');
  assert.equal(when('4/3 2025'), '2025-03-03T23:00Z/2025-03-04T23:00Z');
  assert.equal(when('04.03.2025'), '2025-03-03T23:00Z/2025-03-04T23:00Z');
  assert.equal(when('4-3-2025 21:30'), '2025-03-04T20:30Z');
  assert.equal(when('4/3/2025 kl 21.30'), '2025-03-04T20:30Z');
  assert.equal(when('04.03.25 21:30'), '2025-03-04T20:30Z');
  assert.equal(when('4 mars 2025 21:30'), '2025-03-04T20:30Z');
  assert.equal(when('4 MAR 2025'), '2025-03-03T23:00Z/2025-03-04T23:00Z');
  assert.equal(when('March 4, 2025 9:30 pm'), '2025-03-04T20:30Z');
  assert.equal(when('4 maj 2025'), '2025-05-03T22:00Z/2025-05-04T22:00Z');
});

test('day and month order: day first by default, month first when the mapping says so', () => {
  assert.equal(when('4/3/2025 12:00', 'dmy'), '2025-03-04T11:00Z');
  assert.equal(when('4/3/2025 12:00', 'mdy'), '2025-04-03T10:00Z');
  assert.equal(when('3/14/2025', 'mdy'), '2025-03-13T23:00Z/2025-03-14T23:00Z');
  assert.equal(when('3/14/2025', 'dmy'), 'dateTime:date_invalid');
});

test('the order is found from the values: a first number above 12 is a day, a second one a month', () => {
  assert.deepEqual(detectDateOrder(['4/3/2025', '14/3/2025']), { order: 'dmy', evidence: 'dmy' });
  assert.deepEqual(detectDateOrder(['4/3/2025', '3/14/2025', '12/1/2025']), { order: 'mdy', evidence: 'mdy' });
  assert.deepEqual(detectDateOrder(['4/3/2025', '1/2/2025']), { order: 'dmy', evidence: 'none' });
  assert.deepEqual(detectDateOrder(['14/3/2025', '3/14/2025']), { order: 'dmy', evidence: 'both' });
  assert.deepEqual(detectDateOrder(['2025-03-14', 45000, null, '31.12.2025']), { order: 'dmy', evidence: 'dmy' });
});

test('a date without a time is the whole Swedish day, 23 or 25 hours across a clock change', () => {
  assert.equal(when('2025-03-04'), '2025-03-03T23:00Z/2025-03-04T23:00Z');
  assert.equal(when('2025-03-30'), '2025-03-29T23:00Z/2025-03-30T22:00Z');
  assert.equal(when('2025-10-26'), '2025-10-25T22:00Z/2025-10-26T23:00Z');
  const spring = dayWindow({ y: 2026, mo: 3, d: 29 });
  assert.equal(spring.to - spring.from, 23 * 3_600_000);
  const autumn = dayWindow({ y: 2026, mo: 10, d: 25 });
  assert.equal(autumn.to - autumn.from, 25 * 3_600_000);
});

test('clock changes: a skipped wall time is read an hour later, a repeated one as the first (summer time)', () => {
  assert.equal(when('2025-03-30 01:59'), '2025-03-30T00:59Z');
  assert.equal(when('2025-03-30 02:30'), '2025-03-30T01:30Z'); // does not exist: 03:30 CEST
  assert.equal(when('2025-03-30 03:00'), '2025-03-30T01:00Z');
  assert.equal(when('2025-10-26 02:30'), '2025-10-26T00:30Z'); // exists twice: the first, CEST
  assert.equal(when('2025-10-26 03:00'), '2025-10-26T02:00Z');
});

test('any wall-clock time outside the changed hour is the instant Intl\'s Europe/Stockholm names', () => {
  const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }), (minute) => {
    const t = minute * 60_000;
    const text = fmt.format(t);
    const parsed = parseDateCell(text, 'dmy');
    assert.ok(parsed, text);
    const back = instantOf(parsed.day, parsed.time);
    const hour = new Date(t).getUTCHours();
    // In the repeated autumn hour the wall time is read as its first instance.
    if (back !== t) assert.equal(t - back, 3_600_000, `${text}: ${iso(back)} vs ${iso(t)} (${hour})`);
  }), { numRuns: 500 });
});

test('two columns: a date and a time; a time column may hold Excel fractions, "kl", 2130', () => {
  assert.equal(when({ date: '2025-03-04', time: '21:30' }), '2025-03-04T20:30Z');
  assert.equal(when({ date: '4/3/2025', time: 'kl 21' }), '2025-03-04T20:00Z');
  assert.equal(when({ date: '2025-03-04', time: '2130' }), '2025-03-04T20:30Z');
  assert.equal(when({ date: '2025-03-04', time: 2130 }), '2025-03-04T20:30Z');
  assert.equal(when({ date: '2025-03-04', time: 0.8958333333 }), '2025-03-04T20:30Z');
  assert.equal(when({ date: '2025-03-04', time: '9:30 pm' }), '2025-03-04T20:30Z');
  assert.equal(when({ date: '2025-03-04', time: null }), '2025-03-03T23:00Z/2025-03-04T23:00Z');
  assert.equal(when({ date: '2025-03-04', time: '  ' }), '2025-03-03T23:00Z/2025-03-04T23:00Z');
  assert.equal(when({ date: '2025-03-04 08:00', time: null }), '2025-03-04T07:00Z');
  // The time column's time wins over a midnight in the date column (a date cell formatted with hours).
  assert.equal(when({ date: '2025-03-04 00:00', time: '21:30' }), '2025-03-04T20:30Z');
  assert.equal(when({ date: '2025-03-04', time: '25:10' }), 'time:time_invalid');
  assert.equal(when({ date: '31/2/2025', time: 'nej' }), 'date:date_invalid time:time_invalid');
  assert.equal(when({ date: null, time: '21:30' }), 'date:date_missing');
});

test('Excel serial numbers in a date column, a fraction the time of day; Date cells by their UTC fields', () => {
  assert.equal(when(45720), '2025-03-03T23:00Z/2025-03-04T23:00Z');
  assert.equal(when(45720.8958333333), '2025-03-04T20:30Z');
  assert.equal(when('45720,8958333333'), '2025-03-04T20:30Z');
  assert.equal(when(new Date(Date.UTC(2025, 2, 4, 21, 30))), '2025-03-04T20:30Z');
  assert.equal(when(new Date(Date.UTC(2025, 2, 4))), '2025-03-03T23:00Z/2025-03-04T23:00Z');
  assert.equal(when(19999), 'dateTime:date_invalid');
  assert.equal(when(80001), 'dateTime:date_invalid');
  assert.equal(when(true), 'dateTime:date_invalid');
});

test('impossible and unreadable dates and times are errors, not guesses', () => {
  for (const bad of ['31/2/2025', '2025-02-29', '2025-13-01', '2025-00-10', 'i förrgår', 'igår 21:30', '21:30', '2025-03-04 25:00', '2025-03-04 21:60', '2025-03-04 21:30 +15:00', '32.01.2025', 'Q1 2025', '2025']) {
    assert.equal(when(bad), 'dateTime:date_invalid', bad);
  }
  assert.equal(when(''), 'dateTime:date_missing');
  assert.equal(when(null), 'dateTime:date_missing');
  assert.equal(when('2024-02-29'), '2024-02-28T23:00Z/2024-02-29T23:00Z');
  for (const bad of ['24:00', '12:60', '13 pm', '21', 'kväll', '99999']) assert.equal(parseTimeText(bad), null, bad);
  assert.deepEqual(parseTimeText('klockan 21')?.time, { h: 21, mi: 0, s: 0 });
  assert.equal(parseTimeCell(1.5), null);
});

test('an end column: an instant, a day (its end), or a time on the start\'s day (the next day when earlier)', () => {
  assert.equal(when({ dateTime: '2025-03-04 21:30', dateTimeTo: '2025-03-04 23:00' }), '2025-03-04T20:30Z/2025-03-04T22:00Z');
  assert.equal(when({ dateTime: '2025-03-04', dateTimeTo: '2025-03-06' }), '2025-03-03T23:00Z/2025-03-06T23:00Z');
  assert.equal(when({ dateTime: '2025-03-04 22:00', dateTimeTo: '02:00' }), '2025-03-04T21:00Z/2025-03-05T01:00Z');
  assert.equal(when({ date: '2025-03-04', time: '22:00', dateTimeTo: '23:15' }), '2025-03-04T21:00Z/2025-03-04T22:15Z');
  assert.equal(when({ dateTime: '2025-03-04 21:30', dateTimeTo: null }), '2025-03-04T20:30Z');
  assert.equal(when({ dateTime: '2025-03-04 21:30', dateTimeTo: '2025-03-03 23:00' }), 'dateTimeTo:window_reversed');
  assert.equal(when({ dateTime: '2025-03-04', dateTimeTo: '2025-05-04' }), 'dateTimeTo:window_too_long');
  assert.equal(when({ dateTime: '2025-03-04', dateTimeTo: 'sen kväll' }), 'dateTimeTo:date_invalid');
  assert.equal(when({ dateTime: 'x', dateTimeTo: 'sen kväll' }), 'dateTime:date_invalid dateTimeTo:date_invalid');
});

test('a time after now (beyond a report\'s clock tolerance) is an error when now is given', () => {
  const now = Date.UTC(2025, 2, 4, 20, 0);
  assert.equal(when('2025-03-04 21:04', 'dmy', now), '2025-03-04T20:04Z');
  assert.equal(when('2025-03-04 21:30', 'dmy', now), 'dateTime:date_in_future');
  assert.equal(when('2025-03-04 21:30'), '2025-03-04T20:30Z');
});

test('the format found, as the preview names it, in Swedish and in English', () => {
  assert.equal(describeDateFormat(['2025-03-04 21:30', '2025-03-05 08:00', '2025-03-06'], null, 'dmy'), 'ÅÅÅÅ-MM-DD tt:mm');
  assert.equal(describeDateFormat(['4/3/2025', '14/3/2025', '31/12/2025'], null, 'dmy'), 'D/M/ÅÅÅÅ');
  assert.equal(describeDateFormat(['3/14/2026', '11/14/2026'], ['9:30 PM', '6:10 pm'], 'mdy'), 'M/D/ÅÅÅÅ + tt:mm am/pm');
  assert.equal(describeDateFormat(['04.03.2025', '05.03.2025'], ['21.30', '07.45'], 'dmy'), 'DD.MM.ÅÅÅÅ + tt.mm');
  assert.equal(describeDateFormat([45720, 45721.5], null, 'dmy'), 'Excel-datum');
  assert.equal(describeDateFormat(['2025-03-04T21:30:00+01:00'], null, 'dmy'), 'ÅÅÅÅ-MM-DDTtt:mm:ss ±tt:mm');
  assert.equal(describeDateFormat(['x', null], null, 'dmy'), null);
  assert.equal(dateFormatIn('ÅÅÅÅ-MM-DD + tt:mm', 'en'), 'YYYY-MM-DD + hh:mm');
  assert.equal(dateFormatIn('Excel-datum', 'en'), 'Excel date');
  assert.equal(dateFormatIn('D månad ÅÅÅÅ kl tt', 'en'), 'D month YYYY at hh');
  assert.equal(dateFormatIn('D/M/ÅÅÅÅ', 'sv'), 'D/M/ÅÅÅÅ');
});

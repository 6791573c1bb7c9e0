import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate, epochDay } from './dates.ts';

test('ISO dates and YYYYMMDD give the same UTC day', () => {
  assert.equal(parseDate('2016-01-03'), Date.UTC(2016, 0, 3));
  assert.equal(parseDate('20160103'), Date.UTC(2016, 0, 3));
  assert.equal(parseDate('19010216'), Date.UTC(1901, 1, 16));
  assert.equal(epochDay(parseDate('1970-01-02')!), 1);
});

test('date-times: naive is UTC, offsets are applied, space or T', () => {
  assert.equal(parseDate('2024-03-31T02:30'), Date.UTC(2024, 2, 31, 2, 30));
  assert.equal(parseDate('2024-03-31 02:30:15'), Date.UTC(2024, 2, 31, 2, 30, 15));
  assert.equal(parseDate('2024-03-31T02:30:15.250Z'), Date.UTC(2024, 2, 31, 2, 30, 15, 250));
  assert.equal(parseDate('2024-03-31T02:30+02:00'), Date.UTC(2024, 2, 31, 0, 30));
  assert.equal(parseDate('2024-03-31T02:30-0130'), Date.UTC(2024, 2, 31, 4, 0));
});

test('impossible and malformed dates are rejected', () => {
  for (const s of ['2023-02-29', '2016-13-01', '2016-00-10', '2016-01-32', '20161301', '2016-1-3', '03/01/2016',
    '2016-01-01T24:00', '2016-01-01T12:60', 'yesterday', '', '2016-01-01T', '12345678901']) {
    assert.equal(parseDate(s), null, s);
  }
  assert.equal(parseDate('2024-02-29'), Date.UTC(2024, 1, 29));
});

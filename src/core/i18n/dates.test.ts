import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDateRange, formatDateTime } from './dates.ts';
import { formatP, formatSignedPercent } from './numbers.ts';

test('issue 12 item 13: one date format per language — ISO in Swedish, "5 Nov 2026" in English — for dates and instants', () => {
  assert.equal(formatDate('sv', '2026-11-05'), '2026-11-05');
  assert.equal(formatDate('en', '2026-11-05'), '5 Nov 2026');
  assert.equal(formatDate('en', '2026-09-30'), '30 Sep 2026', 'the same month names in every browser and in Node');
  // An instant is its day in Stockholm: 23:30 UTC on 4 November is 00:30 on 5 November there.
  assert.equal(formatDate('sv', new Date('2026-11-04T23:30:00Z')), '2026-11-05');
  assert.equal(formatDate('en', '2026-11-04T23:30:00Z'), '5 Nov 2026');
  assert.equal(formatDateTime('sv', '2026-12-02T20:02:15Z'), '2026-12-02 21:02');
  assert.equal(formatDateTime('en', '2026-07-02T20:02:15Z'), '2 Jul 2026, 22:02', 'summer time');
  assert.equal(formatDateRange('en', '2026-11-05', '2026-12-02'), '5 Nov 2026 – 2 Dec 2026');
  assert.equal(formatDateRange('sv', '2026-11-05', '2026-12-02'), '2026-11-05 – 2026-12-02');
  assert.equal(formatDate('en', 'not a date'), '');
});

test('numbers: decimal comma or point, the percent sign as each language writes it, p on the right side of 0.05', () => {
  assert.equal(formatP('sv', 0.012), 'p = 0,012');
  assert.equal(formatP('en', 0.31), 'p = 0.31');
  assert.equal(formatP('en', 0.0004), 'p < 0.001');
  assert.equal(formatP('sv', 0.0496), 'p = 0,0496', 'not "0,050"');
  assert.equal(formatSignedPercent('sv', 15), '+15 %');
  assert.equal(formatSignedPercent('en', -8), '−8%');
});

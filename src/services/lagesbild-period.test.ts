import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod } from '../core/situation-picture/period.ts';
import { comparisonWindows, periodOf } from './lagesbild.ts';

test('without from/to the map shows the last 28 whole days in Swedish time, today included', () => {
  // 22:30 UTC on 29 March 2026 is 00:30 on 30 March in Sweden (summer time since that night).
  const p = periodOf({}, new Date('2026-03-29T22:30:00Z'));
  assert.equal(p.to.toISOString(), '2026-03-30T22:00:00.000Z', 'the end of 30 March');
  assert.equal(p.from.toISOString(), '2026-03-02T23:00:00.000Z', 'the start of 3 March (winter time)');
  const given = periodOf({ to: new Date('2026-01-01T23:00:00Z') });
  assert.equal(given.from.toISOString(), '2025-12-04T23:00:00.000Z');
});

test('the period before and the same dates last year are whole Swedish days too, across clock changes', () => {
  const iso = (w: [Date, Date]) => w.map((d) => d.toISOString());
  // 2–29 March 2026 ends in summer time (clocks forward 29 March 2026, but 30 March in 2025).
  const spring = parsePeriod('2026-03-02', '2026-03-29');
  const ws = comparisonWindows(spring.from, spring.to);
  assert.deepEqual(iso(ws.lastYear), iso([parsePeriod('2025-03-02', '2025-03-29').from, parsePeriod('2025-03-02', '2025-03-29').to]));
  assert.deepEqual(iso(ws.previous), iso([parsePeriod('2026-02-02', '2026-03-01').from, spring.from]));
  // 1–25 October 2026 holds the 25-hour day (clocks back 25 October 2026, 26 October in 2025).
  const autumn = parsePeriod('2026-10-01', '2026-10-25');
  const wa = comparisonWindows(autumn.from, autumn.to);
  const ly = parsePeriod('2025-10-01', '2025-10-25');
  assert.deepEqual(iso(wa.lastYear), iso([ly.from, ly.to]));
  assert.deepEqual(iso(wa.previous), iso([parsePeriod('2026-09-06', '2026-09-30').from, autumn.from]));
  // A leap-year February against 28 days, and 29 February alone against 28 February.
  const feb = parsePeriod('2028-02-01', '2028-02-29');
  assert.deepEqual(iso(comparisonWindows(feb.from, feb.to).lastYear), iso([parsePeriod('2027-02-01', '2027-02-28').from, parsePeriod('2027-02-01', '2027-02-28').to]));
  const leapDay = parsePeriod('2028-02-29', '2028-02-29');
  assert.deepEqual(iso(comparisonWindows(leapDay.from, leapDay.to).lastYear), iso([parsePeriod('2027-02-28', '2027-02-28').from, parsePeriod('2027-02-28', '2027-02-28').to]));
});

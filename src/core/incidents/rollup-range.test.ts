import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstEmptyDay, wholeMonths, monthBlocks, monthCover } from './rollup-range.ts';

test('the whole months of a period of days: from its first whole month to the month its end falls in', () => {
  assert.deepEqual(wholeMonths({ from: '2025-11-24', to: '2026-11-25' }), { from: '2025-12-01', to: '2026-11-01' });
  assert.deepEqual(wholeMonths({ from: '2026-01-01', to: '2026-10-01' }), { from: '2026-01-01', to: '2026-10-01' }, 'a period of whole months is all months');
  assert.deepEqual(wholeMonths({ from: '2025-12-31', to: '2026-02-01' }), { from: '2026-01-01', to: '2026-02-01' }, 'across the new year');
  assert.deepEqual(wholeMonths({ from: '2024-02-29', to: '2024-04-30' }), { from: '2024-03-01', to: '2024-04-01' });
});

test('a period without a whole month has none; an open end stays open', () => {
  assert.equal(wholeMonths({ from: '2026-10-28', to: '2026-11-25' }), null, 'four weeks across a month');
  assert.equal(wholeMonths({ from: '2026-11-02', to: '2026-11-30' }), null, 'inside one month');
  assert.equal(wholeMonths({ from: '2026-11-01', to: '2026-11-30' }), null, 'a month without its last day');
  assert.deepEqual(wholeMonths({ from: '2026-11-01', to: '2026-12-01' }), { from: '2026-11-01', to: '2026-12-01' }, 'exactly one month');
  assert.deepEqual(wholeMonths({ from: '2026-05-17' }), { from: '2026-06-01', to: undefined });
  assert.deepEqual(wholeMonths({ to: '2026-05-17' }), { from: undefined, to: '2026-05-01' });
  assert.deepEqual(wholeMonths({}), { from: undefined, to: undefined });
});

test('monthBlocks: years and quarters where they fit, months before and after', () => {
  assert.deepEqual(monthBlocks('2024-12-01', '2026-12-01'), {
    months: ['2024-12-01', '2026-10-01', '2026-11-01'], quarters: ['2026-01-01', '2026-04-01', '2026-07-01'], years: ['2025-01-01']
  });
  assert.deepEqual(monthBlocks('2025-11-01', '2026-03-01'), { months: ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01'], quarters: [], years: [] }, 'no whole quarter');
  assert.deepEqual(monthBlocks('2025-10-01', '2027-01-01'), { months: [], quarters: ['2025-10-01'], years: ['2026-01-01'] });
  assert.deepEqual(monthBlocks('2024-11-01', '2026-03-01', false), {
    months: ['2024-11-01', '2024-12-01', '2026-01-01', '2026-02-01'], quarters: [], years: ['2025-01-01'],
  }, 'years alone');
  assert.deepEqual(monthBlocks('2026-02-01', '2026-08-01'), { months: ['2026-02-01', '2026-03-01', '2026-07-01'], quarters: ['2026-04-01'], years: [] });
  // Every month once, in order, whatever the period.
  for (let a = 0; a < 40; a++) {
    for (let b = a + 1; b < 60; b += 7) {
      const d = (i: number) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
      const r = monthBlocks(d(a), d(b), b % 2 === 0);
      const covered = [...r.months.map((m) => [m, 1] as const), ...r.quarters.map((m) => [m, 3] as const), ...r.years.map((m) => [m, 12] as const)]
        .flatMap(([m, n]) => Array.from({ length: n }, (_, k) => { const i = (Number(m.slice(0, 4)) - 2024) * 12 + Number(m.slice(5, 7)) - 1 + k; return d(i); }))
        .sort();
      assert.deepEqual(covered, Array.from({ length: b - a }, (_, k) => d(a + k)), `${d(a)}–${d(b)}`);
      // The quarters and years lie next to each other, the months before and after them.
      const blocks = [...r.quarters, ...r.years].sort();
      for (const m of r.months) assert.ok(!blocks.length || m < blocks[0] || m > blocks.at(-1)!, `${m} lies outside the blocks ${blocks}`);
    }
  }
});

test('monthCover: a month read whole less its days outside the period, where they are fewer', () => {
  assert.deepEqual(monthCover({ from: '2025-10-03', to: '2026-05-27' }), { from: '2025-10-01', to: '2026-06-01', lead: 'subtract', trail: 'subtract' });
  assert.deepEqual(monthCover({ from: '2025-10-20', to: '2026-05-05' }), { from: '2025-11-01', to: '2026-05-01', lead: 'add', trail: 'add' });
  assert.deepEqual(monthCover({ from: '2026-01-01', to: '2026-10-01' }), { from: '2026-01-01', to: '2026-10-01', lead: 'add', trail: 'add' }, 'whole months');
  assert.deepEqual(monthCover({ from: '2025-10-03' }), { from: '2025-10-01', to: undefined, lead: 'subtract', trail: 'add' }, 'open end');
  assert.deepEqual(monthCover({ to: '2026-05-27' }), { from: undefined, to: '2026-06-01', lead: 'add', trail: 'subtract' }, 'open start');
  // February: 28 days; the 15th is 14 days in, 14 to go: the days inside are read.
  assert.deepEqual(monthCover({ from: '2026-02-15', to: '2026-06-01' }), { from: '2026-03-01', to: '2026-06-01', lead: 'add', trail: 'add' });
});

test('monthCover: a period of no whole month reads the months it touches where their days outside it are fewer', () => {
  // Four weeks from the 8th: November less its first week, and December's first five days.
  assert.deepEqual(monthCover({ from: '2026-11-08', to: '2026-12-06' }), { from: '2026-11-01', to: '2026-12-01', lead: 'subtract', trail: 'add' });
  // From the 24th: the days of the first month, and the next less its last six days.
  assert.deepEqual(monthCover({ from: '2026-10-24', to: '2026-11-25' }), { from: '2026-11-01', to: '2026-12-01', lead: 'add', trail: 'subtract' });
  // Inside one month: the month less two days before and three after.
  assert.deepEqual(monthCover({ from: '2026-03-03', to: '2026-03-29' }), { from: '2026-03-01', to: '2026-04-01', lead: 'subtract', trail: 'subtract' });
  assert.deepEqual(monthCover({ from: '2026-03-01', to: '2026-03-25' }), { from: '2026-03-01', to: '2026-04-01', lead: 'subtract', trail: 'subtract' }, 'from the first');
  // A week, and two weeks around a month's end: the months would cost more days than the period has.
  assert.equal(monthCover({ from: '2026-11-29', to: '2026-12-06' }), null, 'a week');
  assert.equal(monthCover({ from: '2026-03-24', to: '2026-04-07' }), null, 'two weeks across the end of March');
  assert.equal(monthCover({ from: '2026-03-10', to: '2026-03-24' }), null, 'the middle of a month');
});

test('monthCover: the days still to come cost nothing, so a period that ends today reads its month, quarter or year whole', () => {
  // Today is 6 December (no incident from the 7th): the periods end at its start, as the app's do.
  const empty = '2026-12-07';
  // Two years: December less five days, 2025, and 2026 less the days from the 6th, not its three
  // quarters, two months and five days.
  assert.deepEqual(monthCover({ from: '2024-12-06', to: '2026-12-06' }, empty), { from: '2024-12-01', to: '2027-01-01', lead: 'subtract', trail: 'subtract' });
  assert.deepEqual(monthBlocks('2024-12-01', '2027-01-01'), { months: ['2024-12-01'], quarters: [], years: ['2025-01-01', '2026-01-01'] });
  assert.deepEqual(monthCover({ from: '2025-12-07', to: '2026-12-06' }, empty), { from: '2025-12-01', to: '2027-01-01', lead: 'subtract', trail: 'subtract' }, 'a year');
  assert.deepEqual(monthCover({ from: '2026-11-08', to: '2026-12-06' }, empty), { from: '2026-11-01', to: '2027-01-01', lead: 'subtract', trail: 'subtract' }, 'four weeks');
  // A week: its two November days and December less the 6th, not seven days.
  assert.deepEqual(monthCover({ from: '2026-11-29', to: '2026-12-06' }, empty), { from: '2026-12-01', to: '2027-01-01', lead: 'add', trail: 'subtract' }, 'a week');
  // Including today: the 6th is read from the daily rows either way.
  assert.deepEqual(monthCover({ from: '2025-12-07', to: '2026-12-07' }, empty), { from: '2025-12-01', to: '2027-01-01', lead: 'subtract', trail: 'subtract' });
  // In February, to the end of the year: the months to come are empty, and a year's row is one read.
  assert.deepEqual(monthCover({ from: '2026-02-07', to: '2027-02-06' }, '2027-02-07'), { from: '2026-02-01', to: '2028-01-01', lead: 'subtract', trail: 'subtract' });
  // In May, where no block would be saved: the month.
  assert.deepEqual(monthCover({ from: '2026-04-08', to: '2026-05-06' }, '2026-05-07'), { from: '2026-04-01', to: '2026-06-01', lead: 'subtract', trail: 'subtract' });
  // A period that ended before today reads as it would without (the days after it are not empty).
  for (const p of [{ from: '2024-12-06', to: '2026-06-06' }, { from: '2026-11-29', to: '2026-12-06' }, { from: '2026-01-01', to: '2026-10-01' }]) {
    assert.deepEqual(monthCover(p, '2026-12-20'), monthCover(p), JSON.stringify(p));
  }
  assert.deepEqual(monthCover({ from: '2025-12-07' }, empty), monthCover({ from: '2025-12-07' }), 'an open end');
  assert.deepEqual(monthCover({ to: '2026-12-06' }, empty), { from: undefined, to: '2027-01-01', lead: 'add', trail: 'subtract' }, 'an open start: no blocks to save');
});

test('firstEmptyDay: the day after the Swedish day of now and the clocks\' tolerance', () => {
  assert.equal(firstEmptyDay(Date.parse('2026-12-06T12:00:00Z')), '2026-12-07');
  // 23:54 in Stockholm, and 23:56: five minutes ahead lies tomorrow.
  assert.equal(firstEmptyDay(Date.parse('2026-12-06T22:54:00Z')), '2026-12-07');
  assert.equal(firstEmptyDay(Date.parse('2026-12-06T22:56:00Z')), '2026-12-08');
  // Summer time: 23:56 is 21:56 UTC.
  assert.equal(firstEmptyDay(Date.parse('2026-06-06T21:54:00Z')), '2026-06-07');
  assert.equal(firstEmptyDay(Date.parse('2026-06-06T21:56:00Z')), '2026-06-08');
  assert.equal(firstEmptyDay(Date.parse('2026-12-31T12:00:00Z')), '2027-01-01', 'new year\'s eve');
});

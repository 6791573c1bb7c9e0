import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { comparePeriods, countByPeriod, previousWindow, sameWindowLastYear, type GroupCounts } from './index.ts';

interface RChange { pValue: number; rateRatio: number | null; confInt: [number, number | null] }
const fixture = JSON.parse(readFileSync(new URL('./fixtures/table.json', import.meta.url), 'utf8')) as {
  lengths: { current: number; previous: number; lastYear: number };
  rows: { category: string; area: string; current: number; previous: number; lastYear: number; vsPrevious: RChange; vsLastYear: RChange }[];
};

function close(actual: number, want: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - want) <= tol * Math.abs(want), `${what}: got ${actual}, R gives ${want}`);
}

test('p-values, rate ratios and intervals agree with R poisson.test to 1e-12 (unequal period lengths, zeros)', () => {
  const groups: GroupCounts[] = fixture.rows.map((r) => ({
    key: { category: r.category, area: r.area },
    current: r.current,
    previous: r.previous,
    lastYear: r.lastYear,
  }));
  const out = comparePeriods(groups, { lengths: fixture.lengths });
  assert.equal(out.length, fixture.rows.length);
  out.forEach((o, i) => {
    const r = fixture.rows[i];
    assert.deepEqual(o.key, { category: r.category, area: r.area });
    for (const [name, got, want, base] of [
      ['vsPrevious', o.vsPrevious!, r.vsPrevious, r.previous],
      ['vsLastYear', o.vsLastYear!, r.vsLastYear, r.lastYear],
    ] as const) {
      const label = `${r.category}/${r.area} ${name}`;
      close(got.pValue, want.pValue, 1e-12, `${label} p`);
      if (want.rateRatio === null) assert.equal(got.rateRatio, null, label);
      else close(got.rateRatio!, want.rateRatio, 1e-14, `${label} rate ratio`);
      close(got.confInt[0], want.confInt[0], 1e-12, `${label} lower`);
      if (want.confInt[1] === null) assert.equal(got.confInt[1], null, label);
      else close(got.confInt[1]!, want.confInt[1], 1e-12, `${label} upper`);
      assert.equal(got.base, base);
      assert.equal(got.change, r.current - base);
      for (const v of [got.percentChange, got.rateRatio, got.confInt[1]]) {
        assert.ok(v === null || Number.isFinite(v), `${label}: ${v} is neither null nor finite`);
      }
    }
  });
});

test('percent change is null with a reason when the base is zero; both-zero and base-zero rate ratios', () => {
  const [a, b, c] = comparePeriods([
    { key: { g: 'a' }, current: 30, previous: 15, lastYear: 0 },
    { key: { g: 'b' }, current: 0, previous: 0 },
    { key: { g: 'c' }, current: 0, previous: 4, lastYear: null },
  ]);
  assert.equal(a.vsPrevious!.percentChange, 100);
  assert.equal(a.vsPrevious!.rateRatio, 2);
  assert.equal(a.vsLastYear!.percentChange, null);
  assert.equal(a.vsLastYear!.percentChangeReason, 'base-zero');
  assert.equal(a.vsLastYear!.rateRatioReason, 'base-zero');
  assert.equal(a.vsLastYear!.confInt[1], null);
  assert.equal(b.vsPrevious!.change, 0);
  assert.equal(b.vsPrevious!.percentChange, null);
  assert.equal(b.vsPrevious!.rateRatio, null);
  assert.equal(b.vsPrevious!.rateRatioReason, 'both-zero');
  assert.equal(b.vsPrevious!.pValue, 1);
  assert.equal(b.vsLastYear, null);
  assert.equal(c.vsPrevious!.percentChange, -100);
  assert.equal(c.vsPrevious!.rateRatio, 0);
  assert.equal(c.vsPrevious!.pValue, 0.125); // 2·0.5⁴ (R: poisson.test(c(0, 4)))
  assert.equal(c.vsLastYear, null);
});

test('windows: previous period and same period last year', () => {
  const w = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
  assert.deepEqual(previousWindow(w), { start: Date.UTC(2026, 0, 4), end: Date.UTC(2026, 1, 1) });
  assert.deepEqual(sameWindowLastYear(w), { start: Date.UTC(2025, 1, 1), end: Date.UTC(2025, 2, 1) });
  // 29 February has no twin: it becomes 1 March.
  assert.deepEqual(sameWindowLastYear({ start: Date.UTC(2028, 1, 29), end: Date.UTC(2028, 2, 7) }), {
    start: Date.UTC(2027, 2, 1),
    end: Date.UTC(2027, 2, 7),
  });
});

test('countByPeriod counts half-open windows per group and feeds comparePeriods', () => {
  const day = 86_400_000;
  const current = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
  const previous = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 1, 1) };
  const inc = (t: number, category: string) => ({ time: t, fields: { category, area: 'Centrum' } });
  const incidents = [
    inc(current.start, 'klotter'), inc(current.end - 1, 'klotter'), inc(current.end, 'klotter'),
    inc(previous.start + day, 'brand'), inc(Date.UTC(2025, 1, 10), 'klotter'),
  ];
  const { groups, lengths } = countByPeriod(incidents, ['category'], { current, previous });
  assert.deepEqual(groups, [
    { key: { category: 'brand' }, current: 0, previous: 1, lastYear: 0 },
    { key: { category: 'klotter' }, current: 2, previous: 0, lastYear: 1 },
  ]);
  assert.deepEqual(lengths, { current: 28 * day, previous: 31 * day, lastYear: 28 * day });
  const out = comparePeriods(groups, { lengths });
  assert.equal(out[1].vsPrevious!.percentChangeReason, 'base-zero');
});

test('does not change its input', () => {
  const groups: GroupCounts[] = [{ key: { a: 'x' }, current: 3, previous: 5, lastYear: 0 }];
  const copy = structuredClone(groups);
  comparePeriods(groups, { lengths: { current: 7, previous: 7, lastYear: 7 } });
  assert.deepEqual(groups, copy);
});

test('bad input is rejected with a precise message', () => {
  assert.throws(() => comparePeriods([{ key: {}, current: -1 }]), /groups\[0\]\.current must be a non-negative integer count, got -1/);
  assert.throws(() => comparePeriods([{ key: {}, current: 1, previous: 2.5 }]), /groups\[0\]\.previous must be a non-negative integer count, got 2.5/);
  assert.throws(() => comparePeriods([{ key: {}, current: 1, lastYear: NaN }]), /groups\[0\]\.lastYear .* got NaN/);
  assert.throws(() => comparePeriods([{ key: {}, current: 1 }], { lengths: { current: 0, previous: 1, lastYear: 1 } }), /options.lengths.current must be a finite number > 0, got 0/);
  assert.throws(() => comparePeriods([{ key: {}, current: 1 }], { confLevel: 95 }), /confLevel must be strictly between 0 and 1, got 95/);
  assert.throws(() => comparePeriods([null as unknown as GroupCounts]), /groups\[0\] must be an object with a key object/);
  assert.throws(() => previousWindow({ start: 5, end: 5 }), /start < end/);
  assert.throws(() => countByPeriod([{ time: NaN, fields: {} }], [], { current: { start: 0, end: 1 } }), /incidents\[0\]\.time must be a finite number/);
  assert.throws(() => countByPeriod([{ time: 0, fields: {} }], ['category'], { current: { start: 0, end: 1 } }), /incidents\[0\]\.fields\.category must be a string/);
});

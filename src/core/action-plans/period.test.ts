import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod } from '../situation-picture/period.ts';
import { stockholmAddYears } from '../time/index.ts';
import { planComparison } from './period.ts';

const at = (iso: string) => new Date(iso);
const span = (p: ReturnType<typeof planComparison>) => [p.state, `${p.from}…${p.to}`, `${p.compareFrom}…${p.compareTo}`];

describe('the yearly plan compares equally long periods', () => {
  test('a year still running: its whole days so far against the same dates the year before, never the whole year', () => {
    assert.deepEqual(span(planComparison(2026, at('2026-12-03T10:00:00Z'))), ['incomplete', '2026-01-01…2026-12-02', '2025-01-01…2025-12-02']);
    // 00:30 on 3 December in Sweden (23:30 UTC on 2 December): 2 December is already over.
    assert.deepEqual(span(planComparison(2026, at('2026-12-02T23:30:00Z'))), ['incomplete', '2026-01-01…2026-12-02', '2025-01-01…2025-12-02']);
    // 23:30 on 31 December in Sweden: the year is not over yet.
    assert.deepEqual(span(planComparison(2025, at('2025-12-31T22:30:00Z'))), ['incomplete', '2025-01-01…2025-12-30', '2024-01-01…2024-12-30']);
    // On 1 January the day itself is all there is.
    assert.deepEqual(span(planComparison(2027, at('2027-01-01T09:00:00Z'))), ['incomplete', '2027-01-01…2027-01-01', '2026-01-01…2026-01-01']);
  });

  test('a year that is over: the whole year against the whole year before', () => {
    assert.deepEqual(span(planComparison(2025, at('2026-12-03T10:00:00Z'))), ['complete', '2025-01-01…2025-12-31', '2024-01-01…2024-12-31']);
    // 00:30 on 1 January 2026 in Sweden is 23:30 UTC on 31 December 2025.
    assert.deepEqual(span(planComparison(2025, at('2025-12-31T23:30:00Z'))), ['complete', '2025-01-01…2025-12-31', '2024-01-01…2024-12-31']);
  });

  test('a year not begun is whole and says so', () => {
    assert.deepEqual(span(planComparison(2027, at('2026-12-03T10:00:00Z'))), ['notStarted', '2027-01-01…2027-12-31', '2026-01-01…2026-12-31']);
  });

  test('29 February is compared with 28 February, and the comparison is the lägesbild\'s "same period last year"', () => {
    const leap = planComparison(2028, at('2028-03-01T12:00:00Z'));
    assert.deepEqual(span(leap), ['incomplete', '2028-01-01…2028-02-29', '2027-01-01…2027-02-28']);
    for (const p of [leap, planComparison(2026, at('2026-12-03T10:00:00Z')), planComparison(2025, at('2026-12-03T10:00:00Z'))]) {
      const mapped = parsePeriod(p.from, p.to), compared = parsePeriod(p.compareFrom, p.compareTo);
      // The same shift the lägesbild's comparisonWindows makes, so the plan's content counts these days.
      assert.equal(stockholmAddYears(mapped.from.getTime(), -1, 'before'), compared.from.getTime(), p.from);
      assert.equal(stockholmAddYears(mapped.to.getTime(), -1, 'after'), compared.to.getTime(), p.to);
    }
  });
});

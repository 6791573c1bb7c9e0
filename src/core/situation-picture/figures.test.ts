import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emergingHotspots } from '../analysis/emerging-hotspots/index.ts';
import type { NearRepeatResult } from '../analysis/near-repeat/index.ts';
import { change, compared, concentrationOf, emergingByCell, measureSections, nearRepeatSummary, type MeasureFactIn } from './figures.ts';

describe('changes', () => {
  test('count against a base: change, percent, exact Poisson p, significance', () => {
    assert.deepEqual(change(10, 10), { count: 10, change: 0, percentChange: 0, p: 1, significant: false });
    const up = change(30, 10);
    assert.equal(up.change, 20);
    assert.equal(up.percentChange, 200);
    assert.ok(up.p < 0.01 && up.significant);
    assert.equal(change(3, 0).percentChange, null);
    assert.equal(change(0, 0).p, 1);
    assert.equal(change(12, 8).significant, false);
    const c = compared(5, 4, 9);
    assert.equal(c.count, 5);
    assert.equal(c.previous.count, 4);
    assert.equal(c.lastYear.change, -4);
  });
});

describe('emerging class per cell', () => {
  test('a cell hot only in the last week is a new hot spot, named by its absolute cell id', () => {
    const pts: Array<{ x: number; y: number; t: number }> = [];
    // background noise over 6 weeks on a 10 × 10 grid of 250 m cells
    for (let w = 0; w < 6; w++) for (let k = 0; k < 30; k++) pts.push({ x: 350_000 + ((k * 7 + w * 3) % 10) * 250 + 100, y: 6_420_000 + ((k * 3 + w) % 10) * 250 + 100, t: 1000 + w * 7 + (k % 7) });
    for (let k = 0; k < 25; k++) pts.push({ x: 351_125, y: 6_421_125, t: 1035 + (k % 7) });
    const r = emergingHotspots(pts, { cellSize: 250, distance: 500, stepDays: 7, start: 1000, end: 1042 });
    const m = emergingByCell(r);
    assert.equal(m.get(`250:${351_125 / 250 | 0}:${6_421_125 / 250 | 0}`), 'New Hot Spot');
    for (const v of m.values()) assert.notEqual(v, 'No Pattern Detected');
  });
});

describe('near-repeat summary', () => {
  const result = (ratio: number[][], p: number[][]): NearRepeatResult => ({ observed: [], expected: [], knoxRatio: ratio, p, rows: [], cols: [], pairs: 0, iterations: 99 });
  test('the closest band pair with ratio > 1.2 and p < 0.05; the "more than" row and column left out', () => {
    const ratio = [[NaN, 1, 1, 1], [1.1, 1.5, 1, 1], [2, 1, 1, 1], [1, 1, 1, 1], [9, 9, 9, 9]];
    const p = [[1, 1, 1, 1], [0.01, 0.2, 1, 1], [0.01, 1, 1, 1], [1, 1, 1, 1], [0.01, 0.01, 0.01, 0.01]];
    const s = nearRepeatSummary(result(ratio, p), 100, 7, 50);
    assert.deepEqual(s.distanceBands, [0, 100, 200, 300]);
    assert.deepEqual(s.timeBands, [7, 14, 21]);
    assert.equal(s.ratios.length, 4);
    assert.equal(s.ratios[0][0], 0, 'NaN shown as 0');
    assert.deepEqual(s.elevated, { distance: 200, days: 7, ratio: 2, p: 0.01 });
    assert.equal(nearRepeatSummary(result(ratio.map((r) => r.map(() => 1)), p), 100, 7, 50).elevated, null);
  });
});

describe('concentration', () => {
  test('gini and top 5 % share over the cells with incidents in the year', () => {
    const cells = Array.from({ length: 40 }, (_, i) => `250:${i}:0`);
    const even = concentrationOf(cells, new Map(cells.map((c) => [c, 2])), 250);
    assert.equal(even.gini, 0);
    assert.equal(even.topFivePercentShare, 0.05);
    const one = concentrationOf(cells, new Map([[cells[3], 10]]), 250);
    assert.equal(one.topFivePercentShare, 1);
    assert.ok(one.gini! > 0.9);
    assert.deepEqual(concentrationOf([], new Map(), 250), { gini: null, topFivePercentShare: null, cellSize: 250, cells: 0 });
  });
});

describe('measures of an edition', () => {
  const m = (over: Partial<MeasureFactIn>): MeasureFactIn => ({ id: 'x', title: 't', type: 'lighting', term: 'short', status: 'planned', organisationName: 'O', placeName: null, areaName: null, plannedEnd: null, actualStart: null, actualEnd: null, ...over });
  test('open, due within two weeks or overdue, done in the period', () => {
    const s = measureSections([
      m({ id: 'overdue', plannedEnd: '2026-11-10' }), m({ id: 'due', status: 'ongoing', plannedEnd: '2026-12-01' }), m({ id: 'later', plannedEnd: '2027-01-01' }),
      m({ id: 'done', status: 'done', actualStart: '2026-11-01', actualEnd: '2026-11-20', plannedEnd: '2026-11-01' }), m({ id: 'old', status: 'done', actualStart: '2026-01-01' }),
      m({ id: 'cancelled', status: 'cancelled', plannedEnd: '2026-11-01' }),
    ], '2026-10-27', '2026-11-23');
    assert.deepEqual(s.open.map((r) => r.id), ['overdue', 'due', 'later']);
    assert.deepEqual(s.dueOrOverdue.map((r) => [r.id, r.overdue]), [['overdue', true], ['due', false]]);
    assert.deepEqual(s.doneInPeriod.map((r) => [r.id, r.overdue]), [['done', false]]);
  });
});

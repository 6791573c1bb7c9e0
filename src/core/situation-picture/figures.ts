import { poissonRateTestPValue } from '../analysis/poisson/index.ts';
import type { EmergingHotspotsResult } from '../analysis/emerging-hotspots/index.ts';
import type { NearRepeatResult } from '../analysis/near-repeat/index.ts';
import { gini } from '../analysis/gini/index.ts';
import type { Change, Compared, Concentration, EmergingClass, MeasureRow, NearRepeat } from './content.ts';

/**
 * The pure pieces of an edition's content: changes with their significance, the emerging-hotspot
 * class per cell, the near-repeat summary and the concentration. The service gathers the numbers;
 * these decide what they mean.
 */

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** Significance level of a change: the reader sees p; the flag drives colours and agenda items. */
export const CHANGE_ALPHA = 0.05;

/** A count against a base window of equal length: exact Poisson test of "the rate did not change". */
export function change(count: number, base: number): Change {
  const p = count + base === 0 ? 1 : poissonRateTestPValue(count, 1, base, 1);
  return {
    count: base,
    change: count - base,
    percentChange: base === 0 ? null : round((100 * (count - base)) / base, 1),
    p: round(p, 6),
    significant: p < CHANGE_ALPHA,
  };
}

export function compared(current: number, previous: number, lastYear: number): Compared {
  return { count: current, previous: change(current, previous), lastYear: change(current, lastYear) };
}

/** `${cellSize}:${col}:${row}` on the SWEREF 99 TM lattice with origin 0,0. */
export const cellId = (cellSize: number, col: number, row: number) => `${cellSize}:${col}:${row}`;

/** The emerging-hotspot pattern of every cell that has one, by absolute cell id. */
export function emergingByCell(r: EmergingHotspotsResult): Map<string, EmergingClass> {
  const out = new Map<string, EmergingClass>();
  const { cols, cellSize, col0, row0 } = r.grid;
  for (let c = 0; c < r.cells; c++) {
    if (!r.hasData[c] || r.code[c] === 0) continue;
    out.set(cellId(cellSize, col0 + (c % cols), row0 + Math.floor(c / cols)), r.pattern[c]);
  }
  return out;
}

/** A Knox ratio above this, significant, is "elevated" risk. */
export const NEAR_REPEAT_RATIO = 1.2;

/**
 * The near-repeat table as the edition shows it: the distance bands (0 = same location) and the
 * time bands without the "more than" row and column, and the closest elevated band pair.
 */
export function nearRepeatSummary(r: NearRepeatResult, spatialBandwidth: number, temporalBandwidth: number, incidents: number): NearRepeat {
  const rows = r.knoxRatio.length - 1, cols = r.knoxRatio[0].length - 1;
  const finite = (v: number) => (Number.isFinite(v) ? round(v, 3) : 0);
  const ratios = r.knoxRatio.slice(0, rows).map((row) => row.slice(0, cols).map(finite));
  const pValues = r.p.slice(0, rows).map((row) => row.slice(0, cols).map((v) => round(v, 4)));
  const distanceBands = Array.from({ length: rows }, (_, k) => k * spatialBandwidth);
  const timeBands = Array.from({ length: cols }, (_, k) => (k + 1) * temporalBandwidth);
  let elevated: NearRepeat['elevated'] = null;
  // Closest first: nearest in space, then in time.
  outer: for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const ratio = r.knoxRatio[i][j], p = r.p[i][j];
      if (Number.isFinite(ratio) && ratio > NEAR_REPEAT_RATIO && p < CHANGE_ALPHA) {
        elevated = { distance: distanceBands[i], days: timeBands[j], ratio: round(ratio, 3), p: round(p, 4) };
        break outer;
      }
    }
  }
  return { distanceBands, timeBands, ratios, pValues, iterations: r.iterations, elevated, incidents };
}

/**
 * Concentration of the period's incidents over the cells that had any incident in the year before
 * (the places where it can happen): Gini and the share in the top 5 % of those cells.
 */
export function concentrationOf(yearCells: string[], current: Map<string, number>, cellSize: number): Concentration {
  const counts = yearCells.map((c) => current.get(c) ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  if (counts.length === 0 || total === 0) return { gini: null, topFivePercentShare: null, cellSize, cells: counts.length };
  const g = gini(counts);
  const top = Math.max(1, Math.ceil(counts.length * 0.05));
  const sorted = counts.slice().sort((a, b) => b - a);
  const inTop = sorted.slice(0, top).reduce((a, b) => a + b, 0);
  return { gini: g.standard === null ? null : round(g.standard, 4), topFivePercentShare: round(inTop / total, 4), cellSize, cells: counts.length };
}

export interface MeasureFactIn {
  id: string; title: string; type: string; term: 'short' | 'long'; status: MeasureRow['status'];
  organisationName: string; placeName: string | null; areaName: string | null;
  plannedEnd: string | null; actualStart: string | null; actualEnd: string | null;
}

/** Days after the period within which an open measure counts as due. */
export const MEASURE_DUE_DAYS = 14;

/**
 * The measures section: open ones (proposed, planned, ongoing), those due within two weeks after the
 * period or overdue (planned end before the period's end, not done or cancelled), and those done in
 * the period. Dates are calendar days; `periodEnd` is the last day of the period (inclusive).
 */
export function measureSections(facts: MeasureFactIn[], periodStart: string, periodEnd: string): { open: MeasureRow[]; dueOrOverdue: MeasureRow[]; doneInPeriod: MeasureRow[] } {
  const dueBy = new Date(Date.parse(periodEnd + 'T00:00:00Z') + MEASURE_DUE_DAYS * 86_400_000).toISOString().slice(0, 10);
  const isOpen = (m: MeasureFactIn) => m.status === 'proposed' || m.status === 'planned' || m.status === 'ongoing';
  const row = (m: MeasureFactIn): MeasureRow => ({
    id: m.id, title: m.title, type: m.type, term: m.term, status: m.status, organisationName: m.organisationName,
    placeName: m.placeName, areaName: m.areaName, plannedEnd: m.plannedEnd,
    overdue: isOpen(m) && m.plannedEnd !== null && m.plannedEnd <= periodEnd,
  });
  return {
    open: facts.filter(isOpen).map(row),
    dueOrOverdue: facts.filter((m) => isOpen(m) && m.plannedEnd !== null && m.plannedEnd <= dueBy).map(row),
    doneInPeriod: facts.filter((m) => {
      const d = m.actualEnd ?? m.actualStart;
      return m.status === 'done' && d !== null && d >= periodStart && d <= periodEnd;
    }).map(row),
  };
}

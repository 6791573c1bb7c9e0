/** Reading the usual column groups (points, space–time points) with the conventional option names. */
import type { Command } from 'commander';
import { numberColumn, dateColumn, MS_PER_DAY, type Table } from '../../io/analysis-input/index.ts';
import { columnOption } from './options.ts';

export interface PointOpts { x: string; y: string }
export interface TimeOpts { date?: string; time?: string }

/** --x and --y (defaults "x" and "y", any case). */
export function addPointOptions(cmd: Command): void {
  cmd.addOption(columnOption('--x', 'the x coordinate (projected, e.g. metres)', 'x'))
    .addOption(columnOption('--y', 'the y coordinate', 'y'));
}

/** --date (a date column) or --time (a numeric column in days). */
export function addTimeOptions(cmd: Command): void {
  cmd.addOption(columnOption('--date', 'the incident date (YYYY-MM-DD, ISO date-time or YYYYMMDD)', 'date'))
    .addOption(columnOption('--time', 'a numeric time in days, instead of --date'));
}

export function readPoints(t: Table, o: PointOpts): { x: Float64Array; y: Float64Array } {
  return { x: numberColumn(t, o.x, { option: '--x' }), y: numberColumn(t, o.y, { option: '--y' }) };
}

/**
 * Times in days: the --time column as it is, or the --date column as days since 1970-01-01 UTC
 * (fractional for date-times; with `wholeDays`, the calendar day, rounded down).
 */
export function readDays(t: Table, o: TimeOpts, wholeDays = false): Float64Array {
  if (o.time !== undefined) {
    const v = numberColumn(t, o.time, { option: '--time' });
    return wholeDays ? v.map(Math.floor) : v;
  }
  const ms = dateColumn(t, o.date ?? 'date', { option: '--date' });
  return ms.map((m) => (wholeDays ? Math.floor(m / MS_PER_DAY) : m / MS_PER_DAY));
}

export function readSpaceTime(t: Table, o: PointOpts & TimeOpts, wholeDays = false): { x: Float64Array; y: Float64Array; t: Float64Array } {
  return { ...readPoints(t, o), t: readDays(t, o, wholeDays) };
}

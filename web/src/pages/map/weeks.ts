/**
 * The weeks of a period, for the time slider: ISO weeks (Monday–Sunday, as Swedish calendars
 * number them) clipped to the period [from, to). Dates are ISO dates (YYYY-MM-DD) read as calendar
 * days; `to` is exclusive, as in the shared filters.
 */
export interface WeekStep {
  /** ISO week-numbering year and week number of the step. */
  year: number;
  week: number;
  /** [from, to) of the step, clipped to the period. */
  from: string;
  to: string;
  /** Whether the step is shorter than a whole week (the period begins or ends within it). */
  partial: boolean;
}

const DAY = 86_400_000;
const parse = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** ISO 8601 week number and week-numbering year of a calendar day (UTC milliseconds at 00:00). */
export function isoWeek(t: number): { year: number; week: number } {
  const d = new Date(t);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(t + (3 - dow) * DAY);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  return { year, week: 1 + Math.floor((thursday.getTime() - jan1) / DAY / 7) };
}

/** Largest number of steps returned (a period of more than two years is not played week by week). */
export const MAX_WEEKS = 110;

export function weeksOf(from: string, to: string): WeekStep[] {
  const start = parse(from), end = parse(to);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return [];
  const out: WeekStep[] = [];
  let t = start;
  while (t < end && out.length < MAX_WEEKS) {
    const dow = (new Date(t).getUTCDay() + 6) % 7;
    const nextMonday = t + (7 - dow) * DAY;
    const stepEnd = Math.min(nextMonday, end);
    out.push({ ...isoWeek(t), from: iso(t), to: iso(stepEnd), partial: stepEnd - t < 7 * DAY });
    t = stepEnd;
  }
  return out;
}

/** The last day of a step (its `to` is exclusive), for labels such as "16–22 nov". */
export function lastDay(step: WeekStep): string {
  return iso(parse(step.to) - DAY);
}

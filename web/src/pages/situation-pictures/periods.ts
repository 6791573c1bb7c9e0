/**
 * Period presets of the "Ny lägesbild" form as calendar days (YYYY-MM-DD, `to` inclusive, as the
 * API takes them). "Today" is the Stockholm calendar day, not the browser's, so a coordinator abroad
 * still gets the municipality's weeks.
 */
export type PeriodPreset = 'last4weeks' | 'lastWeek' | 'custom';
export const PERIOD_PRESETS: PeriodPreset[] = ['last4weeks', 'lastWeek', 'custom'];

const DAY = 86_400_000;

/** The Stockholm calendar day of an instant, as YYYY-MM-DD. */
export function stockholmDay(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** Adds whole calendar days to a YYYY-MM-DD (calendar arithmetic in UTC, no daylight-saving jumps). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6. */
function weekday(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * The period of a preset: the last four weeks end with today (28 days); last week is the Monday to
 * Sunday before the current week. `custom` has no period of its own.
 */
export function presetPeriod(preset: PeriodPreset, now: Date = new Date()): { from: string; to: string } | null {
  const today = stockholmDay(now);
  if (preset === 'last4weeks') return { from: addDays(today, -27), to: today };
  if (preset === 'lastWeek') {
    const monday = addDays(today, -weekday(today) - 7);
    return { from: monday, to: addDays(monday, 6) };
  }
  return null;
}

/**
 * The inclusive last day of a period's `to`: a bare YYYY-MM-DD is already inclusive (the API's
 * summaries and follow-up windows); an ISO instant is a half-open end at local midnight (content).
 */
export function inclusiveEnd(to: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) return to;
  return stockholmDay(new Date(Date.parse(to) - 1));
}

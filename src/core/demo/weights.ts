/** The model's weights as functions: category affinities, day weights per time profile, hotspot trends. */
import { HOLIDAY_WEIGHTS, MONTH_WEIGHTS, SPECIAL_DAYS, WEEKDAY_WEIGHTS, type DemoHotspot, type TimeProfile } from './model.ts';
import type { DayInfo } from './calendar.ts';

/** Time profiles by index: tables and columns refer to a profile by its position here. */
export const PROFILES: readonly TimeProfile[] = ['nightlife', 'discovered', 'daytime', 'darkness', 'fire'];

/** Whether a category code is `prefix` or lies below it. */
export function matches(code: string, prefix: string): boolean {
  return code === prefix || code.startsWith(`${prefix}.`);
}

/** The affinity of the longest matching key, 1 when none matches. */
export function affinity(code: string, aff: Readonly<Record<string, number>>): number {
  let best = -1, value = 1;
  for (const k in aff) if (matches(code, k) && k.length > best) { best = k.length; value = aff[k]; }
  return value;
}

/** A hotspot's intensity on day `dayIndex`; `measureDay` is where an improving trend's measure starts. */
export function trendMultiplier(h: DemoHotspot, day: DayInfo, dayIndex: number, measureDay: number): number {
  const tr = h.trend;
  if (!tr) return 1;
  if (tr.kind === 'worsening') return tr.start + (tr.end - tr.start) * day.t;
  if (dayIndex < measureDay) return 1;
  const k = Math.min(1, (dayIndex - measureDay) / Math.max(1, tr.rampDays));
  return 1 + (tr.after - 1) * k;
}

export function dayWeight(profile: TimeProfile, d: DayInfo): number {
  let w = WEEKDAY_WEIGHTS[profile][d.weekday] * MONTH_WEIGHTS[profile][d.month];
  if (d.schoolHoliday) w *= HOLIDAY_WEIGHTS[profile];
  for (const s of SPECIAL_DAYS[profile]) if (s.month === d.month && s.day === d.dayOfMonth) w *= s.weight;
  return w;
}

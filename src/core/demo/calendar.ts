/**
 * The demo generator's calendar: school holidays and the local days of a period (Swedish local time
 * from core/time). Pure.
 */
import { DAY_MS, HOUR_MS as HOUR, isoWeek, localToUtc, utcToLocal } from '../time/index.ts';

/**
 * Approximate school holidays in Västra Götaland (they vary a little by municipality and year):
 * sportlov ISO week 8, påsklov ISO week 15, sommarlov 12 June – 17 August, höstlov ISO week 44,
 * jullov 21 December – 7 January.
 */
export function isSchoolHoliday(localMidnightMs: number): boolean {
  const d = new Date(localMidnightMs);
  const m = d.getUTCMonth(), dom = d.getUTCDate();
  const w = isoWeek(localMidnightMs);
  if (w === 8 || w === 15 || w === 44) return true;
  if ((m === 5 && dom >= 12) || m === 6 || (m === 7 && dom <= 17)) return true;
  if ((m === 11 && dom >= 21) || (m === 0 && dom <= 7)) return true;
  return false;
}

export interface DayInfo {
  /** Local midnight as local ms. */
  localMidnight: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  /** 0–11 */
  month: number;
  dayOfMonth: number;
  schoolHoliday: boolean;
  /** Position of the day's noon in the period, 0 … 1. */
  t: number;
}

/** Every local calendar day that overlaps [fromMs, toMs). */
export function daysOfPeriod(fromMs: number, toMs: number): DayInfo[] {
  const lf = utcToLocal(fromMs), lt = utcToLocal(toMs - 1);
  const first = Math.floor(lf / DAY_MS) * DAY_MS, last = Math.floor(lt / DAY_MS) * DAY_MS;
  const span = Math.max(1, toMs - fromMs);
  const out: DayInfo[] = [];
  for (let m = first; m <= last; m += DAY_MS) {
    const d = new Date(m);
    const noon = localToUtc(m + 12 * HOUR);
    out.push({
      localMidnight: m, weekday: (d.getUTCDay() + 6) % 7, month: d.getUTCMonth(), dayOfMonth: d.getUTCDate(),
      schoolHoliday: isSchoolHoliday(m), t: Math.min(1, Math.max(0, (noon - fromMs) / span)),
    });
  }
  return out;
}

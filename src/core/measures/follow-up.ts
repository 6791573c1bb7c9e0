import type { InterventionCounts, InterventionResult } from '../analysis/intervention/index.ts';

/**
 * The pure part of a measure's follow-up: the before and after windows, the weekly series and the
 * caveats a reader must see next to the numbers. The areas and the counts come from the database
 * (services/follow-up.ts); the formulas from core/analysis/intervention (Bowers & Johnson 2003).
 */

export const FOLLOW_UP_DEFAULTS = {
  /** Buffer ring around the response area, metres: a few blocks, where displacement is likeliest. */
  bufferM: 300,
  /** Weeks before and after the start: half a year each side evens out the seasons' swings in part. */
  weeks: 26,
  /** Shortest after period worth computing. */
  minWeeks: 4,
  /** A point place is a disc of this radius (the demo's hotspots are 120–200 m wide). */
  pointRadiusM: 150,
  /** Gap between the buffer and the suggested control area, so the control does not touch D. */
  controlGapM: 200,
  /** The suggested control reaches this far beyond the response area. */
  controlReachM: 2000,
} as const;

const DAY = 86_400_000;
const toDay = (s: string) => Date.parse(`${s}T00:00:00Z`);
export const addDays = (s: string, n: number) => new Date(toDay(s) + n * DAY).toISOString().slice(0, 10);
export const daysBetween = (a: string, b: string) => Math.round((toDay(b) - toDay(a)) / DAY);

/** Today's date (YYYY-MM-DD) in Sweden. */
export const stockholmDay = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

export interface FollowUpPeriod {
  /** First day, inclusive (YYYY-MM-DD, Europe/Stockholm). */
  from: string;
  /** Last day, inclusive. */
  to: string;
  days: number;
}

export interface FollowUpWindows {
  start: string;
  weeks: number;
  requestedWeeks: number;
  before: FollowUpPeriod;
  after: FollowUpPeriod;
  /** Half-open day bounds for the queries: [beforeFrom, afterTo). */
  beforeFrom: string;
  afterTo: string;
}

/**
 * Equal windows of whole weeks before and after `start`; the after window ends before `today` at the
 * latest (only complete days count). null when less than `minWeeks` of after period has passed.
 */
export function followUpWindows(start: string, today: string, requestedWeeks: number, minWeeks: number = FOLLOW_UP_DEFAULTS.minWeeks): FollowUpWindows | null {
  const available = Math.floor(daysBetween(start, today) / 7);
  const weeks = Math.min(requestedWeeks, available);
  if (weeks < minWeeks) return null;
  const beforeFrom = addDays(start, -7 * weeks), afterTo = addDays(start, 7 * weeks);
  return {
    start, weeks, requestedWeeks,
    before: { from: beforeFrom, to: addDays(start, -1), days: 7 * weeks },
    after: { from: start, to: addDays(afterTo, -1), days: 7 * weeks },
    beforeFrom, afterTo,
  };
}

export type Zone = 'response' | 'buffer' | 'control';

export interface WeekCount {
  weekStart: string;
  response: number;
  buffer: number;
  control: number;
}

/**
 * Weekly series from per-(zone, week index) counts, week 0 starting at the before window's first
 * day; and the six counts of Bowers & Johnson (weeks < `weeks` are before the start).
 */
export function weeklySeries(w: FollowUpWindows, rows: Array<{ zone: Zone; week: number; n: number }>): { weekly: WeekCount[]; counts: InterventionCounts } {
  const weekly: WeekCount[] = Array.from({ length: 2 * w.weeks }, (_, k) => ({ weekStart: addDays(w.beforeFrom, 7 * k), response: 0, buffer: 0, control: 0 }));
  for (const r of rows) if (r.week >= 0 && r.week < weekly.length) weekly[r.week][r.zone] += r.n;
  const sum = (zone: Zone, after: boolean) => weekly.reduce((s, x, k) => s + ((k >= w.weeks) === after ? x[zone] : 0), 0);
  return {
    weekly,
    counts: { Rb: sum('response', false), Ra: sum('response', true), Db: sum('buffer', false), Da: sum('buffer', true), Cb: sum('control', false), Ca: sum('control', true) },
  };
}

export const CAVEAT_CODES = ['small-count', 'overlapping-measures', 'short-after-period', 'control-suggested', 'control-clipped', 'control-empty'] as const;
export type CaveatCode = (typeof CAVEAT_CODES)[number];

export interface Caveat {
  code: CaveatCode;
  message: string;
}

export interface CaveatFacts {
  result: InterventionResult;
  windows: FollowUpWindows;
  overlapping: Array<{ id: string; title: string }>;
  controlSuggested: boolean;
  controlClipped: boolean;
  controlEmpty: boolean;
  smallCount?: number;
}

/** Rb … Ca in words, so a caveat that names a count says which one it is. */
const COUNT_NAMES: Record<'sv' | 'en', Record<string, string>> = {
  sv: { Rb: 'Åtgärdsområdet före', Ra: 'Åtgärdsområdet efter', Db: 'Buffertzonen före', Da: 'Buffertzonen efter', Cb: 'Kontrollområdet före', Ca: 'Kontrollområdet efter' },
  en: { Rb: 'The response area before', Ra: 'The response area after', Db: 'The buffer before', Da: 'The buffer after', Cb: 'The control area before', Ca: 'The control area after' },
};

const MESSAGES = {
  sv: {
    'small-count': (f: string, v: number, min: number) => `${COUNT_NAMES.sv[f] ?? f} (${f}) har färre än ${min} händelser (${v}): måtten blir osäkra, en eller två händelser ändrar dem mycket.`,
    'overlapping-measures': (titles: string) => `Andra åtgärder på eller nära platsen under samma tid (${titles}); effekten kan inte tillskrivas denna åtgärd ensam.`,
    'short-after-period': (w: number, r: number) => `Efterperioden är bara ${w} veckor (begärt ${r}); resultatet kan ändras när mer tid har gått.`,
    'control-suggested': (reach: number) => `Kontrollområdet är ett förslag: kommunen inom ${reach / 1000} km från platsen, utom bufferten, ett mellanrum och andra åtgärders platser. Välj ett liknande område för en säkrare jämförelse.`,
    'control-clipped': () => 'Det valda kontrollområdet överlappade platsen eller bufferten; den delen räknas inte.',
    'control-empty': () => 'Kontrollområdet saknar händelser under en av perioderna; nettoeffekt och WDQ kan inte beräknas.',
  },
  en: {
    'small-count': (f: string, v: number, min: number) => `${COUNT_NAMES.en[f] ?? f} (${f}) has fewer than ${min} incidents (${v}): the measures are unstable, one or two incidents change them a lot.`,
    'overlapping-measures': (titles: string) => `Other measures at or near the place in the same time (${titles}); the effect cannot be attributed to this measure alone.`,
    'short-after-period': (w: number, r: number) => `The after period is only ${w} weeks (asked for ${r}); the result may change as more time passes.`,
    'control-suggested': (reach: number) => `The control area is a suggestion: the municipality within ${reach / 1000} km of the place, except the buffer, a gap and other measures' places. Choose a similar area for a sounder comparison.`,
    'control-clipped': () => 'The chosen control area overlapped the place or the buffer; that part is not counted.',
    'control-empty': () => 'The control area has no incidents in one of the periods; net effect and WDQ cannot be computed.',
  },
} as const;

/** The caveats to print beside a follow-up, most important first. */
export function followUpCaveats(f: CaveatFacts, lang: 'sv' | 'en' = 'sv'): Caveat[] {
  const m = MESSAGES[lang];
  const out: Caveat[] = [];
  for (const w of f.result.warnings) out.push({ code: 'small-count', message: m['small-count'](w.field, w.value, f.smallCount ?? 20) });
  if (f.controlEmpty) out.push({ code: 'control-empty', message: m['control-empty']() });
  if (f.overlapping.length) out.push({ code: 'overlapping-measures', message: m['overlapping-measures'](f.overlapping.map((o) => o.title).join(', ')) });
  if (f.windows.weeks < f.windows.requestedWeeks) out.push({ code: 'short-after-period', message: m['short-after-period'](f.windows.weeks, f.windows.requestedWeeks) });
  if (f.controlSuggested) out.push({ code: 'control-suggested', message: m['control-suggested'](FOLLOW_UP_DEFAULTS.controlReachM) });
  if (f.controlClipped) out.push({ code: 'control-clipped', message: m['control-clipped']() });
  return out;
}

/**
 * The municipality setting `retention`: how long each kind of data is kept (issue 16 item 11), and
 * whether the scheduler applies the rules by itself. Pure validation, defaults and the arithmetic the
 * rules share with their tests.
 */
import { IssueCollector } from '../errors/index.ts';

export interface RetentionRules {
  /** The scheduler applies the rules once a day; off until a coordinator turns it on (a dry run first). */
  automatic: boolean;
  /** Descriptions and photos are removed from incidents that ended more than this many months ago. */
  freeTextMonths: number;
  /** Exact positions of incidents that ended more than this many years ago become a 100 m cell's centre. */
  coarsenPositionYears: number;
  /** A closed account's personal data is removed this many months after it was closed. */
  closedAccountMonths: number;
  /** Audit entries older than this many years are deleted. */
  auditLogYears: number;
}

export const RETENTION_RULES = ['freeText', 'coarsenPositions', 'closedAccounts', 'auditLog'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

export const DEFAULT_RETENTION: RetentionRules = {
  automatic: false,
  freeTextMonths: 24,
  coarsenPositionYears: 5,
  closedAccountMonths: 12,
  auditLogYears: 5,
};

/** The allowed range of each period (the unit is in the field's name). */
export const RETENTION_RANGES = {
  freeTextMonths: { min: 1, max: 240 },
  coarsenPositionYears: { min: 1, max: 50 },
  closedAccountMonths: { min: 1, max: 120 },
  auditLogYears: { min: 1, max: 50 },
} as const;
type PeriodField = keyof typeof RETENTION_RANGES;
const PERIODS = Object.keys(RETENTION_RANGES) as PeriodField[];

/** The coarse cell's side in metres (SWEREF 99 TM), and the precision a coarsened position gets: the cell's half diagonal, rounded up. */
export const COARSE_CELL_M = 100;
export const COARSE_PRECISION_M = Math.ceil((COARSE_CELL_M * Math.SQRT2) / 2);

/** The centre of the 100 m cell a coordinate lies in. */
export const coarseCentre = (v: number): number => Math.floor(v / COARSE_CELL_M) * COARSE_CELL_M + COARSE_CELL_M / 2;

/** The stored setting, or the defaults field by field; tolerant of what older code or hand edits left behind. */
export function readRetentionRules(stored: unknown): RetentionRules {
  const s = (stored ?? {}) as Record<string, unknown>;
  const out: RetentionRules = { ...DEFAULT_RETENTION, automatic: s.automatic === true };
  for (const f of PERIODS) {
    const v = s[f];
    if (typeof v === 'number' && Number.isInteger(v) && v >= RETENTION_RANGES[f].min && v <= RETENTION_RANGES[f].max) out[f] = v;
  }
  return out;
}

/** Checks an input the schema has already typed; throws 422 naming every field out of range. */
export function validateRetentionRules(input: Partial<RetentionRules>, current: RetentionRules = DEFAULT_RETENTION): RetentionRules {
  const issues = new IssueCollector();
  const out: RetentionRules = { ...current, automatic: input.automatic ?? current.automatic };
  for (const f of PERIODS) {
    const v = input[f];
    if (v === undefined) continue;
    const { min, max } = RETENTION_RANGES[f];
    if (!Number.isInteger(v)) issues.add(f, 'type');
    else if (v < min) issues.add(f, 'too_small', { min });
    else if (v > max) issues.add(f, 'too_large', { max });
    else out[f] = v;
  }
  issues.throwIfAny();
  return out;
}

/** The moments before which each rule applies, counted back from `now` in calendar months and years (UTC). */
export function retentionCutoffs(r: RetentionRules, now: Date): Record<RetentionRule, Date> {
  const monthsBack = (n: number) => {
    const d = new Date(now.getTime());
    d.setUTCMonth(d.getUTCMonth() - n);
    return d;
  };
  return {
    freeText: monthsBack(r.freeTextMonths),
    coarsenPositions: monthsBack(12 * r.coarsenPositionYears),
    closedAccounts: monthsBack(r.closedAccountMonths),
    auditLog: monthsBack(12 * r.auditLogYears),
  };
}

/**
 * What an erased account is called from then on: a name that says so and keeps different erased
 * authors apart in a history, and an address that can never receive mail (.invalid, RFC 2606) and
 * stays unique as the column requires.
 */
export function pseudonymFor(userId: string): { name: string; email: string } {
  const short = userId.replace(/-/g, '').slice(0, 8);
  return { name: `Borttagen användare ${short}`, email: `borttagen-${userId}@borttagen.invalid` };
}

type Changes = Record<string, unknown>;
const isPoint = (v: unknown): v is { e: number; n: number } =>
  typeof v === 'object' && v !== null && typeof (v as { e?: unknown }).e === 'number' && typeof (v as { n?: unknown }).n === 'number';
const coarsePoint = (p: { e: number; n: number }) => ({ ...p, e: coarseCentre(p.e), n: coarseCentre(p.n) });

/**
 * A history entry's changes with every position it holds moved to its cell's centre: a creation's
 * `e`/`n` and a move's `location` {from, to}. Null when there was nothing to move (already coarse),
 * so a second run finds nothing.
 */
export function coarsenHistoryChanges<T extends Changes>(changes: T): T | null {
  const out: Changes = { ...changes };
  if (typeof out.e === 'number') out.e = coarseCentre(out.e);
  if (typeof out.n === 'number') out.n = coarseCentre(out.n);
  const loc = out.location;
  if (isPoint(loc)) out.location = coarsePoint(loc);
  else if (typeof loc === 'object' && loc !== null) {
    const { from, to } = loc as { from?: unknown; to?: unknown };
    out.location = { ...loc, ...(isPoint(from) ? { from: coarsePoint(from) } : {}), ...(isPoint(to) ? { to: coarsePoint(to) } : {}) };
  }
  return JSON.stringify(out) === JSON.stringify(changes) ? null : (out as T);
}

import type { IssueCollector } from '../errors/index.ts';
import { transform, type Crs } from '../geo/index.ts';

/** Limits for a report. The JSON schema enforces lengths too; these are the single source. */
export const INCIDENT_LIMITS = {
  descriptionMax: 2000,
  placeNameMax: 200,
  /** How far back an occurred time may lie when reported. */
  maxAgeDays: 366,
  /** Longest time window ("some time between Friday evening and Monday morning" fits). */
  maxWindowDays: 31,
  /** Phones' clocks drift: a time this far ahead of the server still counts as "now". */
  futureToleranceMs: 5 * 60 * 1000,
} as const;

export const REVIEW_STATUSES = ['new', 'reviewed', 'rejected', 'duplicate'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const VISIBILITIES = ['normal', 'restricted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const POSITION_PRECISIONS = ['gps', 'map', 'place', 'address', 'area', 'municipality', 'unknown'] as const;
export type PositionPrecision = (typeof POSITION_PRECISIONS)[number];

/** A position as received: {lon, lat} or {e, n, crs}; resolveLocation names what is missing or mixed. */
export type LocationInput = { lon?: number; lat?: number; e?: number; n?: number; crs?: number };

export interface TimeInput {
  occurredAt?: string;
  occurredFrom?: string;
  occurredTo?: string;
}

const DAY = 86_400_000;

function parseTime(value: string, field: string, issues: IssueCollector): Date | null {
  // RFC 3339 with a zone, or a date alone; anything else is rejected rather than guessed.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value)) {
    issues.add(field, 'format', { format: 'ISO 8601, t.ex. 2026-11-24T18:30:00+01:00' });
    return null;
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    issues.add(field, 'format', { format: 'ISO 8601' });
    return null;
  }
  return d;
}

/**
 * Resolves the occurred time of a report: an instant (`occurredAt`) or a window
 * (`occurredFrom` + `occurredTo`), checked against the report time `now`.
 * Issues are added to `issues`; returns null when the time cannot be used.
 */
export function resolveOccurred(input: TimeInput, now: Date, issues: IssueCollector, required = true): { from: Date; to: Date } | null {
  const { occurredAt, occurredFrom, occurredTo } = input;
  let from: Date | null = null;
  let to: Date | null = null;
  if (occurredAt !== undefined) {
    if (occurredFrom !== undefined || occurredTo !== undefined) {
      issues.add('occurredAt', 'exclusive_fields', { a: 'occurredAt', b: 'occurredFrom/occurredTo' });
      return null;
    }
    from = to = parseTime(occurredAt, 'occurredAt', issues);
  } else if (occurredFrom !== undefined || occurredTo !== undefined) {
    if (occurredFrom === undefined) issues.add('occurredFrom', 'required');
    if (occurredTo === undefined) issues.add('occurredTo', 'required');
    if (occurredFrom !== undefined) from = parseTime(occurredFrom, 'occurredFrom', issues);
    if (occurredTo !== undefined) to = parseTime(occurredTo, 'occurredTo', issues);
  } else {
    if (required) issues.add('occurredAt', 'required');
    return null;
  }
  if (!from || !to) return null;
  const single = occurredAt !== undefined;
  const fromField = single ? 'occurredAt' : 'occurredFrom';
  const toField = single ? 'occurredAt' : 'occurredTo';
  let ok = true;
  if (to.getTime() < from.getTime()) { issues.add(toField, 'window_reversed'); ok = false; }
  if (to.getTime() - from.getTime() > INCIDENT_LIMITS.maxWindowDays * DAY) {
    issues.add(toField, 'window_too_long', { days: INCIDENT_LIMITS.maxWindowDays }); ok = false;
  }
  if (to.getTime() > now.getTime() + INCIDENT_LIMITS.futureToleranceMs) { issues.add(toField, 'in_future'); ok = false; }
  if (from.getTime() < now.getTime() - INCIDENT_LIMITS.maxAgeDays * DAY) {
    issues.add(fromField, 'too_old', { days: INCIDENT_LIMITS.maxAgeDays }); ok = false;
  }
  return ok ? { from, to } : null;
}

/**
 * How far outside a municipality's boundary a report may lie and still be taken (metres), unless the
 * deployment says otherwise (BOUNDARY_TOLERANCE_M): SCB's generalised boundaries cut corners by
 * this much and more, and a report by the border must not be refused for it. It is flagged instead.
 */
export const DEFAULT_BOUNDARY_TOLERANCE_M = 200;

/** Sweden with a margin, in SWEREF 99 TM: anything outside is certainly a wrong coordinate. */
const SWEDEN_3006 = { minE: 180_000, maxE: 1_000_000, minN: 6_050_000, maxN: 7_700_000 };

/**
 * Turns a location in WGS84 ({lon, lat}) or SWEREF 99 ({e, n, crs: 3006|3007}) into EPSG:3006
 * metres, or adds issues naming the failing field.
 */
export function resolveLocation(loc: LocationInput, issues: IssueCollector, field = 'location'): { e: number; n: number } | null {
  let e: number, n: number;
  if ('lon' in loc || 'lat' in loc) {
    const { lon, lat } = loc as { lon: number; lat: number };
    if ('e' in loc || 'n' in loc) { issues.add(field, 'exclusive_fields', { a: 'lon/lat', b: 'e/n' }); return null; }
    let ok = true;
    if (lon === undefined) { issues.add(`${field}.lon`, 'required'); ok = false; }
    else if (!Number.isFinite(lon) || lon < -180 || lon > 180) { issues.add(`${field}.lon`, 'lon_out_of_range'); ok = false; }
    if (lat === undefined) { issues.add(`${field}.lat`, 'required'); ok = false; }
    else if (!Number.isFinite(lat) || lat < -90 || lat > 90) { issues.add(`${field}.lat`, 'lat_out_of_range'); ok = false; }
    if (!ok) return null;
    [e, n] = transform(4326, 3006, lon, lat);
    if (!inSweden(e, n)) { issues.add(field, 'outside_municipality', { municipalities: 'Sverige' }); return null; }
    return { e, n };
  }
  const { e: x, n: y, crs } = loc as { e: number; n: number; crs: number };
  if (x === undefined && y === undefined && crs === undefined) { issues.add(`${field}.lon`, 'required'); issues.add(`${field}.lat`, 'required'); return null; }
  if (x === undefined) issues.add(`${field}.e`, 'required');
  if (y === undefined) issues.add(`${field}.n`, 'required');
  if (crs === undefined) issues.add(`${field}.crs`, 'required');
  if (x === undefined || y === undefined || crs === undefined) return null;
  if (crs !== 3006 && crs !== 3007) { issues.add(`${field}.crs`, 'unsupported_crs'); return null; }
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    issues.add(`${field}.${Number.isFinite(x) ? 'n' : 'e'}`, 'type', { expected: 'number' });
    return null;
  }
  [e, n] = crs === 3006 ? [x, y] : transform(crs as Crs, 3006, x, y);
  if (!inSweden(e, n)) { issues.add(field, 'coordinate_out_of_range', { crs: `EPSG:${crs}` }); return null; }
  return { e, n };
}

const inSweden = (e: number, n: number) =>
  e >= SWEDEN_3006.minE && e <= SWEDEN_3006.maxE && n >= SWEDEN_3006.minN && n <= SWEDEN_3006.maxN;

/** Text fields: trimmed, empty becomes null; control characters other than newline and tab removed. */
export function cleanText(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  // eslint-disable-next-line no-control-regex
  const t = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return t.length ? t : null;
}

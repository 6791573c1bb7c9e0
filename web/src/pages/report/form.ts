import type { ReportBody } from '../../offline/outbox.ts';

/** The report form's state, independent of the DOM (validated and turned into the API body here). */
export interface ReportForm {
  categoryId: string | null;
  position: Position | null;
  timeMode: 'now' | 'at' | 'window';
  /** datetime-local values (local time, "2026-11-24T22:30"). */
  at: string;
  from: string;
  to: string;
  placeName: string;
  description: string;
  reportedToPolice: 'yes' | 'no' | 'unknown';
  assessment: number | null;
  restricted: boolean;
}

export interface Position {
  lon: number;
  lat: number;
  precision: 'gps' | 'map' | 'place' | 'area';
  precisionM?: number;
  placeId?: string;
  /** Name of the chosen place or area. */
  label?: string;
}

export const DESCRIPTION_MAX = 2000;
export const PLACE_NAME_MAX = 200;
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const PHOTO_MAX_COUNT = 5;
const MAX_AGE_DAYS = 366;
const MAX_WINDOW_DAYS = 31;
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function emptyForm(): ReportForm {
  return { categoryId: null, position: null, timeMode: 'now', at: '', from: '', to: '', placeName: '', description: '', reportedToPolice: 'unknown', assessment: null, restricted: false };
}

/** "2026-11-24T22:30" in the device's local time → a Date (null when empty or invalid). */
export function parseLocal(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A Date → the value of a datetime-local input in the device's local time. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Field → problem code; the codes are message keys under report.errors. In the order of the form. */
export type FormErrors = Partial<Record<FormField, ErrorCode>>;
export type FormField = 'categoryId' | 'location' | 'occurredAt' | 'occurredFrom' | 'occurredTo' | 'placeName' | 'description';
export type ErrorCode = 'categoryRequired' | 'positionRequired' | 'timeRequired' | 'timeFuture' | 'timeTooOld' | 'windowReversed' | 'windowTooLong' | 'tooLong';
export const FIELD_ORDER: FormField[] = ['categoryId', 'location', 'occurredAt', 'occurredFrom', 'occurredTo', 'placeName', 'description'];

export function validate(f: ReportForm, now: Date): FormErrors {
  const e: FormErrors = {};
  if (!f.categoryId) e.categoryId = 'categoryRequired';
  if (!f.position) e.location = 'positionRequired';
  const checkTime = (field: FormField, d: Date | null) => {
    if (!d) { e[field] = 'timeRequired'; return; }
    if (d.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) e[field] = 'timeFuture';
    else if (d.getTime() < now.getTime() - MAX_AGE_DAYS * 86_400_000) e[field] = 'timeTooOld';
  };
  if (f.timeMode === 'at') checkTime('occurredAt', parseLocal(f.at));
  if (f.timeMode === 'window') {
    const from = parseLocal(f.from), to = parseLocal(f.to);
    checkTime('occurredFrom', from);
    checkTime('occurredTo', to);
    if (from && to && !e.occurredFrom && !e.occurredTo) {
      if (to < from) e.occurredTo = 'windowReversed';
      else if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) e.occurredTo = 'windowTooLong';
    }
  }
  if (f.placeName.length > PLACE_NAME_MAX) e.placeName = 'tooLong';
  if (f.description.length > DESCRIPTION_MAX) e.description = 'tooLong';
  return e;
}

/** The POST /api/incidents body for a valid form. */
export function toBody(f: ReportForm, id: string, now: Date): ReportBody {
  const p = f.position!;
  const body: ReportBody = { id, categoryId: f.categoryId!, location: { lon: round(p.lon), lat: round(p.lat) }, positionPrecision: p.precision };
  if (f.timeMode === 'now') body.occurredAt = now.toISOString();
  else if (f.timeMode === 'at') body.occurredAt = parseLocal(f.at)!.toISOString();
  else { body.occurredFrom = parseLocal(f.from)!.toISOString(); body.occurredTo = parseLocal(f.to)!.toISOString(); }
  if (p.precisionM !== undefined) body.precisionM = Math.min(100_000, Math.max(0, Math.round(p.precisionM)));
  if (p.placeId) body.placeId = p.placeId;
  const placeName = f.placeName.trim() || p.label?.trim();
  if (placeName) body.placeName = placeName.slice(0, PLACE_NAME_MAX);
  const description = f.description.trim();
  if (description) body.description = description;
  if (f.reportedToPolice !== 'unknown') body.reportedToPolice = f.reportedToPolice === 'yes';
  if (f.assessment !== null) body.assessment = f.assessment;
  if (f.restricted) body.visibility = 'restricted';
  return body;
}

/** Six decimals ≈ 0.1 m: enough, and no false precision in the stored report. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** A representative point of a GeoJSON geometry (mean of the outer ring's vertices; the point itself). */
export function representativePoint(g: { type: string; coordinates?: unknown }): [number, number] | null {
  const c = g.coordinates as any;
  if (!c) return null;
  if (g.type === 'Point') return [c[0], c[1]];
  let ring: number[][] | undefined;
  if (g.type === 'Polygon') ring = c[0];
  else if (g.type === 'MultiPolygon') ring = [...c].sort((a: number[][][], b: number[][][]) => b[0].length - a[0].length)[0]?.[0];
  else if (g.type === 'LineString' || g.type === 'MultiPoint') ring = c;
  if (!ring || ring.length === 0) return null;
  let x = 0, y = 0;
  for (const [lon, lat] of ring) { x += lon; y += lat; }
  return [x / ring.length, y / ring.length];
}

/** Case- and accent-insensitive "contains" used by the place search. */
export function normalise(s: string): string {
  return s.toLocaleLowerCase('sv').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

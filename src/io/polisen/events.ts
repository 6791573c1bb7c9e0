import { readFile } from 'node:fs/promises';
import { transform } from '../../core/geo/index.ts';
import type { Queryable } from '../../db/engine.ts';
import { insertPoliceEvents } from '../../db/repositories/police-events.ts';
import type { PoliceEventRecord } from '../../core/police-events/types.ts';

/**
 * Polisen's public events (polisen.se/api/events) as stored per municipality. The API gives a
 * position per event that is the centroid of the municipality or, for county-wide events, of the
 * county: the latter is kept without a position, since it lies far outside the municipality.
 */

export class PoliceEventsFormatError extends Error {
  constructor(readonly index: number | null, readonly field: string | null, detail: string) {
    super(index === null ? detail : `händelse ${index}${field ? `, fältet ${field}` : ''}: ${detail}`);
    this.name = 'PoliceEventsFormatError';
  }
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2}):(\d{2}) ([+-])(\d{2}):(\d{2})$/;
const LIMITS = { type: 100, name: 300, summary: 2000, url: 500, location: 200 };

/** "2026-08-21 19:14:52 +02:00" → the instant (the API writes early hours with one digit: "8:20:21"). */
export function parsePoliceDatetime(s: string): Date | null {
  const m = DATETIME.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se, sign, oh, om] = m;
  const local = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se);
  const check = new Date(local);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +se > 59) return null;
  return new Date(local - (sign === '+' ? 1 : -1) * (+oh * 60 + +om) * 60_000);
}

/** Parses the API's JSON array; every problem names the element and the field. */
export function parsePoliceEvents(json: unknown): PoliceEventRecord[] {
  if (!Array.isArray(json)) throw new PoliceEventsFormatError(null, null, 'väntade en JSON-lista med händelser');
  return json.map((e: any, i) => {
    const fail = (field: string, detail: string): never => { throw new PoliceEventsFormatError(i, field, detail); };
    if (typeof e !== 'object' || e === null || Array.isArray(e)) fail('', 'är inget objekt');
    if (!Number.isSafeInteger(e.id) || e.id <= 0) fail('id', `väntade ett positivt heltal, fick ${JSON.stringify(e.id)}`);
    const publishedAt = typeof e.datetime === 'string' ? parsePoliceDatetime(e.datetime) : null;
    if (!publishedAt) fail('datetime', `väntade "ÅÅÅÅ-MM-DD tt:mm:ss +hh:mm", fick ${JSON.stringify(e.datetime)}`);
    const str = (field: 'type' | 'name' | 'summary' | 'url', required: boolean, max: number): string | null => {
      const v = e[field];
      if (v === undefined || v === null || v === '') { if (required) fail(field, 'saknas'); return null; }
      if (typeof v !== 'string') fail(field, 'väntade text');
      if (v.length > max) fail(field, `för lång (högst ${max} tecken)`);
      return v;
    };
    const type = str('type', true, LIMITS.type)!;
    const name = str('name', true, LIMITS.name)!;
    const summary = str('summary', false, LIMITS.summary);
    const url = str('url', false, LIMITS.url);
    let locationName: string | null = null, en: { e: number; n: number } | null = null;
    if (e.location !== undefined && e.location !== null) {
      if (typeof e.location !== 'object') fail('location', 'väntade ett objekt');
      if (e.location.name !== undefined && e.location.name !== null) {
        if (typeof e.location.name !== 'string' || e.location.name.length > LIMITS.location) fail('location.name', `väntade text om högst ${LIMITS.location} tecken`);
        locationName = e.location.name;
      }
      if (e.location.gps !== undefined && e.location.gps !== null && e.location.gps !== '') {
        const m = typeof e.location.gps === 'string' ? /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(e.location.gps) : null;
        if (!m) fail('location.gps', `väntade "lat,lon", fick ${JSON.stringify(e.location.gps)}`);
        const lat = Number(m![1]), lon = Number(m![2]);
        if (!(lat >= 54 && lat <= 70 && lon >= 10 && lon <= 25)) fail('location.gps', `${lat},${lon} ligger inte i Sverige`);
        if (!/ län$/.test(locationName ?? '')) {
          const [x, y] = transform(4326, 3006, lon, lat);
          en = { e: Math.round(x * 100) / 100, n: Math.round(y * 100) / 100 };
        }
      }
    }
    return { id: e.id, publishedAt: publishedAt!, type, name, summary, url, locationName, e: en?.e ?? null, n: en?.n ?? null };
  });
}

/** Stores the events for a municipality; those already held are left alone. Returns how many were new. */
export async function importPoliceEvents(db: Queryable, municipalityId: string, events: PoliceEventRecord[]): Promise<number> {
  return insertPoliceEvents(db, municipalityId, events);
}

/** Reads and imports a file of Polisen's events (a JSON array as the API returns it). */
export async function importPoliceEventsFile(db: Queryable, municipalityId: string, path: string): Promise<{ read: number; imported: number }> {
  let json: unknown;
  try { json = JSON.parse(await readFile(path, 'utf8')); } catch (e) {
    throw new PoliceEventsFormatError(null, null, `${path}: ${(e as Error).message}`);
  }
  const events = parsePoliceEvents(json);
  return { read: events.length, imported: await importPoliceEvents(db, municipalityId, events) };
}

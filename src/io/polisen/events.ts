import type { FieldIssueCode } from '../../core/errors/index.ts';
import type { PoliceEventRecord } from '../../core/police-events/types.ts';
import type { Queryable } from '../../db/engine.ts';
import { insertPoliceEvents } from '../../db/repositories/police-events.ts';

/**
 * Polisen's public events (polisen.se/api/events) as stored per municipality. The API's position
 * (`location.gps`) is the centre of the municipality or county the event is filed under, never the
 * place of the incident (../shared/data/SOURCES.md): it is checked, then dropped, so nothing can
 * draw the events as points or count them in a grid cell, a hotspot or a place. An event counts for
 * its municipality as a whole (src/core/police-events/split.ts says which).
 */

/** Why a file of events cannot be read: the element (index in the JSON array) and field, in Swedish, and as a field issue for the API. */
export class PoliceEventsFormatError extends Error {
  constructor(
    readonly index: number | null,
    readonly field: string | null,
    detail: string,
    /** The same as a field issue (code and params), for the API's error body in the caller's language. */
    readonly issue: { code: FieldIssueCode; params?: Record<string, string | number> },
  ) {
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
  if (!Array.isArray(json)) throw new PoliceEventsFormatError(null, null, 'väntade en JSON-lista med händelser', { code: 'type', params: { expected: 'array' } });
  return json.map((e: any, i) => {
    const fail = (field: string, detail: string, code: FieldIssueCode, params?: Record<string, string | number>): never => {
      throw new PoliceEventsFormatError(i, field, detail, params ? { code, params } : { code });
    };
    if (typeof e !== 'object' || e === null || Array.isArray(e)) fail('', 'är inget objekt', 'type', { expected: 'object' });
    if (!Number.isSafeInteger(e.id) || e.id <= 0) fail('id', `väntade ett positivt heltal, fick ${JSON.stringify(e.id)}`, e.id === undefined ? 'required' : Number.isSafeInteger(e.id) ? 'too_small' : 'type', Number.isSafeInteger(e.id) ? { min: 1 } : { expected: 'integer' });
    const publishedAt = typeof e.datetime === 'string' ? parsePoliceDatetime(e.datetime) : null;
    if (!publishedAt) {
      fail('datetime', `väntade "ÅÅÅÅ-MM-DD tt:mm:ss +hh:mm", fick ${JSON.stringify(e.datetime)}`, e.datetime === undefined ? 'required' : 'format', { format: 'ÅÅÅÅ-MM-DD t:mm:ss +hh:mm' });
    }
    const str = (field: 'type' | 'name' | 'summary' | 'url', required: boolean, max: number): string | null => {
      const v = e[field];
      if (v === undefined || v === null || v === '') { if (required) fail(field, 'saknas', 'required'); return null; }
      if (typeof v !== 'string') fail(field, 'väntade text', 'type', { expected: 'string' });
      if (v.length > max) fail(field, `för lång (högst ${max} tecken)`, 'too_long', { max });
      return v;
    };
    const type = str('type', true, LIMITS.type)!;
    const name = str('name', true, LIMITS.name)!;
    const summary = str('summary', false, LIMITS.summary);
    const url = str('url', false, LIMITS.url);
    let locationName: string | null = null;
    if (e.location !== undefined && e.location !== null) {
      if (typeof e.location !== 'object' || Array.isArray(e.location)) fail('location', 'väntade ett objekt', 'type', { expected: 'object' });
      const n = e.location.name;
      if (n !== undefined && n !== null) {
        if (typeof n !== 'string') fail('location.name', `väntade text om högst ${LIMITS.location} tecken`, 'type', { expected: 'string' });
        if (n.length > LIMITS.location) fail('location.name', `väntade text om högst ${LIMITS.location} tecken`, 'too_long', { max: LIMITS.location });
        locationName = n;
      }
      // Checked so that a file that is not Polisen's is noticed, then dropped: see above.
      const gps = e.location.gps;
      if (gps !== undefined && gps !== null && gps !== '') {
        const m = typeof gps === 'string' ? /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(gps) : null;
        if (!m) fail('location.gps', `väntade "lat,lon", fick ${JSON.stringify(gps)}`, 'format', { format: 'lat,lon' });
        const lat = Number(m![1]), lon = Number(m![2]);
        if (!(lat >= 54 && lat <= 70 && lon >= 10 && lon <= 25)) fail('location.gps', `${lat},${lon} ligger inte i Sverige`, 'coordinate_out_of_range', { crs: 'WGS 84' });
      }
    }
    return { id: e.id, publishedAt: publishedAt!, type, name, summary, url, locationName };
  });
}

/** Stores the events for a municipality; those already held are left alone. Returns how many were new. */
export async function importPoliceEvents(db: Queryable, municipalityId: string, events: PoliceEventRecord[]): Promise<number> {
  return insertPoliceEvents(db, municipalityId, events);
}

/**
 * A file or an answer of the API as text → its events. Not JSON is named with where the parser
 * stopped; a byte-order mark is allowed (an editor on Windows may write one).
 */
export function parsePoliceEventsText(text: string): PoliceEventRecord[] {
  let json: unknown;
  try { json = JSON.parse(text.replace(/^\uFEFF/, '')); } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    throw new PoliceEventsFormatError(null, null, `inte giltig JSON: ${(e as Error).message}`, at ? { code: 'invalid_json', params: { position: Number(at[1]) + 1 } } : { code: 'invalid_json' });
  }
  return parsePoliceEvents(json);
}

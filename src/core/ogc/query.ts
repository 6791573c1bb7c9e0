/**
 * The query of an items request (OGC API – Features Part 1 and 2), checked against what the
 * collection declares: `limit`, `bbox` with `bbox-crs`, `datetime` where the features have a time,
 * `crs`, the page `cursor` of the next and prev links, and the collection's attribute filters.
 * Anything else is refused, as the standard requires of a parameter the API does not declare; each
 * refusal names the parameter (in Swedish and English), for the exception the server answers with.
 */
import { CRS84, EPSG_3006, parseCrs, type OgcCrs } from './crs.ts';
import type { CollectionShape } from './collections.ts';

/** Features per page unless `limit` says otherwise, and the most a page holds. */
export const LIMIT_DEFAULT = 100;
export const LIMIT_MAX = 1000;

/** A refused request, as OGC API Common's exception: a code and a description (here in both languages). */
export class OgcError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: 'InvalidParameterValue' | 'NotFound',
    readonly parameter: string | null,
    readonly descriptions: { sv: string; en: string },
  ) {
    super(descriptions.en);
    this.name = 'OgcError';
  }
}

const bad = (parameter: string, sv: string, en: string) => new OgcError(400, 'InvalidParameterValue', parameter, { sv: `${parameter}: ${sv}`, en: `${parameter}: ${en}` });

/** Where a page starts: after a key (next) or before one (prev); the key is the collection's sort key. */
export interface Cursor { direction: 'after' | 'before'; key: string }

export interface ItemsQuery {
  limit: number;
  /** In the system of `bboxCrs`. */
  bbox?: [number, number, number, number];
  bboxCrs: OgcCrs;
  /** [from, to): either end open. */
  datetime?: { from?: Date; to?: Date };
  crs: OgcCrs;
  cursor?: Cursor;
  /** Attribute filters by name, each with its values (any of them). */
  filters: Record<string, string[]>;
}

/** The parameters every items operation takes; a collection with a time takes `datetime` too. */
export const STANDARD_PARAMETERS = ['limit', 'bbox', 'bbox-crs', 'crs', 'cursor'] as const;

export type RawQuery = Record<string, string | string[] | undefined>;

function single(q: RawQuery, name: string): string | undefined {
  const v = q[name];
  if (Array.isArray(v)) throw bad(name, 'får bara anges en gång', 'may be given only once');
  return v;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;

/** An instant of `datetime`: an RFC 3339 date-time, or a date (that day from midnight UTC). */
function instant(s: string): Date | null {
  const m = RFC3339.exec(s);
  if (!m) return null;
  const d = new Date(m[4] ? s.replace(' ', 'T') : `${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return null;
  // "2026-02-30" parses in some engines as 2 March: the date must read back as written.
  if (d.toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}` && !m[8]?.match(/[+-]/)) return null;
  return d;
}

/** `datetime`: an instant, `a/b`, `../b`, `a/..` (an empty end is open too). An instant is the millisecond it names. */
export function parseDatetime(value: string): { from?: Date; to?: Date } {
  const parts = value.split('/');
  const fail = () => bad('datetime', `"${value}" är ingen tidpunkt eller period enligt RFC 3339 (t.ex. 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z eller ../2026-04-01T00:00:00Z)`,
    `"${value}" is not an RFC 3339 instant or interval (e.g. 2026-03-01T00:00:00Z/2026-04-01T00:00:00Z or ../2026-04-01T00:00:00Z)`);
  if (parts.length === 1) {
    const t = instant(value);
    if (!t) throw fail();
    return { from: t, to: new Date(t.getTime() + 1) };
  }
  if (parts.length !== 2) throw fail();
  const end = (s: string) => (s === '' || s === '..' ? undefined : instant(s) ?? null);
  const from = end(parts[0]), to = end(parts[1]);
  if (from === null || to === null) throw fail();
  if (from && to && to < from) throw bad('datetime', 'periodens slut ligger före dess början', 'the interval ends before it starts');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** `bbox`: four numbers (six with heights, which are ignored), lower corner first, inside the system's range. */
export function parseBbox(value: string, crs: OgcCrs): [number, number, number, number] {
  const parts = value.split(',');
  const v = parts.map((s) => (s.trim() === '' ? NaN : Number(s)));
  if ((v.length !== 4 && v.length !== 6) || v.some((x) => !Number.isFinite(x))) {
    throw bad('bbox', `ange fyra tal åtskilda med komma (minX,minY,maxX,maxY), inte "${value}"`, `give four numbers separated by commas (minX,minY,maxX,maxY), not "${value}"`);
  }
  const [x0, y0, x1, y1] = v.length === 6 ? [v[0], v[1], v[3], v[4]] : v;
  if (x0 > x1 || y0 > y1) throw bad('bbox', 'det nedre hörnet (minX,minY) ska komma före det övre och inte ligga över det', 'the lower corner (minX,minY) comes first and must not lie above the upper one');
  if (crs === CRS84 && (x0 < -180 || x1 > 180 || y0 < -90 || y1 > 90)) {
    throw bad('bbox', 'longitud ska ligga mellan −180 och 180 och latitud mellan −90 och 90 (CRS84); för SWEREF 99 TM, ange bbox-crs', 'longitude must lie within −180 to 180 and latitude within −90 to 90 (CRS84); for SWEREF 99 TM, give bbox-crs');
  }
  if (crs === EPSG_3006 && (x0 < -1e7 || x1 > 1e7 || y0 < -1e7 || y1 > 1e7)) {
    throw bad('bbox', 'koordinaterna ligger utanför SWEREF 99 TM', 'the coordinates lie outside SWEREF 99 TM');
  }
  return [x0, y0, x1, y1];
}

function crsParameter(name: 'crs' | 'bbox-crs', value: string | undefined): OgcCrs {
  if (value === undefined) return CRS84;
  const crs = parseCrs(value);
  if (!crs) throw bad(name, `okänt koordinatsystem "${value}"; ange ${CRS84} eller ${EPSG_3006}`, `unknown coordinate reference system "${value}"; use ${CRS84} or ${EPSG_3006}`);
  return crs;
}

const CURSOR = /^(a|b)(.{1,200})$/s;

/** The names an items request of this collection may carry. */
export function declaredParameters(shape: CollectionShape): string[] {
  return [...STANDARD_PARAMETERS, ...(shape.time ? ['datetime'] : []), ...shape.filters.map((f) => f.name)];
}

/** Checks an items request's query against the collection's declared parameters. Throws OgcError. */
export function parseItemsQuery(q: RawQuery, shape: CollectionShape): ItemsQuery {
  const declared = declaredParameters(shape);
  const unknown = Object.keys(q).filter((k) => !declared.includes(k));
  if (unknown.length) {
    throw bad(unknown[0], `parametern finns inte för den här samlingen; tillåtna: ${declared.join(', ')}`, `this collection declares no such parameter; allowed: ${declared.join(', ')}`);
  }
  const limitText = single(q, 'limit');
  let limit = LIMIT_DEFAULT;
  if (limitText !== undefined) {
    limit = /^\d{1,9}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= LIMIT_MAX)) throw bad('limit', `ange ett heltal från 1 till ${LIMIT_MAX}, inte "${limitText}"`, `give a whole number from 1 to ${LIMIT_MAX}, not "${limitText}"`);
  }
  const bboxCrs = crsParameter('bbox-crs', single(q, 'bbox-crs'));
  const bboxText = single(q, 'bbox');
  const crs = crsParameter('crs', single(q, 'crs'));
  const datetimeText = single(q, 'datetime');
  const cursorText = single(q, 'cursor');
  let cursor: Cursor | undefined;
  if (cursorText !== undefined) {
    const m = CURSOR.exec(cursorText);
    if (!m) throw bad('cursor', 'sidmarkören är skadad; följ länkarna next och prev som de står', 'the page cursor is damaged; follow the next and prev links as they are');
    cursor = { direction: m[1] === 'a' ? 'after' : 'before', key: m[2] };
  }
  const filters: Record<string, string[]> = {};
  for (const f of shape.filters) {
    const raw = single(q, f.name);
    if (raw === undefined) continue;
    const values = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (!values.length) throw bad(f.name, 'ange ett värde', 'give a value');
    for (const v of values) {
      const s = f.schema;
      const ok = s.enum ? s.enum.includes(v)
        : s.format === 'uuid' ? /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)
          : s.type === 'integer' ? /^-?\d{1,9}$/.test(v)
            : s.pattern ? new RegExp(s.pattern).test(v)
              : v.length <= 200;
      if (!ok) {
        const expected = s.enum ? s.enum.join(', ') : s.format === 'uuid' ? 'uuid' : s.type === 'integer' ? 'heltal / integer' : s.pattern ? s.pattern : '≤ 200 tecken / characters';
        throw bad(f.name, `"${v}" är inget tillåtet värde (${expected})`, `"${v}" is not an allowed value (${expected})`);
      }
    }
    filters[f.name] = values;
  }
  return {
    limit, bboxCrs, crs, filters,
    ...(bboxText !== undefined ? { bbox: parseBbox(bboxText, bboxCrs) } : {}),
    ...(datetimeText !== undefined ? { datetime: parseDatetime(datetimeText) } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** A collection or feature that is not there (or not for this caller): 404 as an exception. */
export const notFoundError = (what: 'collection' | 'feature', id: string) => new OgcError(404, 'NotFound', null, what === 'collection'
  ? { sv: `Samlingen "${id}" finns inte (eller inte för dig); se /ogc/collections`, en: `No collection "${id}" (or none for you); see /ogc/collections` }
  : { sv: `Objektet "${id}" finns inte i samlingen (eller inte för dig)`, en: `No feature "${id}" in the collection (or none for you)` });

/**
 * Dates in analysis input files. Accepted forms (all read as UTC, so that differences in days never
 * depend on daylight-saving time):
 * - `YYYY-MM-DD` (ISO 8601 calendar date)
 * - `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an optional `Z` or `±HH:MM` / `±HHMM` offset; a space may
 *   replace the `T`. Without an offset the wall-clock time is taken as UTC.
 * - `YYYYMMDD` (compact form, as in burkitt.csv's DATE column)
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export const MS_PER_DAY = 86_400_000;

/** Description of the accepted forms, for error messages. */
export const DATE_FORMS = 'YYYY-MM-DD, an ISO 8601 date-time or YYYYMMDD';

/**
 * Parses one date. Returns milliseconds since 1970-01-01T00:00Z, or null when `text` is not one of the
 * accepted forms or names an impossible day (2023-02-29) or time (24:00, 12:60).
 */
export function parseDate(text: string): number | null {
  const s = text.trim();
  let m = ISO.exec(s);
  let y: number, mo: number, d: number, h = 0, mi = 0, sec = 0, ms = 0, offsetMin = 0;
  if (m) {
    y = +m[1]; mo = +m[2]; d = +m[3];
    if (m[4] !== undefined) { h = +m[4]; mi = +m[5]; }
    if (m[6] !== undefined) sec = +m[6];
    if (m[7] !== undefined) ms = Math.round(Number(`0.${m[7]}`) * 1000);
    if (m[8] !== undefined && m[8].toUpperCase() !== 'Z') {
      const o = m[8].replace(':', '');
      const sign = o[0] === '-' ? -1 : 1;
      const oh = +o.slice(1, 3), om = +o.slice(3, 5);
      if (oh > 23 || om > 59) return null;
      offsetMin = sign * (oh * 60 + om);
    }
  } else if ((m = COMPACT.exec(s))) {
    y = +m[1]; mo = +m[2]; d = +m[3];
  } else {
    return null;
  }
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  const back = new Date(t);
  // Date.UTC rolls 2023-02-29 over into March; reject instead. (Years 0–99 are mapped by Date.UTC to
  // 1900–1999, which the day check below also catches.)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t - offsetMin * 60_000;
}

/** Whole days since 1970-01-01 (UTC) of a parsed date, rounded down. */
export function epochDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/**
 * Space–time point input shared by the space–time operations (near-repeat, knox, emerging-hotspots).
 * Callers may pass an array of `{ x, y, t }` objects or three parallel columns; both are copied into
 * Float64Arrays after a check that names the first bad value.
 */

/** One incident: projected coordinates (e.g. metres in SWEREF 99 TM) and a time in days. */
export interface SpaceTimePoint {
  x: number;
  y: number;
  /** Time in days (any origin, e.g. {@link dayNumber}). */
  t: number;
}

/** The same data as parallel columns (plain arrays or typed arrays of equal length). */
export interface SpaceTimeColumns {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  t: ArrayLike<number>;
}

export type SpaceTimeInput = ArrayLike<SpaceTimePoint> | SpaceTimeColumns;

export interface Columns {
  n: number;
  x: Float64Array;
  y: Float64Array;
  t: Float64Array;
}

function isColumns(input: SpaceTimeInput): input is SpaceTimeColumns {
  const c = input as SpaceTimeColumns;
  return typeof (input as ArrayLike<SpaceTimePoint>).length !== 'number' && c.x != null && c.y != null && c.t != null;
}

/**
 * Copies the input into columns and checks every value.
 *
 * @param input points as objects or columns
 * @param fn name of the calling function, used in error messages
 * @param integerTime require whole days (near-repeat bins integer day differences)
 * @returns the columns
 * @throws {TypeError|RangeError} naming the first missing, non-finite or (with integerTime) fractional value
 */
export function toColumns(input: SpaceTimeInput, fn: string, integerTime = false): Columns {
  if (input == null || typeof input !== 'object') throw new TypeError(`${fn}: points must be an array of {x, y, t} or columns {x, y, t}, got ${input}`);
  let n: number;
  let get: (k: 'x' | 'y' | 't', i: number) => unknown;
  let where: (k: string, i: number) => string;
  if (isColumns(input)) {
    n = input.x.length;
    for (const k of ['y', 't'] as const) {
      if (input[k].length !== n) throw new RangeError(`${fn}: columns must have equal lengths, x has ${n} and ${k} has ${input[k].length}`);
    }
    get = (k, i) => input[k][i];
    where = (k, i) => `${k}[${i}]`;
  } else {
    const arr = input as ArrayLike<SpaceTimePoint>;
    n = arr.length;
    get = (k, i) => {
      const p = arr[i];
      if (p == null || typeof p !== 'object') throw new TypeError(`${fn}: points[${i}] must be an object {x, y, t}, got ${p}`);
      return p[k];
    };
    where = (k, i) => `points[${i}].${k}`;
  }
  const x = new Float64Array(n), y = new Float64Array(n), t = new Float64Array(n);
  const out = { x, y, t };
  for (let i = 0; i < n; i++) {
    for (const k of ['x', 'y', 't'] as const) {
      const v = get(k, i);
      if (typeof v !== 'number') throw new TypeError(`${fn}: ${where(k, i)} must be a number, got ${v === null ? 'null' : typeof v}`);
      if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${where(k, i)} must be finite, got ${v}`);
      out[k][i] = v;
    }
    if (integerTime && !Number.isInteger(t[i])) throw new RangeError(`${fn}: ${where('t', i)} must be a whole number of days, got ${t[i]}`);
  }
  return { n, x, y, t };
}

const MS_PER_DAY = 86_400_000;

/**
 * Whole days since 1970-01-01 for a calendar date: 'YYYY-MM-DD' (or a longer ISO string, whose
 * date part is used) or a Date (its UTC date). The difference of two day numbers is the number of
 * days between the dates, as R's `dist()` on Date values.
 *
 * @param date 'YYYY-MM-DD…' or a Date
 * @returns integer day number
 * @throws {RangeError} on an unreadable date
 * @example
 * dayNumber('2016-01-03') - dayNumber('2016-01-01'); // 2
 */
export function dayNumber(date: string | Date): number {
  if (date instanceof Date) {
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw new RangeError('dayNumber: invalid Date');
    return Math.floor(ms / MS_PER_DAY);
  }
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  if (!m) throw new RangeError(`dayNumber: expected a date 'YYYY-MM-DD', got ${JSON.stringify(date)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(m[2]) - 1 || check.getUTCDate() !== Number(m[3])) {
    throw new RangeError(`dayNumber: no such date ${JSON.stringify(date)}`);
  }
  return Math.round(ms / MS_PER_DAY);
}

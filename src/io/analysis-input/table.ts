/**
 * The table an analysis reads: named columns, one row per point or observation, and for each row the
 * place in the file it came from, so every error can name the row (1-based line number in a CSV file,
 * 1-based feature number in a GeoJSON file) and the column.
 */
import { DATE_FORMS, parseDate } from './dates.ts';

export type Cell = string | number | boolean | null | undefined;

export interface Table {
  /** Name of the input, used in messages (usually the file path). */
  source: string;
  kind: 'csv' | 'geojson';
  /** Whether the columns have names (a CSV header or GeoJSON properties); else they are 1, 2, 3… */
  named: boolean;
  /** Column names; without a header "1", "2", … */
  columns: string[];
  rows: Cell[][];
  /** 1-based line (CSV) or feature number (GeoJSON) of each row. */
  origin: number[];
  /** Line of the CSV header, when there is one. */
  headerLine?: number;
  /** Accept ',' as decimal separator too (semicolon-separated files, Swedish style). */
  decimalComma?: boolean;
}

/** Bad input: the message names the file, the row and the column. The CLI prints it and exits 1. */
export class InputError extends Error {
  override name = 'InputError';
}

/** "line 12" or "feature 3" for row index i (0-based). */
export function rowLabel(t: Table, i: number): string {
  return `${t.kind === 'csv' ? 'line' : 'feature'} ${t.origin[i]}`;
}

/** `column "X"` or `column 3`. */
export function columnLabel(t: Table, c: number): string {
  return t.named ? `column "${t.columns[c]}"` : `column ${c + 1}`;
}

function where(t: Table, i: number, c: number): string {
  return `${t.source}, ${rowLabel(t, i)}, ${columnLabel(t, c)}`;
}

/**
 * Finds a column by name, or by 1-based number. A name is matched exactly first, then ignoring case;
 * a number is taken as a position when no column has that name.
 */
export function resolveColumn(t: Table, spec: string, option?: string): number {
  const s = spec.trim();
  let c = t.columns.indexOf(s);
  if (c < 0) {
    const lower = s.toLowerCase();
    const matches = t.columns.flatMap((n, j) => (n.toLowerCase() === lower ? [j] : []));
    if (matches.length === 1) c = matches[0];
  }
  if (c < 0 && /^\d+$/.test(s)) {
    const k = Number(s);
    if (k >= 1 && k <= t.columns.length) c = k - 1;
    else {
      throw new InputError(
        `${t.source}: ${option ? `${option} ` : ''}column ${k} does not exist; the input has ${t.columns.length} column(s)`,
      );
    }
  }
  if (c < 0) {
    const list = t.named ? t.columns.join(', ') : `1–${t.columns.length} (no header)`;
    const head = t.headerLine !== undefined ? `, line ${t.headerLine} (header)` : '';
    throw new InputError(
      `${t.source}${head}: ${option ? `${option}: ` : ''}no column "${s}"; the columns are ${list}`,
    );
  }
  return c;
}

const MISSING = new Set(['', 'na', 'nan', 'null', 'n/a']);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True for an empty cell or one of NA, NaN, null, N/A (any case). */
export function isMissing(v: Cell): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return Number.isNaN(v);
  if (typeof v === 'string') return MISSING.has(v.trim().toLowerCase());
  return false;
}

function toNumber(t: Table, v: Cell): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  let s = v.trim();
  if (t.decimalComma && /^[+-]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  return NUMBER.test(s) ? Number(s) : NaN;
}

export interface NumberOptions {
  /** Let missing cells through as NaN (Mann–Kendall drops them); otherwise a missing cell is an error. */
  allowMissing?: boolean;
  /** Option name to mention in messages, e.g. "--value". */
  option?: string;
  /** Further check of each value; return an error text (e.g. "must not be negative") or null. */
  check?: (x: number) => string | null;
}

/** Reads a numeric column; every cell must be a finite number (or missing, if allowed). */
export function numberColumn(t: Table, spec: string, opts: NumberOptions = {}): Float64Array {
  const c = resolveColumn(t, spec, opts.option);
  const out = new Float64Array(t.rows.length);
  for (let i = 0; i < t.rows.length; i++) {
    const v = t.rows[i][c];
    if (isMissing(v)) {
      if (opts.allowMissing) { out[i] = NaN; continue; }
      throw new InputError(`${where(t, i, c)}: the value is missing (a number is needed)`);
    }
    const x = toNumber(t, v);
    if (!Number.isFinite(x)) throw new InputError(`${where(t, i, c)}: ${JSON.stringify(v)} is not a number`);
    const bad = opts.check?.(x);
    if (bad) throw new InputError(`${where(t, i, c)}: ${JSON.stringify(v)} ${bad}`);
    out[i] = x;
  }
  return out;
}

/** Reads a date column as milliseconds since 1970-01-01 UTC (see dates.ts for the accepted forms). */
export function dateColumn(t: Table, spec: string, opts: { option?: string } = {}): Float64Array {
  const c = resolveColumn(t, spec, opts.option);
  const out = new Float64Array(t.rows.length);
  for (let i = 0; i < t.rows.length; i++) {
    const v = t.rows[i][c];
    if (isMissing(v)) throw new InputError(`${where(t, i, c)}: the date is missing`);
    const ms = typeof v === 'string' ? parseDate(v) : typeof v === 'number' ? parseDate(String(v)) : null;
    if (ms === null) {
      throw new InputError(`${where(t, i, c)}: ${JSON.stringify(v)} is not a date (expected ${DATE_FORMS})`);
    }
    out[i] = ms;
  }
  return out;
}

/** Reads a column as text (labels, ids); missing cells become "". */
export function stringColumn(t: Table, spec: string, opts: { option?: string } = {}): string[] {
  const c = resolveColumn(t, spec, opts.option);
  return t.rows.map((r) => (isMissing(r[c]) ? '' : String(r[c]).trim()));
}

/** Throws unless the table has at least `min` rows; `what` names the method ("Clark–Evans needs …"). */
export function requireRows(t: Table, min: number, what: string): void {
  if (t.rows.length === 0) throw new InputError(`${t.source}: no data rows (the input is empty)`);
  if (t.rows.length < min) {
    throw new InputError(`${t.source}: ${what} needs at least ${min} rows, the input has ${t.rows.length}`);
  }
}

/**
 * Input readers for `lagesbild analyze`: CSV (with a header, or numbered columns) and GeoJSON points,
 * both read into one Table whose rows remember where in the file they came from.
 *
 * @example
 * const t = await readInput('../shared/data/analysis-reference/burkitt.csv');
 * const x = numberColumn(t, 'X'), days = dateColumn(t, 'DATE');
 */
import { readFile } from 'node:fs/promises';
import { parseCsv, type CsvOptions } from './csv.ts';
import { parseGeoJson } from './geojson.ts';
import { InputError, type Table } from './table.ts';

export * from './table.ts';
export { parseCsv, type CsvOptions } from './csv.ts';
export { parseGeoJson } from './geojson.ts';
export { parseDate, epochDay, MS_PER_DAY, DATE_FORMS } from './dates.ts';

export type InputFormat = 'csv' | 'geojson';

export interface ReadOptions extends Omit<CsvOptions, 'source'> {
  /** Default: by extension (.geojson/.json → GeoJSON), else by content ('{' first → GeoJSON), else CSV. */
  format?: InputFormat;
}

/** Chooses CSV or GeoJSON for a file name and its text. */
export function detectFormat(path: string, text: string): InputFormat {
  if (/\.(geo)?json$/i.test(path)) return 'geojson';
  if (/\.(csv|tsv|txt)$/i.test(path)) return 'csv';
  return text.trimStart().replace(/^\uFEFF/, '').startsWith('{') ? 'geojson' : 'csv';
}

/** Parses already-read text (no I/O). */
export function parseInput(text: string, source: string, opts: ReadOptions = {}): Table {
  const format = opts.format ?? detectFormat(source, text);
  return format === 'geojson' ? parseGeoJson(text, { source }) : parseCsv(text, { ...opts, source });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a file ('-' for standard input) and parses it. */
export async function readInput(path: string, opts: ReadOptions = {}): Promise<Table> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new InputError(`cannot read ${path}: ${why}`);
  }
  return parseInput(text, path === '-' ? 'stdin' : path, opts);
}

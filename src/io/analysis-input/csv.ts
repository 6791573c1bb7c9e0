/** CSV input for the analyses, parsed with csv-parse (RFC 4180 quoting, BOM, CRLF). */
import { parse } from 'csv-parse/sync';
import { InputError, type Table } from './table.ts';

export interface CsvOptions {
  /** First non-empty line names the columns (default true). Without it columns are numbered 1, 2, … */
  header?: boolean;
  /** Field separator; default: ';' when the first line has semicolons and no commas, else ','. */
  delimiter?: string;
  /** Name used in messages (default "input"). */
  source?: string;
}

interface Parsed {
  record: string[];
  info: { lines: number };
}

type ParseOptions = { bom: boolean; delimiter: string; skip_empty_lines: boolean; relax_column_count: boolean };

/** csv-parse's own line count per record (info.lines is the line a record ends on). */
function withInfo(text: string, common: ParseOptions): Parsed[] {
  return parse(text, { ...common, info: true }) as unknown as Parsed[];
}

/**
 * Without quotes every record is one non-empty line, so the line numbers come from a scan of the text
 * instead of csv-parse's per-record info objects (which more than double the parse time). If the
 * counts disagree (e.g. bare CR line ends), csv-parse's info is used after all.
 */
function withLineScan(text: string, common: ParseOptions): Parsed[] {
  const records = parse(text, common) as string[][];
  const lines: number[] = [];
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const len = end - start - (end > start && text.charCodeAt(end - 1) === 13 ? 1 : 0);
    const bom = start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (len - bom > 0) lines.push(line);
    start = end + 1;
  }
  if (lines.length !== records.length) return withInfo(text, common);
  return records.map((record, i) => ({ record, info: { lines: lines[i] } }));
}

/** Parses CSV text into a Table; each row remembers its 1-based line number in the file. */
export function parseCsv(text: string, opts: CsvOptions = {}): Table {
  const source = opts.source ?? 'input';
  const header = opts.header ?? true;
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = opts.delimiter ?? (firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',');
  const common = { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true };
  let parsed: Parsed[];
  try {
    parsed = text.includes('"') ? withInfo(text, common) : withLineScan(text, common);
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new InputError(`${source}${err.lines ? `, line ${err.lines}` : ''}: not valid CSV (${err.message})`);
  }
  // info.lines is the line a record ends on; step back over line breaks inside quoted fields.
  const startLine = (p: Parsed) => p.info.lines - p.record.reduce((k, f) => k + (f.includes('\n') ? f.split('\n').length - 1 : 0), 0);
  const records = parsed.filter((p) => !p.record.every((f) => f.trim() === ''));
  if (records.length === 0) throw new InputError(`${source}: the file is empty`);

  let columns: string[];
  let headerLine: number | undefined;
  let body = records;
  if (header) {
    const h = records[0];
    headerLine = startLine(h);
    columns = h.record.map((c) => c.trim());
    const seen = new Map<string, number>();
    columns.forEach((c, j) => {
      if (c === '') throw new InputError(`${source}, line ${headerLine} (header): column ${j + 1} has no name`);
      if (seen.has(c)) throw new InputError(`${source}, line ${headerLine} (header): column name "${c}" appears twice`);
      seen.set(c, j);
    });
    body = records.slice(1);
  } else {
    const width = Math.max(...records.map((r) => r.record.length));
    columns = Array.from({ length: width }, (_, j) => String(j + 1));
  }
  const rows: string[][] = [];
  const origin: number[] = [];
  for (const r of body) {
    const line = startLine(r);
    if (r.record.length !== columns.length) {
      throw new InputError(
        `${source}, line ${line}: ${r.record.length} field(s), expected ${columns.length}` +
          (header ? ` (as in the header on line ${headerLine})` : ''),
      );
    }
    rows.push(r.record.map((f) => f.trim()));
    origin.push(line);
  }
  if (rows.length === 0) throw new InputError(`${source}: no data rows (only a header on line ${headerLine})`);
  return { source, kind: 'csv', named: header, columns, rows, origin, headerLine, decimalComma: delimiter !== ',' };
}

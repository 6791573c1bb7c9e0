/**
 * CSV as municipalities have it: Swedish Excel's semicolons with decimal commas, commas, tabs; the
 * delimiter is the one that splits the header and the first rows alike (quotes respected). Parsed
 * with csv-parse. Each record is one row as a spreadsheet shows the file: a blank line is a row of
 * its own, a line break inside quotes is not — so "Rad 14" is row 14 when the file is opened in Excel.
 */
import { parse } from 'csv-parse/sync';
import type { SourceTable } from '../../core/import/types.ts';
import { ImportFileError } from './errors.ts';
import { tableFromGrid } from './table.ts';
import { decodeText } from './text.ts';

export type Delimiter = NonNullable<SourceTable['delimiter']>;
const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];
/** Records looked at to choose the delimiter. */
const SNIFF_RECORDS = 20;

/** How many of each delimiter stand outside quotes in each of the first records (blank ones left out). */
function delimiterCounts(text: string): Array<Record<Delimiter, number>> {
  const out: Array<Record<Delimiter, number>> = [];
  let cur = { ';': 0, ',': 0, '\t': 0 }, quoted = false, empty = true;
  for (let i = 0; i < text.length && out.length < SNIFF_RECORDS; i++) {
    const c = text[i];
    if (c === '"') { quoted = !quoted; empty = false; continue; }
    if (quoted) continue;
    if (c === '\n' || c === '\r') {
      if (!empty) out.push(cur);
      cur = { ';': 0, ',': 0, '\t': 0 }; empty = true;
      continue;
    }
    if (c === ';' || c === ',' || c === '\t') cur[c]++;
    if (c !== ' ') empty = false;
  }
  if (!empty && out.length < SNIFF_RECORDS) out.push(cur);
  return out;
}

/**
 * The delimiter: of those in the header, the one the most rows split into as many fields as the
 * header (a decimal comma varies from row to row, a delimiter does not), then the most frequent.
 * @example sniffDelimiter('Öst;Nord\n354012,5;6423701,25\n') // ';'
 */
export function sniffDelimiter(text: string, fallback: Delimiter = ','): Delimiter {
  const [head, ...rest] = delimiterCounts(text);
  if (!head) return fallback;
  const scored = DELIMITERS.filter((d) => head[d] > 0).map((d) => ({
    d, same: rest.filter((r) => r[d] === head[d]).length, n: head[d],
  }));
  scored.sort((a, b) => b.same - a.same || b.n - a.n);
  return scored[0]?.d ?? fallback;
}

interface CsvParseError extends Error { code?: string; lines?: number }

export function readCsv(bytes: Uint8Array, fileName: string): SourceTable {
  const decoded = decodeText(bytes);
  const encoding = decoded.encoding;
  let text = decoded.text;
  // Excel's own hint, "sep=;" on a line before the header: it names the delimiter, and Excel shows
  // the file without that line, so the header is row 1.
  const hint = /^sep=([;,\t])\r?\n/i.exec(text);
  if (hint) text = text.slice(hint[0].length);
  const delimiter = hint ? (hint[1] as Delimiter) : sniffDelimiter(text, /\.tsv$/i.test(fileName) ? '\t' : ',');
  let records: string[][];
  try {
    // Every line ending, whichever comes first: a file pasted together from several may mix them.
    records = parse(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    const err = e as CsvParseError;
    throw new ImportFileError(err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'file_csv_quote' : 'file_csv', { row: quoteStartRow(text) ?? err.lines ?? 1 });
  }
  const table = tableFromGrid(records.map((cells, i) => ({ row: i + 1, cells })), 'csv', true);
  return { ...table, encoding, delimiter };
}

/** The row (as a spreadsheet counts) where a quote that is never closed opens. */
function quoteStartRow(text: string): number | null {
  let row = 1, quoted = false, openedAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') { quoted = !quoted; if (quoted) openedAt = row; }
    else if (!quoted && (c === '\n' || (c === '\r' && text[i + 1] !== '\n'))) row++;
  }
  return quoted ? openedAt : null;
}

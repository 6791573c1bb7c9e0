/**
 * A file to import, read into a table: CSV, an Excel workbook (.xlsx) or GeoJSON points, told
 * apart by their first bytes (a workbook is a ZIP, "PK"; GeoJSON starts with "{") and, for text,
 * by the file name's extension. What cannot be read at all is an ImportFileError naming why.
 */
import type { SourceTable } from '../../core/import/types.ts';
import { readCsv } from './csv.ts';
import { ImportFileError } from './errors.ts';
import { readGeoJson } from './geojson.ts';
import { readXlsx } from './xlsx.ts';

export { ImportFileError } from './errors.ts';

const MB = 1024 * 1024;
/** The largest file imported at once (100 MB): larger ones are to be split. The server's upload limit too. */
export const MAX_IMPORT_BYTES = 100 * MB;

/** Refuses a file above MAX_IMPORT_BYTES before it is read (the command line checks the size on disk first). */
export function assertImportSize(bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) throw new ImportFileError('file_too_big', { mb: Math.ceil(bytes / MB), maxMb: MAX_IMPORT_BYTES / MB });
}

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04] as const;
/** An OLE compound file: Excel 97–2003 (.xls), or a workbook encrypted with a password. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** The first character that is not white space or a byte-order mark, in the first kilobyte. */
function firstChar(bytes: Uint8Array): string {
  for (let i = 0; i < Math.min(bytes.length, 1024); i++) {
    const b = bytes[i];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf || b === 0x00 || b === 0xff || b === 0xfe) continue;
    return String.fromCharCode(b);
  }
  return '';
}

/**
 * Reads a file into a SourceTable.
 * @param opts.sheet the workbook's sheet to read (default the first); ignored for CSV and GeoJSON.
 * @throws ImportFileError for an empty file, a file with only a header, too big a file, an unknown
 *   format or encoding, a missing sheet, bad JSON or GeoJSON, empty or repeated headers.
 */
export async function readSource(bytes: Uint8Array, fileName: string, opts: { sheet?: string } = {}): Promise<SourceTable> {
  assertImportSize(bytes.byteLength);
  if (bytes.byteLength === 0) throw new ImportFileError('file_empty');
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, fileName, opts.sheet);
  if (startsWith(bytes, OLE)) throw new ImportFileError('file_xls', { name: fileName });
  if (ext === 'xlsx' || ext === 'xlsm') throw new ImportFileError('file_xlsx_unreadable', { name: fileName });
  const first = firstChar(bytes);
  if (first === '') throw new ImportFileError('file_empty');
  if (ext === 'json' || ext === 'geojson') return readGeoJson(bytes);
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return readCsv(bytes, fileName);
  if (first === '{' || first === '[') return readGeoJson(bytes);
  // Another name: text whose first line has a delimiter is CSV; anything else is not ours.
  const head = bytes.subarray(0, Math.min(bytes.length, 4096));
  const firstLine = head.subarray(0, head.indexOf(0x0a) < 0 ? head.length : head.indexOf(0x0a));
  const text = !head.includes(0) && [0x3b, 0x2c, 0x09].some((d) => firstLine.includes(d));
  if (text) return readCsv(bytes, fileName);
  throw new ImportFileError('file_format_unknown', { name: fileName });
}

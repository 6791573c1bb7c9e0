/**
 * Rows as read (CSV records, worksheet rows) into a SourceTable: the first non-empty row is the
 * header, empty rows are skipped but keep their numbers, a column without a header is dropped when
 * it is empty and an error when it holds values, and two columns may not share a header.
 */
import type { Cell, RowError, SourceFormat, SourceTable } from '../../core/import/types.ts';
import { LIST_SEPARATOR } from '../../core/import/messages.ts';
import { ImportFileError, columnLetter } from './errors.ts';

export interface GridRow {
  /** The row as a spreadsheet numbers it (1-based). */
  row: number;
  cells: Cell[];
}

const blank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

export function headerText(c: Cell): string {
  if (c === null) return '';
  return String(c).replace(/\s+/g, ' ').trim();
}

/**
 * @param fixedWidth CSV: the header record's length is the table's width, and a row with more
 *   fields is that row's error (a delimiter in an unquoted value); XLSX: every column counts.
 */
export function tableFromGrid(grid: readonly GridRow[], format: SourceFormat, fixedWidth: boolean): Pick<SourceTable, 'format' | 'headers' | 'rows' | 'rowNumbers' | 'rowErrors'> {
  const first = grid.findIndex((r) => r.cells.some((c) => !blank(c)));
  if (first < 0) throw new ImportFileError('file_empty');
  const head = grid[first];
  const body = grid.slice(first + 1).filter((r) => r.cells.some((c) => !blank(c)));
  if (!body.length) throw new ImportFileError('file_header_only', { row: head.row });
  const width = fixedWidth ? head.cells.length : Math.max(...grid.slice(first).map((r) => r.cells.length));

  // Columns with a header, and those without one that hold nothing (trailing ";;;", a table starting in column B).
  const keep: number[] = [];
  const seen = new Map<string, number[]>();
  for (let j = 0; j < width; j++) {
    const h = headerText(head.cells[j] ?? null);
    if (h === '') {
      const filled = body.find((r) => !blank(r.cells[j] ?? null));
      if (filled) throw new ImportFileError('file_header_empty', { column: columnLetter(j + 1), row: filled.row });
      continue;
    }
    seen.set(h, [...(seen.get(h) ?? []), j]);
    keep.push(j);
  }
  for (const [h, cols] of seen) {
    if (cols.length > 1) throw new ImportFileError('file_header_duplicate', { header: h, columns: cols.map((j) => columnLetter(j + 1)).join(LIST_SEPARATOR) });
  }

  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  const rowErrors: RowError[] = [];
  for (const r of body) {
    rows.push(keep.map((j) => {
      const c = r.cells[j] ?? null;
      return typeof c === 'string' ? (c.trim() === '' ? null : c.trim()) : c;
    }));
    rowNumbers.push(r.row);
    if (fixedWidth && r.cells.length > width) {
      let last = r.cells.length - 1;
      while (last >= width && blank(r.cells[last])) last--;
      if (last >= width) rowErrors.push({ row: r.row, column: null, value: null, code: 'row_field_count', params: { found: last + 1, expected: width } });
    }
  }
  return { format, headers: keep.map((j) => headerText(head.cells[j])), rows, rowNumbers, ...(rowErrors.length ? { rowErrors } : {}) };
}

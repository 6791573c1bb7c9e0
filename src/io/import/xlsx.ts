/**
 * Excel workbooks (.xlsx) with exceljs, loaded only when a workbook comes (the command line and the
 * server start without it). The first sheet, or the one named; the header is the first non-empty
 * row; rows keep the sheet's row numbers. Cells: numbers, booleans and texts as they are; rich
 * text, hyperlinks and formulas reduced to their text or result; dates as text in Swedish
 * wall-clock time — Excel stores a date without a time zone, and the clock time in the cell is the
 * time the person meant: '2025-03-04 21:30', a day alone '2025-03-04', a time alone '21:30'.
 */
import type { Cell as ExcelCell, CellValue, Workbook } from 'exceljs';
import type { Cell, SourceTable } from '../../core/import/types.ts';
import { LIST_SEPARATOR } from '../../core/import/messages.ts';
import { ImportFileError } from './errors.ts';
import { tableFromGrid, type GridRow } from './table.ts';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A date cell as wall-clock text. exceljs builds the Date from Excel's serial number as if it were
 * UTC, so the UTC fields are the clock time written in the cell. A serial below 1 (1899-12-30) is a
 * time alone; a whole day without hours in its number format is a day alone.
 */
export function wallClockText(d: Date, numFmt?: string): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000);
  const time = `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}${t.getUTCSeconds() ? `:${two(t.getUTCSeconds())}` : ''}`;
  if (t.getTime() < Date.UTC(1899, 11, 31)) return time;
  const day = `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())}`;
  const fmt = (numFmt ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
  const midnight = t.getUTCHours() === 0 && t.getUTCMinutes() === 0 && t.getUTCSeconds() === 0;
  return midnight && !/[hs]/i.test(fmt) ? day : `${day} ${time}`;
}

function valueOf(v: CellValue, numFmt: string | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : wallClockText(v, numFmt);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) {
    // The text of a hyperlink may itself be rich text.
    const text = v.text as unknown;
    return typeof text === 'string' ? text : text && typeof text === 'object' && 'richText' in text ? valueOf(text as CellValue, numFmt) : v.hyperlink;
  }
  if ('formula' in v || 'sharedFormula' in v) return valueOf((v as { result?: CellValue }).result ?? null, numFmt);
  if ('error' in v) return v.error;
  return null;
}

export const cellValue = (cell: ExcelCell): Cell => valueOf(cell.value, cell.numFmt);

export async function readXlsx(bytes: Uint8Array, fileName: string, sheetName?: string): Promise<SourceTable> {
  const { default: ExcelJS } = await import('exceljs');
  const wb: Workbook = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('file_xlsx_unreadable', { name: fileName });
  }
  const sheets = wb.worksheets;
  const names = sheets.map((s) => s.name);
  if (!sheets.length) throw new ImportFileError('file_xlsx_unreadable', { name: fileName });
  let ws = sheets[0];
  if (sheetName !== undefined && sheetName.trim() !== '') {
    const wanted = sheetName.trim();
    const found = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted.toLowerCase());
    if (!found) throw new ImportFileError('file_sheet_missing', { sheet: wanted, sheets: names.join(LIST_SEPARATOR) });
    ws = found;
  } else if (ws.actualRowCount < 2) {
    // Unnamed, the first sheet with a header and at least one row is read: exports often put a
    // title or an info sheet first. The preview says which sheet it was and offers the others.
    ws = sheets.find((s) => s.actualRowCount >= 2) ?? ws;
  }
  const grid: GridRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => { cells[col - 1] = cellValue(cell); });
    for (let j = 0; j < cells.length; j++) if (cells[j] === undefined) cells[j] = null;
    grid.push({ row: rowNumber, cells });
  });
  if (!grid.some((r) => r.cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === '')))) {
    throw new ImportFileError('file_empty_sheet', { sheet: ws.name });
  }
  return { ...tableFromGrid(grid, 'xlsx', false), sheet: ws.name, sheets: names };
}

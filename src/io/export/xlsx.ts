/**
 * The selection as an Excel workbook (XLSX): the sheet "Händelser" with the columns, Swedish headers
 * and Swedish value names of the CSV for Excel (EXCEL_COLUMNS, so the two agree), but typed — times
 * as real Excel dates in Swedish time, numbers as numbers — and the sheet "Urval" saying what the
 * selection is (selection.ts). Written with exceljs's streaming writer, so a large selection is
 * never held whole.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Incident } from '../../core/incidents/types.ts';
import { utcToLocal } from '../../core/time/index.ts';
import { EXCEL_COLUMNS } from './excel.ts';
import { neutraliseFormula } from './formula.ts';
import { selectionRows, type SelectionFacts } from './selection.ts';

/** How a date cell shows: Swedish order, 24-hour clock. */
export const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * The Date to hand exceljs for an instant so that Excel shows Swedish wall-clock time. Excel's dates
 * have no time zone, and exceljs writes a Date's UTC fields: the instant is moved by Stockholm's
 * offset at that instant (one hour in winter, two in summer).
 */
export function stockholmExcelDate(t: Date): Date {
  return new Date(utcToLocal(t.getTime()));
}

/**
 * A value as its cell holds it: Dates in Swedish time (with DATE_FORMAT), numbers as numbers, ja/nej,
 * text with the formula guard of the CSVs. A cell's text is never a formula in XLSX, but a workbook
 * saved again as CSV would give the formula back to the next program.
 */
export function xlsxValue(value: unknown): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return stockholmExcelDate(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  return neutraliseFormula(String(value));
}

/** Column widths in characters: enough for a date, a category name, a sentence of description. */
function widthOf(header: string): number {
  if (header === 'Beskrivning') return 60;
  if (header === 'Id' || header === 'Dubblett av') return 38;
  if (/^(Tidpunkt|Rapporterad)/.test(header)) return 17;
  return Math.min(30, Math.max(12, header.length + 2));
}

type ExcelJsModule = typeof import('exceljs');

/**
 * One style object per kind of cell, shared by every cell of that kind: exceljs looks a cell's style
 * up by the object (a WeakMap), and a style of its own per cell was serialised to XML for each of
 * the 2,100,000 cells of 100,000 incidents (a fifth of the time). The kinds stay apart because
 * exceljs gives an unformatted number and a text different default formats.
 */
const DATE_STYLE: Partial<import('exceljs').Style> = { numFmt: DATE_FORMAT };
const NUMBER_STYLE: Partial<import('exceljs').Style> = {};
const TEXT_STYLE: Partial<import('exceljs').Style> = {};

/**
 * Bytes the stream holds for the reader before the writer waits for it: the zip writer stops when
 * the stream is full, and the rows would then pile up in exceljs's buffers however slow the download.
 */
const HIGH_WATER = 2 ** 20;

async function writeWorkbook(ExcelJS: ExcelJsModule, out: PassThrough, pages: AsyncIterable<Incident[]>, facts: () => SelectionFacts): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Lägesbild';
  wb.created = new Date();
  const sheet = wb.addWorksheet('Händelser', { views: [{ state: 'frozen', ySplit: 1 }] });
  const about = wb.addWorksheet('Urval');
  sheet.columns = EXCEL_COLUMNS.map(([key, header]) => ({ header, key, width: widthOf(header) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXCEL_COLUMNS.length } };
  for await (const page of pages) {
    for (const incident of page) {
      const row = sheet.addRow(EXCEL_COLUMNS.map(([, , get]) => xlsxValue(get(incident))));
      row.eachCell((cell) => { cell.style = cell.value instanceof Date ? DATE_STYLE : typeof cell.value === 'number' ? NUMBER_STYLE : TEXT_STYLE; });
      row.commit();
    }
    if (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    if (out.destroyed) return;
  }
  sheet.commit();
  about.columns = [{ header: 'Uppgift', key: 'label', width: 24 }, { header: 'Värde', key: 'value', width: 80 }];
  about.getRow(1).font = { bold: true };
  for (const [label, value] of selectionRows(facts())) about.addRow([label, xlsxValue(value)]).commit();
  about.commit();
  await wb.commit();
}

/**
 * The workbook as a stream of bytes, written as it is read. `facts` is asked for after the last
 * incident, so the sheet "Urval" can give the number actually written.
 */
export async function* xlsxChunks(pages: AsyncIterable<Incident[]>, facts: (written: number) => SelectionFacts): AsyncGenerator<Uint8Array> {
  // Loaded on the first XLSX, not at start-up (exceljs and its zip libraries take a while to load).
  const ExcelJS = (await import('exceljs')).default;
  const out = new PassThrough({ highWaterMark: HIGH_WATER });
  let written = 0;
  const counted = (async function* () {
    for await (const page of pages) { written += page.length; yield page; }
  })();
  writeWorkbook(ExcelJS, out, counted, () => facts(written)).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  try {
    for await (const chunk of out) yield chunk as Uint8Array;
  } finally {
    // The reader stopped early (a closed download): stop the writer too.
    out.destroy();
  }
}

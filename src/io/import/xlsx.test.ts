import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { ImportFileError } from './errors.ts';
import { readXlsx, wallClockText } from './xlsx.ts';

type Sheet = ExcelJS.Worksheet;
async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
/** A date cell as Excel stores it: the serial number of the wall-clock time, which exceljs gives as a Date with those UTC fields. */
const wall = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi, s));
function dated(ws: Sheet, ref: string, value: Date, numFmt: string) {
  ws.getCell(ref).value = value;
  ws.getCell(ref).numFmt = numFmt;
}
const fileError = async (p: Promise<unknown>): Promise<Record<string, unknown>> => {
  try { await p; } catch (e) { assert.ok(e instanceof ImportFileError, String(e)); return { code: e.code, ...e.params }; }
  assert.fail('no error');
};

test('date cells become Swedish wall-clock text: date and time, a day alone, a time alone', async () => {
  const bytes = await workbook((wb) => {
    const ws = wb.addWorksheet('Händelser');
    ws.addRow(['Tidpunkt', 'Dag', 'Klockslag', 'Sommar', 'Midnatt']);
    dated(ws, 'A2', wall(2026, 3, 4, 21, 30), 'yyyy-mm-dd hh:mm');
    dated(ws, 'B2', wall(2026, 3, 4), 'yyyy-mm-dd');
    dated(ws, 'C2', new Date(Date.UTC(1899, 11, 30, 21, 30)), 'hh:mm');
    dated(ws, 'D2', wall(2026, 7, 4, 9, 5, 7), 'd/m/yyyy h:mm:ss');
    dated(ws, 'E2', wall(2026, 3, 4), 'yyyy-mm-dd hh:mm');
  });
  const t = await readXlsx(bytes, 'f.xlsx');
  assert.deepEqual(t.rows, [['2026-03-04 21:30', '2026-03-04', '21:30', '2026-07-04 09:05:07', '2026-03-04 00:00']]);
  // exceljs rounds serials to the millisecond: 21:29:59.9996 is 21:30.
  assert.equal(wallClockText(new Date(Date.UTC(2026, 2, 4, 21, 29, 59, 999.6))), '2026-03-04 21:30');
  assert.equal(wallClockText(new Date(Date.UTC(2026, 2, 4)), '[$-41D]yyyy-mm-dd;@'), '2026-03-04');
  assert.equal(wallClockText(new Date(Date.UTC(2026, 2, 4)), '"kl" hh:mm'), '2026-03-04 00:00');
});

test('numbers, booleans, rich text, formulas, hyperlinks and errors reduced to their values', async () => {
  const bytes = await workbook((wb) => {
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Tal', 'Sant', 'Rik text', 'Formel', 'Datumformel', 'Länk', 'Fel', 'Text']);
    const r = ws.addRow([]);
    r.getCell(1).value = 6423583.7;
    r.getCell(2).value = false;
    r.getCell(3).value = { richText: [{ text: 'Klotter ', font: { bold: true } }, { text: 'på fasaden' }] };
    r.getCell(4).value = { formula: 'A2/10', result: 642358.37 };
    r.getCell(5).value = { formula: 'DATE(2026,3,4)', result: wall(2026, 3, 4) };
    r.getCell(5).numFmt = 'yyyy-mm-dd';
    r.getCell(6).value = { text: 'ALI-1', hyperlink: 'https://example.org/1' };
    r.getCell(7).value = { error: '#N/A' };
    r.getCell(8).value = '  Stora torget  ';
  });
  const t = await readXlsx(bytes, 'f.xlsx');
  assert.deepEqual(t.rows, [[6423583.7, false, 'Klotter på fasaden', 642358.37, '2026-03-04', 'ALI-1', '#N/A', 'Stora torget']]);
});

test('the first sheet, or the one named (case aside); a missing one lists the sheets there are', async () => {
  const bytes = await workbook((wb) => {
    wb.addWorksheet('Händelser').addRow(['Datum']).worksheet.addRow(['2026-03-04']);
    wb.addWorksheet('Info').addRow(['Anteckning']).worksheet.addRow(['Export från ärendesystemet']);
  });
  const first = await readXlsx(bytes, 'f.xlsx');
  assert.deepEqual([first.sheet, first.sheets, first.headers], ['Händelser', ['Händelser', 'Info'], ['Datum']]);
  assert.deepEqual((await readXlsx(bytes, 'f.xlsx', 'info')).headers, ['Anteckning']);
  assert.deepEqual(await fileError(readXlsx(bytes, 'f.xlsx', 'Blad3')), { code: 'file_sheet_missing', sheet: 'Blad3', sheets: 'Händelser\nInfo' });
});

test('the header is the first non-empty row; rows keep the sheet\'s numbers; a table may start in column B', async () => {
  const bytes = await workbook((wb) => {
    const ws = wb.addWorksheet('Data');
    ws.getCell('B3').value = 'Datum';
    ws.getCell('C3').value = 'Typ';
    ws.getCell('B4').value = '2026-03-04'; ws.getCell('C4').value = 'Klotter';
    ws.getCell('B7').value = '2026-03-05'; ws.getCell('C7').value = 'Brand';
  });
  const t = await readXlsx(bytes, 'f.xlsx');
  assert.deepEqual([t.headers, t.rowNumbers, t.rows], [['Datum', 'Typ'], [4, 7], [['2026-03-04', 'Klotter'], ['2026-03-05', 'Brand']]]);
  assert.equal(t.format, 'xlsx');
});

test('values under no header, a repeated header, an empty sheet, a header alone, a file that is no workbook', async () => {
  const noHeader = await workbook((wb) => {
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Datum', 'Typ']);
    ws.addRow(['2026-03-04', 'Klotter']);
    ws.addRow(['2026-03-05', 'Brand', 'kvarglömt']);
  });
  assert.deepEqual(await fileError(readXlsx(noHeader, 'f.xlsx')), { code: 'file_header_empty', column: 'C', row: 3 });
  const twice = await workbook((wb) => { const ws = wb.addWorksheet('Data'); ws.addRow(['Datum', 'Typ', 'Datum ']); ws.addRow([1, 2, 3]); });
  assert.deepEqual(await fileError(readXlsx(twice, 'f.xlsx')), { code: 'file_header_duplicate', header: 'Datum', columns: 'A\nC' });
  const empty = await workbook((wb) => { wb.addWorksheet('Tomt'); });
  assert.deepEqual(await fileError(readXlsx(empty, 'f.xlsx')), { code: 'file_empty_sheet', sheet: 'Tomt' });
  const header = await workbook((wb) => { wb.addWorksheet('Data').addRow(['Datum', 'Typ']); });
  assert.deepEqual(await fileError(readXlsx(header, 'f.xlsx')), { code: 'file_header_only', row: 1 });
  assert.deepEqual(await fileError(readXlsx(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 'trasig.xlsx')), { code: 'file_xlsx_unreadable', name: 'trasig.xlsx' });
});

test('unnamed, a first sheet with a title alone is passed over for the first sheet with rows', async () => {
  const bytes = await workbook((wb) => {
    wb.addWorksheet('Info').addRow(['Export från det gamla systemet']);
    wb.addWorksheet('Händelser').addRow(['Datum']).worksheet.addRow(['2026-03-04']);
  });
  const t = await readXlsx(bytes, 'f.xlsx');
  assert.deepEqual([t.sheet, t.headers, t.rows], ['Händelser', ['Datum'], [['2026-03-04']]]);
  // Named, the sheet is read as it is: a title alone is a file with a header and no rows.
  await assert.rejects(readXlsx(bytes, 'f.xlsx', 'Info'));
});

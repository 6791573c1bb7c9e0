import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { ImportFileError, MAX_IMPORT_BYTES, assertImportSize, readSource } from './read-source.ts';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const refused = async (p: Promise<unknown>) => {
  try { await p; } catch (e) { assert.ok(e instanceof ImportFileError, String(e)); return { code: e.code, message: e.message }; }
  assert.fail('not refused');
};
const CSV = 'Datum;Typ\n2026-03-04;Klotter\n';
const GEOJSON = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { Typ: 'Klotter' }, geometry: { type: 'Point', coordinates: [12.5, 57.9] } }] });

async function workbookBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Blad1').addRows([['Datum', 'Typ'], ['2026-03-04', 'Klotter']]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test('a 200 MB file is refused before it is read, by its size in MB', async () => {
  assert.equal(MAX_IMPORT_BYTES, 100 * 1024 * 1024);
  // Never touched, so the operating system does not even give it memory.
  const big = new Uint8Array(200 * 1024 * 1024);
  assert.deepEqual(await refused(readSource(big, 'alla-händelser.csv')), {
    code: 'file_too_big', message: 'Filen är 200 MB; högst 100 MB kan importeras åt gången. Dela upp den i flera filer.',
  });
  assert.doesNotThrow(() => assertImportSize(MAX_IMPORT_BYTES));
  assert.throws(() => assertImportSize(MAX_IMPORT_BYTES + 1), /Filen är 101 MB; högst 100 MB/);
});

test('the format by content first (a ZIP is a workbook), then by extension', async () => {
  const xlsx = await workbookBytes();
  assert.equal((await readSource(xlsx, 'händelser.xlsx')).format, 'xlsx');
  assert.equal((await readSource(xlsx, 'felnamnad.csv')).format, 'xlsx');
  assert.equal((await readSource(utf8(CSV), 'händelser.csv')).format, 'csv');
  assert.equal((await readSource(utf8(CSV), 'händelser.TXT')).format, 'csv');
  assert.equal((await readSource(utf8(CSV.replaceAll(';', '\t')), 'händelser.tsv')).delimiter, '\t');
  assert.equal((await readSource(utf8(CSV), 'export')).format, 'csv');
  assert.equal((await readSource(utf8(GEOJSON), 'punkter.geojson')).format, 'geojson');
  assert.equal((await readSource(utf8(GEOJSON), 'punkter.json')).format, 'geojson');
  assert.equal((await readSource(utf8(`\ufeff ${GEOJSON}`), 'punkter')).format, 'geojson');
  // A header that starts with "PK" is text, not a ZIP.
  assert.equal((await readSource(utf8('PKnr;Typ\n1;Klotter\n'), 'pk.csv')).headers[0], 'PKnr');
});

test('what is not ours: an old .xls, a workbook that is no ZIP, a PDF, an empty or blank file', async () => {
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
  assert.deepEqual(await refused(readSource(ole, 'gammal.xls')), {
    code: 'file_xls', message: 'Filen ”gammal.xls” är en äldre Excel-fil (.xls) eller en lösenordsskyddad arbetsbok. Spara den som Excel-arbetsbok (.xlsx) eller CSV och försök igen.',
  });
  assert.equal((await refused(readSource(utf8(CSV), 'namn.xlsx'))).code, 'file_xlsx_unreadable');
  assert.deepEqual(await refused(readSource(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x0a, 0x00, 0xff]), 'rapport.pdf')), {
    code: 'file_format_unknown', message: 'Filen ”rapport.pdf” känns inte igen som CSV, Excel-arbetsbok (.xlsx) eller GeoJSON.',
  });
  assert.deepEqual(await refused(readSource(new Uint8Array(0), 'tom.csv')), { code: 'file_empty', message: 'Filen är tom.' });
  assert.equal((await refused(readSource(utf8(' \r\n\r\n'), 'tom.csv'))).code, 'file_empty');
  assert.equal((await refused(readSource(utf8('\ufeff'), 'tom.geojson'))).code, 'file_empty');
});

test('the sheet option reaches the workbook reader', async () => {
  const xlsx = await workbookBytes();
  assert.equal((await readSource(xlsx, 'f.xlsx', { sheet: 'Blad1' })).sheet, 'Blad1');
  assert.deepEqual(await refused(readSource(xlsx, 'f.xlsx', { sheet: 'Blad2' })), {
    code: 'file_sheet_missing', message: 'Bladet ”Blad2” finns inte i arbetsboken; den har ”Blad1”.',
  });
  // Ignored for text.
  assert.equal((await readSource(utf8(CSV), 'f.csv', { sheet: 'Blad2' })).format, 'csv');
});

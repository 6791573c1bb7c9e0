import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Incident } from '../../core/incidents/types.ts';
import { sampleIncident } from '../../../test/support/incident.ts';
import { EXCEL_COLUMNS } from './excel.ts';
import { DATE_FORMAT, stockholmExcelDate, xlsxChunks, xlsxValue } from './xlsx.ts';
import type { SelectionFacts } from './selection.ts';

const incident = (over: Partial<Incident> = {}): Incident => sampleIncident(over);

test('an instant becomes the Date whose UTC fields are Swedish wall-clock time: +1 h in winter, +2 h in summer', () => {
  assert.equal(stockholmExcelDate(new Date('2026-12-02T20:02:15Z')).toISOString(), '2026-12-02T21:02:15.000Z');
  assert.equal(stockholmExcelDate(new Date('2026-07-14T22:30:00Z')).toISOString(), '2026-07-15T00:30:00.000Z', 'across midnight');
  // The clock change: 01:00 UTC on the last Sunday of March is 03:00 summer time, a minute before 01:59 winter time.
  assert.equal(stockholmExcelDate(new Date('2026-03-29T00:59:00Z')).toISOString(), '2026-03-29T01:59:00.000Z');
  assert.equal(stockholmExcelDate(new Date('2026-03-29T01:00:00Z')).toISOString(), '2026-03-29T03:00:00.000Z');
  assert.equal(xlsxValue(true), 'ja');
  assert.equal(xlsxValue(false), 'nej');
  assert.equal(xlsxValue(-12.5), -12.5, 'numbers stay numbers, not guarded text');
  assert.equal(xlsxValue('=HYPERLINK("x")'), `'=HYPERLINK("x")`, 'the CSVs\' formula guard');
  assert.equal(xlsxValue(null), null);
});

const facts = (count: number): SelectionFacts => ({
  count, from: new Date('2026-11-30T23:00:00Z'), to: new Date('2026-12-31T23:00:00Z'), municipalities: [{ id: '1489', name: 'Alingsås' }],
  categories: ['Klotter/graffiti'], exportedBy: 'Sara Samordnare', exportedAt: new Date('2026-12-03T08:15:00Z'),
});

test('the workbook: sheet Händelser with the Excel CSV\'s Swedish headers and typed cells, sheet Urval describing the selection', async () => {
  const pages = (async function* () {
    yield [incident(), incident({ id: '7f3c2a1e-0000-4000-8000-000000000002', occurredFrom: new Date('2026-07-14T22:30:00Z'), reportedToPolice: false, description: '=SUM(A1:A9)', assessment: null })];
    yield [];
  })();
  const parts: Uint8Array[] = [];
  for await (const c of xlsxChunks(pages, facts)) parts.push(c);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
  assert.deepEqual(wb.worksheets.map((w) => w.name), ['Händelser', 'Urval']);
  const sheet = wb.getWorksheet('Händelser')!;
  assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), EXCEL_COLUMNS.map(([, h]) => h));
  assert.equal(sheet.rowCount, 3);
  const col = (header: string) => EXCEL_COLUMNS.findIndex(([, h]) => h === header) + 1;
  const winter = sheet.getRow(2).getCell(col('Tidpunkt från'));
  assert.equal(winter.type, ExcelJS.ValueType.Date, 'a real date, not text');
  assert.equal((winter.value as Date).toISOString(), '2026-12-02T21:02:15.000Z', 'Excel shows 21:02, the Swedish time of 20:02Z');
  assert.equal(winter.numFmt, DATE_FORMAT);
  assert.equal((sheet.getRow(3).getCell(col('Tidpunkt från')).value as Date).toISOString(), '2026-07-15T00:30:00.000Z', 'summer time');
  assert.equal(sheet.getRow(2).getCell(col('E (SWEREF 99 TM)')).value, 354000.25);
  assert.equal(sheet.getRow(2).getCell(col('Longitud (WGS 84)')).type, ExcelJS.ValueType.Number);
  assert.equal(sheet.getRow(2).getCell(col('Polisanmäld (ja/nej)')).value, 'ja');
  assert.equal(sheet.getRow(3).getCell(col('Polisanmäld (ja/nej)')).value, 'nej');
  assert.equal(sheet.getRow(2).getCell(col('Kategori')).value, 'Klotter/graffiti');
  assert.equal(sheet.getRow(2).getCell(col('Granskning')).value, 'granskad');
  assert.equal(sheet.getRow(3).getCell(col('Beskrivning')).value, "'=SUM(A1:A9)");
  assert.equal(sheet.getRow(3).getCell(col('Beskrivning')).type, ExcelJS.ValueType.String, 'never a formula');
  assert.equal(sheet.getRow(3).getCell(col('Bedömd otrygghet (1–5)')).value, null);

  const about = new Map<string, string>();
  wb.getWorksheet('Urval')!.eachRow((row, n) => { if (n > 1) about.set(String(row.getCell(1).value), String(row.getCell(2).value)); });
  assert.equal(about.get('Antal händelser'), '2', 'the number written');
  assert.equal(about.get('Period'), '2026-12-01 – 2026-12-31 (svensk tid)');
  assert.equal(about.get('Kommuner'), 'Alingsås (1489)');
  assert.equal(about.get('Kategorier'), 'Klotter/graffiti');
  assert.equal(about.get('Organisationer'), 'alla');
  assert.equal(about.get('Exporterad av'), 'Sara Samordnare');
  assert.equal(about.get('Exporterad'), '2026-12-03 09:15 (svensk tid)');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Incident } from '../../core/incidents/types.ts';
import { sampleIncident } from '../../../test/support/incident.ts';
import { EXCEL_COLUMNS, excelField, excelHeader, excelRow } from './excel.ts';
import { CSV_COLUMNS, csvRow, exportChunks } from './incidents.ts';

const incident = (over: Partial<Incident> = {}): Incident => sampleIncident(over);

/** Splits one Excel CSV record into its fields (quoted fields may hold `;`, `""` and line breaks). */
function fields(record: string): string[] {
  const out: string[] = [];
  let field = '', quoted = false;
  for (let k = 0; k < record.length; k++) {
    const c = record[k];
    if (quoted) {
      if (c === '"' && record[k + 1] === '"') { field += '"'; k++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') { out.push(field); field = ''; } else field += c;
  }
  out.push(field);
  return out;
}
const cell = (row: string, header: string) => fields(row.replace(/\r\n$/, ''))[EXCEL_COLUMNS.findIndex(([, h]) => h === header)];

test('the Excel CSV has every column of the machine CSV, in the same order, with Swedish headers', () => {
  assert.deepEqual(EXCEL_COLUMNS.map(([machine]) => machine), CSV_COLUMNS.map(([name]) => name));
  const header = excelHeader();
  assert.ok(header.endsWith('\r\n'));
  assert.equal(header.split(';').length, CSV_COLUMNS.length);
  assert.match(header, /^Id;Kommunkod;Tidpunkt från;Tidpunkt till;Rapporterad;Kategorikod;Kategori;Organisation;Plats;Beskrivning;/);
  assert.match(header, /;Polisanmäld \(ja\/nej\);/);
});

test('times are Swedish local time, YYYY-MM-DD HH:MM, in winter and in summer; the machine CSV keeps UTC', () => {
  const winter = excelRow(incident());
  assert.equal(cell(winter, 'Tidpunkt från'), '2026-12-02 21:02', 'a report made at 21:02 shows 21:02, not 20:02Z');
  assert.equal(cell(winter, 'Tidpunkt till'), '2026-12-02 21:02');
  assert.equal(cell(winter, 'Rapporterad'), '2026-12-02 21:05');
  const summer = excelRow(incident({ occurredFrom: new Date('2026-07-14T22:30:00Z'), occurredTo: new Date('2026-07-15T01:15:00Z') }));
  assert.equal(cell(summer, 'Tidpunkt från'), '2026-07-15 00:30', 'summer time is UTC+2, across midnight');
  assert.equal(cell(summer, 'Tidpunkt till'), '2026-07-15 03:15');
  assert.match(csvRow(incident()), /,2026-12-02T20:02:15\.000Z,/, 'the machine CSV is unchanged');
});

test('semicolons, quotes and line breaks in text are quoted; formulas are guarded; ja/nej; decimal commas; Swedish names', () => {
  const row = excelRow(incident({
    description: 'Sprayat "TAG"; två väggar\noch en dörr', placeName: '=HYPERLINK("http://x";"klicka")',
    reportedToPolice: false, positionPrecision: 'map', reviewStatus: 'new', visibility: 'restricted',
  }));
  assert.ok(row.endsWith('\r\n'));
  assert.match(row, /;"Sprayat ""TAG""; två väggar\noch en dörr";/);
  assert.equal(cell(row, 'Beskrivning'), 'Sprayat "TAG"; två väggar\noch en dörr');
  assert.match(row, /;"'=HYPERLINK\(""http:\/\/x"";""klicka""\)";/, 'the formula is text and quoted');
  assert.equal(cell(row, 'Kategori'), 'Klotter/graffiti');
  assert.equal(cell(row, 'Kategorikod'), 'skadegorelse.klotter');
  assert.equal(cell(row, 'Longitud (WGS 84)'), '12,5323');
  assert.equal(cell(row, 'Latitud (WGS 84)'), '57,9301');
  assert.equal(cell(row, 'E (SWEREF 99 TM)'), '354000,25');
  assert.equal(cell(row, 'N (SWEREF 99 TM)'), '6423500');
  assert.equal(cell(row, 'Polisanmäld (ja/nej)'), 'nej');
  assert.equal(cell(excelRow(incident()), 'Polisanmäld (ja/nej)'), 'ja');
  assert.equal(cell(excelRow(incident({ reportedToPolice: null })), 'Polisanmäld (ja/nej)'), '', 'unknown stays empty');
  assert.equal(cell(row, 'Positionens noggrannhet'), 'vald på kartan');
  assert.equal(cell(row, 'Granskning'), 'ny');
  assert.equal(cell(row, 'Synlighet'), 'begränsad');
  assert.equal(cell(row, 'Bedömd otrygghet (1–5)'), '3');
  assert.equal(fields(row.replace(/\r\n$/, '')).length, CSV_COLUMNS.length);
  for (const f of ['-1+1', '+46 70', '@SUM(A1)', '\tx']) assert.equal(excelField(f), `'${f}`);
  assert.equal(excelField(-12.5), '-12,5', 'numbers are numbers, not guarded text');
  assert.equal(excelField('a,b'), 'a,b', 'a comma needs no quotes with ; as the separator');
});

test('the Excel export is UTF-8 with a BOM, semicolon-separated, CRLF; the machine CSV stays comma-separated', async () => {
  const pages = () => (async function* () { yield [incident(), incident({ id: '7f3c2a1e-0000-4000-8000-000000000002' })]; yield []; })();
  let excel = '';
  for await (const c of exportChunks('excel', pages())) excel += c;
  assert.ok(excel.startsWith('\uFEFFId;Kommunkod;'));
  const lines = excel.slice(1).split('\r\n');
  assert.equal(lines.length, 4, 'header, two rows and the empty tail after the last CRLF');
  assert.equal(lines[3], '');
  assert.match(lines[1], /^7f3c2a1e-0000-4000-8000-000000000001;1489;2026-12-02 21:02;/);
  assert.match(lines[1], /;Klotter\/graffiti;AB Alingsåshem;Stora torget;Klotter på väggen;12,5323;57,9301;/);
  let csv = '';
  for await (const c of exportChunks('csv', pages())) csv += c;
  assert.ok(csv.startsWith('\uFEFFid,municipality,occurred_from,'));
  assert.match(csv, /,12\.5323,57\.9301,/);
});

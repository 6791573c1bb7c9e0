import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { readCsv, sniffDelimiter } from './csv.ts';
import { ImportFileError } from './errors.ts';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const fileError = (f: () => unknown): Record<string, unknown> => {
  try { f(); } catch (e) { assert.ok(e instanceof ImportFileError, String(e)); return { code: e.code, ...e.params }; }
  assert.fail('no error');
};

test('the delimiter splits the header and the rows alike: semicolons with decimal commas, commas, tabs, quotes respected', () => {
  assert.equal(sniffDelimiter('Öst;Nord;Plats\n354012,5;6423701,25;Torget\n353883,2;6423583,7;"Ån, vid bron"\n'), ';');
  assert.equal(sniffDelimiter('E,N,Place\n354012.5,6423701.25,Torget\n'), ',');
  assert.equal(sniffDelimiter('E\tN\tPlats\n354012,5\t6423701,25\t"a;b"\n'), '\t');
  // Commas inside quotes in the header are no delimiter.
  assert.equal(sniffDelimiter('"Datum, tid";Typ\n2026-03-04;Klotter\n'), ';');
  // A header with both: the one the rows agree with.
  assert.equal(sniffDelimiter('Plats, ort;Typ;Öst\nTorget;Klotter;354012,5\nBron;Brand;354013,5\n'), ';');
  assert.equal(sniffDelimiter('Plats;ort,Typ,Öst\nTorget,Klotter,354012\nBron,Brand,354013\n'), ',');
  assert.equal(sniffDelimiter('Datum\n2026-03-04\n'), ',');
  assert.equal(sniffDelimiter('Datum\n2026-03-04\n', '\t'), '\t');
});

test('rows keep the numbers a spreadsheet gives them: blank lines counted, a line break in quotes not', () => {
  const t = readCsv(utf8('\n\nDatum;Typ;Beskrivning\r\n2026-03-04;Klotter;"två\r\nrader"\r\n\r\n;;\r\n2026-03-05;Brand;" kort "\r\n'), 'f.csv');
  assert.deepEqual(t.headers, ['Datum', 'Typ', 'Beskrivning']);
  assert.deepEqual(t.rowNumbers, [4, 7]);
  assert.deepEqual(t.rows, [['2026-03-04', 'Klotter', 'två\r\nrader'], ['2026-03-05', 'Brand', 'kort']]);
  assert.deepEqual([t.format, t.encoding, t.delimiter], ['csv', 'utf-8', ';']);
});

test('Excel\'s "sep=" line names the delimiter and is not a row; old Mac line ends are line ends', () => {
  const t = readCsv(utf8('sep=,\r\nPlats;ort,Typ\r\nTorget;norr,Klotter\r\n'), 'f.csv');
  assert.deepEqual([t.delimiter, t.headers, t.rows, t.rowNumbers], [',', ['Plats;ort', 'Typ'], [['Torget;norr', 'Klotter']], [2]]);
  const mac = readCsv(utf8('Datum;Typ\r2026-03-04;Klotter\r\r2026-03-05;Brand\r'), 'f.csv');
  assert.deepEqual([mac.rowNumbers, mac.rows[1]], [[2, 4], ['2026-03-05', 'Brand']]);
});

test('Swedish Excel\'s CSV: Windows-1252 bytes, semicolons, empty cells as null', () => {
  const bytes = new Uint8Array(iconv.encode('Datum;Händelsetyp;Öst;Nord;Polisanmäld\r\n2026-03-04;Skadegörelse;353883,2;6\u00a0423\u00a0583,7;\r\n', 'win1252'));
  const t = readCsv(bytes, 'export.csv');
  assert.deepEqual(t.headers, ['Datum', 'Händelsetyp', 'Öst', 'Nord', 'Polisanmäld']);
  assert.deepEqual(t.rows, [['2026-03-04', 'Skadegörelse', '353883,2', '6\u00a0423\u00a0583,7', null]]);
  assert.equal(t.encoding, 'windows-1252');
});

test('columns without a header: dropped when empty (trailing ";;;"), an error when they hold values', () => {
  const t = readCsv(utf8('Datum;Typ;;\n2026-03-04;Klotter;;\n2026-03-05;Brand\n'), 'f.csv');
  assert.deepEqual([t.headers, t.rows], [['Datum', 'Typ'], [['2026-03-04', 'Klotter'], ['2026-03-05', 'Brand']]]);
  assert.deepEqual(fileError(() => readCsv(utf8('Datum;;Typ\n2026-03-04;x;Klotter\n2026-03-05;;Brand\n'), 'f.csv')), { code: 'file_header_empty', column: 'B', row: 2 });
  assert.deepEqual(fileError(() => readCsv(utf8('Datum;Typ;Datum\n1;2;3\n'), 'f.csv')), { code: 'file_header_duplicate', header: 'Datum', columns: 'A\nC' });
});

test('a row with more fields than the header is that row\'s error, the others are read', () => {
  const t = readCsv(utf8('Datum,Plats,Typ\n2026-03-04,Torget,Klotter\n2026-03-05,Torget, vid bron,Brand\n2026-03-06,Bron,Brand,,\n'), 'f.csv');
  assert.deepEqual(t.rowNumbers, [2, 3, 4]);
  assert.deepEqual(t.rows[1], ['2026-03-05', 'Torget', 'vid bron']);
  assert.deepEqual(t.rowErrors, [{ row: 3, column: null, value: null, code: 'row_field_count', params: { found: 4, expected: 3 } }]);
});

test('an empty file, blank lines only, a header alone, a quote never closed', () => {
  assert.deepEqual(fileError(() => readCsv(utf8(''), 'f.csv')), { code: 'file_empty' });
  assert.deepEqual(fileError(() => readCsv(utf8('\r\n;;\r\n  \r\n'), 'f.csv')), { code: 'file_empty' });
  assert.deepEqual(fileError(() => readCsv(utf8('\r\nDatum;Typ\r\n\r\n'), 'f.csv')), { code: 'file_header_only', row: 2 });
  const e = fileError(() => readCsv(utf8('Datum;Beskrivning\n2026-03-04;"ok"\n2026-03-05;"aldrig stängd\n2026-03-06;x\n'), 'f.csv'));
  assert.deepEqual(e, { code: 'file_csv_quote', row: 3 });
});

test('quotes inside an unquoted value are kept, as Excel writes them', () => {
  const t = readCsv(utf8('Plats;Typ\nHörnet "Gamla torget";Klotter\n"Citat ""så""";Brand\n'), 'f.csv');
  assert.deepEqual(t.rows, [['Hörnet "Gamla torget"', 'Klotter'], ['Citat "så"', 'Brand']]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMPORT_CODES, LIST_SEPARATOR, importFieldLabel, importMessage } from './messages.ts';
import { IMPORT_FIELDS } from './types.ts';

/** Every parameter any message takes. */
const ALL = {
  row: 14, line: 3, position: 12, named: 'EPSG:3857', column: 'Datum', feature: 7, first: 5, mb: 200, maxMb: 100, text: 'H„ndelsetyp', name: 'fil.xls', sheet: 'Blad3',
  sheets: ['Händelser', 'Info'].join(LIST_SEPARATOR), header: 'Datum', columns: ['B', 'E'].join(LIST_SEPARATOR), char: '}', type: 'LineString',
  crs: 'SWEREF 99 TM (EPSG:3006)', headers: ['Kolumn1', 'Kolumn2'].join(LIST_SEPARATOR), field: 'category', other: 'place', x: 'Öst', y: 'Nord',
  xSample: '1234,5', ySample: '5678,9', candidates: ['SWEREF 99 12 00 (EPSG:3007)', 'SWEREF 99 13 30 (EPSG:3008)'].join(LIST_SEPARATOR),
  value: '31/2/2025', order: 'dmy', found: 11, expected: 9, days: 31, code: 'cykel', length: 2345, max: 2000, municipality: 'Alingsås', distanceM: 1234, detail: 'timeout',
};

test('every code has a text in Swedish and in English, with every parameter filled in', () => {
  assert.ok(IMPORT_CODES.length > 50);
  for (const code of IMPORT_CODES) {
    for (const asRow of [false, true]) {
      const m = asRow ? { row: 14, column: 'Datum', value: '31/2/2025', code, params: ALL } : { code, params: ALL };
      const sv = importMessage(m, 'sv'), en = importMessage(m, 'en');
      for (const text of [sv, en]) {
        assert.ok(!/\{\w+\}/.test(text), `${code}: ${text}`);
        assert.ok(!text.includes('undefined') && !text.includes(LIST_SEPARATOR), `${code}: ${text}`);
      }
      assert.notEqual(sv, en, code);
    }
  }
});

test('a row error names the row, the column and the value, as the file has them', () => {
  const e = { row: 14, column: 'Datum', value: '31/2/2025', code: 'date_invalid' };
  assert.equal(importMessage(e, 'sv'), 'Rad 14, kolumnen Datum: ”31/2/2025” är inget datum');
  assert.equal(importMessage(e, 'en'), 'Row 14, column Datum: “31/2/2025” is not a date');
  assert.equal(importMessage({ ...e, row: 3 }, 'sv', { format: 'geojson' }), 'Objekt 3, kolumnen Datum: ”31/2/2025” är inget datum');
  assert.equal(importMessage({ ...e, row: 3 }, 'en', { format: 'geojson' }), 'Feature 3, column Datum: “31/2/2025” is not a date');
  assert.equal(importMessage({ row: 6, column: null, value: null, code: 'row_field_count', params: { found: 11, expected: 9 } }, 'sv'), 'Rad 6: raden har 11 fält men rubrikraden 9');
  assert.equal(importMessage({ row: 5, column: 'Händelsetyp', value: 'Snöskottning', code: 'category_unknown' }, 'sv'),
    'Rad 5, kolumnen Händelsetyp: ”Snöskottning” finns inte bland kommunens kategorier; koppla värdet till en kategori');
  assert.equal(importMessage({ row: 0, column: null, value: null, code: 'import_failed', params: { detail: 'timeout' } }, 'sv'), 'Importen avbröts: timeout');
});

test('the service\'s own codes: a point outside the municipality, an organisation not found', () => {
  assert.equal(importMessage({ row: 3, column: 'Öst', value: '370595, 6434484', code: 'outside_municipality', params: { municipality: 'Alingsås', distanceM: 5234 } }, 'sv'),
    'Rad 3, kolumnen Öst: punkten ”370595, 6434484” ligger utanför Alingsås, 5\u00a0234 m från gränsen');
  assert.equal(importMessage({ row: 3, column: null, value: null, code: 'outside_municipality', params: { municipality: 'Alingsås' } }, 'en'), 'Row 3: the point lies outside Alingsås');
  assert.equal(importMessage({ row: 4, column: 'Rapportör', value: 'Okänd AB', code: 'unknown_organisation', params: { municipality: 'Alingsås' } }, 'sv'),
    'Rad 4, kolumnen Rapportör: ”Okänd AB” är ingen organisation som verkar i Alingsås');
  assert.equal(importMessage({ row: 4, column: null, value: null, code: 'unknown_organisation', params: { municipality: 'Alingsås' } }, 'sv'),
    'Rad 4: ingen organisation i Alingsås att rapportera för');
});

test('file messages: names quoted, lists with "och"/"and", numbers as the language writes them', () => {
  assert.equal(importMessage({ code: 'file_too_big', params: { mb: 200, maxMb: 100 } }, 'sv'), 'Filen är 200 MB; högst 100 MB kan importeras åt gången. Dela upp den i flera filer.');
  assert.equal(importMessage({ code: 'file_sheet_missing', params: { sheet: 'Blad3', sheets: `Händelser${LIST_SEPARATOR}Info${LIST_SEPARATOR}SWEREF 99 12 00` } }, 'sv'),
    'Bladet ”Blad3” finns inte i arbetsboken; den har ”Händelser”, ”Info” och ”SWEREF 99 12 00”.');
  assert.equal(importMessage({ code: 'file_sheet_missing', params: { sheet: 'Blad3', sheets: 'Data' } }, 'en'), 'The sheet “Blad3” is not in the workbook; it has “Data”.');
  assert.equal(importMessage({ row: 2, column: 'Beskrivning', value: 'x'.repeat(2345), code: 'text_too_long', params: { length: 2345, max: 2000 } }, 'sv'),
    'Rad 2, kolumnen Beskrivning: texten har 2\u00a0345 tecken; högst 2\u00a0000 får plats');
  // A long value is shortened in the message (the value itself is kept whole in the error).
  const long = importMessage({ row: 2, column: 'Datum', value: 'y'.repeat(300), code: 'date_invalid' }, 'sv');
  assert.ok(long.length < 120 && long.includes('y…”'), long);
});

test('an unknown code is shown with its parameters rather than dropped; fields have names in both languages', () => {
  assert.equal(importMessage({ code: 'something_new', params: { a: 1 } }, 'sv'), 'something_new (a: 1)');
  for (const f of IMPORT_FIELDS) {
    assert.ok(importFieldLabel(f, 'sv') && importFieldLabel(f, 'en'), f);
  }
  assert.equal(importFieldLabel('reportedToPolice', 'sv'), 'polisanmäld');
  assert.equal(importMessage({ code: 'column_not_found', params: { column: 'Typ', field: 'category', headers: 'A' } }, 'sv'),
    'Kolumnen ”Typ” som kopplingen anger för kategori finns inte i filen; rubrikerna är ”A”.');
});

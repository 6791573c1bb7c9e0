import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATEGORIES } from '../categories/defaults.ts';
import { INCIDENT_LIMITS } from '../incidents/rules.ts';
import { detect } from './detect.ts';
import { importMessage } from './messages.ts';
import { ImportMappingError, mappingProblems, toImportRows } from './rows.ts';
import type { Cell, ImportCategory, ImportMapping, RowError, SourceTable } from './types.ts';

const CATEGORIES: ImportCategory[] = DEFAULT_CATEGORIES.map((c) => ({ code: c.code, nameSv: c.nameSv, nameEn: c.nameEn, active: c.code !== 'arrangemang' }));
const HEADERS = ['Datum', 'Klockslag', 'Händelsetyp', 'Öst', 'Nord', 'Plats', 'Beskrivning', 'Polisanmäld', 'Ärendenummer', 'Rapportör'];
const MAPPING: ImportMapping = {
  columns: { date: 'Datum', time: 'Klockslag', category: 'Händelsetyp', x: 'Öst', y: 'Nord', place: 'Plats', description: 'Beskrivning', reportedToPolice: 'Polisanmäld', externalId: 'Ärendenummer', organisation: 'Rapportör' },
  crs: 3006, dateOrder: 'dmy', categories: {},
};
const GOOD: Cell[] = ['2026-03-04', '21:30', 'Klotter/graffiti', '353883,2', '6423583,7', 'Stora torget', 'Klotter på fasaden.', 'Ja', 'A-1', 'Alingsåshem'];

function table(rows: Cell[][], extra: Partial<SourceTable> = {}): SourceTable {
  return { format: 'csv', headers: HEADERS, rows, rowNumbers: rows.map((_, i) => i + 2), ...extra };
}
const row = (patch: Record<number, Cell>): Cell[] => GOOD.map((c, i) => (i in patch ? patch[i] : c));
const errorsOf = (rows: Cell[][], mapping: ImportMapping = MAPPING) => toImportRows(table(rows), mapping, CATEGORIES).errors;
const brief = (e: RowError) => `${e.row} ${e.column} ${e.code}${e.value === null ? '' : ` ${e.value}`}`;

test('a good row: Swedish wall time, SWEREF 99 TM, the category code, the texts, the id as key', () => {
  const { rows, errors } = toImportRows(table([GOOD]), MAPPING, CATEGORIES);
  assert.deepEqual(errors, []);
  assert.deepEqual(rows, [{
    row: 2, externalId: 'A-1', importKey: 'id:A-1', occurredFrom: new Date('2026-03-04T20:30:00Z'), occurredTo: new Date('2026-03-04T20:30:00Z'),
    categoryCode: 'skadegorelse.klotter', e: 353883.2, n: 6423583.7, placeName: 'Stora torget', description: 'Klotter på fasaden.',
    organisationName: 'Alingsåshem', reportedToPolice: true,
  }]);
});

test('WGS 84 and a local zone are converted to SWEREF 99 TM', () => {
  const wgs = toImportRows(table([row({ 3: '12,5325', 4: '57,93' })]), { ...MAPPING, crs: 4326 }, CATEGORIES).rows[0];
  assert.ok(Math.abs(wgs.e - 353883.2) < 0.1 && Math.abs(wgs.n - 6423583.7) < 0.1, `${wgs.e} ${wgs.n}`);
  const zone = toImportRows(table([row({ 3: '181549,5', 4: '6423610,5' })]), { ...MAPPING, crs: 3007 }, CATEGORIES).rows[0];
  assert.ok(Math.abs(zone.e - 353883.2) < 0.2 && Math.abs(zone.n - 6423583.7) < 0.2, `${zone.e} ${zone.n}`);
});

test('each bad value is named with its row, column, value and code', () => {
  const errors = errorsOf([
    GOOD,
    row({ 0: '31/2/2026' }),
    row({ 1: '25:10' }),
    row({ 0: null }),
    row({ 2: 'Snöskottning' }),
    row({ 2: 'Arrangemang' }),
    row({ 2: null }),
    row({ 3: 'öster' }),
    row({ 4: null }),
    row({ 3: '1,234.5' }),
    row({ 3: '6423583,7', 4: '353883,2' }),
    row({ 3: '100,0', 4: '200,0' }),
    row({ 7: 'kanske' }),
    row({ 5: 'p'.repeat(INCIDENT_LIMITS.placeNameMax + 1), 6: 'd'.repeat(INCIDENT_LIMITS.descriptionMax + 1) }),
  ].map((r, i) => (i === 0 ? r : [...r.slice(0, 8), `B-${i}`, r[9]])));
  assert.deepEqual(errors.map(brief), [
    '3 Datum date_invalid 31/2/2026',
    '4 Klockslag time_invalid 25:10',
    '5 Datum date_missing',
    '6 Händelsetyp category_unknown Snöskottning',
    '7 Händelsetyp category_inactive Arrangemang',
    '8 Händelsetyp category_missing',
    '9 Öst coordinate_not_number öster',
    '10 Nord coordinate_missing',
    '11 Öst coordinate_ambiguous 1,234.5',
    '12 Öst point_swapped 6423583,7; 353883,2',
    '13 Öst coordinate_outside_sweden 100,0; 200,0',
    '14 Polisanmäld reported_to_police_invalid kanske',
    `15 Plats text_too_long ${'p'.repeat(201)}`,
    `15 Beskrivning text_too_long ${'d'.repeat(2001)}`,
  ]);
  const sv = (e: RowError) => importMessage(e, 'sv');
  assert.equal(sv(errors[0]), 'Rad 3, kolumnen Datum: ”31/2/2026” är inget datum');
  assert.equal(sv(errors[9]), 'Rad 12, kolumnen Öst: punkten ”6423583,7; 353883,2” ligger utanför Sverige, men med koordinaterna i omvänd ordning skulle den ligga i Sverige; har kolumnerna bytt plats?');
  assert.equal(sv(errors[10]), 'Rad 13, kolumnen Öst: punkten ”100,0; 200,0” ligger utanför Sverige i SWEREF 99 TM (EPSG:3006)');
  assert.equal(sv(errors[12]), 'Rad 15, kolumnen Plats: texten har 201 tecken; högst 200 får plats');
});

test('every problem of a row, not only the first', () => {
  const errors = errorsOf([row({ 0: 'igår', 2: 'Snöskottning', 3: null, 7: 'kanske' })]);
  assert.deepEqual(errors.map((e) => e.code), ['date_invalid', 'category_unknown', 'coordinate_missing', 'reported_to_police_invalid']);
});

test('an end column: reversed and too long windows are errors on the end\'s column', () => {
  const headers = [...HEADERS, 'Till'];
  const mapping = { ...MAPPING, columns: { ...MAPPING.columns, dateTimeTo: 'Till' } };
  const t: SourceTable = { format: 'csv', headers, rows: [[...GOOD, '23:00'], [...row({ 8: 'A-2' }), '2026-03-03 10:00'], [...row({ 8: 'A-3' }), '2026-05-01']], rowNumbers: [2, 3, 4] };
  const r = toImportRows(t, mapping, CATEGORIES);
  assert.deepEqual([r.rows[0].occurredFrom.toISOString(), r.rows[0].occurredTo.toISOString()], ['2026-03-04T20:30:00.000Z', '2026-03-04T22:00:00.000Z']);
  assert.deepEqual(r.errors.map(brief), ['3 Till window_reversed 2026-03-03 10:00', '4 Till window_too_long 2026-05-01']);
  assert.equal(importMessage(r.errors[1], 'sv'), 'Rad 4, kolumnen Till: tidsfönstret till ”2026-05-01” är längre än 31 dagar');
});

test('a time after the import is an error when the import says when it is', () => {
  const t = table([row({ 0: '2026-12-24' })]);
  assert.deepEqual(toImportRows(t, MAPPING, CATEGORIES, { now: new Date('2026-12-03T12:00:00Z') }).errors.map(brief), ['2 Datum date_in_future 2026-12-24']);
  assert.equal(toImportRows(t, MAPPING, CATEGORIES).errors.length, 0);
});

test('reported to police: ja/nej, x and blank, 1/0, yes/no, true/false, SANT/FALSKT, booleans', () => {
  const values: Array<[Cell, boolean | null]> = [
    ['Ja', true], ['nej', false], ['JA', true], ['1', true], ['0', false], ['yes', true], ['No', false], ['true', true], ['FALSE', false],
    ['SANT', true], ['falskt', false], [true, true], [false, false], [1, true], [0, false], [null, null], ['', null],
  ];
  const r = toImportRows(table(values.map(([v], i) => row({ 7: v, 8: `P-${i}` }))), MAPPING, CATEGORIES);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.rows.map((x) => x.reportedToPolice), values.map(([, b]) => b));
  // A column of crosses: blank is no.
  const crosses = toImportRows(table([row({ 7: 'x', 8: 'X-1' }), row({ 7: null, 8: 'X-2' }), row({ 7: 'X', 8: 'X-3' })]), MAPPING, CATEGORIES);
  assert.deepEqual(crosses.rows.map((x) => x.reportedToPolice), [true, false, true]);
});

test('an id repeated in the file is an error on the later row, naming the first', () => {
  const errors = errorsOf([GOOD, row({ 0: '2026-03-05' }), row({ 8: ' A-1 ' })]);
  assert.deepEqual(errors.map(brief), ['3 Ärendenummer external_id_repeated A-1', '4 Ärendenummer external_id_repeated  A-1 ']);
  assert.equal(importMessage(errors[0], 'sv'), 'Rad 3, kolumnen Ärendenummer: id ”A-1” finns redan på rad 2; varje id får bara förekomma en gång');
});

test('without an id the key is a fingerprint of the values as read: stable, the same from CSV and XLSX, apart for identical rows', () => {
  const noId = { ...MAPPING, columns: { ...MAPPING.columns, externalId: undefined } };
  const csv = toImportRows(table([GOOD, GOOD, row({ 1: '21:31' })]), noId, CATEGORIES).rows.map((r) => r.importKey);
  // The recipe is part of the data: a changed key would import every earlier file again.
  assert.deepEqual(csv, ['fp:bffee4914f7e8f64', 'fp:bffee4914f7e8f64-2', csv[2]]);
  assert.notEqual(csv[2], csv[0]);
  // The same row as a workbook has it: numbers as numbers, a boolean, other spellings of the same values.
  const xlsx = toImportRows(table([['2026-03-04', '21:30', 'KLOTTER/GRAFFITI ', 353883.2, 6423583.7, 'Stora torget', 'Klotter på fasaden.', true, null, 'Alingsåshem']]), noId, CATEGORIES).rows[0];
  assert.equal(xlsx.importKey, csv[0]);
  const ids = toImportRows(table([GOOD]), MAPPING, CATEGORIES).rows[0];
  assert.equal(ids.importKey, 'id:A-1');
  const numeric = toImportRows(table([row({ 8: 1001 })]), MAPPING, CATEGORIES).rows[0];
  assert.deepEqual([numeric.externalId, numeric.importKey], ['1001', 'id:1001']);
});

test('the mapping\'s category entries: a code, or null to reject such rows', () => {
  const mapping = { ...MAPPING, categories: { 'Snöskottning': 'ovrigt', Sprayfärg: null, Cykelstöld: 'cykel' } };
  const r = toImportRows(table([row({ 2: 'snöskottning' }), row({ 2: 'Sprayfärg', 8: 'A-2' }), row({ 2: 'Cykelstöld', 8: 'A-3' })]), mapping, CATEGORIES);
  assert.deepEqual(r.rows.map((x) => x.categoryCode), ['ovrigt']);
  assert.deepEqual(r.errors.map(brief), ['3 Händelsetyp category_rejected Sprayfärg', '4 Händelsetyp category_mapped_unknown Cykelstöld']);
  assert.equal(importMessage(r.errors[1], 'sv'), 'Rad 4, kolumnen Händelsetyp: kopplingen anger kategorin ”cykel” för ”Cykelstöld”, men den finns inte bland kommunens kategorier');
});

test('a row the reader found wrong (more fields than headers) is rejected with that error', () => {
  const r = toImportRows(table([GOOD, row({ 8: 'A-2' })], { rowErrors: [{ row: 3, column: null, value: null, code: 'row_field_count', params: { found: 11, expected: 10 } }] }), MAPPING, CATEGORIES);
  assert.deepEqual(r.rows.map((x) => x.row), [2]);
  assert.deepEqual(r.errors.map(brief), ['3 null row_field_count']);
});

test('a mapping that cannot convert rows throws, naming what it lacks', () => {
  const t = table([GOOD]);
  assert.deepEqual(mappingProblems(t, MAPPING), []);
  assert.throws(() => toImportRows(t, { ...MAPPING, crs: null }, CATEGORIES), (e) => e instanceof ImportMappingError && e.problems[0].code === 'crs_unknown');
  assert.throws(() => toImportRows(t, { ...MAPPING, columns: { ...MAPPING.columns, category: undefined } }, CATEGORIES), /no_category_column/);
  assert.throws(() => toImportRows(t, { ...MAPPING, columns: { ...MAPPING.columns, x: 'Easting' } }, CATEGORIES), /column_not_found/);
});

test('whatever detect() finds without problems, toImportRows can convert', () => {
  const t = table([GOOD, row({ 8: 'A-2' })]);
  const d = detect(t, CATEGORIES);
  assert.deepEqual(d.problems, []);
  assert.equal(toImportRows(t, d.mapping, CATEGORIES).rows.length, 2);
});

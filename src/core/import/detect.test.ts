import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATEGORIES } from '../categories/defaults.ts';
import { projector } from '../geo/sweref-zones.ts';
import { detect } from './detect.ts';
import { importMessage } from './messages.ts';
import type { Cell, ImportCategory, SourceTable } from './types.ts';

const CATEGORIES: ImportCategory[] = DEFAULT_CATEGORIES.map((c) => ({ code: c.code, nameSv: c.nameSv, nameEn: c.nameEn, active: true }));
const ALINGSAS = { lon: 12.5325, lat: 57.93 };

function table(headers: string[], rows: Cell[][], extra: Partial<SourceTable> = {}): SourceTable {
  return { format: 'csv', headers, rows, rowNumbers: rows.map((_, i) => i + 2), ...extra };
}

/** Points in Alingsås in a system, as text with a decimal comma. */
function points(crs: number, n = 5): Array<[string, string]> {
  const to = projector(4326, crs);
  return Array.from({ length: n }, (_, i) => to([ALINGSAS.lon + 0.01 * i, ALINGSAS.lat + 0.005 * i]).map((v) => v.toFixed(crs === 4326 ? 6 : 1).replace('.', ',')) as [string, string]);
}

const codes = (d: { problems: Array<{ code: string }> }) => d.problems.map((p) => p.code);

test('a Swedish Excel file: columns from the headers, SWEREF 99 TM from the values, categories by name', () => {
  const t = table(['Datum', 'Klockslag', 'Händelsetyp', 'Öst', 'Nord', 'Plats', 'Beskrivning', 'Polisanmäld', 'Ärendenummer', 'Handläggare'],
    points(3006).map(([e, n], i) => ['2026-03-0' + (i + 1), '21:30', ['Klotter/graffiti', 'klotter ', 'KLOTTER', 'Krossat glas', 'Snöskottning'][i], e, n, 'Stora torget', 'Text', 'Ja', `A-${i}`, 'Eva']));
  const d = detect(t, CATEGORIES);
  assert.deepEqual(d.mapping, {
    columns: { date: 'Datum', time: 'Klockslag', category: 'Händelsetyp', x: 'Öst', y: 'Nord', place: 'Plats', description: 'Beskrivning', reportedToPolice: 'Polisanmäld', externalId: 'Ärendenummer' },
    crs: 3006, dateOrder: 'dmy', categories: { 'Klotter/graffiti': 'skadegorelse.klotter', klotter: 'skadegorelse.klotter', 'Krossat glas': 'skadegorelse.krossat_glas' },
  });
  assert.equal(d.crsSource, 'guessed');
  assert.equal(d.dateFormat, 'ÅÅÅÅ-MM-DD + tt:mm');
  assert.deepEqual(d.unmappedHeaders, ['Handläggare']);
  assert.deepEqual(d.categoryValues, [
    // Spellings of one name are one value; "Klotter" is another name of the same category.
    { value: 'Klotter/graffiti', rows: 1, code: 'skadegorelse.klotter' },
    { value: 'klotter', rows: 2, code: 'skadegorelse.klotter' },
    { value: 'Krossat glas', rows: 1, code: 'skadegorelse.krossat_glas' },
    { value: 'Snöskottning', rows: 1, code: null },
  ]);
  assert.deepEqual(d.problems, []);
});

test('the same mapping whatever the spelling of the headers', () => {
  const spellings: string[][] = [
    ['Tidpunkt', 'Kategori', 'E', 'N'], ['Datum och tid', 'Typ', 'Easting', 'Northing'], ['DATETIME', 'CATEGORY', 'öst', 'nord'],
    ['Date', 'Type', 'X', 'Y'], ['tidpunkt', 'händelse typ', 'Ö', 'N'], ['Datum', 'Händelsetyp', 'x-koordinat', 'y-koordinat'],
  ];
  for (const headers of spellings) {
    const d = detect(table(headers, points(3006).map(([e, n]) => ['2026-03-04 21:30', 'Klotter', e, n])), CATEGORIES);
    assert.deepEqual([d.mapping.columns, d.mapping.crs, codes(d)], [
      { dateTime: headers[0], category: headers[1], x: headers[2], y: headers[3] }, 3006, [],
    ], headers.join(','));
  }
});

test('X and Y: the values decide which is north; Swedish surveying has X north', () => {
  const north = detect(table(['Tidpunkt', 'Typ', 'X', 'Y'], points(3006).map(([e, n]) => ['2026-03-04', 'Klotter', n, e])), CATEGORIES);
  assert.deepEqual([north.mapping.columns.x, north.mapping.columns.y, north.mapping.crs, codes(north)], ['Y', 'X', 3006, []]);
  assert.deepEqual(north.notes?.map((n) => n.code), ['xy_north']);
  assert.equal(importMessage(north.notes![0], 'sv'), 'Kolumnen ”X” har nordkoordinater (X är norr, som i svensk lantmäteripraxis) och ”Y” östkoordinater.');
  const east = detect(table(['Tidpunkt', 'Typ', 'X', 'Y'], points(3006).map(([e, n]) => ['2026-03-04', 'Klotter', e, n])), CATEGORIES);
  assert.deepEqual([east.mapping.columns.x, east.mapping.columns.y, east.notes], ['X', 'Y', []]);
});

test('swapped named columns are a problem, with the suggestion to exchange them', () => {
  const t = table(['Date', 'Category', 'Lat', 'Lon'], points(4326).map(([lon, lat]) => ['2026-03-04', 'Graffiti', lon, lat]));
  const d = detect(t, CATEGORIES);
  assert.deepEqual(codes(d), ['coordinates_swapped']);
  assert.deepEqual([d.mapping.columns.x, d.mapping.columns.y, d.mapping.crs], ['Lon', 'Lat', 4326]);
  assert.equal(importMessage(d.problems[0], 'sv'), 'Kolumnerna ”Lon” och ”Lat” verkar ha bytt plats: ”Lon” har värden som 57,930000, som hör hemma i ”Lat”. Byt kolumnerna i kopplingen.');
  assert.equal(importMessage(d.problems[0], 'en'), 'The columns “Lon” and “Lat” seem to be the wrong way round: “Lon” holds values like 57,930000, which belong in “Lat”. Exchange the columns in the mapping.');
  // Exchanged by the user, the problem is gone.
  assert.deepEqual(codes(detect(t, CATEGORIES, { columns: { x: 'Lat', y: 'Lon' } })), []);
  // Easting and northing swapped in SWEREF 99 TM, likewise.
  const tm = table(['Datum', 'Typ', 'Öst', 'Nord'], points(3006).map(([e, n]) => ['2026-03-04', 'Klotter', n, e]));
  assert.deepEqual(codes(detect(tm, CATEGORIES)), ['coordinates_swapped']);
});

test('a local zone is chosen by the municipality\'s location, and said so; without one it is asked for', () => {
  const t = table(['Datum', 'Typ', 'Öst', 'Nord'], points(3007).map(([e, n]) => ['2026-03-04', 'Klotter', e, n]));
  const d = detect(t, CATEGORIES, {}, ALINGSAS);
  assert.deepEqual([d.mapping.crs, d.crsSource, codes(d)], [3007, 'guessed', []]);
  assert.equal(d.notes?.[0].code, 'crs_by_location');
  assert.match(importMessage(d.notes![0], 'sv'), /SWEREF 99 12 00 \(EPSG:3007\) valdes eftersom det lägger punkterna närmast kommunen/);
  const blind = detect(t, CATEGORIES);
  assert.deepEqual([blind.mapping.crs, blind.crsSource, codes(blind)], [null, 'none', ['crs_ambiguous']]);
  // A header that names the zone settles it without a location.
  const named = detect(table(['Datum', 'Typ', 'Öst (SWEREF 99 12 00)', 'Nord (SWEREF 99 12 00)'], t.rows), CATEGORIES);
  assert.deepEqual([named.mapping.crs, codes(named), named.notes?.[0].code], [3007, [], 'crs_by_name']);
});

test('coordinates no Swedish system fits: a problem naming the columns, a value and its row', () => {
  const d = detect(table(['Datum', 'Typ', 'Öst', 'Nord'], [['2026-03-04', 'Klotter', 'saknas', ''], ['2026-03-04', 'Klotter', '1234,5', '5678,9']]), CATEGORIES);
  assert.deepEqual([d.mapping.crs, d.crsSource, codes(d)], [null, 'none', ['crs_unknown']]);
  assert.equal(importMessage(d.problems[0], 'sv'),
    'Koordinaterna i kolumnerna ”Öst” och ”Nord” (t.ex. 1234,5 och 5678,9 på rad 3) passar inget koordinatsystem som används i Sverige (WGS 84, SWEREF 99 TM eller en lokal SWEREF 99-zon). Ange koordinatsystemet.');
  const words = detect(table(['Datum', 'Typ', 'Öst', 'Nord'], [['2026-03-04', 'Klotter', 'a', 'b']]), CATEGORIES);
  assert.deepEqual(codes(words), ['crs_no_numbers']);
});

test('missing columns are problems that name the headers there are', () => {
  const d = detect(table(['Kolumn1', 'Kolumn2', 'Kolumn3'], [['2026-03-04', 'Klotter', '353883']]), CATEGORIES);
  assert.deepEqual(codes(d), ['no_date_column', 'no_category_column', 'no_coordinate_columns']);
  assert.equal(importMessage(d.problems[0], 'sv'), 'Ingen kolumn med datum eller tidpunkt hittades bland rubrikerna ”Kolumn1”, ”Kolumn2” och ”Kolumn3”. Välj vilken kolumn som har datum.');
  assert.deepEqual(d.unmappedHeaders, ['Kolumn1', 'Kolumn2', 'Kolumn3']);
  const one = detect(table(['Datum', 'Typ', 'Öst', 'Nord'], [['2026-03-04', 'Klotter', '353883', '6423583']]), CATEGORIES, { columns: { y: '' } });
  assert.deepEqual(codes(one), ['coordinate_column_missing']);
});

test('what the user gives overrides detection part by part', () => {
  const t = table(['Datum', 'Kl', 'Typ', 'Notering', 'Öst', 'Nord', 'Anmärkning'],
    points(3006).map(([e, n]) => ['4/3/2026', '21:30', 'Sprayfärg', 'text', e, n, 'Klotter']));
  const d = detect(t, CATEGORIES, {
    columns: { category: 'Anmärkning', description: 'Typ', place: '' },
    crs: 3006, dateOrder: 'mdy', categories: { 'Sprayfärg': 'skadegorelse.klotter' }, sheet: 'Blad1',
  });
  assert.deepEqual(d.mapping.columns, { date: 'Datum', time: 'Kl', category: 'Anmärkning', description: 'Typ', x: 'Öst', y: 'Nord' });
  assert.deepEqual([d.mapping.crs, d.crsSource, d.mapping.dateOrder, d.mapping.sheet], [3006, 'given', 'mdy', 'Blad1']);
  assert.deepEqual(d.mapping.categories, { Klotter: 'skadegorelse.klotter', 'Sprayfärg': 'skadegorelse.klotter' });
  assert.deepEqual(d.unmappedHeaders, ['Notering']);
  assert.deepEqual(codes(d), []);
  // A column that is not there, and one column for two fields.
  const bad = detect(t, CATEGORIES, { columns: { category: 'Kategori', description: 'Typ', place: 'Typ' } });
  assert.deepEqual(codes(bad), ['column_not_found', 'column_twice']);
  assert.equal(importMessage(bad.problems[1], 'sv'), 'Kolumnen ”Typ” är vald för både beskrivning och plats.');
  // One column for the whole time given instead of the detected two.
  const one = detect(table(['Datum', 'Tid', 'Tidsstämpel', 'Typ', 'Öst', 'Nord'], [['x', 'y', '2026-03-04 21:30', 'Klotter', '353883', '6423583']]), CATEGORIES, { columns: { dateTime: 'Tidsstämpel' } });
  assert.deepEqual([one.mapping.columns.dateTime, one.mapping.columns.date, one.mapping.columns.time], ['Tidsstämpel', undefined, undefined]);
});

test('the order of day and month from the values, and the note when they cannot tell', () => {
  const rows = (dates: string[]) => dates.map((d) => [d, 'Klotter', '353883', '6423583']);
  const us = detect(table(['Date', 'Type', 'E', 'N'], rows(['3/14/2026', '4/2/2026'])), CATEGORIES);
  assert.deepEqual([us.mapping.dateOrder, us.dateFormat, us.notes], ['mdy', 'M/D/ÅÅÅÅ', []]);
  const unclear = detect(table(['Datum', 'Typ', 'E', 'N'], rows(['4/3/2026', '5/3/2026'])), CATEGORIES);
  assert.deepEqual([unclear.mapping.dateOrder, unclear.notes?.map((n) => n.code)], ['dmy', ['date_order_default']]);
  const mixed = detect(table(['Datum', 'Typ', 'E', 'N'], rows(['14/3/2026', '3/14/2026'])), CATEGORIES);
  assert.deepEqual(mixed.notes?.map((n) => n.code), ['date_order_mixed']);
  const iso = detect(table(['Datum', 'Typ', 'E', 'N'], rows(['2026-03-04', '2026-03-05'])), CATEGORIES);
  assert.deepEqual(iso.notes, []);
});

test('GeoJSON: the point\'s columns are the coordinates, and a crs the file names is given', () => {
  const t = table(['Tidpunkt', 'Kategori', 'Latitud', 'E', 'N'], [['2026-03-04', 'Klotter', 'ej', 353883.2, 6423583.7]], {
    format: 'geojson', coordinateColumns: { x: 'E', y: 'N' }, crs: 3006,
  });
  const d = detect(t, CATEGORIES);
  assert.deepEqual([d.mapping.columns.x, d.mapping.columns.y, d.mapping.crs, d.crsSource, codes(d)], ['E', 'N', 3006, 'given', []]);
  assert.deepEqual(d.unmappedHeaders, ['Latitud']);
});

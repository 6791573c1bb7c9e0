/**
 * The fixtures in test/fixtures/import, end to end: read, detected and converted as the service
 * does it, each good file to the incidents it holds, each bad one to its precise message. The lead's
 * integration tests import the same files into the database.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CATEGORIES } from '../../core/categories/defaults.ts';
import { boundaryRings, pointInMultiPolygon } from '../../core/geo/polygon.ts';
import { detect } from '../../core/import/detect.ts';
import { importMessage } from '../../core/import/messages.ts';
import { toImportRows } from '../../core/import/rows.ts';
import type { ImportCategory, RowError } from '../../core/import/types.ts';
import { parseStockholmLocal } from '../../core/time/index.ts';
import { municipalityBoundary } from '../../setup/boundaries.ts';
import { FIXTURE_DIR, INCIDENTS, VARGARDA_POINT, textFixtures, workbookFixture, zone1200 } from '../../../test/fixtures/import/make-fixtures.ts';
import { ImportFileError, readSource } from './read-source.ts';

const CATEGORIES: ImportCategory[] = DEFAULT_CATEGORIES.map((c) => ({ code: c.code, nameSv: c.nameSv, nameEn: c.nameEn, active: true }));
const ALINGSAS_CENTRE = { lon: 12.5325, lat: 57.93 };
const file = (name: string) => new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));

async function importFile(name: string, sheet?: string) {
  const table = await readSource(file(name), name, { sheet });
  const detection = detect(table, CATEGORIES, {}, ALINGSAS_CENTRE);
  const converted = detection.problems.length ? { rows: [], errors: [] } : toImportRows(table, detection.mapping, CATEGORIES);
  const say = (m: Parameters<typeof importMessage>[0]) => importMessage(m, 'sv', { format: table.format });
  return { table, detection, ...converted, problems: detection.problems.map(say), messages: converted.errors.map((e: RowError) => say(e)) };
}

const instant = (local: string) => new Date(parseStockholmLocal(local.replace(' ', 'T'))!).toISOString();
const near = (a: number, b: number, tolerance = 0.2) => Math.abs(a - b) <= tolerance;

test('the fixture files are what make-fixtures.ts writes', async () => {
  for (const [name, bytes] of Object.entries(textFixtures())) assert.deepEqual(file(name), bytes, name);
  // A workbook's bytes carry the time it was zipped: compare what it holds.
  const [made, kept] = await Promise.all([workbookFixture(), Promise.resolve(file('alingsas.xlsx'))]);
  for (const sheet of ['Händelser', 'Info', 'SWEREF 99 12 00']) {
    const [a, b] = await Promise.all([readSource(made, 'a.xlsx', { sheet }), readSource(kept, 'b.xlsx', { sheet })]);
    assert.deepEqual(a, b, sheet);
  }
});

test('every point of the good fixtures lies in Alingsås, the bad one in Vårgårda', () => {
  const alingsas = boundaryRings(municipalityBoundary('1489').geometry3006);
  const vargarda = boundaryRings(municipalityBoundary('1442').geometry3006);
  for (const i of INCIDENTS) assert.ok(pointInMultiPolygon(i.e, i.n, alingsas), i.place);
  assert.ok(pointInMultiPolygon(VARGARDA_POINT.e, VARGARDA_POINT.n, vargarda) && !pointInMultiPolygon(VARGARDA_POINT.e, VARGARDA_POINT.n, alingsas));
});

test('the Swedish Excel CSV: Windows-1252, semicolons, decimal commas, Excel\'s row numbers, every incident', async () => {
  const r = await importFile('alingsas-excel.csv');
  assert.deepEqual([r.table.encoding, r.table.delimiter, r.detection.mapping.crs, r.detection.dateFormat], ['windows-1252', ';', 3006, 'ÅÅÅÅ-MM-DD + tt:mm']);
  assert.deepEqual(r.table.headers, ['Datum', 'Klockslag', 'Händelsetyp', 'Öst', 'Nord', 'Plats', 'Beskrivning', 'Polisanmäld', 'Ärendenummer']);
  assert.deepEqual([r.problems, r.messages], [[], []]);
  // Row 5 is blank; the line break in row 6's description does not move the rows after it.
  assert.deepEqual(r.rows.map((x) => x.row), [2, 3, 4, 6, 7, 8, 9, 10, 11, 12]);
  r.rows.forEach((x, k) => {
    const i = INCIDENTS[k];
    assert.equal(x.externalId, i.id);
    assert.ok(near(x.e, i.e) && near(x.n, i.n), i.place);
    assert.equal(x.placeName, i.place);
    assert.equal(x.description, i.description);
    assert.equal(x.reportedToPolice, i.police);
    if (i.local.includes(' ')) assert.deepEqual([x.occurredFrom.toISOString(), x.occurredTo.toISOString()], [instant(i.local), instant(i.local)], i.local);
  });
  // A day alone is the whole day; 02:30 on the autumn change is the first 02:30 (summer time).
  assert.deepEqual([r.rows[2].occurredFrom.toISOString(), r.rows[2].occurredTo.toISOString()], ['2026-03-07T23:00:00.000Z', '2026-03-08T23:00:00.000Z']);
  assert.equal(r.rows[8].occurredFrom.toISOString(), '2026-10-25T00:30:00.000Z');
  assert.equal(r.rows[3].description, 'Taggar på busskuren.\nÄven på elskåpet bredvid.');
  assert.deepEqual(new Set(r.rows.map((x) => x.categoryCode)), new Set(['skadegorelse.klotter', 'skadegorelse.krossat_glas', 'nedskrapning', 'ordningsstorning.brak_slagsmal', 'brand.anlagd', 'buskorning.moped', 'otrygg_plats.belysning']));
});

test('the workbook: date cells, X as north, rich text, a hyperlink, a formula; the zone sheet by its headers', async () => {
  const r = await importFile('alingsas.xlsx');
  assert.deepEqual([r.table.sheet, r.table.sheets], ['Händelser', ['Händelser', 'Info', 'SWEREF 99 12 00']]);
  assert.deepEqual([r.detection.mapping.columns.x, r.detection.mapping.columns.y, r.detection.mapping.crs], ['Y', 'X', 3006]);
  assert.deepEqual(r.detection.notes?.map((n) => n.code), ['xy_north']);
  assert.deepEqual([r.problems, r.messages], [[], []]);
  assert.deepEqual(r.rows.map((x) => x.externalId), ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008']);
  assert.equal(r.rows[0].occurredFrom.toISOString(), instant(INCIDENTS[0].local));
  assert.equal(r.rows[0].description, 'Klotter på fasaden mot torget.');
  assert.deepEqual([r.rows[4].occurredFrom.toISOString(), r.rows[4].occurredTo.toISOString()], ['2026-04-11T23:15:00.000Z', '2026-04-12T00:00:00.000Z']);
  assert.deepEqual(r.rows.map((x) => x.reportedToPolice), [true, false, true, true, true, true, false, false]);
  assert.deepEqual(r.rows.map((x) => x.organisationName), ['Alingsåshem', 'Kommunledningskontoret', 'Bevakningsföretaget', 'Alingsåshem', 'Kommunledningskontoret', 'Bevakningsföretaget', 'Alingsåshem', 'Kommunledningskontoret']);
  r.rows.forEach((x, k) => assert.ok(near(x.e, INCIDENTS[k].e) && near(x.n, INCIDENTS[k].n), INCIDENTS[k].place));

  const zone = await importFile('alingsas.xlsx', 'SWEREF 99 12 00');
  assert.deepEqual([zone.detection.mapping.crs, zone.detection.dateFormat, zone.problems, zone.messages], [3007, 'ÅÅÅÅ-MM-DD + tt:mm', [], []]);
  zone.rows.forEach((x, k) => {
    assert.ok(near(x.e, INCIDENTS[k].e) && near(x.n, INCIDENTS[k].n), `${INCIDENTS[k].place}: ${zone1200(INCIDENTS[k])}`);
    assert.equal(x.importKey.slice(0, 3), 'fp:');
  });
  assert.equal(zone.rows[0].occurredFrom.toISOString(), instant(INCIDENTS[0].local));
});

test('the English CSV: Lat before Lon, month-first dates, 12-hour times, English category names', async () => {
  const r = await importFile('alingsas-english.csv');
  assert.deepEqual([r.table.encoding, r.table.delimiter, r.detection.mapping.crs, r.detection.mapping.dateOrder, r.detection.dateFormat], ['utf-8', ',', 4326, 'mdy', 'M/D/ÅÅÅÅ + tt:mm am/pm']);
  assert.deepEqual([r.problems, r.messages], [[], []]);
  assert.deepEqual(r.rows.map((x) => [x.externalId, x.categoryCode, x.occurredFrom.toISOString()]), [
    ['EN-1', 'skadegorelse.klotter', '2026-03-14T20:30:00.000Z'],
    ['EN-2', 'skadegorelse.krossat_glas', '2026-03-15T06:45:00.000Z'],
    ['EN-3', 'nedskrapning', '2026-04-01T22:00:00.000Z'],
    ['EN-4', 'buskorning.moped', '2026-06-21T12:05:00.000Z'],
    ['EN-5', 'otrygg_plats.overgiven_plats', '2026-11-14T17:10:00.000Z'],
  ]);
  assert.equal(r.rows[4].description, 'Empty lot, people feel unsafe "after dark"');
});

test('the GeoJSON: WGS 84 points, times with offsets, feature ids, a one-point MultiPoint', async () => {
  const r = await importFile('alingsas.geojson');
  assert.deepEqual([r.detection.mapping.crs, r.detection.crsSource, r.problems, r.messages], [4326, 'guessed', [], []]);
  assert.deepEqual(r.rows.map((x) => [x.row, x.externalId, x.categoryCode]), [
    [1, 'GJ-1', 'narkotika'], [2, 'GJ-2', 'skadegorelse.krossat_glas'], [3, 'GJ-3', 'nedskrapning'], [4, 'GJ-4', 'skadegorelse.klotter'], [5, 'GJ-5', 'ordningsstorning.hot'],
  ]);
  r.rows.forEach((x, k) => assert.ok(near(x.e, INCIDENTS[k].e, 0.5) && near(x.n, INCIDENTS[k].n, 0.5), INCIDENTS[k].place));
  assert.equal(r.rows[3].occurredFrom.toISOString(), '2026-03-29T20:40:00.000Z');
  assert.deepEqual(r.detection.unmappedHeaders, ['Källa']);
});

test('every bad input of the issue is named precisely', async () => {
  const fileMessage = async (name: string, sheet?: string) => {
    try { await readSource(file(name), name, { sheet }); } catch (e) { assert.ok(e instanceof ImportFileError); return e.message; }
    assert.fail(`${name} was read`);
  };
  assert.equal(await fileMessage('bad-empty.csv'), 'Filen är tom.');
  assert.equal(await fileMessage('bad-header-only.csv'), 'Filen har bara en rubrikrad (rad 1) och inga rader att importera.');
  assert.equal(await fileMessage('bad-encoding.csv'),
    'Filens teckenkodning känns inte igen (rad 1 blir ”Datum;Klockslag;H„ndelsetyp;™st;Nord;Plats”). Spara den som ”CSV UTF-8” eller som Excel-arbetsbok (.xlsx) och försök igen.');
  assert.equal(await fileMessage('alingsas.xlsx', 'Blad3'), 'Bladet ”Blad3” finns inte i arbetsboken; den har ”Händelser”, ”Info” och ”SWEREF 99 12 00”.');

  assert.deepEqual((await importFile('bad-headers.csv')).problems, [
    'Ingen kolumn med datum eller tidpunkt hittades bland rubrikerna ”Kolumn1”, ”Kolumn2” och ”Kolumn3”. Välj vilken kolumn som har datum.',
    'Ingen kolumn med kategori (t.ex. Kategori, Händelsetyp, Typ) hittades bland rubrikerna ”Kolumn1”, ”Kolumn2” och ”Kolumn3”. Välj vilken kolumn som har kategorin.',
    'Inga kolumner med koordinater (t.ex. Öst och Nord, X och Y, Latitud och Longitud) hittades bland rubrikerna ”Kolumn1”, ”Kolumn2” och ”Kolumn3”. Välj kolumnerna med koordinater.',
  ]);
  assert.deepEqual((await importFile('bad-crs.csv')).problems, [
    'Koordinaterna i kolumnerna ”Öst” och ”Nord” (t.ex. 1234,5 och 5678,9 på rad 2) passar inget koordinatsystem som används i Sverige (WGS 84, SWEREF 99 TM eller en lokal SWEREF 99-zon). Ange koordinatsystemet.',
  ]);
  assert.deepEqual((await importFile('bad-swapped-latlon.csv')).problems, [
    'Kolumnerna ”Lon” och ”Lat” verkar ha bytt plats: ”Lon” har värden som 57.93, som hör hemma i ”Lat”. Byt kolumnerna i kopplingen.',
  ]);
  const dates = await importFile('bad-dates.csv');
  assert.deepEqual([dates.rows.map((x) => x.row), dates.messages], [[2], [
    'Rad 3, kolumnen Datum: ”31/2/2026” är inget datum',
    'Rad 4, kolumnen Datum: ”i förrgår” är inget datum',
    'Rad 5, kolumnen Datum: ”2026-13-01” är inget datum',
    'Rad 6, kolumnen Klockslag: ”25:10” är inget klockslag',
  ]]);
  const category = await importFile('bad-category.csv');
  assert.deepEqual(category.detection.categoryValues, [{ value: 'Klotter/graffiti', rows: 1, code: 'skadegorelse.klotter' }, { value: 'Snöskottning', rows: 2, code: null }]);
  assert.deepEqual(category.messages, [
    'Rad 3, kolumnen Händelsetyp: ”Snöskottning” finns inte bland kommunens kategorier; koppla värdet till en kategori',
    'Rad 4, kolumnen Händelsetyp: ”Snöskottning” finns inte bland kommunens kategorier; koppla värdet till en kategori',
  ]);
  // Mapped by the user, the rows are fine.
  const table = await readSource(file('bad-category.csv'), 'bad-category.csv');
  const mapped = detect(table, CATEGORIES, { categories: { Snöskottning: 'ovrigt' } });
  assert.deepEqual(toImportRows(table, mapped.mapping, CATEGORIES).errors, []);
  // A point in Vårgårda is in Sweden: the file is read; the boundary of the municipality is the database's to check.
  const vargarda = await importFile('bad-vargarda.csv');
  assert.deepEqual([vargarda.rows.length, vargarda.messages], [2, []]);
  assert.deepEqual([vargarda.rows[1].row, vargarda.rows[1].e, vargarda.rows[1].n], [3, VARGARDA_POINT.e, VARGARDA_POINT.n]);
});

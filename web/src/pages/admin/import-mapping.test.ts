import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySaved, assignColumn, delimiterKey, fieldOf, fileSize, importBlock, importForm, importHref, importPeriod, optionsOf, pageOf, progressOf, progressStep, setCategory, type ImportMapping } from './import-mapping.ts';

const detected: ImportMapping = {
  columns: { date: 'Datum', time: 'Tid', category: 'Kategori', x: 'X', y: 'Y', place: 'Plats' },
  crs: 3006,
  dateOrder: 'dmy',
  categories: { Klotter: 'skadegorelse.klotter', Okänt: null },
};

test('fieldOf: the field a header is read as, null when ignored', () => {
  assert.equal(fieldOf(detected, 'Kategori'), 'category');
  assert.equal(fieldOf(detected, 'Kommentar'), null);
});

test('assignColumn: a field has one column, the previous one is ignored from then on', () => {
  const m = assignColumn(detected, 'Adress', 'place');
  assert.equal(m.columns.place, 'Adress');
  assert.equal(fieldOf(m, 'Plats'), null);
  // The rest is untouched, and the input is not changed.
  assert.equal(m.columns.category, 'Kategori');
  assert.equal(detected.columns.place, 'Plats');
});

test('assignColumn: a column moved to another field leaves its old field empty', () => {
  const m = assignColumn(detected, 'Plats', 'description');
  assert.equal(m.columns.description, 'Plats');
  assert.equal(m.columns.place, undefined);
});

test('assignColumn: ignoring a column removes it from every field', () => {
  const m = assignColumn(detected, 'Y', null);
  assert.equal(m.columns.y, undefined);
  assert.deepEqual(Object.keys(m.columns).sort(), ['category', 'date', 'place', 'time', 'x']);
});

test('assignColumn: one date-and-time column excludes separate date and time columns, and back', () => {
  const one = assignColumn(detected, 'Datum', 'dateTime');
  assert.equal(one.columns.dateTime, 'Datum');
  assert.equal(one.columns.date, undefined);
  assert.equal(one.columns.time, undefined, 'the time column is let go too');
  const two = assignColumn(one, 'Tid', 'time');
  assert.equal(two.columns.time, 'Tid');
  assert.equal(two.columns.dateTime, undefined);
});

test('setCategory: maps a value to a code or to null (reject), keeping the others', () => {
  const m = setCategory(detected, 'Okänt', 'ordningsstorning');
  assert.deepEqual(m.categories, { Klotter: 'skadegorelse.klotter', Okänt: 'ordningsstorning' });
  assert.equal(setCategory(m, 'Klotter', null).categories.Klotter, null);
  assert.equal(detected.categories.Okänt, null);
});

test('applySaved: only the columns the new file has, the saved choices, the sheet shown', () => {
  const saved: ImportMapping = { ...detected, columns: { ...detected.columns, description: 'Kommentar' }, crs: 3007, dateOrder: 'mdy', sheet: 'Gammalt' };
  const m = applySaved(saved, ['Datum', 'Tid', 'Kategori', 'X', 'Y'], 'Blad2');
  assert.deepEqual(m.columns, { date: 'Datum', time: 'Tid', category: 'Kategori', x: 'X', y: 'Y' });
  assert.equal(m.crs, 3007);
  assert.equal(m.dateOrder, 'mdy');
  assert.equal(m.sheet, 'Blad2');
  assert.deepEqual(m.categories, detected.categories);
  assert.equal(applySaved(saved, ['X']).sheet, undefined);
});

test('optionsOf and importForm: the options as JSON before the file; nothing unset is sent', () => {
  assert.deepEqual(optionsOf({ municipalityId: '1489' }), { municipalityId: '1489' });
  const o = optionsOf({ municipalityId: '1489', mapping: detected, sheet: 'Blad2', organisationId: null, skipInvalid: true });
  assert.deepEqual(o, { municipalityId: '1489', mapping: { ...detected, sheet: 'Blad2' }, sheet: 'Blad2', skipInvalid: true });
  const form = importForm(new File(['a;b\n1;2\n'], 'händelser.csv'), o);
  const entries = [...form.entries()];
  assert.deepEqual(entries.map(([k]) => k), ['options', 'file']);
  assert.deepEqual(JSON.parse(entries[0][1] as string), o);
  assert.equal((entries[1][1] as File).name, 'händelser.csv');
});

test('importBlock: invalid rows block unless skipped; a file with no row to import or skip blocks too', () => {
  assert.equal(importBlock({ valid: 10, invalid: 2, alreadyImported: 0, problems: [] }, false), 'invalid');
  assert.equal(importBlock({ valid: 10, invalid: 2, alreadyImported: 0, problems: [] }, true), null);
  assert.equal(importBlock({ valid: 0, invalid: 0, alreadyImported: 0, problems: [] }, false), 'nothing');
  assert.equal(importBlock({ valid: 0, invalid: 3, alreadyImported: 0, problems: [] }, true), 'nothing');
  assert.equal(importBlock({ valid: 5, invalid: 0, alreadyImported: 0, problems: [] }, false), null);
  // All there already: importing again is allowed, and says "0 new, 12 already there".
  assert.equal(importBlock({ valid: 0, invalid: 0, alreadyImported: 12, problems: [] }, false), null);
  assert.equal(importBlock({ valid: 0, invalid: 0, alreadyImported: 0, problems: [{ code: 'crs_unknown', message: '…' }] }, true), 'problems');
});

test('progressOf: rows done of the total while running, full when finished, never past the end', () => {
  assert.deepEqual(progressOf({ status: 'running', rowsDone: 250, rowsTotal: 1000 }), { value: 250, max: 1000, percent: 25 });
  assert.deepEqual(progressOf({ status: 'running', rowsDone: 1200, rowsTotal: 1000 }), { value: 1000, max: 1000, percent: 100 });
  assert.deepEqual(progressOf({ status: 'done', rowsDone: 0, rowsTotal: 0 }), { value: 1, max: 1, percent: 100 });
  assert.equal(progressStep(24), 0);
  assert.equal(progressStep(25), 25);
  assert.equal(progressStep(99), 75);
  assert.equal(progressStep(100), 100);
});

test('pageOf: pages of a list, the page clamped', () => {
  const list = Array.from({ length: 45 }, (_, i) => i);
  assert.deepEqual(pageOf(list, 1, 20).items, list.slice(0, 20));
  assert.deepEqual(pageOf(list, 3, 20), { items: [40, 41, 42, 43, 44], page: 3, pages: 3 });
  assert.equal(pageOf(list, 9, 20).page, 3);
  assert.equal(pageOf(list, 0, 20).page, 1);
  assert.deepEqual(pageOf([], 1, 20), { items: [], page: 1, pages: 1 });
});

test('importPeriod: the Swedish days from the first start to the last end, the end exclusive', () => {
  // 23:30 UTC on 31 December is already 1 January in Sweden; a day-long window ends at midnight.
  assert.deepEqual(importPeriod({ occurredFrom: '2023-12-31T23:30:00Z', occurredTo: '2025-03-04T23:00:00Z' }), { from: '2024-01-01', to: '2025-03-05' });
  assert.deepEqual(importPeriod({ occurredFrom: '2025-06-10T08:00:00Z', occurredTo: '2025-06-10T09:00:00Z' }), { from: '2025-06-10', to: '2025-06-11' });
  assert.equal(importPeriod({ occurredFrom: null, occurredTo: null }), null);
  assert.equal(importPeriod({}), null);
});

test('importHref: the map or table with the import filter and its period, no other filter', () => {
  const id = '0b9f3c1e-7a52-4e21-9d4e-3f6a1c2b8d90';
  const href = importHref('/tabell', { id, occurredFrom: '2025-03-04T20:30:00Z', occurredTo: '2025-03-05T10:00:00Z' });
  const [path, qs] = href.split('?');
  assert.equal(path, '#/tabell');
  const p = new URLSearchParams(qs);
  assert.deepEqual(Object.fromEntries(p), { period: 'custom', from: '2025-03-04', to: '2025-03-06', import: id });
  // Without the span the period in force is kept.
  const keep = new URLSearchParams(importHref('/karta', { id }, new URLSearchParams('period=year&categories=x')).split('?')[1]);
  assert.deepEqual(Object.fromEntries(keep), { period: 'year', import: id });
});

test('fileSize and delimiterKey', () => {
  const n = (x: number, d = 0) => x.toFixed(d);
  assert.equal(fileSize(1_250_000, n), '1.3 MB');
  assert.equal(fileSize(340_400, n), '340 kB');
  assert.equal(fileSize(12, n), '12 B');
  assert.equal(delimiterKey(';'), 'semicolon');
  assert.equal(delimiterKey('\t'), 'tab');
  assert.equal(delimiterKey(null), null);
});

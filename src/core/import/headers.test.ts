import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crsNamedIn, foldKey, recogniseHeaders } from './headers.ts';
import type { ImportField } from './types.ts';

const fieldOf = (headers: string[], field: ImportField) => recogniseHeaders(headers).columns[field];

test('headers are compared folded: case, diacritics, spaces and punctuation do not count', () => {
  assert.equal(foldKey('Händelse-typ'), 'handelsetyp');
  assert.equal(foldKey(' DATUM OCH TID '), 'datumochtid');
  assert.equal(foldKey('Öst'), 'ost');
  for (const h of ['Händelsetyp', 'HÄNDELSETYP', 'händelse typ', 'Handelsetyp', ' Händelse_typ ', 'Kategori', 'KATEGORI', 'Typ', 'Category', 'Type', 'Incident type']) {
    assert.equal(fieldOf([h], 'category'), h, h);
  }
});

test('every field in Swedish and English', () => {
  const cases: Array<[ImportField, string[]]> = [
    ['place', ['Plats', 'Adress', 'Gatuadress', 'Place', 'Address', 'Location', 'Platsnamn']],
    ['description', ['Beskrivning', 'Kommentar', 'Fritext', 'Description', 'Comment', 'Comments', 'Notes', 'Anteckningar']],
    ['organisation', ['Organisation', 'Rapportör', 'Förvaltning', 'Organization', 'Rapporterad av', 'Reported by']],
    ['reportedToPolice', ['Polisanmäld', 'Polisanmält', 'Reported to police', 'Anmäld till polis', 'POLISANMÄLD?']],
    ['externalId', ['Id', 'ID', 'Ärendenummer', 'Ärende', 'Ärendenr', 'Nr', 'Reference', 'Case number', 'Löpnummer']],
    ['dateTime', ['Tidpunkt', 'Datum och tid', 'Date', 'Datetime', 'Date/time', 'Timestamp', 'Datum', 'Tid']],
    ['dateTimeTo', ['Till', 'Tidpunkt till', 'Slut', 'Sluttid', 'End', 'End time']],
  ];
  for (const [field, headers] of cases) {
    for (const h of headers) assert.equal(fieldOf(['Kategori', h], field), h, `${h} → ${field}`);
  }
});

test('date and time in two columns, or one; a lone date or time column holds the whole time', () => {
  for (const [d, t] of [['Datum', 'Tid'], ['Datum', 'Klockslag'], ['Date', 'Time'], ['Datum', 'Kl'], ['DATUM', 'kl.']]) {
    const c = recogniseHeaders([d, t, 'Typ']).columns;
    assert.deepEqual([c.date, c.time, c.dateTime], [d, t, undefined], `${d} + ${t}`);
  }
  assert.deepEqual(recogniseHeaders(['Datum', 'Typ']).columns.dateTime, 'Datum');
  assert.deepEqual(recogniseHeaders(['Tid', 'Typ']).columns.dateTime, 'Tid');
  // A one-column time beside a lone date: the one-column time wins, the date is left over.
  const both = recogniseHeaders(['Tidpunkt', 'Datum', 'Typ']);
  assert.equal(both.columns.dateTime, 'Tidpunkt');
  assert.equal(both.columns.date, undefined);
  assert.deepEqual(both.unmapped, ['Datum']);
  // Date and time beside a one-column time: the two columns win.
  const three = recogniseHeaders(['Tidpunkt', 'Datum', 'Tid']).columns;
  assert.deepEqual([three.date, three.time, three.dateTime], ['Datum', 'Tid', undefined]);
});

test('coordinates as pairs: the first complete pair, lon/lat before east/north before X/Y', () => {
  const pairs: Array<[string, string, string]> = [
    ['Öst', 'Nord', 'projected'], ['E', 'N', 'projected'], ['Easting', 'Northing', 'projected'], ['Ö', 'N', 'projected'],
    ['Lon', 'Lat', 'geographic'], ['Lng', 'Lat', 'geographic'], ['Long', 'Lat', 'geographic'], ['Longitud', 'Latitud', 'geographic'],
    ['Longitude', 'Latitude', 'geographic'], ['X', 'Y', 'xy'], ['x-koordinat', 'y-koordinat', 'xy'],
  ];
  for (const [x, y, kind] of pairs) {
    // In either order in the file.
    for (const headers of [[x, y], [y, x]]) {
      const r = recogniseHeaders(['Datum', ...headers]);
      assert.deepEqual([r.columns.x, r.columns.y, r.coordinateKind], [x, y, kind], headers.join(','));
    }
  }
  // An X without a Y is no pair.
  const lone = recogniseHeaders(['Datum', 'X', 'Nord']);
  assert.equal(lone.columns.x, undefined);
  assert.deepEqual(lone.unmapped, ['X', 'Nord']);
  const both = recogniseHeaders(['X', 'Y', 'Lat', 'Lon']);
  assert.deepEqual([both.columns.x, both.columns.y], ['Lon', 'Lat']);
});

test('a part in brackets is not compared, but may name the coordinate system', () => {
  const r = recogniseHeaders(['Öst (SWEREF 99 12 00)', 'Nord (SWEREF 99 12 00)', 'Datum']);
  assert.deepEqual([r.columns.x, r.columns.y, r.namedCrs], ['Öst (SWEREF 99 12 00)', 'Nord (SWEREF 99 12 00)', 3007]);
  assert.equal(crsNamedIn('E [SWEREF99 TM]'), 3006);
  assert.equal(crsNamedIn('X (EPSG:3010)'), 3010);
  assert.equal(crsNamedIn('lat WGS 84'), 4326);
  assert.equal(crsNamedIn('SWEREF 99 18 45'), 3015);
  assert.equal(crsNamedIn('EPSG:2400'), null);
  assert.equal(crsNamedIn('Öst'), null);
});

test('the first header for a field wins; the others and the unknown ones are unmapped', () => {
  const r = recogniseHeaders(['Id', 'Ärendenummer', 'Kategori', 'Typ', 'Foo', 'Bar baz']);
  assert.equal(r.columns.externalId, 'Id');
  assert.equal(r.columns.category, 'Kategori');
  assert.deepEqual(r.unmapped, ['Ärendenummer', 'Typ', 'Foo', 'Bar baz']);
  assert.deepEqual(recogniseHeaders(['Kolumn1', 'Kolumn2']).columns, {});
});

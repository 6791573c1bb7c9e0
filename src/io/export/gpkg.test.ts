import { test } from 'node:test';
import assert from 'node:assert/strict';
import initSqlJs from 'sql.js';
import type { Incident } from '../../core/incidents/types.ts';
import { sampleIncident } from '../../../test/support/incident.ts';
import { buildGeoPackage, INCIDENT_COLUMNS, stockholmIso } from './gpkg.ts';
import { CSV_COLUMNS } from './incidents.ts';

const incident = (over: Partial<Incident> = {}): Incident => sampleIncident({ description: '-1 i kassan', ...over });

test('Swedish local time with its offset, winter and summer', () => {
  assert.equal(stockholmIso(new Date('2026-12-02T20:02:15Z')), '2026-12-02T21:02:15+01:00');
  assert.equal(stockholmIso(new Date('2026-07-14T22:30:00Z')), '2026-07-15T00:30:00+02:00');
});

test('the incident layer has every column of the machine CSV under its name (the coordinates are the geometry)', () => {
  const names = INCIDENT_COLUMNS.map(([name]) => name);
  const missing = CSV_COLUMNS.map(([name]) => name).filter((n) => !['lon', 'lat', 'e_sweref99tm', 'n_sweref99tm'].includes(n) && !names.includes(n));
  assert.deepEqual(missing, []);
  assert.ok(names.every((n) => /^[a-z_][a-z0-9_]*$/.test(n)), 'plain column names a GIS tool takes as they are');
});

test('the file is a GeoPackage 1.2 by its header and its required tables, the incidents points in SWEREF 99 TM', async () => {
  const { bytes, counts } = await buildGeoPackage({
    incidents: (async function* () { yield [incident(), incident({ id: '7f3c2a1e-0000-4000-8000-000000000002', reportedToPolice: null })]; })(),
    places: [{ id: 'p1', municipalityId: '1489', name: 'Torget', kind: 'torg', description: null, geometry3006: { type: 'Point', coordinates: [354100, 6423600] } }],
    areas: [], measures: null,
    selection: (count) => ({ count, municipalities: [{ id: '1489', name: 'Alingsås' }], exportedBy: 'x', exportedAt: new Date('2026-12-03T08:00:00Z') }),
  });
  assert.deepEqual(counts, { handelser: 2, platser: 1, omraden: 0 }, 'no measures layer for an exporter who may not read measures');
  const header = Buffer.from(bytes.slice(0, 100));
  assert.equal(header.toString('latin1', 0, 16), 'SQLite format 3\0');
  assert.equal(header.readUInt32BE(68), 0x47504b47, 'application_id "GPKG"');
  assert.equal(header.readUInt32BE(60), 10200, 'user_version 1.2');
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  const all = (sql: string) => db.exec(sql)[0]?.values ?? [];
  assert.deepEqual(all('SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id').flat(), [-1, 0, 3006, 4326]);
  assert.match(String(all('SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 3006')[0][0]), /^PROJCS\["SWEREF99 TM".*AUTHORITY\["EPSG","3006"\]\]$/);
  assert.deepEqual(all("SELECT table_name, data_type, srs_id FROM gpkg_contents ORDER BY table_name"),
    [['handelser', 'features', 3006], ['omraden', 'features', 3006], ['platser', 'features', 3006], ['urval', 'attributes', null]]);
  assert.deepEqual(all("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'handelser'")[0], [354000.25, 6423500, 354000.25, 6423500]);
  assert.deepEqual(all("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns ORDER BY 1"), [['handelser', 'POINT'], ['omraden', 'MULTIPOLYGON'], ['platser', 'GEOMETRY']]);
  const row = db.exec("SELECT occurred_from, occurred_from_local, category, description, reported_to_police, hex(geom) FROM handelser ORDER BY fid")[0].values;
  assert.deepEqual(row[0].slice(0, 5), ['2026-12-02T20:02:15.000Z', '2026-12-02T21:02:15+01:00', 'Klotter/graffiti', "'-1 i kassan", 1]);
  assert.equal(row[1][4], null, 'unknown stays unknown');
  assert.match(String(row[0][5]), /^47500001BE0B0000/, 'GeoPackage binary, srs_id 3006');
  assert.deepEqual(all("SELECT uppgift, varde FROM urval WHERE uppgift = 'Antal händelser'"), [['Antal händelser', '2']]);
  db.close();
});

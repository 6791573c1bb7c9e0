/**
 * Setting up municipalities and organisations (issue 13), on both engines: SCB's shipped boundary
 * or a precise one in each kind of CRS, and every refusal leaving the database as it was. The
 * fixture database already holds Alingsås (1489) and Vårgårda (1442); the tests add others.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import proj4 from 'proj4';
import type { MultiPolygon } from 'geojson';
import { DEFAULT_CATEGORIES } from '../core/categories/defaults.ts';
import { SetupRefusal } from '../core/municipalities/setup-refusal.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { FX } from '../../test/support/fixtures.ts';
import { municipalityBoundary } from '../setup/boundaries.ts';
import { addMunicipality, addOrganisation, listDeploymentMunicipalities, listDeploymentOrganisations, MIN_BOUNDARY_OVERLAP } from './municipality-setup.ts';

// Fixtures are SCB's own boundaries reprojected here with proj4 and PostGIS's definitions of the codes.
const DEFS: Record<number, string> = {
  4326: '+proj=longlat +datum=WGS84 +no_defs',
  3006: '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  3007: '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=150000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
};
const geometry = (code: string) => municipalityBoundary(code).geometry3006 as MultiPolygon;
function reprojected(code: string, to: number): MultiPolygon {
  const c = proj4(DEFS[3006], DEFS[to]);
  return { type: 'MultiPolygon', coordinates: geometry(code).coordinates.map((p) => p.map((r) => r.map((pt) => c.forward([pt[0], pt[1]])))) };
}
const named = (epsg: string) => ({ type: 'name', properties: { name: epsg } });
const file = (text: unknown, crs?: string) => ({ text: JSON.stringify(text), file: 'gräns.geojson', crs });

async function refusedWith(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof SetupRefusal, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });
}

for (const engine of testEngines()) {
  describe(`setting up municipalities and organisations on ${engine}`, () => {
    let t: TestDatabase;
    before(async () => { t = await createTestDatabase(engine); });
    after(() => t.drop());

    /** What a refused call must leave as it was. */
    async function state() {
      const r = await t.db.query<{ m: number; c: number; o: number; a: number; g: string }>(
        `SELECT (SELECT count(*) FROM municipalities) AS m, (SELECT count(*) FROM categories) AS c, (SELECT count(*) FROM organisations) AS o,
                (SELECT count(*) FROM audit_log) AS a, (SELECT string_agg(id || ST_AsText(geom), ';' ORDER BY id) FROM municipalities) AS g`);
      return r.rows[0];
    }
    /** How far (metres) the stored boundary is from SCB's, at most. */
    async function deviation(code: string): Promise<number> {
      const r = await t.db.query<{ d: number }>(`SELECT ST_HausdorffDistance(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 3006)) AS d FROM municipalities WHERE id = $1`,
        [code, JSON.stringify(geometry(code))]);
      return r.rows[0].d;
    }

    test('a code creates the municipality from SCB\'s shipped boundary with the default category tree', async () => {
      const m = await addMunicipality(t.db, { code: '1441' });
      assert.deepEqual([m.id, m.name, m.source, m.crs, m.crsFrom], ['1441', 'Lerum', 'scb', 3006, null]);
      assert.equal(m.vertices, geometry('1441').coordinates.flat(2).length);
      assert.equal(m.categories, DEFAULT_CATEGORIES.length);
      assert.ok(m.areaKm2 > 200 && m.areaKm2 < 400, String(m.areaKm2));
      assert.equal(await deviation('1441'), 0);
      const tree = await t.db.query<{ code: string; parent: string | null }>(
        `SELECT c.code, p.code AS parent FROM categories c LEFT JOIN categories p ON p.id = c.parent_id WHERE c.municipality_id = '1441' ORDER BY c.code`);
      assert.deepEqual(tree.rows, DEFAULT_CATEGORIES.map((c) => ({ code: c.code, parent: c.parentCode })).sort((a, b) => a.code.localeCompare(b.code)));
      const audit = await t.db.query<{ action: string; details: { boundary: string } }>(`SELECT action, details FROM audit_log WHERE municipality_id = '1441'`);
      assert.deepEqual(audit.rows.map((a) => [a.action, a.details.boundary]), [['municipality.create', 'scb']]);
      const byName = await addMunicipality(t.db, { code: 'bollebygd' });
      assert.equal(byName.id, '1443');
    });

    test('a precise boundary is taken in WGS 84, SWEREF 99 TM and a local zone, stated or found', async () => {
      const wgs = await addMunicipality(t.db, { code: '1440', boundary: file({ type: 'Feature', properties: {}, geometry: reprojected('1440', 4326) }) });
      assert.deepEqual([wgs.source, wgs.crs, wgs.crsFrom], ['file', 4326, 'coordinates']);
      const tm = await addMunicipality(t.db, { code: '1401', boundary: file({ type: 'FeatureCollection', crs: named('urn:ogc:def:crs:EPSG::3006'), features: [{ type: 'Feature', properties: {}, geometry: geometry('1401') }] }) });
      assert.deepEqual([tm.crs, tm.crsFrom], [3006, 'file']);
      const stated = await addMunicipality(t.db, { code: '1402', boundary: file(reprojected('1402', 3007), 'EPSG:3007') });
      assert.deepEqual([stated.crs, stated.crsFrom], [3007, 'stated']);
      const found = await addMunicipality(t.db, { code: '1407', boundary: file(reprojected('1407', 3007)) });
      assert.deepEqual([found.crs, found.crsFrom], [3007, 'coordinates']);
      // Parts that overlap (here the whole boundary twice, as an export can hold it) make one area.
      const feature = { type: 'Feature', properties: {}, geometry: geometry('1430') };
      const twice = await addMunicipality(t.db, { code: '1430', boundary: file({ type: 'FeatureCollection', features: [feature, feature] }) });
      assert.equal(twice.vertices, geometry('1430').coordinates.flat(2).length);
      for (const code of ['1440', '1401', '1402', '1407', '1430']) assert.ok((await deviation(code)) < 0.01, `${code}: ${await deviation(code)} m`);
      const audit = await t.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE municipality_id = '1402' AND action = 'municipality.create'`);
      assert.deepEqual(audit.rows[0].details, { boundary: 'file', file: 'gräns.geojson', crs: 3007, crsFrom: 'stated', vertices: geometry('1402').coordinates.flat(2).length });
    });

    test('bad input is refused with a message naming what is wrong, and nothing changes', async () => {
      const s0 = await state();
      await refusedWith(addMunicipality(t.db, { code: '1424' }), 'unknown_municipality', /no municipality "1424"[\s\S]*did you mean[\s\S]*1442 Vårgårda[\s\S]*municipality list --available/);
      await refusedWith(addMunicipality(t.db, { code: FX.vargarda }), 'municipality_exists', /Vårgårda \(1442\) is already set up/);
      await refusedWith(addMunicipality(t.db, { code: '1415', boundary: file({ type: 'Point', coordinates: [11.9, 58.1] }) }), 'not_polygon', /a Point, not a Polygon or MultiPolygon/);
      await refusedWith(addMunicipality(t.db, { code: '1415', boundary: file({ ...reprojected('1415', 4326), crs: named('EPSG:3006') }) }), 'crs_mismatch', /"crs" member says SWEREF 99 TM \(EPSG:3006\)[\s\S]*degrees/);
      await refusedWith(addMunicipality(t.db, { code: '1415', boundary: file(geometry('1415'), '4326') }), 'crs_mismatch', /--crs says WGS 84 \(EPSG:4326\)[\s\S]*SWEREF 99 TM metres/);
      // Alingsås's boundary given for Lerum's neighbour Stenungsund: nowhere near.
      await refusedWith(addMunicipality(t.db, { code: '1415', boundary: file(geometry(FX.alingsas)) }), 'no_overlap', /does not overlap Stenungsund \(1415\) at all/);
      // Three municipalities at once given for one of them: it covers Herrljunga but is mostly elsewhere.
      const three: MultiPolygon = { type: 'MultiPolygon', coordinates: ['1466', FX.vargarda, FX.alingsas].flatMap((c) => geometry(c).coordinates) };
      await refusedWith(addMunicipality(t.db, { code: '1466', boundary: file(three) }), 'no_overlap',
        new RegExp(`is not Herrljunga \\(1466\\): only [23]\\d % of it lies within SCB's boundary of Herrljunga, and it covers 100 % of that \\(both must be at least ${MIN_BOUNDARY_OVERLAP * 100} %\\)`));
      const [e, n] = geometry('1415').coordinates[0][0][0];
      const bowTie = { type: 'Polygon', coordinates: [[[e, n], [e + 5000, n + 5000], [e + 5000, n], [e, n + 5000], [e, n]]] };
      await refusedWith(addMunicipality(t.db, { code: '1415', boundary: file(bowTie, '3006') }), 'invalid_geometry', /not a valid polygon: Self-intersection/);
      assert.deepEqual(await state(), s0);
    });

    test('an organisation in one or several municipalities; the first is its home and it works in all of them', async () => {
      const { organisation: police } = await addOrganisation(t.db, { municipalities: ['1489', '1442'], name: '  Polisen LPO Alingsås ', shortName: 'LPO', kind: 'polis' });
      assert.deepEqual({ ...police, id: undefined }, { id: undefined, municipalityId: '1489', municipalities: ['1489', '1442'], name: 'Polisen LPO Alingsås', shortName: 'LPO', kind: 'polis', active: true });
      const { organisation: bolag } = await addOrganisation(t.db, { municipalities: ['Vårgårda'], name: 'Vårgårdabostäder', kind: 'Kommunalt bolag' });
      assert.deepEqual([bolag.municipalityId, bolag.kind], ['1442', 'kommunalt_bolag']);
      const listed = (await listDeploymentOrganisations(t.db)).map((o) => `${o.municipalityId} ${o.name}`);
      assert.ok(listed.includes('1489 Polisen LPO Alingsås') && listed.includes('1442 Vårgårdabostäder'), listed.join('\n'));
      const audit = await t.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE subject_id = $1`, [police.id]);
      assert.deepEqual(audit.rows[0].details, { kind: 'polis', municipalities: ['1489', '1442'] });
    });

    test('an organisation in a municipality the deployment does not have, of an unknown kind, or with a taken name is refused, and nothing changes', async () => {
      const s0 = await state();
      await refusedWith(addOrganisation(t.db, { municipalities: ['1489', '1484'], name: 'X', kind: 'polis' }), 'municipality_not_in_deployment',
        /does not have 1484 \(Lysekil\): add it first with `lagesbild municipality add 1484`[\s\S]*It has[\s\S]*1489 Alingsås/);
      await refusedWith(addOrganisation(t.db, { municipalities: ['9999'], name: 'X', kind: 'polis' }), 'municipality_not_in_deployment', /9999: no such municipality code/);
      await refusedWith(addOrganisation(t.db, { municipalities: [], name: 'X', kind: 'polis' }), 'municipality_not_in_deployment', /at least one municipality/);
      await refusedWith(addOrganisation(t.db, { municipalities: ['1489'], name: 'X', kind: 'skola' }), 'unknown_kind', /unknown organisation kind "skola"; choose one of forvaltning, kommunalt_bolag/);
      await refusedWith(addOrganisation(t.db, { municipalities: ['1489'], name: 'kommunledningskontoret', kind: 'forvaltning' }), 'organisation_exists', /1489 already has an organisation called "Kommunledningskontoret"/);
      await refusedWith(addOrganisation(t.db, { municipalities: ['1489'], name: '   ', kind: 'forvaltning' }), 'bad_name', /1–200 characters/);
      assert.deepEqual(await state(), s0);
    });

    test('the list of the deployment\'s municipalities says what each holds', async () => {
      const all = await listDeploymentMunicipalities(t.db);
      const alingsas = all.find((m) => m.id === FX.alingsas)!;
      assert.equal(alingsas.name, 'Alingsås');
      assert.equal(alingsas.vertices, geometry(FX.alingsas).coordinates.flat(2).length);
      assert.ok(Math.abs(alingsas.areaKm2 - 549) < 1, String(alingsas.areaKm2));
      const users = await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM users WHERE municipality_id = $1`, [FX.alingsas]);
      assert.equal(alingsas.users, users.rows[0].n);
      assert.deepEqual(all.map((m) => m.id), [...all.map((m) => m.id)].sort());
    });
  });
}

/**
 * The XLSX and GeoPackage exports through the API, on both engines: what Excel-style readers
 * (exceljs) and GDAL (ogrinfo, GDAL's GeoPackage validator) make of the files, against the API's own
 * answers for the same filters and the same user; the audit log.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { gdalTools, ogrFeatures, ogrLayers, validateGpkg, type Gdal } from '../../../test/support/gdal.ts';
import { transform } from '../../core/geo/index.ts';
import { listIncidents, listIncidentsAsJson } from '../../db/repositories/incidents.ts';
import { localDate } from '../../core/situation-picture/period.ts';

const DAY = 86_400_000;
const today = localDate(Date.now());
const day = (offset: number) => new Date(Date.parse(today + 'T12:00:00Z') + offset * DAY).toISOString().slice(0, 10);
const PERIOD = { from: day(-28), to: day(-1) };
const [cx, cy] = transform(4326, 3006, POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat);
const [nx, ny] = transform(4326, 3006, POINTS.alingsasNolby.lon, POINTS.alingsasNolby.lat);
const SECRET = 'Spaningsuppgift: bilen med de stulna cyklarna står vid stationen';
const WINTER = new Date('2025-12-02T20:02:15Z');
const SUMMER = new Date('2025-07-14T22:30:00Z');

/** A cluster at the centre in the period (hotspots for the edition), some at Nolby, restricted police reports, two dated ones. */
function world() {
  let s = 11;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const noon = (offset: number) => new Date(Date.parse(day(offset) + 'T12:00:00Z') + Math.floor(rnd() * 6) * 3_600_000);
  const rows: Parameters<typeof insertIncidents>[1] = [];
  for (let k = 0; k < 60; k++) rows.push({ categoryCode: k % 3 ? 'skadegorelse.klotter' : 'nedskrapning', e: cx + rnd() * 200 - 100, n: cy + rnd() * 200 - 100, at: noon(-1 - (k % 28)), org: k % 2 ? 'alingsashem' : 'kommun', placeName: 'Stationen' });
  for (let k = 0; k < 12; k++) rows.push({ categoryCode: 'nedskrapning', e: nx + rnd() * 300, n: ny + rnd() * 300, at: noon(-1 - ((k * 3) % 28)), org: 'bevakning' });
  for (let k = 0; k < 4; k++) rows.push({ categoryCode: 'skadegorelse.klotter', e: cx + 5 * k, n: cy, at: noon(-3), org: 'polisen', visibility: 'restricted' });
  rows.push({ categoryCode: 'skadegorelse.klotter', e: 354000, n: 6423500, at: WINTER, org: 'alingsashem', placeName: '=HYPERLINK("http://x")' });
  rows.push({ categoryCode: 'skadegorelse.klotter', e: 354100, n: 6423600, at: SUMMER, org: 'alingsashem' });
  return rows;
}

for (const engine of testEngines()) {
  describe(`XLSX and GeoPackage exports on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, viewer: Client, reporter: Client;
    let klotter: string;
    let edition: any;
    let dir: string;
    let gdal: Gdal | { skip: string };
    let winterId: string, summerId: string;
    before(async () => {
      gdal = gdalTools();
      dir = mkdtempSync(join(tmpdir(), 'lb-gis-'));
      t = await startTestApp(engine);
      [coord, viewer, reporter] = await Promise.all([t.as('coordinator'), t.as('viewer'), t.as('reporter')]);
      klotter = await categoryId(t, 'skadegorelse.klotter');
      const ids = await insertIncidents(t, world());
      [winterId, summerId] = ids.slice(-2);
      await t.db.query(`UPDATE incidents SET description = $1 WHERE visibility = 'restricted'`, [SECRET]);
      await t.db.query(`UPDATE incidents SET description = 'Klotter på perrongen', reported_to_police = true WHERE id = $1`, [winterId]);
      const place = await coord.post('/api/places', { name: 'Stationen', kind: 'station', geometry: { type: 'Point', coordinates: [POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat] } });
      assert.equal(place.statusCode, 201, place.body);
      const square = await coord.post('/api/places', { name: 'Parken', kind: 'park', geometry: { type: 'Polygon', coordinates: [[[12.515, 57.94], [12.517, 57.94], [12.517, 57.941], [12.515, 57.941], [12.515, 57.94]]] } });
      assert.equal(square.statusCode, 201, square.body);
      const area = await coord.post('/api/areas', {
        kind: 'district', nameProperty: 'namn',
        geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { namn: 'Centrum', deso: '1489C1010' }, geometry: { type: 'Polygon', coordinates: [[[12.525, 57.925], [12.54, 57.925], [12.54, 57.935], [12.525, 57.935], [12.525, 57.925]]] } }] },
      });
      assert.equal(area.statusCode, 201, area.body);
      for (const body of [
        { type: 'belysning', term: 'long', title: 'Belysning vid stationen', organisationId: FX.orgs.kommun, placeId: place.json().id },
        { type: 'vaktrond', term: 'short', title: 'Vakter i centrum', organisationId: FX.orgs.bevakning, areaId: area.json()[0].id },
      ]) { const m = await coord.post('/api/measures', body); assert.equal(m.statusCode, 201, m.body); }
      const created = await coord.post('/api/situation-pictures', PERIOD);
      assert.equal(created.statusCode, 201, created.body);
      edition = created.json();
      assert.ok(edition.content.hotspots.cells.length > 0 && edition.content.hotspots.zones.length > 0, 'the edition has hotspot cells and zones');
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await t.close();
    });

    /** The API's list for the same filters and user: every page. */
    async function listed(c: Client, query: string): Promise<any[]> {
      const res = await c.get(`/api/incidents?${query}&limit=1000`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().nextCursor, null);
      return res.json().items;
    }

    async function download(c: Client, query: string, name: string): Promise<{ file: string; headers: Record<string, unknown> }> {
      const res = await c.get(`/api/incidents/export?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      const file = join(dir, name);
      writeFileSync(file, res.rawPayload);
      return { file, headers: res.headers };
    }

    test('GeoPackage with filters: GDAL opens every layer in SWEREF 99 TM with the API\'s counts, the validator passes it', async (ctx) => {
      if ('skip' in gdal) return ctx.skip(gdal.skip);
      const filters = `from=${PERIOD.from}&to=${day(0)}&categories=${klotter}`;
      const { file, headers } = await download(coord, `format=gpkg&${filters}&edition=${edition.id}`, 'coord.gpkg');
      assert.equal(headers['content-type'], 'application/geopackage+sqlite3');
      assert.match(String(headers['content-disposition']), /attachment; filename="lagesbild-Alingsas-\d{4}-\d{2}-\d{2}\.gpkg"/);
      const api = await listed(coord, filters);
      assert.ok(api.length >= 40 && api.some((i) => i.visibility === 'restricted'), `${api.length} incidents, the restricted ones among them`);
      assert.equal(headers['x-total-count'], String(api.length));

      const layers = new Map(ogrLayers(gdal, file).map((l) => [l.name, l]));
      assert.deepEqual([...layers.keys()].sort(), ['atgarder', 'handelser', 'hotspot_celler', 'omraden', 'platser', 'urval', 'zoner']);
      const places = (await coord.get('/api/places')).json();
      const areas = (await coord.get('/api/areas')).json();
      const measures = (await coord.get('/api/measures')).json().items;
      const expected: Record<string, number> = {
        handelser: api.length, platser: places.length, omraden: areas.length, atgarder: measures.length,
        hotspot_celler: edition.content.hotspots.cells.length, zoner: edition.content.hotspots.zones.length,
      };
      for (const [name, count] of Object.entries(expected)) {
        const l = layers.get(name)!;
        assert.equal(l.count, count, `${name}: feature count`);
        assert.equal(l.epsg, 3006, `${name}: EPSG:3006`);
      }
      assert.ok(places.length === 2 && measures.length === 2 && areas.length >= 1);
      assert.equal(layers.get('handelser')!.geometry, 'Point');
      assert.equal(layers.get('omraden')!.geometry, 'Multi Polygon');
      assert.equal(layers.get('hotspot_celler')!.geometry, 'Polygon');

      const v = validateGpkg(gdal, file);
      assert.equal(v.status, 0, v.output);

      const features = ogrFeatures(file, 'handelser');
      assert.deepEqual(new Set(features.map((f) => f.properties.id)), new Set(api.map((i) => i.id)), 'the same incidents as the API');
      const one = api.find((i) => i.visibility === 'restricted')!;
      const f = features.find((x) => x.properties.id === one.id)!;
      assert.deepEqual(f.geometry!.coordinates, [one.location.e, one.location.n], 'the point in SWEREF 99 TM');
      assert.equal(Date.parse(String(f.properties.occurred_from)), Date.parse(one.occurredFrom), 'GDAL reads the UTC time as a date and time');
      assert.match(String(f.properties.occurred_from_local), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
      assert.equal(Date.parse(String(f.properties.occurred_from_local)), Date.parse(one.occurredFrom), 'the local time names the same instant');
      assert.equal(f.properties.category, 'Klotter/graffiti');
      assert.equal(f.properties.description, SECRET, 'a coordinator reads the restricted report and its text');
      const cells = ogrFeatures(file, 'hotspot_celler');
      const c0 = edition.content.hotspots.cells[0];
      const cell = cells.find((x) => x.properties.cell_id === c0.cellId)!;
      assert.equal(cell.properties.count, c0.count);
      assert.equal(cell.properties.z, c0.z);
      const about = new Map(ogrFeatures(file, 'urval').map((x) => [x.properties.uppgift, x.properties.varde]));
      assert.equal(about.get('Antal händelser'), String(api.length));
      assert.equal(about.get('Kategorier'), 'Klotter/graffiti');
      assert.match(String(about.get('Lägesbild')), new RegExp(`^${edition.title}, version 1 \\(utkast\\)`));
      assert.equal(about.get('Exporterad av'), 'coordinator');

      const audit = await t.db.query<{ details: any; userId: string }>(`SELECT details, user_id AS "userId" FROM audit_log WHERE action = 'incidents.export' ORDER BY id DESC LIMIT 1`);
      assert.equal(audit.rows[0].userId, FX.users.coordinator.id);
      assert.equal(audit.rows[0].details.format, 'gpkg');
      assert.equal(audit.rows[0].details.count, api.length);
      assert.equal(audit.rows[0].details.edition, edition.id);
      assert.deepEqual(audit.rows[0].details.layers, expected);
      assert.equal(audit.rows[0].details.query.categories, klotter);
    });

    test('GeoPackage under each role\'s access rules: a viewer never gets the restricted reports or their text, a reporter only its organisation\'s and no measures', async (ctx) => {
      if ('skip' in gdal) return ctx.skip(gdal.skip);
      const { file } = await download(viewer, 'format=gpkg', 'viewer.gpkg');
      const api = await listed(viewer, '');
      assert.ok(api.length > 0 && api.every((i) => i.visibility === 'normal'));
      const layers = new Map(ogrLayers(gdal, file).map((l) => [l.name, l]));
      assert.equal(layers.get('handelser')!.count, api.length);
      assert.equal(layers.get('atgarder')!.count, (await viewer.get('/api/measures')).json().items.length, 'viewers read measures');
      assert.ok(!layers.has('hotspot_celler'), 'no edition asked for');
      assert.equal(validateGpkg(gdal, file).status, 0);
      const features = ogrFeatures(file, 'handelser');
      assert.ok(features.every((f) => f.properties.visibility === 'normal'));
      const bytes = Buffer.from(await (await import('node:fs/promises')).readFile(file));
      assert.equal(bytes.indexOf(Buffer.from(SECRET)), -1, 'the restricted reports\' free text is nowhere in the file');

      const mine = await download(reporter, 'format=gpkg', 'reporter.gpkg');
      const own = await listed(reporter, '');
      const reporterLayers = new Map(ogrLayers(gdal, mine.file).map((l) => [l.name, l]));
      assert.equal(reporterLayers.get('handelser')!.count, own.length);
      assert.ok(ogrFeatures(mine.file, 'handelser').every((f) => f.properties.organisation_id === FX.orgs.alingsashem));
      assert.equal((await reporter.get('/api/measures')).statusCode, 403);
      assert.ok(!reporterLayers.has('atgarder'), 'a reporter may not read measures: no layer');
      assert.equal(validateGpkg(gdal, mine.file).status, 0);

      assert.equal((await viewer.get(`/api/incidents/export?format=gpkg&edition=${edition.id}`)).statusCode, 404, 'a viewer does not see a draft edition');
      const csvWithEdition = await coord.get(`/api/incidents/export?format=csv&edition=${edition.id}`);
      assert.equal(csvWithEdition.statusCode, 422);
      assert.equal(csvWithEdition.json().error.fields[0].field, 'format');
    });

    test('the exports read the list\'s own pages, as JSON: the same incidents, field for field, for each role', async () => {
      const actors = [
        { userId: FX.users.coordinator.id, organisationId: FX.orgs.kommun, municipalityId: FX.alingsas, municipalities: [FX.alingsas], roles: ['coordinator' as const] },
        { userId: FX.users.viewer.id, organisationId: FX.orgs.kommun, municipalityId: FX.alingsas, municipalities: [FX.alingsas], roles: ['viewer' as const] },
      ];
      for (const actor of actors) {
        const filter = { municipalities: [FX.alingsas], categories: [klotter] };
        let after: { occurredFrom: Date; id: string } | undefined;
        let pages = 0;
        for (;;) {
          const [rows, json] = await Promise.all([listIncidents(t.db, actor, filter, { limit: 7, after }), listIncidentsAsJson(t.db, actor, filter, { limit: 7, after })]);
          assert.deepEqual(json, rows, `${actor.roles[0]}, page ${pages}`);
          pages++;
          if (!rows.hasMore) break;
          after = { occurredFrom: rows.items[6].occurredFrom, id: rows.items[6].id };
        }
        assert.ok(pages > 3, `${pages} pages`);
      }
    });

    test('XLSX: Swedish headers, real dates in Swedish time, numbers, ja/nej, the sheet Urval; logged', async () => {
      const filters = `from=2025-01-01&to=2026-01-01&categories=${klotter}&organisations=${FX.orgs.alingsashem}`;
      const res = await coord.get(`/api/incidents/export?format=xlsx&${filters}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(String(res.headers['content-disposition']), /filename="lagesbild-Alingsas-\d{4}-\d{2}-\d{2}\.xlsx"/);
      const api = await listed(coord, filters);
      assert.equal(api.length, 2, 'the winter and the summer report');
      assert.equal(res.headers['x-total-count'], '2');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('Händelser')!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      assert.deepEqual(headers.slice(0, 10), ['Id', 'Kommunkod', 'Tidpunkt från', 'Tidpunkt till', 'Rapporterad', 'Kategorikod', 'Kategori', 'Organisation', 'Plats', 'Beskrivning']);
      assert.equal(sheet.rowCount, 1 + api.length);
      const col = (h: string) => headers.indexOf(h) + 1;
      const rowOf = (id: string) => { let found: ExcelJS.Row | undefined; sheet.eachRow((r) => { if (r.getCell(1).value === id) found = r; }); return found!; };
      const winter = rowOf(winterId), summer = rowOf(summerId);
      const from = winter.getCell(col('Tidpunkt från'));
      assert.equal(from.type, ExcelJS.ValueType.Date);
      assert.equal((from.value as Date).toISOString(), '2025-12-02T21:02:15.000Z', 'Excel shows 21:02, Swedish winter time');
      assert.equal(from.numFmt, 'yyyy-mm-dd hh:mm');
      assert.equal((summer.getCell(col('Tidpunkt från')).value as Date).toISOString(), '2025-07-15T00:30:00.000Z', 'summer time, across midnight');
      assert.equal(winter.getCell(col('E (SWEREF 99 TM)')).value, 354000);
      assert.equal(winter.getCell(col('Polisanmäld (ja/nej)')).value, 'ja');
      assert.equal(winter.getCell(col('Plats')).value, `'=HYPERLINK("http://x")`, 'guarded as in the CSVs');
      assert.equal(winter.getCell(col('Kategori')).value, 'Klotter/graffiti');
      assert.equal(winter.getCell(col('Organisation')).value, 'Alingsåshem');
      const about = new Map<string, string>();
      wb.getWorksheet('Urval')!.eachRow((r, n) => { if (n > 1) about.set(String(r.getCell(1).value), String(r.getCell(2).value)); });
      assert.equal(about.get('Antal händelser'), '2');
      assert.equal(about.get('Period'), '2025-01-01 – 2025-12-31 (svensk tid)');
      assert.equal(about.get('Kategorier'), 'Klotter/graffiti');
      assert.equal(about.get('Organisationer'), 'Alingsåshem');
      assert.equal(about.get('Kommuner'), 'Alingsås (1489)');
      assert.equal(about.get('Exporterad av'), 'coordinator');
      assert.match(about.get('Exporterad')!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(svensk tid\)$/);
      const audit = await t.db.query<{ details: any }>(`SELECT details FROM audit_log WHERE action = 'incidents.export' ORDER BY id DESC LIMIT 1`);
      assert.equal(audit.rows[0].details.format, 'xlsx');
      assert.equal(audit.rows[0].details.count, 2);
      assert.equal(audit.rows[0].details.query.from, '2025-01-01');
    });
  });
}

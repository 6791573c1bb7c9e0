import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, countRows, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';

/** A square of side 2·d degrees around a point (WGS84 polygon). */
const square = (p: { lon: number; lat: number }, d = 0.003) => ({
  type: 'Polygon',
  coordinates: [[[p.lon - d, p.lat - d], [p.lon + d, p.lat - d], [p.lon + d, p.lat + d], [p.lon - d, p.lat + d], [p.lon - d, p.lat - d]]],
});

for (const engine of testEngines()) {
  describe(`configuration API on ${engine}`, () => {
    let t: TestApp;
    let admin: Client, coord: Client;
    before(async () => {
      t = await startTestApp(engine);
      admin = await t.as('admin');
      coord = await t.as('coordinator');
    });
    after(() => t.close());

    test('organisations: create, rename, refuse duplicates and deleting one in use', async () => {
      const res = await admin.post('/api/organisations', { name: 'Alingsås Energi', kind: 'kommunalt_bolag' });
      assert.equal(res.statusCode, 201, res.body);
      const org = res.json();
      assert.equal(org.municipalityId, FX.alingsas);
      assert.equal((await admin.post('/api/organisations', { name: 'alingsås energi', kind: 'kommunalt_bolag' })).json().error.fields[0].code, 'taken');
      assert.equal((await admin.post('/api/organisations', { name: 'X', kind: 'sekt' })).json().error.fields[0].field, 'kind');
      const renamed = await admin.patch(`/api/organisations/${org.id}`, { shortName: 'AE' });
      assert.equal(renamed.json().shortName, 'AE');
      const inUse = await admin.delete(`/api/organisations/${FX.orgs.alingsashem}`);
      assert.equal(inUse.statusCode, 409);
      assert.equal(inUse.json().error.fields[0].code, 'in_use');
      // An organisation that only a measure refers to is in use too (it was a 500 from the foreign key).
      const owner = (await admin.post('/api/organisations', { name: 'Fastighetsbolaget', kind: 'kommunalt_bolag' })).json();
      const coord = await t.as('coordinator');
      const place = (await coord.post('/api/places', { name: 'Torget', kind: 'torg', geometry: { type: 'Point', coordinates: [POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat] } })).json();
      const measure = await coord.post('/api/measures', { type: 'belysning', term: 'long', title: 'Ny belysning', organisationId: owner.id, placeId: place.id });
      assert.equal(measure.statusCode, 201, measure.body);
      const ownsMeasure = await admin.delete(`/api/organisations/${owner.id}`);
      assert.equal(ownsMeasure.statusCode, 409, ownsMeasure.body);
      assert.equal(ownsMeasure.json().error.fields[0].code, 'in_use');
      assert.equal((await admin.delete(`/api/organisations/${org.id}`)).statusCode, 204);
      assert.equal((await admin.get(`/api/organisations/${org.id}`)).statusCode, 404);
      const list = (await (await t.as('reporter')).get('/api/organisations')).json();
      assert.ok(list.every((o: any) => o.municipalityId === FX.alingsas), 'only the own municipality');
    });

    test('users: create (the user is invited to choose a password, and cannot log in before); bad input named by field', async () => {
      const res = await admin.post('/api/users', { email: 'Ny.Rapportor@Alingsas.test', name: 'Ny Rapportör', organisationId: FX.orgs.alingsashem, roles: ['reporter'] });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().email, 'ny.rapportor@alingsas.test');
      const hash = await t.db.query<{ h: string | null }>('SELECT password_hash AS h FROM users WHERE id = $1', [res.json().id]);
      assert.equal(hash.rows[0].h, null, 'no password until the invitation\'s link sets one (routes/accounts.test.ts)');
      const bad = await admin.post('/api/users', { email: 'ny.rapportor@alingsas.test', name: '', organisationId: FX.orgs.vargardaKommun, roles: ['chef'], password: 'kort' });
      assert.equal(bad.statusCode, 422);
      const fields = new Set(bad.json().error.fields.map((f: any) => f.field));
      for (const f of ['name', 'roles[0]', 'password']) assert.ok(fields.has(f), `${f} in ${[...fields]}`);
      const taken = await admin.post('/api/users', { email: 'ny.rapportor@alingsas.test', name: 'Dubbel', organisationId: FX.orgs.vargardaKommun, roles: ['reporter'] });
      assert.deepEqual(taken.json().error.fields.map((f: any) => f.code).sort(), ['taken', 'unknown_reference']);
      const deactivated = await admin.patch(`/api/users/${res.json().id}`, { active: false });
      assert.equal(deactivated.json().active, false);
    });

    test('categories: add a subcategory, refuse cycles and deleting one in use, deactivate instead', async () => {
      const parent = await categoryId(t, 'skadegorelse');
      const child = await categoryId(t, 'skadegorelse.klotter');
      const res = await coord.post('/api/categories', { parentId: parent, code: 'skadegorelse.stenkastning', nameSv: 'Stenkastning', nameEn: 'Stone throwing', colour: '#aa3377', icon: 'landslide' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((await coord.post('/api/categories', { code: 'skadegorelse.stenkastning', nameSv: 'x', nameEn: 'x', colour: '#aa3377', icon: 'x' })).json().error.fields[0].code, 'taken');
      assert.equal((await coord.post('/api/categories', { code: 'Fel Kod', nameSv: 'x', nameEn: 'x', colour: 'red', icon: 'x' })).json().error.fields.length, 2);
      const cycle = await coord.patch(`/api/categories/${parent}`, { parentId: child });
      assert.equal(cycle.json().error.fields[0].code, 'cycle');
      const rep = await t.as('reporter');
      await rep.post('/api/incidents', { categoryId: child, occurredAt: new Date(Date.now() - 60_000).toISOString(), location: POINTS.alingsasCentrum });
      assert.equal((await coord.delete(`/api/categories/${child}`)).statusCode, 409);
      const off = await coord.patch(`/api/categories/${child}`, { active: false, colour: '#000000' });
      assert.equal(off.json().active, false);
      const refused = await rep.post('/api/incidents', { categoryId: child, occurredAt: new Date(Date.now() - 60_000).toISOString(), location: POINTS.alingsasCentrum });
      assert.equal(refused.json().error.fields[0].code, 'inactive_category');
      assert.equal((await coord.delete(`/api/categories/${res.json().id}`)).statusCode, 204);
    });

    test('areas: a GeoJSON FeatureCollection is stored whole, in EPSG:3006, and filters incidents', async () => {
      const fc = {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { namn: 'Centrum', kod: 'C1' }, geometry: square(POINTS.alingsasCentrum) },
          { type: 'Feature', properties: { namn: 'Nolby' }, geometry: square(POINTS.alingsasNolby) },
        ],
      };
      const res = await coord.post('/api/areas', { kind: 'district', geojson: fc });
      assert.equal(res.statusCode, 201, res.body);
      const areas = res.json();
      assert.deepEqual(areas.map((a: any) => a.name), ['Centrum', 'Nolby']);
      assert.equal(areas[0].code, 'C1');
      assert.ok(areas[0].areaKm2 > 0.2 && areas[0].areaKm2 < 0.3, `area ${areas[0].areaKm2}`);
      const srid = await t.db.query<{ s: number }>('SELECT DISTINCT ST_SRID(geom) AS s FROM areas');
      assert.deepEqual(srid.rows.map((r) => r.s), [3006]);
      const inCentrum = (await coord.get(`/api/incidents?area=${areas[0].id}&limit=1000`)).json().items as any[];
      assert.ok(inCentrum.length >= 1);
      const inNolby = (await coord.get(`/api/incidents?area=${areas[1].id}&limit=1000`)).json().items as any[];
      assert.ok(inCentrum.every((i) => !inNolby.some((j) => j.id === i.id)));
    });

    test('areas in SWEREF 99 TM with a crs member (as QGIS writes them) are accepted', async () => {
      const e = 353600, n = 6423600;
      const fc = {
        type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } },
        features: [{ type: 'Feature', properties: { name: 'Ruta' }, geometry: { type: 'Polygon', coordinates: [[[e, n], [e + 500, n], [e + 500, n + 500], [e, n + 500], [e, n]]] } }],
      };
      const res = await coord.post('/api/areas', { kind: 'area_group', geojson: fc });
      assert.equal(res.statusCode, 201, res.body);
      assert.ok(Math.abs(res.json()[0].areaKm2 - 0.25) < 0.001);
    });

    test('a bad feature rejects the whole upload, naming the feature; nothing is stored', async () => {
      const before = await countRows(t, 'areas');
      const bowtie = { type: 'Polygon', coordinates: [[[12.52, 57.92], [12.54, 57.94], [12.54, 57.92], [12.52, 57.94], [12.52, 57.92]]] };
      const fc = {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { name: 'OK' }, geometry: square(POINTS.alingsasCentrum) },
          { type: 'Feature', properties: { name: 'Fluga' }, geometry: bowtie },
          { type: 'Feature', properties: { name: 'Göteborg' }, geometry: square(POINTS.goteborg) },
          { type: 'Feature', properties: { name: 'Punkt' }, geometry: { type: 'Point', coordinates: [12.53, 57.93] } },
          { type: 'Feature', properties: { name: 'Tom' }, geometry: null },
          { type: 'Feature', properties: { name: 'Trasig' }, geometry: { type: 'Polygon', coordinates: [[[12.5, 57.9]]] } },
        ],
      };
      const res = await coord.post('/api/areas', { kind: 'district', geojson: fc });
      assert.equal(res.statusCode, 422);
      const fields = res.json().error.fields.map((f: any) => [f.field, f.code]);
      assert.deepEqual(fields, [
        ['geojson.features[1].geometry', 'invalid_geometry'],
        ['geojson.features[2].geometry', 'outside_municipality'],
        ['geojson.features[3].geometry', 'invalid_geometry'],
        ['geojson.features[4].geometry', 'required'],
        ['geojson.features[5].geometry', 'invalid_geometry'],
      ]);
      // PostGIS's reason in words, where it found it; never its English text.
      assert.match(res.json().error.fields[0].message, /^Geometri \(objekt 2\): geometrin är ogiltig: gränsen korsar sig själv/);
      assert.doesNotMatch(res.json().error.fields[0].message, /Self-intersection/);
      assert.equal(await countRows(t, 'areas'), before);
      const crs = await coord.post('/api/areas', { kind: 'district', geojson: { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:2400' } }, features: [] } });
      assert.equal(crs.json().error.fields[0].code, 'unsupported_crs');
    });

    test('places: create a point or polygon, search by name, refuse bad geometry', async () => {
      const res = await coord.post('/api/places', { name: 'Resecentrum', kind: 'station', geometry: { type: 'Point', coordinates: [12.5335, 57.9290] } });
      assert.equal(res.statusCode, 201, res.body);
      await coord.post('/api/places', { name: 'Nolhagaparken', geometry: square(POINTS.alingsasNolby, 0.001) });
      const found = (await (await t.as('reporter')).get('/api/places?q=rese')).json();
      assert.deepEqual(found.map((p: any) => p.name), ['Resecentrum']);
      const line = await coord.post('/api/places', { name: 'Gata', geometry: { type: 'LineString', coordinates: [[12.5, 57.9], [12.51, 57.91]] } });
      assert.equal(line.json().error.fields[0].code, 'invalid_geometry');
      const far = await coord.post('/api/places', { name: 'Långt bort', geometry: { type: 'Point', coordinates: [18.07, 59.33] } });
      assert.equal(far.json().error.fields[0].code, 'outside_municipality');
      const rep = await t.as('reporter');
      assert.equal((await rep.post('/api/places', { name: 'X', geometry: { type: 'Point', coordinates: [12.53, 57.93] } })).statusCode, 403);
      const withPlace = await rep.post('/api/incidents', { categoryId: await categoryId(t, 'nedskrapning'), occurredAt: new Date(Date.now() - 60_000).toISOString(), location: POINTS.alingsasCentrum, placeId: res.json().id });
      assert.equal(withPlace.json().placeId, res.json().id);
      assert.equal((await coord.delete(`/api/places/${res.json().id}`)).statusCode, 409);
    });

    test('municipalities come with their boundary in WGS84 for the offline map', async () => {
      const res = await (await t.as('police')).get('/api/municipalities');
      const ms = res.json();
      assert.deepEqual(ms.map((m: any) => m.id).sort(), [FX.vargarda, FX.alingsas].sort());
      assert.equal(ms[0].geometry.type, 'MultiPolygon');
    });

    test('the OpenAPI document lists the routes and the docs page is served', async () => {
      const doc = (await t.anonymous().get('/openapi.json')).json();
      assert.equal(doc.info.title, 'Lägesbild API');
      for (const p of ['/api/incidents', '/api/incidents/{id}', '/api/incidents/{id}/history', '/api/auth/login', '/api/areas', '/health']) assert.ok(doc.paths[p], p);
      assert.ok(doc.paths['/api/incidents'].post.requestBody);
      const docs = await t.anonymous().get('/docs/');
      assert.equal(docs.statusCode, 200);
      const health = (await t.anonymous().get('/health')).json();
      assert.equal(health.engine, engine);
      assert.equal(health.schemaVersion, health.expectedSchemaVersion);
      assert.ok(health.process.rssMB > 10 && health.process.heapUsedMB > 1, JSON.stringify(health.process));
      assert.ok(health.process.eventLoop.maxSinceStartMs >= health.process.eventLoop.p50Ms);
    });
  });
}

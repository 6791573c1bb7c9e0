/**
 * The OGC API – Features under /ogc and the personal API tokens (issue 17 items 1–5), through HTTP
 * on both engines: the documents, the collections each role sees, counts equal to the incident
 * list's for the same filters, keyset pages that go through everything forwards and back, both
 * coordinate systems, the exceptions for bad input, ETags, and tokens — shown once, stored hashed,
 * read only, limited to their municipalities, audited, and refused once revoked or expired.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { addGisLayers } from '../../../test/support/gis-layers.ts';
import { transform } from '../../core/geo/index.ts';
import { CRS84, EPSG_3006 } from '../../core/ogc/crs.ts';
import { setUserGrants } from '../../db/repositories/users.ts';
import { localDate } from '../../core/situation-picture/period.ts';

const DAY = 86_400_000;
const today = localDate(Date.now());
const day = (offset: number) => new Date(Date.parse(today + 'T12:00:00Z') + offset * DAY).toISOString().slice(0, 10);
const PERIOD = { from: day(-28), to: day(-1) };
const [cx, cy] = transform(4326, 3006, POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat);
const [nx, ny] = transform(4326, 3006, POINTS.alingsasNolby.lon, POINTS.alingsasNolby.lat);
const [vx, vy] = transform(4326, 3006, POINTS.vargardaCentrum.lon, POINTS.vargardaCentrum.lat);

function world() {
  let s = 7;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const at = (k: number) => new Date(Date.parse(day(-1 - (k % 28)) + 'T08:00:00Z') + Math.floor(rnd() * 8) * 3_600_000);
  const rows: Parameters<typeof insertIncidents>[1] = [];
  for (let k = 0; k < 50; k++) rows.push({ categoryCode: k % 3 ? 'skadegorelse.klotter' : 'nedskrapning', e: cx + rnd() * 200 - 100, n: cy + rnd() * 200 - 100, at: at(k), org: k % 2 ? 'alingsashem' : 'kommun', placeName: 'Stationen' });
  for (let k = 0; k < 12; k++) rows.push({ categoryCode: 'nedskrapning', e: nx + rnd() * 300, n: ny + rnd() * 300, at: at(k * 3), org: 'bevakning' });
  for (let k = 0; k < 4; k++) rows.push({ categoryCode: 'skadegorelse.klotter', e: cx + 5 * k, n: cy, at: at(2), org: 'polisen', visibility: 'restricted' });
  // Two at the very same time: the order must still be total (the id breaks the tie).
  const same = new Date(Date.parse(day(-5) + 'T10:00:00Z'));
  rows.push({ categoryCode: 'nedskrapning', e: cx, n: cy, at: same, org: 'kommun' }, { categoryCode: 'nedskrapning', e: cx + 1, n: cy, at: same, org: 'kommun' });
  return rows;
}

for (const engine of testEngines({ citus: true })) {
  describe(`OGC API – Features on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, viewer: Client, reporter: Client, anon: Client;
    let klotter: string;
    let edition: { id: string };
    let areaId: string;
    before(async () => {
      t = await startTestApp(engine);
      [coord, viewer, reporter] = await Promise.all([t.as('coordinator'), t.as('viewer'), t.as('reporter')]);
      anon = t.anonymous();
      klotter = await categoryId(t, 'skadegorelse.klotter');
      await insertIncidents(t, world());
      await t.db.query(`UPDATE incidents SET review_status = 'reviewed' WHERE organisation_id = $1`, [FX.orgs.kommun]);
      areaId = (await addGisLayers(coord)).areaId;
      const created = await coord.post('/api/situation-pictures', PERIOD);
      assert.equal(created.statusCode, 201, created.body);
      const published = await coord.post(`/api/situation-pictures/${created.json().id}/publish`, { rowVersion: created.json().rowVersion });
      assert.equal(published.statusCode, 200, published.body);
      edition = published.json();
      await t.db.query(
        `INSERT INTO police_events (municipality_id, id, published_at, type, name, summary, url, location_name)
         SELECT '1489', 9000 + k, now() - k * interval '1 day', CASE WHEN k % 2 = 0 THEN 'Skadegörelse' ELSE 'Stöld' END, 'Händelse ' || k, 'Sammanfattning', NULL, 'Alingsås'
           FROM generate_series(1, 9) k`);
    });
    after(() => t.close());

    /** Every incident the API's list gives for a query, across its pages. */
    async function listed(c: Client, query: string): Promise<Array<{ id: string; location: { e: number; n: number; lon: number; lat: number } }>> {
      const out = [];
      let cursor: string | null = null;
      do {
        const res = await c.get(`/api/incidents?${query}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        out.push(...res.json().items);
        cursor = res.json().nextCursor;
      } while (cursor);
      return out;
    }

    async function items(c: Client, url: string, headers?: Record<string, string>) {
      const res = await c.get(url, headers);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^application\/geo\+json/);
      return res;
    }

    test('the landing page, conformance and the OpenAPI document with each collection\'s declared filters', async () => {
      const landing = await anon.get('/ogc');
      assert.equal(landing.statusCode, 200, landing.body);
      const rels = landing.json().links.map((l: { rel: string }) => l.rel);
      for (const rel of ['self', 'service-desc', 'service-doc', 'conformance', 'data']) assert.ok(rels.includes(rel), rel);
      assert.equal((await anon.get('/ogc/')).statusCode, 200, 'with a slash too (OWSLib joins paths to it)');
      const conf = (await anon.get('/ogc/conformance')).json().conformsTo;
      for (const c of ['core', 'geojson', 'oas30']) assert.ok(conf.includes(`http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`), c);
      assert.ok(conf.includes('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs'));
      assert.equal((await anon.get('/ogc/api')).statusCode, 401, 'the document lists what the caller may read: not for anyone');
      const api = await coord.get('/ogc/api');
      assert.match(String(api.headers['content-type']), /^application\/vnd\.oai\.openapi\+json;version=3\.0/);
      const params = api.json().paths['/collections/incidents/items'].get.parameters.map((p: { name: string }) => p.name);
      for (const p of ['limit', 'bbox', 'bbox-crs', 'crs', 'datetime', 'municipalityId', 'categoryCode', 'organisationId', 'reviewStatus', 'areaId']) assert.ok(params.includes(p), p);
      const limit = api.json().paths['/collections/incidents/items'].get.parameters.find((p: { name: string }) => p.name === 'limit');
      assert.deepEqual([limit.schema.default, limit.schema.maximum], [100, 1000]);
      const docs = await coord.get('/ogc/docs');
      assert.match(String(docs.headers['content-type']), /^text\/html/);
    });

    test('the collections follow the caller\'s rights: measures not for reporters, the published edition\'s hotspots for all', async () => {
      const ids = (c: Client) => c.get('/ogc/collections').then((r) => { assert.equal(r.statusCode, 200, r.body); return r.json().collections.map((x: { id: string }) => x.id); });
      const forCoord = await ids(coord);
      for (const id of ['incidents', 'police-events', 'places', 'areas', 'measures', `edition-${edition.id}-hotspots`, `edition-${edition.id}-zones`]) assert.ok(forCoord.includes(id), id);
      const forReporter = await ids(reporter);
      assert.ok(!forReporter.includes('measures') && forReporter.includes('incidents'));
      assert.equal((await reporter.get('/ogc/collections/measures/items')).statusCode, 404);
      const c = (await coord.get('/ogc/collections/incidents')).json();
      assert.equal(c.storageCrs, EPSG_3006);
      assert.deepEqual(c.crs, [CRS84, EPSG_3006]);
      assert.equal(c.extent.spatial.bbox.length, 2, 'the extent in CRS84 and in EPSG:3006');
      assert.ok(c.extent.spatial.bbox[0][0] > 11 && c.extent.spatial.bbox[0][0] < 13 && c.extent.spatial.bbox[1][0] > 300_000);
      const first = (await listed(coord, '')).map((i: any) => i.occurredFrom).sort()[0];
      assert.deepEqual(c.extent.temporal.interval, [[first, null]], 'from the first incident, open at the end (they keep coming)');
      assert.ok(c.links.some((l: { rel: string }) => l.rel === 'items'));
      const q = (await coord.get('/ogc/collections/incidents/queryables')).json();
      assert.deepEqual(Object.keys(q.properties).sort(), ['areaId', 'categoryCode', 'municipalityId', 'organisationId', 'reviewStatus']);
    });

    test('numberMatched equals the incident list for the same filters and the same user, for each role', async () => {
      const from = `${day(-20)}T00:00:00Z`, to = `${day(-3)}T00:00:00Z`;
      const cases: Array<[string, string]> = [
        ['', ''],
        [`categoryCode=skadegorelse`, `categories=${await categoryId(t, 'skadegorelse')}`],
        [`categoryCode=skadegorelse.klotter&reviewStatus=reviewed`, `categories=${klotter}&reviewStatus=reviewed`],
        [`organisationId=${FX.orgs.alingsashem}`, `organisations=${FX.orgs.alingsashem}`],
        [`areaId=${areaId}`, `area=${areaId}`],
        [`datetime=${from}/${to}`, `from=${from}&to=${to}`],
        [`bbox=12.52,57.92,12.54,57.935`, `bbox=12.52,57.92,12.54,57.935`],
      ];
      for (const c of [coord, viewer, reporter]) {
        for (const [ogc, api] of cases) {
          const expected = await listed(c, api);
          const page = (await items(c, `/ogc/collections/incidents/items?limit=1000${ogc ? `&${ogc}` : ''}`)).json();
          assert.equal(page.numberMatched, expected.length, `${ogc}: numberMatched`);
          assert.deepEqual(page.features.map((f: { id: string }) => f.id).sort(), expected.map((i) => i.id).sort(), `${ogc}: the same incidents`);
        }
      }
      const all = (await items(coord, '/ogc/collections/incidents/items?limit=1000')).json();
      assert.ok(all.features.some((f: any) => f.properties.visibility === 'restricted'), 'the coordinator sees the restricted reports');
      const forViewer = (await items(viewer, '/ogc/collections/incidents/items?limit=1000')).json();
      assert.ok(!forViewer.features.some((f: any) => f.properties.visibility === 'restricted'), 'the viewer does not');
      assert.ok(!('reporterId' in all.features[0].properties), 'who reported stays in the app');
    });

    test('next and prev links page through everything in a stable order, forwards and back', async () => {
      const all = (await items(coord, '/ogc/collections/incidents/items?limit=1000')).json().features.map((f: { id: string }) => f.id);
      const pages: string[][] = [];
      let url: string | undefined = '/ogc/collections/incidents/items?limit=7&categoryCode=nedskrapning,skadegorelse';
      let last: any;
      while (url) {
        last = (await items(coord, url)).json();
        assert.equal(last.numberReturned, last.features.length);
        assert.ok(last.timeStamp && last.links.some((l: { rel: string }) => l.rel === 'self'));
        pages.push(last.features.map((f: { id: string }) => f.id));
        const next = last.links.find((l: { rel: string }) => l.rel === 'next');
        url = next ? new URL(next.href).pathname + new URL(next.href).search : undefined;
      }
      assert.deepEqual(pages.flat(), all, 'every incident once, in the list\'s order');
      assert.ok(pages.length >= 10);
      const back: string[][] = [pages[pages.length - 1]];
      for (;;) {
        const prev = last.links.find((l: { rel: string }) => l.rel === 'prev');
        if (!prev) break;
        last = (await items(coord, new URL(prev.href).pathname + new URL(prev.href).search)).json();
        back.unshift(last.features.map((f: { id: string }) => f.id));
      }
      assert.deepEqual(back, pages, 'prev leads back through the same pages');
      // The small collections page the same way.
      const cells = (await items(coord, `/ogc/collections/edition-${edition.id}-hotspots/items?limit=1000`)).json();
      const cellPages: string[] = [];
      let cellUrl: string | undefined = `/ogc/collections/edition-${edition.id}-hotspots/items?limit=3`;
      while (cellUrl) {
        const p: { features: Array<{ id: string }>; links: Array<{ rel: string; href: string }> } = (await items(coord, cellUrl)).json();
        cellPages.push(...p.features.map((f: { id: string }) => f.id));
        const next: { href: string } | undefined = p.links.find((l: { rel: string }) => l.rel === 'next');
        cellUrl = next ? new URL(next.href).pathname + new URL(next.href).search : undefined;
      }
      assert.deepEqual(cellPages, cells.features.map((f: { id: string }) => f.id));
      assert.ok(cells.features.length > 3 && cells.features[0].geometry.type === 'Polygon');
    });

    test('CRS84 by default, SWEREF 99 TM on request (Content-Crs says which); bbox in either', async () => {
      const api = await listed(coord, '');
      const byId = new Map(api.map((i) => [i.id, i]));
      const wgs = await items(coord, '/ogc/collections/incidents/items?limit=5');
      assert.equal(wgs.headers['content-crs'], `<${CRS84}>`);
      for (const f of wgs.json().features) assert.deepEqual(f.geometry.coordinates, [byId.get(f.id)!.location.lon, byId.get(f.id)!.location.lat]);
      const sweref = await items(coord, `/ogc/collections/incidents/items?limit=5&crs=${encodeURIComponent(EPSG_3006)}`);
      assert.equal(sweref.headers['content-crs'], `<${EPSG_3006}>`);
      for (const f of sweref.json().features) assert.deepEqual(f.geometry.coordinates, [byId.get(f.id)!.location.e, byId.get(f.id)!.location.n]);
      const box = [nx - 50, ny - 50, nx + 400, ny + 400];
      const inBox = api.filter((i) => i.location.e >= box[0] && i.location.e <= box[2] && i.location.n >= box[1] && i.location.n <= box[3]);
      const page = (await items(coord, `/ogc/collections/incidents/items?limit=1000&bbox=${box.join(',')}&bbox-crs=${encodeURIComponent(EPSG_3006)}`)).json();
      assert.equal(page.numberMatched, inBox.length);
      assert.ok(inBox.length >= 12);
      const area = (await items(coord, `/ogc/collections/areas/items?crs=${encodeURIComponent(EPSG_3006)}`)).json().features[0];
      assert.equal(area.geometry.type, 'MultiPolygon');
      assert.ok(area.geometry.coordinates[0][0][0][0] > 300_000, 'the area in metres');
      const one = (await coord.get(`/ogc/collections/incidents/items/${api[0].id}?crs=${encodeURIComponent(EPSG_3006)}`));
      assert.equal(one.statusCode, 200, one.body);
      assert.deepEqual(one.json().geometry.coordinates, [api[0].location.e, api[0].location.n]);
    });

    test('police events are municipality-level: no geometry; measures lie at their place', async () => {
      const page = (await items(coord, '/ogc/collections/police-events/items?type=Stöld')).json();
      assert.equal(page.numberMatched, 5);
      assert.ok(page.features.every((f: any) => f.geometry === null && f.properties.municipalityId === FX.alingsas));
      const recent = (await items(coord, `/ogc/collections/police-events/items?datetime=${new Date(Date.now() - 3.5 * DAY).toISOString()}/..`)).json();
      assert.equal(recent.numberMatched, 3);
      const measure = (await items(coord, '/ogc/collections/measures/items')).json().features[0];
      assert.equal(measure.geometry.type, 'Point');
      assert.equal(measure.properties.placeName, 'Stationen');
      assert.ok(!('responsiblePerson' in measure.properties) && !('notes' in measure.properties));
    });

    test('bad input: an exception naming the parameter; unknown collection or feature 404', async () => {
      const cases: Array<[string, string, number]> = [
        ['bbox=1,2,3', 'bbox', 400], ['bbox=13,57,12,58', 'bbox', 400], ['bbox=12,57,200,58', 'bbox', 400], ['bbox=a,b,c,d', 'bbox', 400],
        ['crs=EPSG:4326x', 'crs', 400], ['bbox=1,2,3,4&bbox-crs=urn:nope', 'bbox-crs', 400],
        ['datetime=yesterday', 'datetime', 400], ['datetime=2026-03-01T00:00:00Z/2026-02-01T00:00:00Z', 'datetime', 400],
        ['limit=0', 'limit', 400], ['limit=1001', 'limit', 400], ['limit=ten', 'limit', 400],
        ['colour=red', 'colour', 400], ['reviewStatus=maybe', 'reviewStatus', 400], ['organisationId=nope', 'organisationId', 400],
        ['cursor=zzz', 'cursor', 400], ['cursor=a2026_x', 'cursor', 400],
      ];
      for (const [query, parameter, status] of cases) {
        const res = await coord.get(`/ogc/collections/incidents/items?${query}`, { 'accept-language': 'en' });
        assert.equal(res.statusCode, status, `${query}: ${res.body}`);
        assert.equal(res.json().code, 'InvalidParameterValue', query);
        assert.equal(res.json().parameter, parameter, query);
        assert.ok(res.json().description.startsWith(`${parameter}:`), `${query}: ${res.json().description}`);
      }
      const sv = await coord.get('/ogc/collections/incidents/items?limit=0');
      assert.match(sv.json().description, /^limit: ange ett heltal/);
      assert.equal((await coord.get('/ogc/collections/police-events/items?categoryCode=x')).statusCode, 400, 'a filter another collection declares');
      assert.equal((await coord.get('/ogc/collections/places/items?datetime=2026-01-01T00:00:00Z')).statusCode, 400, 'places have no time');
      for (const url of ['/ogc/collections/nope', '/ogc/collections/nope/items', `/ogc/collections/incidents/items/${crypto.randomUUID()}`, '/ogc/collections/incidents/items/x', '/ogc/nowhere']) {
        const res = await coord.get(url);
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.json().code, 'NotFound', url);
      }
      const none = await anon.get('/ogc/collections/incidents/items');
      assert.equal(none.statusCode, 401);
      assert.match(String(none.headers['www-authenticate']), /Basic/);
      assert.equal(none.json().code, 'Unauthorized');
    });

    test('ETag and Cache-Control: polling an unchanged page gets 304; a change gives a new ETag', async () => {
      const url = '/ogc/collections/incidents/items?limit=5';
      const first = await items(coord, url);
      assert.match(String(first.headers['cache-control']), /private/);
      const etag = String(first.headers.etag);
      const again = await coord.get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      await insertIncidents(t, [{ categoryCode: 'nedskrapning', e: cx, n: cy, at: new Date(), org: 'kommun' }]);
      const changed = await coord.get(url, { 'if-none-match': etag });
      assert.equal(changed.statusCode, 200);
      assert.notEqual(changed.headers.etag, etag);
      const col = await coord.get('/ogc/collections');
      assert.equal((await coord.get('/ogc/collections', { 'if-none-match': String(col.headers.etag) })).statusCode, 304);
    });

    describe('API tokens', () => {
      test('made, shown once, stored hashed, listed with last use, read /ogc with Bearer or Basic, audited', async () => {
        const made = await viewer.post('/api/me/tokens', { name: 'QGIS på GIS-enheten', expiresInDays: 30 });
        assert.equal(made.statusCode, 201, made.body);
        assert.deepEqual(Object.keys(made.json()).sort(), ['id', 'token']);
        assert.equal(made.headers['cache-control'], 'no-store');
        const { id, token } = made.json();
        const stored = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [id]);
        assert.notEqual(stored.rows[0].token_hash, token);
        assert.ok(!stored.rows[0].token_hash.includes(token));
        const listed0 = (await viewer.get('/api/me/tokens')).json().items;
        assert.equal(listed0.length, 1);
        assert.equal(listed0[0].status, 'active');
        assert.equal(listed0[0].lastUsedAt, null);
        assert.ok(!JSON.stringify(listed0).includes(token), 'the token is never shown again');

        const logged = async () => Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0].n);
        const before = await logged();
        const bearer = await anon.get('/ogc/collections/incidents/items?limit=1000&reviewStatus=new', { authorization: `Bearer ${token}` });
        assert.equal(await logged(), before + 1, 'a page of features is one entry in the audit log, not one per layer it passes');
        assert.equal(bearer.statusCode, 200, bearer.body);
        const asViewer = (await items(viewer, '/ogc/collections/incidents/items?limit=1000&reviewStatus=new')).json();
        assert.equal(bearer.json().numberMatched, asViewer.numberMatched, 'the token reads as its user');
        const basic = await anon.get('/ogc/collections', { authorization: `Basic ${Buffer.from(`gis:${token}`).toString('base64')}` });
        assert.equal(basic.statusCode, 200, basic.body);
        const used = (await viewer.get('/api/me/tokens')).json().items[0];
        assert.ok(used.lastUsedAt, 'last use is recorded');
        const audit = await t.db.query<{ details: any }>(`SELECT details FROM audit_log WHERE action = 'ogc.read' AND details->>'tokenId' = $1`, [id]);
        assert.equal(audit.rows.length, 1, 'one entry per read of features');
        assert.deepEqual([audit.rows[0].details.collection, audit.rows[0].details.query.reviewStatus, audit.rows[0].details.count], ['incidents', 'new', asViewer.numberReturned]);
        const makes = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'apiToken.create' AND subject_id = $1`, [id]);
        assert.equal(makes.rows.length, 1);
      });

      test('a token never writes, and counts nowhere but /ogc', async () => {
        const { token } = (await coord.post('/api/me/tokens', { name: 'FME', expiresInDays: 1 })).json();
        const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
        const write = await anon.post('/api/incidents', { categoryId: klotter, location: POINTS.alingsasCentrum }, { authorization: `Bearer ${token}` });
        assert.equal(write.statusCode, 401, write.body);
        const withFakeCsrf = await anon.post('/api/incidents', { categoryId: klotter, location: POINTS.alingsasCentrum }, { authorization: `Bearer ${token}`, 'x-csrf-token': '' });
        assert.equal(withFakeCsrf.statusCode, 401);
        const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
        assert.equal(after.rows[0].n, before.rows[0].n, 'nothing was written');
        assert.equal((await anon.get('/api/incidents', { authorization: `Bearer ${token}` })).statusCode, 401, 'not the app\'s API');
        assert.equal((await anon.post('/api/me/tokens', { name: 'x', expiresInDays: 1 }, { authorization: `Bearer ${token}` })).statusCode, 401, 'no token makes tokens');
        const postOgc = await t.app.inject({ method: 'POST', url: '/ogc/collections', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{}' });
        assert.equal(postOgc.statusCode, 403);
      });

      test('revoked, expired or wrong: 401 and no data; revoking is the owner\'s alone', async () => {
        const { id, token } = (await coord.post('/api/me/tokens', { name: 'ArcGIS', expiresInDays: 7 })).json();
        const url = '/ogc/collections/incidents/items';
        assert.equal((await anon.get(url, { authorization: `Bearer ${token}` })).statusCode, 200);
        assert.equal((await viewer.delete(`/api/me/tokens/${id}`)).statusCode, 404, 'another user\'s token');
        assert.equal((await coord.delete(`/api/me/tokens/${id}`)).statusCode, 204);
        for (const auth of [`Bearer ${token}`, `Basic ${Buffer.from(`x:${token}`).toString('base64')}`]) {
          const res = await anon.get(url, { authorization: auth });
          assert.equal(res.statusCode, 401);
          assert.ok(!('features' in res.json()));
        }
        // Beside a session cookie too: the token decides.
        assert.equal((await coord.get(url, { authorization: `Bearer ${token}` })).statusCode, 401);
        assert.equal((await coord.get('/api/me/tokens')).json().items.find((x: { id: string }) => x.id === id).status, 'revoked');
        const other = (await coord.post('/api/me/tokens', { name: 'Gammal', expiresInDays: 1 })).json();
        await t.db.query(`UPDATE api_tokens SET created_at = now() - interval '3 days', expires_at = now() - interval '1 second' WHERE id = $1`, [other.id]);
        assert.equal((await anon.get(url, { authorization: `Bearer ${other.token}` })).statusCode, 401);
        assert.equal((await anon.get(url, { authorization: 'Bearer lbt_nonsense' })).statusCode, 401);
        assert.equal((await anon.get(url, { authorization: 'Negotiate abc' })).statusCode, 401);
      });

      test('a token reads only the municipalities it names; bad input names the field', async () => {
        await setUserGrants(t.db, FX.users.coordinator.id, [FX.vargarda]);
        try {
          await t.db.query(
            `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, organisation_id, source)
             SELECT gen_random_uuid(), '1442', c.id, now(), now(), now(), ST_SetSRID(ST_MakePoint($1, $2), 3006), $3, 'test'
               FROM categories c WHERE c.municipality_id = '1442' AND c.code = 'nedskrapning'`, [vx, vy, FX.orgs.vargardaKommun]);
          const fresh = await t.as('coordinator');
          const both = (await fresh.post('/api/me/tokens', { name: 'Båda', expiresInDays: 5 })).json().token;
          const one = (await fresh.post('/api/me/tokens', { name: 'Vårgårda', expiresInDays: 5, municipalities: [FX.vargarda] })).json().token;
          const count = async (tok: string) => (await anon.get('/ogc/collections/incidents/items?limit=1', { authorization: `Bearer ${tok}` })).json().numberMatched;
          assert.equal(await count(one), 1);
          assert.ok(await count(both) > 50);
          const outside = await fresh.post('/api/me/tokens', { name: 'x', expiresInDays: 5, municipalities: ['0180'] });
          assert.equal(outside.statusCode, 422);
          assert.equal(outside.json().error.fields[0].field, 'municipalities');
          for (const [body, field] of [[{ name: 'x', expiresInDays: 0 }, 'expiresInDays'], [{ name: 'x', expiresInDays: 366 }, 'expiresInDays'], [{ name: '   ', expiresInDays: 3 }, 'name'], [{ expiresInDays: 3 }, 'name']] as const) {
            const res = await fresh.post('/api/me/tokens', body);
            assert.equal(res.statusCode, 422, JSON.stringify(body));
            assert.equal(res.json().error.fields[0].field, field);
          }
        } finally {
          await setUserGrants(t.db, FX.users.coordinator.id, []);
        }
      });
    });
  });
}

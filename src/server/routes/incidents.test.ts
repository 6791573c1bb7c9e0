import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, countRows, startTestApp, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

for (const engine of testEngines({ citus: true })) {
  describe(`incidents API on ${engine}`, () => {
    let t: TestApp;
    let klotter: string, nedskrapning: string, skadegorelse: string;
    before(async () => {
      t = await startTestApp(engine);
      klotter = await categoryId(t, 'skadegorelse.klotter');
      skadegorelse = await categoryId(t, 'skadegorelse');
      nedskrapning = await categoryId(t, 'nedskrapning');
    });
    after(() => t.close());

    test('a report is stored with its point in EPSG:3006 and read back in WGS84', async () => {
      const c = await t.as('reporter');
      const res = await c.post('/api/incidents', {
        categoryId: klotter, occurredAt: hoursAgo(2), location: POINTS.alingsasCentrum,
        placeName: 'Stora torget', description: 'Nytt klotter på gaveln', reportedToPolice: false, assessment: 3,
      });
      assert.equal(res.statusCode, 201, res.body);
      const inc = res.json();
      assert.equal(inc.municipalityId, FX.alingsas);
      assert.equal(inc.organisationId, FX.orgs.alingsashem);
      assert.equal(inc.reviewStatus, 'new');
      assert.equal(inc.categoryCode, 'skadegorelse.klotter');
      assert.ok(Math.abs(inc.location.lon - POINTS.alingsasCentrum.lon) < 1e-6);
      assert.ok(inc.location.e > 350000 && inc.location.e < 360000, `easting ${inc.location.e}`);
      const stored = await t.db.query<{ srid: number }>('SELECT ST_SRID(geom) AS srid FROM incidents WHERE id = $1', [inc.id]);
      assert.equal(stored.rows[0].srid, 3006);
      const got = await c.get(`/api/incidents/${inc.id}`);
      assert.equal(got.statusCode, 200);
      assert.equal(got.json().description, 'Nytt klotter på gaveln');
      // The answer comes from the statement that stores the report (one round trip): it is the
      // incident exactly as reading it gives, and its history starts with the report.
      const { personalDataRemoved, ...answered } = inc;
      assert.deepEqual(personalDataRemoved, []);
      assert.deepEqual(answered, got.json());
      const history = (await c.get(`/api/incidents/${inc.id}/history`)).json();
      assert.deepEqual(history.map((h: { action: string }) => h.action), ['create']);
      assert.equal(history[0].changes.description, 'Nytt klotter på gaveln');
    });

    test('SWEREF 99 TM and 12 00 coordinates are accepted', async () => {
      const c = await t.as('reporter');
      const r1 = await c.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(1), location: { e: 353586.95, n: 6423563.36, crs: 3006 } });
      assert.equal(r1.statusCode, 201, r1.body);
      assert.ok(Math.abs(r1.json().location.lon - 12.527515) < 1e-6);
      const r2 = await c.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(1), location: { e: 181000, n: 6424000, crs: 3007 } });
      assert.equal(r2.statusCode, 201, r2.body);
      assert.equal(r2.json().municipalityId, FX.alingsas);
    });

    test('repeating a client id returns the stored report and never a second one', async () => {
      const c = await t.as('reporter');
      const id = randomUUID();
      const body = { id, categoryId: nedskrapning, occurredAt: hoursAgo(3), location: POINTS.alingsasNolby, description: 'Soppåsar vid återvinningen' };
      const before = await countRows(t, 'incidents');
      const first = await c.post('/api/incidents', body);
      assert.equal(first.statusCode, 201);
      const [second, third] = await Promise.all([c.post('/api/incidents', body), c.post('/api/incidents', body)]);
      assert.equal(second.statusCode, 200);
      assert.equal(third.statusCode, 200);
      assert.equal(second.json().id, id);
      assert.equal(await countRows(t, 'incidents'), before + 1);
      const history = await c.get(`/api/incidents/${id}/history`);
      assert.equal(history.json().length, 1, 'a retry adds no history either');
    });

    test('a client id already used by another organisation is a conflict that reveals nothing', async () => {
      const id = randomUUID();
      const mine = await (await t.as('reporter')).post('/api/incidents', { id, categoryId: klotter, occurredAt: hoursAgo(1), location: POINTS.alingsasCentrum, description: 'hemligt' });
      assert.equal(mine.statusCode, 201);
      const theirs = await (await t.as('guard')).post('/api/incidents', { id, categoryId: klotter, occurredAt: hoursAgo(1), location: POINTS.alingsasCentrum });
      assert.equal(theirs.statusCode, 409);
      assert.doesNotMatch(theirs.body, /hemligt/);
    });

    test('a client id sent again with a different body is a 409 that says the id is taken, and changes nothing (issue 16 item 2)', async () => {
      const c = await t.as('reporter');
      const id = randomUUID();
      const body = { id, categoryId: klotter, occurredAt: hoursAgo(2), location: POINTS.alingsasCentrum, description: 'Klotter på gaveln', assessment: 3 };
      assert.equal((await c.post('/api/incidents', body)).statusCode, 201);
      const before = await countRows(t, 'incidents');
      for (const differs of [{ description: 'Krossad ruta' }, { assessment: 4 }, { categoryId: nedskrapning }, { location: POINTS.alingsasNolby }, { occurredAt: hoursAgo(5) }, { visibility: 'restricted' }]) {
        const res = await c.post('/api/incidents', { ...body, ...differs });
        assert.equal(res.statusCode, 409, `${JSON.stringify(differs)}: ${res.body}`);
        assert.deepEqual(res.json().error.fields.map((f: { field: string; code: string }) => `${f.field} ${f.code}`), ['id id_taken']);
        assert.doesNotMatch(res.body, /gaveln/);
      }
      assert.equal(await countRows(t, 'incidents'), before);
      const stored = (await c.get(`/api/incidents/${id}`)).json();
      assert.equal(stored.description, 'Klotter på gaveln');
      assert.equal(stored.assessment, 3);
    });

    test('the same body sent again returns the stored report, tolerant of defaults, even after an edit (issue 16 item 2)', async () => {
      const c = await t.as('reporter');
      const id = randomUUID();
      const body = { id, categoryId: klotter, occurredAt: hoursAgo(2), location: POINTS.alingsasCentrum, description: 'Trasig belysning', placeName: 'Torget' };
      assert.equal((await c.post('/api/incidents', body)).statusCode, 201);
      // The defaults the first answer showed, now stated: the same report.
      const explicit = await c.post('/api/incidents', { ...body, visibility: 'normal', positionPrecision: 'gps' });
      assert.equal(explicit.statusCode, 200, explicit.body);
      assert.equal(explicit.json().id, id);
      // A coordinator corrects the report; the reporter's app, which never got the first answer, retries.
      const coordinator = await t.as('coordinator');
      assert.equal((await coordinator.patch(`/api/incidents/${id}`, { description: 'Trasig belysning i gången' })).statusCode, 200);
      const retry = await c.post('/api/incidents', body);
      assert.equal(retry.statusCode, 200, retry.body);
      assert.equal(retry.json().description, 'Trasig belysning i gången');
    });

    test('a client id of a report the caller may not see gets the same 409 as any conflict, with nothing of it; in another municipality it is another report (issue 16 item 2)', async () => {
      const id = randomUUID();
      const reporter = await t.as('reporter');
      const hidden = { id, categoryId: klotter, occurredAt: hoursAgo(1), location: POINTS.alingsasCentrum, description: 'hemligt', visibility: 'restricted' };
      assert.equal((await reporter.post('/api/incidents', hidden)).statusCode, 201);
      // Another organisation's reporter, once with the same body, once with another: one answer.
      const guard = await t.as('guard');
      const same = await guard.post('/api/incidents', hidden);
      const other = await guard.post('/api/incidents', { ...hidden, description: 'annat' });
      // The reporter's own report under the id with a different body: the same answer again.
      const own = await reporter.post('/api/incidents', { ...hidden, description: 'annat' });
      for (const res of [same, other, own]) assert.equal(res.statusCode, 409, res.body);
      assert.equal(same.body, own.body);
      assert.equal(other.body, own.body);
      assert.doesNotMatch(same.body, /hemligt|restricted/);
      // Ids are unique per municipality (migration 0013): Vårgårda's coordinator, who cannot see
      // Alingsås, uses the id for a report of Vårgårda's, answered as for an unused id.
      const vargarda = await t.as('vargardaCoordinator');
      const there = await vargarda.post('/api/incidents', { id, categoryId: await categoryId(t, 'skadegorelse.klotter', FX.vargarda), occurredAt: hoursAgo(1), location: POINTS.vargardaCentrum });
      assert.equal(there.statusCode, 201, there.body);
      assert.doesNotMatch(there.body, /hemligt/);
      assert.equal(await countRows(t, `incidents WHERE id = '${id}'`), 2);
    });

    test("a client id in use in another of the caller's municipalities is a conflict there too, not a second report", async () => {
      // The police reporter reaches Alingsås and Vårgårda: the id of an Alingsås report, sent again
      // with a point in Vårgårda, would not clash with the key (municipality, id) there.
      const police = await t.as('police');
      const id = randomUUID();
      const first = await police.post('/api/incidents', { id, categoryId: klotter, occurredAt: hoursAgo(1), location: POINTS.alingsasCentrum });
      assert.equal(first.statusCode, 201, first.body);
      const moved = await police.post('/api/incidents', { id, categoryId: klotter, occurredAt: hoursAgo(1), location: POINTS.vargardaCentrum });
      assert.equal(moved.statusCode, 409, moved.body);
      assert.equal(await countRows(t, `incidents WHERE id = '${id}'`), 1);
      const again = await police.post('/api/incidents', { id, categoryId: klotter, occurredAt: first.json().occurredFrom, location: POINTS.alingsasCentrum });
      assert.equal(again.statusCode, 200, again.body);
    });

    test('a time window is stored as from/to', async () => {
      const c = await t.as('guard');
      // One clock reading for both ends: two readings can differ by a millisecond.
      const now = Date.now();
      const occurredFrom = new Date(now - 60 * 3600_000).toISOString(), occurredTo = new Date(now - 12 * 3600_000).toISOString();
      const res = await c.post('/api/incidents', { categoryId: skadegorelse, occurredFrom, occurredTo, location: POINTS.alingsasCentrum });
      assert.equal(res.statusCode, 201, res.body);
      const inc = res.json();
      assert.equal(new Date(inc.occurredFrom).toISOString(), occurredFrom);
      assert.equal(new Date(inc.occurredTo).toISOString(), occurredTo);
      assert.equal(new Date(inc.occurredTo).getTime() - new Date(inc.occurredFrom).getTime(), 48 * 3600_000);
    });

    test('lists filter by period, category (with subcategories), organisation, status, text and bbox, newest first', async () => {
      const coord = await t.as('coordinator');
      const all = await coord.get('/api/incidents?limit=1000');
      assert.equal(all.statusCode, 200);
      const items = all.json().items as Array<any>;
      assert.ok(items.length >= 5);
      for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].occurredFrom >= items[i].occurredFrom);

      const byParent = (await coord.get(`/api/incidents?categories=${skadegorelse}&limit=1000`)).json().items as any[];
      assert.ok(byParent.some((x) => x.categoryCode === 'skadegorelse.klotter'), 'subcategories are included');
      assert.ok(byParent.every((x) => x.categoryCode.startsWith('skadegorelse')));

      const byOrg = (await coord.get(`/api/incidents?organisations=${FX.orgs.bevakning}`)).json().items as any[];
      assert.ok(byOrg.length >= 1 && byOrg.every((x) => x.organisationId === FX.orgs.bevakning));

      const text = (await coord.get('/api/incidents?q=soppåsar')).json().items as any[];
      assert.equal(text.length, 1);

      const period = (await coord.get(`/api/incidents?from=${encodeURIComponent(hoursAgo(2.5))}&to=${encodeURIComponent(hoursAgo(0))}`)).json().items as any[];
      assert.ok(period.length >= 1);
      assert.ok(period.every((x) => new Date(x.occurredTo) >= new Date(Date.now() - 2.5 * 3600_000 - 1000)));

      const nolby = POINTS.alingsasNolby;
      const bbox = `${nolby.lon - 0.002},${nolby.lat - 0.002},${nolby.lon + 0.002},${nolby.lat + 0.002}`;
      const inBox = (await coord.get(`/api/incidents?bbox=${bbox}`)).json().items as any[];
      assert.equal(inBox.length, 1);

      const fresh = (await coord.get('/api/incidents?reviewStatus=new&limit=1000')).json().items as any[];
      assert.equal(fresh.length, items.length);
    });

    test('keyset pages cover everything exactly once', async () => {
      const coord = await t.as('coordinator');
      const total = (await coord.get('/api/incidents?limit=1000')).json().items.length;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: any = await coord.get(`/api/incidents?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200);
        const page = res.json();
        seen.push(...page.items.map((x: any) => x.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total);
    });

    test('Accept: application/geo+json gives a FeatureCollection in WGS84', async () => {
      const coord = await t.as('coordinator');
      const res = await coord.get('/api/incidents?limit=1000', { accept: 'application/geo+json' });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /application\/geo\+json/);
      const fc = res.json();
      assert.equal(fc.type, 'FeatureCollection');
      const f = fc.features[0];
      assert.equal(f.geometry.type, 'Point');
      const [lon, lat] = f.geometry.coordinates;
      assert.ok(lon > 12 && lon < 13.2 && lat > 57.8 && lat < 58.1);
      assert.ok(f.properties.categoryCode);
      const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'incidents.export'`);
      assert.ok(audit.rows.length >= 1, 'the export is in the audit log');
    });

    test('PATCH changes fields, bumps the version and records old → new in the history', async () => {
      const c = await t.as('reporter');
      const created = (await c.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(5), location: POINTS.alingsasCentrum, description: 'först' })).json();
      const res = await c.patch(`/api/incidents/${created.id}`, { description: 'rättad text', categoryId: nedskrapning, location: POINTS.alingsasNolby });
      assert.equal(res.statusCode, 200, res.body);
      const upd = res.json();
      assert.equal(upd.version, 2);
      assert.equal(upd.description, 'rättad text');
      assert.equal(upd.categoryCode, 'nedskrapning');
      const stale = await c.patch(`/api/incidents/${created.id}`, { description: 'gammal version' }, { 'if-match': '1' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.fields[0].code, 'version_mismatch');
      const h = (await c.get(`/api/incidents/${created.id}/history`)).json();
      assert.deepEqual(h.map((x: any) => x.action), ['create', 'update']);
      assert.deepEqual(h[1].changes.description, { from: 'först', to: 'rättad text' });
      assert.ok(h[1].changes.location && h[1].changes.categoryId);
      assert.equal(h[1].userId, FX.users.reporter.id);
    });

    test('the review workflow: reviewed, rejected, duplicate with a link to the original', async () => {
      const rep = await t.as('reporter');
      const a = (await rep.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(4), location: POINTS.alingsasCentrum })).json();
      const b = (await rep.post('/api/incidents', { categoryId: klotter, occurredAt: hoursAgo(4), location: POINTS.alingsasCentrum })).json();
      const coord = await t.as('coordinator');
      const ok = await coord.post(`/api/incidents/${a.id}/review`, { status: 'reviewed', categoryId: skadegorelse });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().reviewStatus, 'reviewed');
      assert.equal(ok.json().categoryCode, 'skadegorelse');
      const dup = await coord.post(`/api/incidents/${b.id}/review`, { status: 'duplicate', duplicateOf: a.id });
      assert.equal(dup.statusCode, 200, dup.body);
      assert.equal(dup.json().duplicateOf, a.id);
      const self = await coord.post(`/api/incidents/${a.id}/review`, { status: 'duplicate', duplicateOf: a.id });
      assert.equal(self.statusCode, 422);
      assert.equal(self.json().error.fields[0].code, 'duplicate_of_self');
      const chain = await coord.post(`/api/incidents/${a.id}/review`, { status: 'duplicate', duplicateOf: b.id });
      assert.equal(chain.json().error.fields[0].code, 'duplicate_of_duplicate');
      const missing = await coord.post(`/api/incidents/${a.id}/review`, { status: 'duplicate' });
      assert.equal(missing.json().error.fields[0].code, 'duplicate_of_required');
      const back = await coord.post(`/api/incidents/${b.id}/review`, { status: 'rejected' });
      assert.equal(back.json().duplicateOf, null, 'leaving "duplicate" removes the link');
      const h = (await coord.get(`/api/incidents/${b.id}/history`)).json();
      assert.deepEqual(h.map((x: any) => x.action), ['create', 'review', 'review']);
      const notCoord = await rep.post(`/api/incidents/${a.id}/review`, { status: 'rejected' });
      assert.equal(notCoord.statusCode, 403);
    });

    test('the history table is append-only in the database itself', async () => {
      await assert.rejects(t.db.query('UPDATE incident_history SET action = $1', ['update']), /append-only/);
      await assert.rejects(t.db.query('DELETE FROM incident_history'), /append-only/);
    });
  });
}

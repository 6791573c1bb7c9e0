import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, countRows, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

for (const engine of testEngines()) {
  describe(`bad input on ${engine}: 4xx naming each field, nothing written`, () => {
    let t: TestApp;
    let c: Client;
    let klotter: string;
    let good: Record<string, unknown>;
    before(async () => {
      t = await startTestApp(engine, { bodyLimit: 64 * 1024 });
      c = await t.as('reporter');
      klotter = await categoryId(t, 'skadegorelse.klotter');
      good = { categoryId: klotter, occurredAt: hoursAgo(1), location: POINTS.alingsasCentrum };
    });
    after(() => t.close());

    /** Posts a report, expects the status and the failing fields, and checks nothing was written. */
    async function rejects(body: unknown, status: number, fields: Array<[string, string]>, headers?: Record<string, string>) {
      const before = [await countRows(t, 'incidents'), await countRows(t, 'incident_history')];
      const res = await c.post('/api/incidents', body, headers);
      assert.equal(res.statusCode, status, res.body);
      const err = res.json().error;
      assert.equal(err.status, status);
      assert.ok(err.message.length > 0);
      assert.deepEqual(err.fields.map((f: any) => [f.field, f.code]), fields);
      for (const f of err.fields) assert.ok(f.message.length > 0, `message for ${f.field}`);
      assert.deepEqual([await countRows(t, 'incidents'), await countRows(t, 'incident_history')], before, 'nothing half-written');
      return err;
    }

    test('missing and unknown category', async () => {
      await rejects({ ...good, categoryId: undefined }, 422, [['categoryId', 'required']]);
      await rejects({ ...good, categoryId: randomUUID() }, 422, [['categoryId', 'unknown_category']]);
      await rejects({ ...good, categoryId: 'klotter' }, 422, [['categoryId', 'format']]);
    });

    test('a category of another municipality stands for the same code here, and is refused when this municipality has none', async () => {
      const police = await t.as('police');
      const mapped = await police.post('/api/incidents', { ...good, categoryId: await categoryId(t, 'skadegorelse.klotter', FX.vargarda) });
      assert.equal(mapped.statusCode, 201, mapped.body);
      assert.equal(mapped.json().categoryId, await categoryId(t, 'skadegorelse.klotter', FX.alingsas));
      const own = await t.db.query<{ id: string }>(
        `INSERT INTO categories (municipality_id, code, name_sv, name_en, colour, icon, sort_order) VALUES ($1, 'vargarda_egen', 'Egen', 'Own', '#123456', 'circle', 999) RETURNING id`, [FX.vargarda]);
      const res = await police.post('/api/incidents', { ...good, categoryId: own.rows[0].id });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().error.fields[0].code, 'category_other_municipality');
    });

    test('malformed coordinates', async () => {
      await rejects({ ...good, location: { lon: 'tolv', lat: 57.9 } }, 422, [['location.lon', 'type']]);
      await rejects({ ...good, location: { lon: 212.5, lat: -95 } }, 422, [['location.lon', 'lon_out_of_range'], ['location.lat', 'lat_out_of_range']]);
      await rejects({ ...good, location: { lon: 12.5 } }, 422, [['location.lat', 'required']]);
      await rejects({ ...good, location: { e: 353586, n: 6423563, crs: 2400 } }, 422, [['location.crs', 'unsupported_crs']]);
      await rejects({ ...good, location: { lon: 12.5, lat: 57.9, x: 1 } }, 422, [['location.x', 'unknown_field']]);
      await rejects({ ...good, location: undefined }, 422, [['location', 'required']]);
    });

    test('a point outside the municipality is rejected with a message saying so', async () => {
      const err = await rejects({ ...good, location: POINTS.goteborg }, 422, [['location', 'outside_municipality']]);
      assert.match(err.fields[0].message, /utanför Alingsås kommun/);
      // Vårgårda is outside for an Alingsås reporter, inside for the police who serve both.
      const other = await rejects({ ...good, location: POINTS.vargardaCentrum }, 422, [['location', 'municipality_not_reached']]);
      assert.match(other.fields[0].message, /ligger i Vårgårda kommun, där din organisation inte verkar\. Du kan rapportera i Alingsås kommun/);
      const police = await t.as('police');
      const ok = await police.post('/api/incidents', { ...good, categoryId: await categoryId(t, 'skadegorelse.klotter', FX.vargarda), location: POINTS.vargardaCentrum });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().municipalityId, FX.vargarda);
    });

    test('times in the future, too old, reversed, malformed or conflicting', async () => {
      await rejects({ ...good, occurredAt: new Date(Date.now() + 86400_000).toISOString() }, 422, [['occurredAt', 'in_future']]);
      await rejects({ ...good, occurredAt: '2020-01-01T00:00:00Z' }, 422, [['occurredAt', 'too_old']]);
      await rejects({ ...good, occurredAt: undefined, occurredFrom: hoursAgo(1), occurredTo: hoursAgo(5) }, 422, [['occurredTo', 'window_reversed']]);
      await rejects({ ...good, occurredAt: 'i går' }, 422, [['occurredAt', 'format']]);
      await rejects({ ...good, occurredFrom: hoursAgo(3) }, 422, [['occurredAt', 'exclusive_fields']]);
      await rejects({ ...good, occurredAt: undefined }, 422, [['occurredAt', 'required']]);
    });

    test('text over the limits and other field errors are all reported at once', async () => {
      const before = await countRows(t, 'incidents');
      const res = await c.post('/api/incidents', { ...good, description: 'x'.repeat(2001), placeName: 'y'.repeat(201), assessment: 9, colour: 'röd' });
      assert.equal(res.statusCode, 422);
      const err = res.json().error;
      const got = new Set(err.fields.map((f: any) => `${f.field}:${f.code}`));
      assert.deepEqual(got, new Set(['colour:unknown_field', 'placeName:too_long', 'description:too_long', 'assessment:too_large']));
      assert.equal(err.fields.find((f: any) => f.field === 'description').params.max, 2000);
      assert.equal(await countRows(t, 'incidents'), before);
    });

    test('malformed JSON, an empty body, a wrong content type and an oversized body', async () => {
      await rejects('{"categoryId": ', 400, [['body', 'invalid_json']]);
      const empty = await c.post('/api/incidents', '');
      assert.equal(empty.statusCode, 400);
      const form = await c.post('/api/incidents', 'hej', { 'content-type': 'text/plain' });
      assert.equal(form.statusCode, 415);
      assert.equal(form.json().error.code, 'unsupported_media_type');
      const urlencoded = await c.post('/api/incidents', 'a=b', { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(urlencoded.statusCode, 415);
      const big = await c.post('/api/incidents', { ...good, description: 'x'.repeat(70 * 1024) });
      assert.equal(big.statusCode, 413);
      assert.equal(big.json().error.code, 'payload_too_large');
    });

    test('unauthenticated is 401, a missing CSRF token 403, both without effect', async () => {
      const before = await countRows(t, 'incidents');
      const anon = await t.anonymous().post('/api/incidents', good);
      assert.equal(anon.statusCode, 401);
      assert.equal(anon.json().error.code, 'unauthenticated');
      assert.equal((await t.anonymous().get('/api/incidents')).statusCode, 401);
      const anonBad = await t.anonymous().post('/api/incidents', '{"broken');
      assert.equal(anonBad.statusCode, 401, 'authentication is checked before the body is read');
      const noCsrf = await c.post('/api/incidents', good, { 'x-csrf-token': 'forged' });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal(noCsrf.json().error.code, 'csrf_failed');
      assert.equal(await countRows(t, 'incidents'), before);
    });

    test('forbidden: a viewer cannot report (403); another organisation\'s report is 404 as if it did not exist', async () => {
      const viewer = await t.as('viewer');
      assert.equal((await viewer.post('/api/incidents', good)).statusCode, 403);
      const created = (await c.post('/api/incidents', { ...good, visibility: 'restricted' })).json();
      const guard = await t.as('guard');
      for (const res of [
        await guard.get(`/api/incidents/${created.id}`),
        await guard.patch(`/api/incidents/${created.id}`, { description: 'x' }),
        await guard.get(`/api/incidents/${created.id}/history`),
        await guard.get(`/api/incidents/${randomUUID()}`),
      ]) {
        assert.equal(res.statusCode, 404);
        assert.equal(res.json().error.code, 'not_found');
      }
    });

    test('messages follow Accept-Language: Swedish by default, English on request', async () => {
      const sv = await c.post('/api/incidents', { ...good, location: POINTS.goteborg });
      assert.equal(sv.headers['content-language'], 'sv');
      assert.equal(sv.json().error.fields[0].message, 'Plats: platsen ligger utanför Alingsås kommun.');
      const en = await c.post('/api/incidents', { ...good, location: POINTS.goteborg }, { 'accept-language': 'en-GB,en;q=0.9' });
      assert.equal(en.headers['content-language'], 'en');
      assert.match(en.json().error.fields[0].message, /^Location: the location is outside/);
      assert.match(en.json().error.message, /could not be saved/);
    });

    test('a field error names the field in words and says what to enter, never the schema\'s type or format', async () => {
      const message = async (body: unknown, lang = 'sv') => {
        const res = await c.post('/api/incidents', body, { 'accept-language': lang });
        assert.equal(res.statusCode, 422, res.body);
        return res.json().error.fields;
      };
      const when = await message({ ...good, occurredAt: 'i går' });
      assert.deepEqual(when.map((f: any) => [f.field, f.message]), [['occurredAt', 'Tidpunkt: ange datum och klockslag, t.ex. 2026-12-03 14:30.']]);
      const lon = await message({ ...good, location: { lon: 'tolv', lat: 57.9 } });
      assert.deepEqual(lon.map((f: any) => [f.field, f.message]), [['location.lon', 'Longitud: ange ett tal, t.ex. 12,5.']]);
      const whenEn = await message({ ...good, occurredAt: 'i går' }, 'en');
      assert.deepEqual(whenEn.map((f: any) => f.message), ['Time: enter a date and time, e.g. 2026-12-03 14:30.']);
      const lonEn = await message({ ...good, location: { lon: 'tolv', lat: 57.9 } }, 'en');
      assert.deepEqual(lonEn.map((f: any) => f.message), ['Longitude: enter a number, e.g. 12.5.']);
      // The codes and their parameters stay for programs; only the words changed.
      assert.deepEqual(lon[0].params, { expected: 'number' });
      assert.equal(lon[0].label, 'Longitud', 'the name in words, for a page that names the field its own way');
      assert.equal(lonEn[0].label, 'Longitude');
      for (const f of [...when, ...lon, ...whenEn, ...lonEn]) assert.doesNotMatch(f.message, /förväntade|expected|date-time|\(number\)|format \(/i);
      // A query parameter is named the same way.
      const cats = await c.get('/api/incidents?categories=abc');
      assert.match(cats.json().error.fields[0].message, /^Kategorier: /);
    });

    test('a read that fails validation says the data could not be fetched, not saved', async () => {
      const sv = await c.get('/api/incidents?from=igår');
      assert.equal(sv.statusCode, 422);
      assert.equal(sv.json().error.message, 'Uppgifterna kunde inte hämtas. Rätta det som anges nedan.');
      assert.equal(sv.json().error.fields[0].message, 'Från och med: ange ett datum, t.ex. 2026-12-03.');
      const en = await c.get('/api/incidents?from=igår', { 'accept-language': 'en' });
      assert.equal(en.json().error.message, 'The data could not be fetched. Correct what is named below.');
      const path = await c.get('/api/action-plans/tjugo');
      assert.doesNotMatch(path.json().error.message, /sparas/);
      // A write still says it was not saved.
      assert.match((await c.post('/api/incidents', { ...good, occurredAt: 'i går' })).json().error.message, /kunde inte sparas/);
    });

    test('malformed JSON is a 400 with a message in the caller\'s language, never the parser\'s English', async () => {
      for (const body of ['{"categoryId": ', '{categoryId: 1}', '[1, 2', 'nej']) {
        const sv = await c.post('/api/incidents', body);
        assert.equal(sv.statusCode, 400, body);
        const err = sv.json().error;
        assert.equal(err.code, 'malformed_request');
        assert.equal(err.message, 'Begäran kunde inte läsas.');
        assert.deepEqual(err.fields.map((f: any) => [f.field, f.code, f.message]), [['body', 'invalid_json', 'Innehållet är inte giltig JSON och kunde inte läsas.']]);
        assert.doesNotMatch(sv.body, /Unexpected|Expected|position \d|SyntaxError|JSON input|FST_/, body);
        const en = await c.post('/api/incidents', body, { 'accept-language': 'en' });
        assert.equal(en.statusCode, 400);
        assert.equal(en.json().error.fields[0].message, 'The content is not valid JSON and could not be read.');
        assert.doesNotMatch(en.body, /Unexpected|SyntaxError|JSON input|FST_/, body);
      }
    });

    test('bad list parameters name the parameter', async () => {
      const cases: Array<[string, string]> = [
        ['from=igår', 'from'], ['bbox=1,2,3', 'bbox'], ['reviewStatus=klar', 'reviewStatus'], ['categories=abc', 'categories'],
        ['cursor=%%%', 'cursor'], ['limit=0', 'limit'], ['from=2026-02-01&to=2026-01-01', 'to'], ['sort=asc', 'sort'],
      ];
      for (const [qs, field] of cases) {
        const res = await c.get(`/api/incidents?${qs}`);
        assert.ok(res.statusCode === 422 || res.statusCode === 400, `${qs}: ${res.statusCode}`);
        assert.equal(res.json().error.fields[0].field, field, qs);
      }
    });

    test('unknown routes and a malformed id are clean 404/422', async () => {
      assert.equal((await c.get('/api/nothing')).statusCode, 404);
      const bad = await c.get('/api/incidents/not-a-uuid');
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().error.fields[0].field, 'id');
    });
  });
}

/**
 * Open311 GeoReport v2 (issue 17, items 6 and 7), called as FixMyStreet's Open311 client calls it:
 * the requests in test/fixtures/open311/ are replayed as they are written there (discovery, the
 * service list and a definition as XML, a tip as a form-encoded POST with api_key and the sender's
 * contact details, the status poll by service_request_id), and the answers are read back as XML
 * (a strict parser) and checked against GeoReport v2's field names and formats. Then the bad input
 * the issue names, the public status's limits (never a staff report, never a restricted one, never
 * the sender's personal data), the keys, the rate limit and the review queue the tips land in.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { parseXml, xmlItems, fields } from '../../../test/support/xml.ts';
import { createOpen311Key, purgeContacts } from '../../services/open311.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/open311/${name}`, import.meta.url), 'utf8');

/** A recorded request (first line "METHOD URL", headers, a blank line, the body) with its {{…}} filled in. */
async function replay(t: TestApp, name: string, values: Record<string, string>): Promise<LightMyRequestResponse> {
  const fill = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? `{{${k}}}`);
  const [head, body = ''] = fixture(name).split('\n\n');
  const [requestLine, ...headerLines] = head.split('\n');
  const [method, url] = requestLine.split(' ');
  const payload = fill(body).replace(/\n$/, '');
  const headers: Record<string, string> = {};
  for (const h of headerLines) {
    const [k, ...v] = h.split(': ');
    if (k.toLowerCase() !== 'content-length') headers[k.toLowerCase()] = v.join(': ');
  }
  const path = fill(new URL(url).pathname + new URL(url).search).replace(/%7B%7B/g, '{{');
  return t.app.inject({ method: method as 'GET' | 'POST', url: path, headers, payload: method === 'POST' ? payload : undefined });
}

const form = (params: Record<string, string | number>) => Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
const post = (t: TestApp, params: Record<string, string | number>, format: 'json' | 'xml' = 'json', headers: Record<string, string> = {}, remoteAddress?: string) =>
  t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: form(params), ...(remoteAddress ? { remoteAddress } : {}) });
const get = (t: TestApp, url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/** The spec's error list: a JSON array of {code, description}, each naming what is wrong. */
function errorList(res: LightMyRequestResponse): Array<{ code: number; description: string }> {
  const list = res.json();
  assert.ok(Array.isArray(list) && list.length > 0, res.body);
  for (const e of list) {
    assert.deepEqual(Object.keys(e).sort(), ['code', 'description']);
    assert.equal(e.code, res.statusCode);
  }
  return list;
}

const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'requested_datetime', 'updated_datetime', 'address', 'lat', 'long'];
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

for (const engine of testEngines({ citus: true })) {
  describe(`Open311 GeoReport v2 on ${engine}`, () => {
    let t: TestApp;
    let admin: Client;
    let coordinator: Client;
    let apiKey: string;
    let tipId: string;
    const fms = { lat: 57.930012, long: 12.532481 };
    before(async () => {
      t = await startTestApp(engine);
      admin = await t.as('admin');
      coordinator = await t.as('coordinator');
      const res = await admin.post('/api/open311/keys', { name: 'FixMyStreet' });
      assert.equal(res.statusCode, 201, res.body);
      apiKey = res.json().apiKey;
    });
    after(async () => { await t?.close(); });

    test('discovery, as JSON and as XML, names the endpoint, the specification and both formats', async () => {
      const xml = await replay(t, 'fixmystreet-get-discovery.http', {});
      assert.equal(xml.statusCode, 200, xml.body);
      assert.match(String(xml.headers['content-type']), /^text\/xml/);
      const doc = parseXml(xml.body);
      assert.equal(doc.name, 'discovery');
      const endpoint = doc.children.find((c) => c.name === 'endpoints')!.children[0];
      assert.equal(endpoint.name, 'endpoint');
      const f = fields(endpoint);
      assert.equal(f.specification, 'http://wiki.open311.org/GeoReport_v2');
      assert.match(f.url, /\/open311\/v2\/$/);
      assert.match(f.changeset, W3C_DATETIME);
      assert.deepEqual(endpoint.children.find((c) => c.name === 'formats')!.children.map((c) => [c.name, c.text]), [['format', 'text/xml'], ['format', 'application/json']]);
      const json = (await get(t, '/open311/v2/discovery.json')).json();
      assert.deepEqual(json.endpoints[0].formats, ['text/xml', 'application/json']);
      assert.equal(typeof json.key_service, 'string');
    });

    test('services: the categories open to the public, with GeoReport\'s fields, in XML and JSON', async () => {
      const res = await replay(t, 'fixmystreet-get-services.http', {});
      assert.equal(res.statusCode, 200, res.body);
      const services = xmlItems(res.body, 'services', 'service');
      for (const s of services) assert.deepEqual(Object.keys(s).sort(), ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      const codes = services.map((s) => s.service_code);
      assert.ok(codes.includes('skadegorelse.klotter') && codes.includes('otrygg_plats.belysning') && codes.includes('nedskrapning'), codes.join());
      // Staff's and the police's categories are not open by default.
      for (const closed of ['hot_vald_personal', 'narkotika', 'ordningsstorning.hot', 'otrygg_samling']) assert.ok(!codes.includes(closed), closed);
      const klotter = services.find((s) => s.service_code === 'skadegorelse.klotter')!;
      assert.deepEqual({ ...klotter, description: undefined }, { service_code: 'skadegorelse.klotter', service_name: 'Klotter/graffiti', metadata: 'false', type: 'realtime', keywords: 'Graffiti, Skadegörelse', group: 'Skadegörelse', description: undefined });
      const json = await get(t, '/open311/v2/services.json?jurisdiction_id=1489', { 'accept-language': 'en' });
      const en = json.json().find((s: { service_code: string }) => s.service_code === 'skadegorelse.klotter');
      assert.equal(en.service_name, 'Graffiti');
      assert.equal(en.metadata, false);
      assert.equal(json.json().length, services.length);
    });

    test('a category opened in Administration → Kategorier becomes a service, and closed again leaves', async () => {
      const narkotika = await categoryId(t, 'narkotika');
      const open = await coordinator.patch(`/api/categories/${narkotika}`, { openToPublic: true });
      assert.equal(open.statusCode, 200, open.body);
      assert.equal(open.json().openToPublic, true);
      const codes = () => get(t, '/open311/v2/services.json?jurisdiction_id=1489').then((r) => r.json().map((s: { service_code: string }) => s.service_code));
      assert.ok((await codes()).includes('narkotika'));
      await coordinator.patch(`/api/categories/${narkotika}`, { openToPublic: false });
      assert.ok(!(await codes()).includes('narkotika'));
    });

    test('a service\'s definition: the code and no attributes; an unknown code is 404 in the error list', async () => {
      const res = await replay(t, 'fixmystreet-get-service-definition.http', {});
      assert.equal(res.statusCode, 200, res.body);
      const doc = parseXml(res.body);
      assert.equal(doc.name, 'service_definition');
      assert.deepEqual(doc.children.map((c) => [c.name, c.text]), [['service_code', 'skadegorelse.klotter'], ['attributes', '']]);
      const missing = await get(t, '/open311/v2/services/finns_inte.xml?jurisdiction_id=1489');
      assert.equal(missing.statusCode, 404);
      const errors = xmlItems(missing.body, 'errors', 'error');
      assert.equal(errors[0].code, '404');
      assert.match(errors[0].description, /^service_code: /);
      const closed = await get(t, '/open311/v2/services/hot_vald_personal.json?jurisdiction_id=1489');
      assert.equal(closed.statusCode, 404);
    });

    test('FixMyStreet\'s POST: a tip in the review queue, marked with its system, stripped of the sender\'s personal data', async () => {
      const res = await replay(t, 'fixmystreet-post-requests.http', { api_key: apiKey });
      assert.equal(res.statusCode, 201, res.body);
      const [created] = xmlItems(res.body, 'service_requests', 'request');
      assert.match(created.service_request_id, /^[0-9a-f-]{36}$/);
      assert.ok(created.service_notice);
      tipId = created.service_request_id;

      const inc = await coordinator.get(`/api/incidents/${tipId}`);
      assert.equal(inc.statusCode, 200, inc.body);
      const i = inc.json();
      assert.equal(i.reviewStatus, 'new');
      assert.equal(i.source, 'open311');
      assert.equal(i.sourceSystem, 'FixMyStreet');
      assert.equal(i.sourceMediaUrl, 'https://fixamingata.example/photo/4711.0.full.jpeg');
      assert.equal(i.categoryCode, 'skadegorelse.klotter');
      assert.equal(i.municipalityId, FX.alingsas);
      assert.equal(i.organisationId, FX.orgs.kommun, 'filed under the municipality\'s own administration');
      assert.equal(i.reporterId, null);
      assert.ok(Math.abs(i.location.lat - fms.lat) < 1e-6 && Math.abs(i.location.lon - fms.long) < 1e-6, 'stored at the position sent');
      assert.match(i.description, /Klotter på busskuren/);
      for (const personal of ['Anna', 'Svensson', '070-123 45 67', '0701234567', 'anna.svensson@example.org']) {
        assert.ok(!i.description.includes(personal), `${personal} in "${i.description}"`);
      }
      // In the review queue (Granska: new reports) like any other report.
      const queue = await coordinator.get('/api/incidents?reviewStatus=new&limit=500');
      assert.ok(queue.json().items.some((x: { id: string }) => x.id === tipId));
      // The contact details are kept apart, and nowhere in the incident's history.
      const contact = await t.db.query<{ email: string; first_name: string; last_name: string; phone: string }>(
        'SELECT email, first_name, last_name, phone FROM open311_contacts WHERE municipality_id = $1 AND incident_id = $2', [FX.alingsas, tipId]);
      assert.deepEqual(contact.rows[0], { email: 'anna.svensson@example.org', first_name: 'Anna', last_name: 'Svensson', phone: '0701234567' });
      const history = await coordinator.get(`/api/incidents/${tipId}/history`);
      for (const personal of ['Anna', 'Svensson', '0701234567', 'anna.svensson']) assert.ok(!history.body.includes(personal), personal);
      assert.equal(history.json()[0].changes.sourceSystem, 'FixMyStreet');
    });

    test('the reviewer reads the sender\'s contact details on request, audited; nobody else does', async () => {
      const res = await coordinator.get(`/api/incidents/${tipId}/open311-contact`);
      assert.equal(res.statusCode, 200, res.body);
      const c = res.json();
      assert.deepEqual([c.email, c.firstName, c.lastName, c.phone, c.accountId], ['anna.svensson@example.org', 'Anna', 'Svensson', '0701234567', null]);
      // Not reviewed yet: kept 180 days from receipt at the latest.
      assert.equal(Math.round((Date.parse(c.keptUntil) - Date.parse(c.receivedAt)) / 86_400_000), 180);
      const audit = await t.db.query('SELECT 1 FROM audit_log WHERE municipality_id = $1 AND action = $2 AND subject_id = $3', [FX.alingsas, 'open311.contact.read', tipId]);
      assert.equal(audit.rows.length, 1);
      for (const who of ['areaGroup', 'viewer', 'admin'] as const) assert.equal((await (await t.as(who)).get(`/api/incidents/${tipId}/open311-contact`)).statusCode, 403, who);
      assert.equal((await (await t.as('reporter')).get(`/api/incidents/${tipId}/open311-contact`)).statusCode, 404, 'a reporter does not see the tip at all');
      assert.equal((await (await t.as('vargardaCoordinator')).get(`/api/incidents/${tipId}/open311-contact`)).statusCode, 404, 'another municipality\'s coordinator');
    });

    test('the status poll as FixMyStreet makes it: open while new, with GeoReport\'s fields and no personal data', async () => {
      const res = await replay(t, 'fixmystreet-get-requests.http', { service_request_ids: `${tipId},00000000-0000-4000-8000-00000000dead` });
      assert.equal(res.statusCode, 200, res.body);
      const list = xmlItems(res.body, 'service_requests', 'request');
      assert.equal(list.length, 1, 'an unknown id is left out');
      const r = list[0];
      assert.deepEqual(Object.keys(r).sort(), [...REQUEST_FIELDS].sort());
      assert.equal(r.service_request_id, tipId);
      assert.equal(r.status, 'open');
      assert.equal(r.service_code, 'skadegorelse.klotter');
      assert.equal(r.service_name, 'Klotter/graffiti');
      assert.match(r.requested_datetime, W3C_DATETIME);
      assert.match(r.updated_datetime, W3C_DATETIME);
      // The position coarsened to three decimals (about 100 m).
      assert.equal(r.lat, '57.93');
      assert.equal(r.long, '12.532');
      for (const personal of ['Anna', 'Svensson', '0701234567', '070-123', 'anna.svensson', 'fixmystreet_id']) assert.ok(!res.body.includes(personal), personal);
      const json = (await get(t, `/open311/v2/requests/${tipId}.json?jurisdiction_id=1489`)).json();
      assert.equal(json.length, 1);
      assert.deepEqual(Object.keys(json[0]).sort(), [...REQUEST_FIELDS].sort());
      assert.equal(typeof json[0].lat, 'number');
    });

    test('closed with a note once rejected or a duplicate; open once accepted; the status filter follows', async () => {
      const send = async () => (await post(t, { api_key: apiKey, jurisdiction_id: FX.alingsas, service_code: 'nedskrapning', lat: 57.9320, long: 12.5300, description: 'Soppåsar vid lekplatsen' })).json()[0].service_request_id as string;
      const rejected = await send();
      const accepted = await send();
      const status = async (id: string) => (await get(t, `/open311/v2/requests/${id}.json?jurisdiction_id=1489`)).json()[0];
      assert.equal((await coordinator.post(`/api/incidents/${rejected}/review`, { status: 'rejected' })).statusCode, 200);
      assert.equal((await coordinator.post(`/api/incidents/${accepted}/review`, { status: 'reviewed' })).statusCode, 200);
      const r = await status(rejected);
      assert.equal(r.status, 'closed');
      assert.match(r.status_notes, /Avslutat/);
      const a = await status(accepted);
      assert.equal(a.status, 'open');
      assert.match(a.status_notes, /Granskat/);
      const dup = await send();
      assert.equal((await coordinator.post(`/api/incidents/${dup}/review`, { status: 'duplicate', duplicateOf: accepted })).statusCode, 200);
      const d = await status(dup);
      assert.equal(d.status, 'closed');
      assert.ok(!JSON.stringify(d).includes(accepted), 'the note does not name what it duplicates');
      const closed = (await get(t, '/open311/v2/requests.json?jurisdiction_id=1489&status=closed')).json().map((x: { service_request_id: string }) => x.service_request_id);
      assert.ok(closed.includes(rejected) && closed.includes(dup) && !closed.includes(accepted));
      const open = (await get(t, '/open311/v2/requests.json?jurisdiction_id=1489&status=open&service_code=nedskrapning')).json();
      assert.ok(open.every((x: { status: string; service_code: string }) => x.status === 'open' && x.service_code === 'nedskrapning'));
      assert.ok(open.some((x: { service_request_id: string }) => x.service_request_id === accepted));
    });

    test('never a staff report, never a restricted tip', async () => {
      const reporter = await t.as('reporter');
      const staff = await reporter.post('/api/incidents', { categoryId: await categoryId(t, 'skadegorelse.klotter'), occurredAt: hoursAgo(1), location: POINTS.alingsasCentrum, description: 'Personalens egen rapport' });
      assert.equal(staff.statusCode, 201, staff.body);
      const staffId = staff.json().id;
      assert.equal((await get(t, `/open311/v2/requests/${staffId}.json?jurisdiction_id=1489`)).statusCode, 404);
      const all = await get(t, '/open311/v2/requests.json?jurisdiction_id=1489');
      assert.ok(!all.body.includes(staffId) && !all.body.includes('Personalens egen rapport'));
      const secret = (await post(t, { api_key: apiKey, service_code: 'skadegorelse.klotter', lat: 57.9301, long: 12.5326, description: 'Blir begränsad' })).json()[0].service_request_id;
      assert.equal((await coordinator.patch(`/api/incidents/${secret}`, { visibility: 'restricted' })).statusCode, 200);
      assert.equal((await get(t, `/open311/v2/requests/${secret}.xml?jurisdiction_id=1489`)).statusCode, 404);
      assert.ok(!(await get(t, '/open311/v2/requests.json?jurisdiction_id=1489')).body.includes(secret));
    });

    test('duplicates are suggested as usual: a tip beside a staff report of the same category', async () => {
      const reporter = await t.as('reporter');
      const staff = (await reporter.post('/api/incidents', { categoryId: await categoryId(t, 'otrygg_plats.belysning'), occurredAt: hoursAgo(2), location: { lon: 12.5400, lat: 57.9250 } })).json();
      const tip = (await post(t, { api_key: apiKey, service_code: 'otrygg_plats.belysning', lat: 57.92502, long: 12.54003, description: 'Lampan är trasig' })).json()[0].service_request_id;
      const dups = await coordinator.get(`/api/incidents/${tip}/duplicates`);
      assert.equal(dups.statusCode, 200, dups.body);
      assert.ok(dups.json().items.some((x: { id: string }) => x.id === staff.id), dups.body);
    });

    test('bad input: each a spec-form error naming the parameter, with the right status, and nothing stored', async () => {
      const count = async () => Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM incidents')).rows[0].n);
      const before = await count();
      const noPosition = await post(t, { api_key: apiKey, service_code: 'skadegorelse.klotter', description: 'Ingen plats', address_string: 'Storgatan 1' });
      assert.equal(noPosition.statusCode, 400);
      const named = errorList(noPosition).map((e) => e.description.split(':')[0]);
      assert.deepEqual(named.sort(), ['lat', 'long']);
      const unknown = await post(t, { api_key: apiKey, service_code: 'finns_inte', lat: fms.lat, long: fms.long });
      assert.equal(unknown.statusCode, 404);
      assert.match(errorList(unknown)[0].description, /^service_code: .*finns_inte/);
      const noService = await post(t, { api_key: apiKey, lat: fms.lat, long: fms.long });
      assert.equal(noService.statusCode, 400);
      assert.match(errorList(noService)[0].description, /^service_code: /);
      const wrongKey = await post(t, { api_key: 'lb311_1489_' + 'x'.repeat(43), service_code: 'skadegorelse.klotter', lat: fms.lat, long: fms.long });
      assert.equal(wrongKey.statusCode, 403);
      assert.match(errorList(wrongKey)[0].description, /^api_key: /);
      const garbage = await post(t, { api_key: 'hemligt', service_code: 'skadegorelse.klotter', lat: fms.lat, long: fms.long }, 'xml');
      assert.equal(garbage.statusCode, 403);
      assert.match(xmlItems(garbage.body, 'errors', 'error')[0].description, /^api_key: /);
      const noKey = await post(t, { service_code: 'skadegorelse.klotter', lat: fms.lat, long: fms.long });
      assert.equal(noKey.statusCode, 400);
      assert.match(errorList(noKey)[0].description, /^api_key: /);
      const outside = await post(t, { api_key: apiKey, service_code: 'skadegorelse.klotter', lat: POINTS.goteborg.lat, long: POINTS.goteborg.lon }, 'json', { 'accept-language': 'en' });
      assert.equal(outside.statusCode, 400);
      const outsideErrors = errorList(outside);
      assert.deepEqual(outsideErrors.map((e) => e.description.split(':')[0]).sort(), ['lat', 'long']);
      assert.match(outsideErrors[0].description, /outside Alingsås/);
      const vargarda = await post(t, { api_key: apiKey, service_code: 'skadegorelse.klotter', lat: POINTS.vargardaCentrum.lat, long: POINTS.vargardaCentrum.lon });
      assert.equal(vargarda.statusCode, 400, 'a key reaches its own municipality only');
      const notANumber = await post(t, { api_key: apiKey, service_code: 'skadegorelse.klotter', lat: 'norr', long: fms.long });
      assert.equal(notANumber.statusCode, 400);
      assert.match(errorList(notANumber)[0].description, /^lat: /);
      const otherJurisdiction = await post(t, { api_key: apiKey, jurisdiction_id: FX.vargarda, service_code: 'skadegorelse.klotter', lat: fms.lat, long: fms.long });
      assert.equal(otherJurisdiction.statusCode, 403);
      assert.match(errorList(otherJurisdiction)[0].description, /^jurisdiction_id: /);
      // Several municipalities: a read must say which; an unknown one is 404.
      const noJurisdiction = await get(t, '/open311/v2/services.json');
      assert.equal(noJurisdiction.statusCode, 400);
      assert.match(errorList(noJurisdiction)[0].description, /^jurisdiction_id: /);
      assert.equal((await get(t, '/open311/v2/services.json?jurisdiction_id=0180')).statusCode, 404);
      const badDate = await get(t, '/open311/v2/requests.json?jurisdiction_id=1489&start_date=igår');
      assert.equal(badDate.statusCode, 400);
      assert.match(errorList(badDate)[0].description, /^start_date: /);
      const badStatus = await get(t, '/open311/v2/requests.json?jurisdiction_id=1489&status=pending');
      assert.equal(badStatus.statusCode, 400);
      assert.match(errorList(badStatus)[0].description, /^status: /);
      assert.equal((await get(t, '/open311/v2/nothing.json')).statusCode, 404);
      const ids = Array.from({ length: 401 }, () => '00000000-0000-4000-8000-000000000000').join(',');
      const tooMany = await get(t, `/open311/v2/requests.json?jurisdiction_id=1489&service_request_id=${ids}`);
      assert.equal(tooMany.statusCode, 400);
      assert.match(errorList(tooMany)[0].description, /^service_request_id: .*400/);
      assert.equal(await count(), before);
    });

    test('keys: an administrator creates one (shown once, stored hashed), lists and revokes it; a revoked key is refused', async () => {
      const created = await admin.post('/api/open311/keys', { name: 'Felanmälan-appen' });
      assert.equal(created.statusCode, 201, created.body);
      const { key, apiKey: secret } = created.json();
      assert.match(secret, /^lb311_1489_[A-Za-z0-9_-]{43}$/);
      const stored = await t.db.query<{ key_hash: string }>('SELECT key_hash FROM open311_keys WHERE municipality_id = $1 AND id = $2', [FX.alingsas, key.id]);
      assert.notEqual(stored.rows[0].key_hash, secret);
      assert.ok(!JSON.stringify(stored.rows).includes(secret));
      const list = await admin.get('/api/open311/keys');
      assert.equal(list.statusCode, 200);
      assert.ok(!list.body.includes(secret), 'the list never shows a key');
      assert.ok(list.json().some((k: { id: string; name: string }) => k.id === key.id && k.name === 'Felanmälan-appen'));
      const ok = await post(t, { api_key: secret, service_code: 'nedskrapning', lat: fms.lat, long: fms.long });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal((await admin.get('/api/open311/keys')).json().find((k: { id: string }) => k.id === key.id).tips, 1);
      const revoked = await admin.delete(`/api/open311/keys/${key.id}`);
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.ok(revoked.json().revokedAt);
      const refused = await post(t, { api_key: secret, service_code: 'nedskrapning', lat: fms.lat, long: fms.long });
      assert.equal(refused.statusCode, 403);
      assert.match(errorList(refused)[0].description, /^api_key: .*återkallats/);
      // Only administrators manage keys, and only in their own municipalities.
      assert.equal((await admin.post('/api/open311/keys', { name: 'X', municipalityId: FX.vargarda })).statusCode, 403);
      assert.equal((await coordinator.post('/api/open311/keys', { name: 'X' })).statusCode, 403);
      assert.equal((await coordinator.get('/api/open311/keys')).statusCode, 403);
      assert.equal((await coordinator.delete(`/api/open311/keys/${key.id}`)).statusCode, 403);
    });

    test('a key made from the command line files its tips under the organisation named', async () => {
      const { key, apiKey: secret } = await createOpen311Key(t.db, null, { municipalityId: FX.vargarda, name: 'Vårgårda-appen' });
      assert.equal(key.organisationId, FX.orgs.vargardaKommun);
      const bevakning = await createOpen311Key(t.db, null, { municipalityId: FX.alingsas, name: 'Väktarappen', organisation: 'Bevakningsföretaget' });
      assert.equal(bevakning.key.organisationId, FX.orgs.bevakning);
      const res = await post(t, { api_key: secret, jurisdiction_id: FX.vargarda, service_code: 'skadegorelse.klotter', lat: POINTS.vargardaCentrum.lat, long: POINTS.vargardaCentrum.lon });
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json()[0].service_request_id;
      // Each municipality's status list holds its own tips only.
      assert.equal((await get(t, `/open311/v2/requests/${id}.json?jurisdiction_id=${FX.vargarda}`)).statusCode, 200);
      assert.equal((await get(t, `/open311/v2/requests/${id}.json?jurisdiction_id=${FX.alingsas}`)).statusCode, 404);
    });

    test('contact details are deleted once no longer needed: 30 days after review, 180 days at most', async () => {
      const keep = (await post(t, { api_key: apiKey, service_code: 'nedskrapning', lat: fms.lat, long: fms.long, email: 'kvar@example.org' })).json()[0].service_request_id;
      const reviewed = (await post(t, { api_key: apiKey, service_code: 'nedskrapning', lat: fms.lat, long: fms.long, email: 'granskad@example.org' })).json()[0].service_request_id;
      await coordinator.post(`/api/incidents/${reviewed}/review`, { status: 'reviewed' });
      const has = async (id: string) => (await t.db.query('SELECT 1 FROM open311_contacts WHERE municipality_id = $1 AND incident_id = $2', [FX.alingsas, id])).rows.length === 1;
      await purgeContacts(t.db, new Date(Date.now() + 29 * 86_400_000));
      assert.ok(await has(keep) && await has(reviewed));
      await purgeContacts(t.db, new Date(Date.now() + 31 * 86_400_000));
      assert.ok(await has(keep), 'still waiting for review');
      assert.ok(!(await has(reviewed)), 'reviewed more than 30 days ago');
      await purgeContacts(t.db, new Date(Date.now() + 181 * 86_400_000));
      assert.ok(!(await has(keep)), 'older than 180 days');
      // The tips themselves stay.
      assert.equal((await get(t, `/open311/v2/requests/${keep}.json?jurisdiction_id=1489`)).statusCode, 200);
    });
  });
}

for (const engine of testEngines()) {
  describe(`Open311 rate limit on ${engine}`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(engine, { open311RateLimit: { max: 3, timeWindow: 60_000 } }); });
    after(async () => { await t?.close(); });

    test('per api_key: the fourth request in the window is 429 in the error list; another key is not held back', async () => {
      const a = (await createOpen311Key(t.db, null, { municipalityId: FX.alingsas, name: 'A' })).apiKey;
      const b = (await createOpen311Key(t.db, null, { municipalityId: FX.alingsas, name: 'B' })).apiKey;
      const tip = (key: string) => post(t, { api_key: key, service_code: 'nedskrapning', lat: 57.93, long: 12.5325 }, 'xml');
      for (let i = 0; i < 3; i++) assert.equal((await tip(a)).statusCode, 201);
      const limited = await tip(a);
      assert.equal(limited.statusCode, 429);
      assert.equal(xmlItems(limited.body, 'errors', 'error')[0].code, '429');
      assert.equal((await tip(b)).statusCode, 201);
    });

    test('per client address, ten times as many: made-up keys one after another are held back too', async () => {
      const made = () => post(t, { api_key: `lb311_1489_${randomBytes(32).toString('base64url')}`, service_code: 'nedskrapning', lat: 57.93, long: 12.5325 }, 'json', {}, '10.0.0.7');
      for (let i = 0; i < 30; i++) assert.equal((await made()).statusCode, 403);
      const limited = await made();
      assert.equal(limited.statusCode, 429);
      assert.equal(errorList(limited)[0].code, 429);
    });
  });
}

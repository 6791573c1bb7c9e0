import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, countRows, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { inputProblems, tightenSchema } from './input.ts';
import { refusalOf } from './errors.ts';

const square = (extra: number[] = []) => ({ type: 'Polygon', coordinates: [[[12.53, 57.93, ...extra], [12.54, 57.93, ...extra], [12.54, 57.94, ...extra], [12.53, 57.93, ...extra]]] });

/** The field issues of a 4xx answer, as "field code". */
function issues(res: { statusCode: number; body: string }): string[] {
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, `expected a 4xx, got ${res.statusCode}: ${res.body}`);
  return (JSON.parse(res.body).error.fields as Array<{ field: string; code: string }>).map((f) => `${f.field} ${f.code}`);
}

for (const engine of testEngines()) {
  describe(`bad input is a 4xx naming the field on ${engine} (issue 16 item 1)`, () => {
    let t: TestApp;
    let coordinator: Client, admin: Client;
    let incidentId: string;
    before(async () => {
      t = await startTestApp(engine);
      coordinator = await t.as('coordinator');
      admin = await t.as('admin');
      const res = await coordinator.post('/api/incidents', { categoryId: await categoryId(t, 'skadegorelse.klotter'), occurredAt: new Date(Date.now() - 3600_000).toISOString(), location: POINTS.alingsasCentrum });
      assert.equal(res.statusCode, 201, res.body);
      incidentId = res.json().id;
    });
    after(() => t.close());

    test('a NUL character in a text field, the q filter and any query string', async () => {
      assert.deepEqual(issues(await coordinator.patch(`/api/incidents/${incidentId}`, { description: 'a\u0000b' })), ['description invalid_character']);
      assert.deepEqual(issues(await coordinator.get('/api/incidents?q=%00')), ['q invalid_character']);
      assert.deepEqual(issues(await coordinator.get('/api/places?q=a%00')), ['q invalid_character']);
      assert.deepEqual(issues(await coordinator.get('/api/map/points?municipality=14%0089')), ['municipality invalid_character']);
      const stored = await t.db.query<{ description: string | null }>('SELECT description FROM incidents WHERE id = $1', [incidentId]);
      assert.equal(stored.rows[0].description, null);
    });

    test('a NUL character in the login e-mail is refused and the failed login audited', async () => {
      const before = await countRows(t, `deployment_audit_log WHERE action = 'login.failed'`);
      const res = await t.anonymous().post('/api/auth/login', { email: 'nobody\u0000@x.se', password: 'whatever' });
      assert.deepEqual(issues(res), ['email invalid_character']);
      assert.equal(res.statusCode, 422);
      assert.equal(await countRows(t, `deployment_audit_log WHERE action = 'login.failed'`), before + 1);
    });

    test('a lone UTF-16 surrogate in text, in a value or a key', async () => {
      assert.deepEqual(issues(await coordinator.patch(`/api/incidents/${incidentId}`, '{"description":"\\ud800"}')), ['description invalid_character']);
      assert.deepEqual(issues(await coordinator.patch(`/api/incidents/${incidentId}`, '{"placeName":"a\\udc00b"}')), ['placeName invalid_character']);
      // A pair is a character like any other.
      assert.equal((await coordinator.patch(`/api/incidents/${incidentId}`, { placeName: 'Torget 🙂' })).statusCode, 200);
    });

    test('a name of only white space: organisations, places, users, areas, categories', async () => {
      const orgs = await countRows(t, 'organisations');
      assert.deepEqual(issues(await admin.post('/api/organisations', { name: ' ', kind: 'forvaltning' })), ['name blank']);
      assert.equal(await countRows(t, 'organisations'), orgs);
      assert.deepEqual(issues(await coordinator.post('/api/places', { name: '\t \n', geometry: square() })), ['name blank']);
      assert.deepEqual(issues(await admin.post('/api/users', { name: '  ', email: 'ny@alingsas.test', organisationId: FX.orgs.kommun, roles: ['viewer'] })), ['name blank']);
      assert.deepEqual(issues(await admin.post('/api/categories', { code: 'ny', nameSv: ' ', nameEn: 'New', colour: '#aabbcc', icon: 'x' })), ['nameSv blank']);
      const area = await coordinator.post('/api/areas', { kind: 'district', geojson: { type: 'Feature', properties: { name: 'Nolby' }, geometry: square() } });
      assert.equal(area.statusCode, 201, area.body);
      assert.deepEqual(issues(await coordinator.patch(`/api/areas/${area.json()[0].id}`, { name: ' ' })), ['name blank']);
    });

    test('"Infinity", "NaN" and 1e400 in integers and numbers', async () => {
      assert.deepEqual(issues(await coordinator.patch(`/api/incidents/${incidentId}`, { assessment: 'Infinity' })), ['assessment type']);
      assert.deepEqual(issues(await coordinator.patch(`/api/incidents/${incidentId}`, { precisionM: 'Infinity' })), ['precisionM type']);
      assert.deepEqual(issues(await coordinator.patch(`/api/incidents/${incidentId}`, '{"precisionM":1e400}')), ['precisionM type']);
      assert.deepEqual(issues(await coordinator.patch(`/api/incidents/${incidentId}`, { location: { lon: '1e400', lat: 57.93 } })), ['location.lon type']);
      assert.deepEqual(issues(await coordinator.patch(`/api/incidents/${incidentId}`, { location: { lon: 'NaN', lat: 57.93 } })), ['location.lon type']);
      assert.deepEqual(issues(await admin.put('/api/settings/map', { maxZoom: 'Infinity' })), ['maxZoom type']);
      assert.deepEqual(issues(await coordinator.get('/api/incidents?limit=Infinity')), ['limit type']);
      assert.deepEqual(issues(await admin.post('/api/categories', { code: 'stor', nameSv: 'Stor', nameEn: 'Big', colour: '#aabbcc', icon: 'x', sortOrder: 1e15 })), ['sortOrder too_large']);
      const stored = await t.db.query<{ assessment: number | null }>('SELECT assessment FROM incidents WHERE id = $1', [incidentId]);
      assert.equal(stored.rows[0].assessment, null);
    });

    test('coordinates with a fourth value are refused; a height is dropped', async () => {
      const places = await countRows(t, 'places');
      const res = await coordinator.post('/api/places', { name: 'Fyra', geometry: square([10, 5]) });
      assert.deepEqual(issues(res), ['geometry invalid_geometry']);
      assert.equal(await countRows(t, 'places'), places);
      const withHeight = await coordinator.post('/api/places', { name: 'Med höjd', geometry: square([10]) });
      assert.equal(withHeight.statusCode, 201, withHeight.body);
      assert.equal(withHeight.json().geometry.coordinates[0][0].length, 2);
      const offGlobe = { type: 'Polygon', coordinates: [[[1e308, 0], [0, 1e308], [1, 1], [1e308, 0]]] };
      assert.deepEqual(issues(await coordinator.post('/api/places', { name: 'Långt bort', geometry: offGlobe })), ['geometry invalid_geometry']);
      const area = await coordinator.post('/api/areas', { kind: 'district', geojson: { type: 'Feature', properties: { name: 'Z' }, geometry: square([1, 2, 3]) } });
      assert.ok(area.statusCode >= 400 && area.statusCode < 500, `${area.statusCode} ${area.body}`);
    });

    test('dates outside years 1000–8999, in bodies and query strings', async () => {
      const meetings = await countRows(t, 'meetings');
      assert.deepEqual(issues(await coordinator.post('/api/meetings', { heldAt: '9999-12-31T23:59:59Z' })), ['heldAt date_out_of_range']);
      assert.deepEqual(issues(await coordinator.post('/api/meetings', { heldAt: '+010000-01-01T00:00:00Z' })), ['heldAt date_out_of_range']);
      assert.deepEqual(issues(await coordinator.post('/api/meetings', { heldAt: '-000001-01-01T00:00:00Z' })), ['heldAt date_out_of_range']);
      assert.equal(await countRows(t, 'meetings'), meetings);
      assert.deepEqual(issues(await coordinator.get('/api/incidents?from=0000-01-01')), ['from date_out_of_range']);
      assert.deepEqual(issues(await coordinator.get('/api/stats?to=10000-01-01')), ['to date_out_of_range']);
      assert.deepEqual(issues(await coordinator.patch(`/api/incidents/${incidentId}`, { occurredAt: '0001-01-01T00:00:00Z' })), ['occurredAt date_out_of_range']);
    });

    test('what the database itself refuses maps to a 4xx naming the column', async () => {
      const refused = (sql: string, params: unknown[]) => t.db.query(sql, params).then(() => assert.fail(`not refused: ${sql}`), (e: unknown) => refusalOf(e));
      assert.deepEqual(await refused(`INSERT INTO organisations (municipality_id, name, kind) VALUES ($1, '', 'ovrig')`, [FX.alingsas]),
        { code: 'validation_failed', fields: [{ field: 'name', code: 'format', params: { format: 'organisations_name_check' } }] });
      assert.deepEqual((await refused(`INSERT INTO organisations (municipality_id, name, kind) VALUES ($1, 'Alingsåshem', 'ovrig')`, [FX.alingsas]))?.fields, [{ field: 'name', code: 'taken' }]);
      assert.equal((await refused(`SELECT ($1::timestamptz + interval '300000 years')::text`, ['8999-01-01T00:00:00Z']))?.fields[0].code, 'date_out_of_range');
      assert.equal((await refused(`SELECT $1::int`, ['99999999999']))?.code, 'validation_failed');
    });

    test('nesting deeper than any GeoJSON', async () => {
      const deep = '{"kind":"district","geojson":{"type":"Feature","geometry":null,"properties":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}}';
      assert.deepEqual(issues(await coordinator.post('/api/areas', deep)), [`geojson.properties${'.a'.repeat(30)} too_deep`]);
    });
  });
}

describe('the input guard and the database safety net, without a server', () => {
  test('walks values and keys and names their paths', () => {
    assert.deepEqual(inputProblems({ a: ['ok', 'x\u0000'], 'k\ud800': 1 }, 'strings').map((e) => `${e.instancePath} ${e.keyword}`).sort(), ['/a/1 invalidCharacter', '/k\ud800 invalidCharacter']);
    assert.deepEqual(inputProblems({ n: [1, Infinity] }, 'numbers').map((e) => e.instancePath), ['/n/1']);
    assert.deepEqual(inputProblems({ d: '2026-12-03', e: '8999-12-31T23:00:00Z', f: 'Mötet 9999-01-01' }, 'strings'), []);
  });

  test('blank text and unbounded integers are tightened; passwords are taken as typed', () => {
    const s = tightenSchema({ type: 'object', properties: { name: { type: 'string', minLength: 1 }, password: { type: 'string', minLength: 1 }, n: { type: 'integer' } } }) as { properties: Record<string, Record<string, unknown>> };
    assert.equal(s.properties.name.notBlank, true);
    assert.equal(s.properties.password.notBlank, undefined);
    assert.equal(s.properties.n.maximum, 2147483647);
  });

  test('a database refusal is a 4xx naming the column', () => {
    assert.deepEqual(refusalOf({ code: '23514', severity: 'ERROR', table: 'places', constraint: 'places_name_check' }), { code: 'validation_failed', fields: [{ field: 'name', code: 'format', params: { format: 'places_name_check' } }] });
    assert.deepEqual(refusalOf({ code: '23505', severity: 'ERROR', detail: 'Key (lower(email))=(a@b.se) already exists.' }), { code: 'conflict', fields: [{ field: 'email', code: 'taken' }] });
    assert.equal(refusalOf({ code: '22P05', severity: 'ERROR' })?.fields[0].code, 'invalid_character');
    assert.equal(refusalOf({ code: '22008', severity: 'ERROR' })?.fields[0].code, 'date_out_of_range');
    assert.equal(refusalOf({ code: '22003', severity: 'ERROR', column: 'sort_order' })?.fields[0].field, 'sortOrder');
    assert.equal(refusalOf({ code: '40001', severity: 'ERROR' }), null);
    assert.equal(refusalOf(new Error('boom')), null);
  });
});

/**
 * One organisation in several municipalities (issue 13 item 3): the police area works in Alingsås
 * and Vårgårda, so its users report and read in each with their role's rules, without grants; a
 * Vårgårda-only organisation's user is told why a report in Alingsås is refused; an administrator
 * changes where an organisation works only within the municipalities they administer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, countRows, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { addOrganisation } from '../../services/municipality-setup.ts';
import { createUser } from '../../services/users.ts';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const PASSWORD = 'ett-långt-lösenord';

async function login(t: TestApp, email: string): Promise<Client & { municipalities: string[] }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email, password: PASSWORD }) });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = res.json().csrfToken as string;
  const headers = (extra?: Record<string, string>) => ({ cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', ...extra });
  return {
    csrfToken: csrf,
    municipalities: (res.json().municipalities as Array<{ id: string }>).map((m) => m.id).sort(),
    get: (url, extra) => t.app.inject({ method: 'GET', url, headers: headers(extra) }),
    post: (url, body, extra) => t.app.inject({ method: 'POST', url, headers: headers(extra), payload: JSON.stringify(body ?? {}) }),
    patch: (url, body, extra) => t.app.inject({ method: 'PATCH', url, headers: headers(extra), payload: JSON.stringify(body) }),
    put: (url, body, extra) => t.app.inject({ method: 'PUT', url, headers: headers(extra), payload: JSON.stringify(body ?? {}) }),
    delete: (url, extra) => t.app.inject({ method: 'DELETE', url, headers: headers(extra) }),
    upload: () => { throw new Error('not used'); },
  };
}

for (const engine of testEngines({ citus: true })) {
  describe(`an organisation in several municipalities on ${engine}`, () => {
    let t: TestApp;
    let area: string;
    before(async () => {
      t = await startTestApp(engine);
      area = (await addOrganisation(t.db, { municipalities: ['1489', '1442'], name: 'Polisområde Alingsås', shortName: 'LPO', kind: 'polis' })).organisation.id;
      await createUser(t.db, null, { email: 'chef@lpo.test', name: 'Chef', organisationId: area, roles: ['areaGroup'], password: PASSWORD });
      await createUser(t.db, null, { email: 'patrull@lpo.test', name: 'Patrull', organisationId: area, roles: ['reporter'], password: PASSWORD });
    });
    after(() => t.close());

    test('its users reach both municipalities without a grant, report in each, and a category of either tree is stored as the report\'s municipality\'s', async () => {
      const c = await login(t, 'patrull@lpo.test');
      assert.deepEqual(c.municipalities, ['1442', '1489']);
      // The category is picked from Alingsås' tree; the point is in Vårgårda.
      const res = await c.post('/api/incidents', { categoryId: await categoryId(t, 'skadegorelse.klotter', FX.alingsas), occurredAt: hoursAgo(1), location: POINTS.vargardaCentrum });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().municipalityId, FX.vargarda);
      assert.equal(res.json().categoryId, await categoryId(t, 'skadegorelse.klotter', FX.vargarda));
      const inAlingsas = await c.post('/api/incidents', { categoryId: await categoryId(t, 'skadegorelse.klotter', FX.vargarda), occurredAt: hoursAgo(1), location: POINTS.alingsasCentrum });
      assert.equal(inAlingsas.statusCode, 201, inAlingsas.body);
      assert.equal(inAlingsas.json().municipalityId, FX.alingsas);

      // The area group's chief reads both, one at a time or together.
      const chief = await login(t, 'chef@lpo.test');
      const count = async (q: string) => (await chief.get(`/api/incidents?limit=500${q}`)).json().items.filter((i: { organisationId: string }) => i.organisationId === area).length;
      assert.deepEqual([await count(''), await count('&municipality=1442'), await count('&municipality=1489')], [2, 1, 1]);
    });

    test('a Vårgårda-only user reporting in Alingsås is refused with a message naming both, and nothing is stored', async () => {
      const c = await t.as('vargardaCoordinator');
      const before = await countRows(t, 'incidents');
      const res = await c.post('/api/incidents', { categoryId: await categoryId(t, 'skadegorelse.klotter', FX.vargarda), occurredAt: hoursAgo(1), location: POINTS.alingsasCentrum }, { 'accept-language': 'sv' });
      assert.equal(res.statusCode, 422, res.body);
      const field = res.json().error.fields.find((f: { field: string }) => f.field === 'location');
      assert.equal(field.code, 'municipality_not_reached');
      assert.equal(field.message, 'Plats: platsen ligger i Alingsås kommun, där din organisation inte verkar. Du kan rapportera i Vårgårda kommun.');
      // Outside every municipality of the deployment it is the plain message.
      const gbg = await c.post('/api/incidents', { categoryId: await categoryId(t, 'skadegorelse.klotter', FX.vargarda), occurredAt: hoursAgo(1), location: POINTS.goteborg }, { 'accept-language': 'sv' });
      assert.equal(gbg.json().error.fields.find((f: { field: string }) => f.field === 'location').code, 'outside_municipality');
      assert.equal(await countRows(t, 'incidents'), before);
    });

    test('the organisation is listed in both municipalities; only its home\'s administrator changes it, and only within their own municipalities', async () => {
      const vargarda = await t.as('vargardaCoordinator');
      const listed = (await vargarda.get('/api/organisations')).json() as Array<{ id: string; municipalityId: string; municipalities: string[] }>;
      assert.deepEqual(listed.find((o) => o.id === area), { ...listed.find((o) => o.id === area), municipalityId: '1489', municipalities: ['1489', '1442'] });

      const admin = await t.as('admin');
      // Alingsås' administrator cannot add Vårgårda, which they do not administer …
      const wider = await admin.patch(`/api/organisations/${FX.orgs.alingsashem}`, { municipalities: ['1442'] });
      assert.equal(wider.statusCode, 422, wider.body);
      assert.equal(wider.json().error.fields[0].field, 'municipalities');
      // … and emptying the list leaves Vårgårda, outside their reach, as it was.
      const kept = await admin.patch(`/api/organisations/${area}`, { municipalities: [] });
      assert.equal(kept.statusCode, 200, kept.body);
      assert.deepEqual(kept.json().municipalities, ['1489', '1442']);
      const created = await admin.post('/api/organisations', { name: 'Räddningstjänsten', kind: 'forbund', municipalities: ['1442'] });
      assert.equal(created.statusCode, 422, created.body);
      assert.equal(await countRows(t, `organisations WHERE name = 'Räddningstjänsten'`), 0);
    });
  });
}

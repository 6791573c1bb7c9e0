/**
 * The access matrix: every role × every action on incidents of its own organisation, of another
 * organisation, restricted ones, and another municipality's — through the HTTP API, so the rules are
 * proven where they are enforced (the SQL predicates and the services), not only in core.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../test/support/db.ts';
import { categoryId, startTestApp, type TestApp } from '../../test/support/api.ts';
import { FX, POINTS, type FixtureUser } from '../../test/support/fixtures.ts';

type Target = 'ownOrg' | 'otherOrg' | 'otherOrgRestricted' | 'ownOrgRestricted' | 'otherMunicipality';
type Action = 'read' | 'list' | 'edit' | 'review' | 'history';

// Expected outcome per user (by their organisation: alingsashem reporter, kommun for coordinator/areaGroup/viewer/admin).
// The incidents: 'ownOrg' belongs to the user's organisation; 'otherOrg' to Bevakningsföretaget; restricted variants
// are marked restricted; 'otherMunicipality' is a Vårgårda report.
const MATRIX: Record<string, Record<Target, Record<Action, boolean>>> = {
  reporter: {
    ownOrg: { read: true, list: true, edit: true, review: false, history: true },
    ownOrgRestricted: { read: true, list: true, edit: true, review: false, history: true },
    otherOrg: { read: false, list: false, edit: false, review: false, history: false },
    otherOrgRestricted: { read: false, list: false, edit: false, review: false, history: false },
    otherMunicipality: { read: false, list: false, edit: false, review: false, history: false },
  },
  areaGroup: {
    ownOrg: { read: true, list: true, edit: true, review: false, history: true },
    ownOrgRestricted: { read: true, list: true, edit: true, review: false, history: true },
    otherOrg: { read: true, list: true, edit: false, review: false, history: true },
    otherOrgRestricted: { read: false, list: false, edit: false, review: false, history: false },
    otherMunicipality: { read: false, list: false, edit: false, review: false, history: false },
  },
  viewer: {
    ownOrg: { read: true, list: true, edit: false, review: false, history: true },
    ownOrgRestricted: { read: true, list: true, edit: false, review: false, history: true },
    otherOrg: { read: true, list: true, edit: false, review: false, history: true },
    otherOrgRestricted: { read: false, list: false, edit: false, review: false, history: false },
    otherMunicipality: { read: false, list: false, edit: false, review: false, history: false },
  },
  admin: {
    ownOrg: { read: true, list: true, edit: false, review: false, history: true },
    ownOrgRestricted: { read: true, list: true, edit: false, review: false, history: true },
    otherOrg: { read: true, list: true, edit: false, review: false, history: true },
    otherOrgRestricted: { read: false, list: false, edit: false, review: false, history: false },
    otherMunicipality: { read: false, list: false, edit: false, review: false, history: false },
  },
  coordinator: {
    ownOrg: { read: true, list: true, edit: true, review: true, history: true },
    ownOrgRestricted: { read: true, list: true, edit: true, review: true, history: true },
    otherOrg: { read: true, list: true, edit: true, review: true, history: true },
    otherOrgRestricted: { read: true, list: true, edit: true, review: true, history: true },
    otherMunicipality: { read: false, list: false, edit: false, review: false, history: false },
  },
  // The data-protection officer reads the audit trail, not the reports: none of them, anywhere.
  dataProtection: {
    ownOrg: { read: false, list: false, edit: false, review: false, history: false },
    ownOrgRestricted: { read: false, list: false, edit: false, review: false, history: false },
    otherOrg: { read: false, list: false, edit: false, review: false, history: false },
    otherOrgRestricted: { read: false, list: false, edit: false, review: false, history: false },
    otherMunicipality: { read: false, list: false, edit: false, review: false, history: false },
  },
};

for (const engine of testEngines({ citus: true })) {
  describe(`access matrix on ${engine}`, () => {
    let t: TestApp;
    /** incident ids per (organisation key, restricted) */
    const ids: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(engine);
      const klotter = await categoryId(t, 'skadegorelse.klotter');
      const occurredAt = new Date(Date.now() - 3600_000).toISOString();
      // Reports by an Alingsåshem reporter, a guard, a kommun area-group member; restricted and not.
      const authors: Array<[FixtureUser, string]> = [['reporter', 'alingsashem'], ['guard', 'bevakning'], ['areaGroup', 'kommun']];
      for (const [user, org] of authors) {
        const c = await t.as(user);
        for (const visibility of ['normal', 'restricted'] as const) {
          const res = await c.post('/api/incidents', { categoryId: klotter, occurredAt, location: POINTS.alingsasCentrum, visibility });
          assert.equal(res.statusCode, 201, res.body);
          ids[`${org}:${visibility}`] = res.json().id;
        }
      }
      const v = await t.as('vargardaCoordinator');
      const res = await v.post('/api/incidents', { categoryId: await categoryId(t, 'skadegorelse.klotter', FX.vargarda), occurredAt, location: POINTS.vargardaCentrum });
      assert.equal(res.statusCode, 201, res.body);
      ids['vargarda'] = res.json().id;
    });
    after(() => t.close());

    const orgOf: Record<string, string> = { reporter: 'alingsashem', areaGroup: 'kommun', viewer: 'kommun', admin: 'kommun', coordinator: 'kommun', dataProtection: 'kommun' };
    function target(user: string, tg: Target): string {
      const own = orgOf[user];
      const other = 'bevakning';
      switch (tg) {
        case 'ownOrg': return ids[`${own}:normal`];
        case 'ownOrgRestricted': return ids[`${own}:restricted`];
        case 'otherOrg': return ids[`${other}:normal`];
        case 'otherOrgRestricted': return ids[`${other}:restricted`];
        case 'otherMunicipality': return ids['vargarda'];
      }
    }

    for (const [user, row] of Object.entries(MATRIX)) {
      test(`${user}: read, list, edit, review, history on every kind of report`, async () => {
        const c = await t.as(user as FixtureUser);
        const listed = new Set(((await c.get('/api/incidents?limit=1000')).json().items as any[]).map((x) => x.id));
        for (const [tg, actions] of Object.entries(row) as Array<[Target, Record<Action, boolean>]>) {
          const id = target(user, tg);
          const where = `${user} × ${tg}`;
          const read = await c.get(`/api/incidents/${id}`);
          assert.equal(read.statusCode, actions.read ? 200 : 404, `${where} read`);
          assert.equal(listed.has(id), actions.list, `${where} list`);
          const hist = await c.get(`/api/incidents/${id}/history`);
          assert.equal(hist.statusCode, actions.history ? 200 : 404, `${where} history`);
          const edit = await c.patch(`/api/incidents/${id}`, { assessment: 2 });
          assert.equal(edit.statusCode, actions.edit ? 200 : actions.read ? 403 : 404, `${where} edit: ${edit.body}`);
          const review = await c.post(`/api/incidents/${id}/review`, { status: 'reviewed' });
          assert.equal(review.statusCode, actions.review ? 200 : actions.read ? 403 : 404, `${where} review`);
        }
      });
    }

    test('creating: reporters, area groups and coordinators may; viewers, admins and the data-protection officer may not', async () => {
      const klotter = await categoryId(t, 'skadegorelse.klotter');
      const body = { categoryId: klotter, occurredAt: new Date(Date.now() - 60_000).toISOString(), location: POINTS.alingsasCentrum };
      for (const [user, status] of [['reporter', 201], ['areaGroup', 201], ['coordinator', 201], ['viewer', 403], ['admin', 403], ['dataProtection', 403]] as const) {
        assert.equal((await (await t.as(user)).post('/api/incidents', body)).statusCode, status, user);
      }
    });

    test('the Vårgårda coordinator sees nothing of Alingsås; the police, granted both, see their own in both', async () => {
      const v = await t.as('vargardaCoordinator');
      const items = (await v.get('/api/incidents?limit=1000')).json().items as any[];
      assert.ok(items.length >= 1 && items.every((x) => x.municipalityId === FX.vargarda));
      assert.equal((await v.get(`/api/incidents/${ids['bevakning:normal']}`)).statusCode, 404);
      const police = await t.as('police');
      const klotterV = await categoryId(t, 'skadegorelse.klotter', FX.vargarda);
      const created = await police.post('/api/incidents', { categoryId: klotterV, occurredAt: new Date(Date.now() - 60_000).toISOString(), location: POINTS.vargardaCentrum });
      assert.equal(created.statusCode, 201);
      const mine = (await police.get('/api/incidents?limit=1000')).json().items as any[];
      assert.ok(mine.some((x) => x.municipalityId === FX.vargarda));
      assert.ok(mine.every((x) => x.organisationId === FX.orgs.polisen));
      const byMunicipality = (await police.get(`/api/incidents?municipality=${FX.alingsas}`)).json().items as any[];
      assert.ok(byMunicipality.every((x) => x.municipalityId === FX.alingsas));
    });

    test('configuration: who may change organisations, users, categories, areas and places', async () => {
      const cases: Array<[FixtureUser, number, number, number]> = [
        // user, organisations POST, categories POST, users GET
        ['reporter', 403, 403, 403],
        ['viewer', 403, 403, 403],
        ['areaGroup', 403, 403, 403],
        ['coordinator', 403, 201, 200],
        ['admin', 201, 201, 200],
        ['dataProtection', 403, 403, 403],
      ];
      let n = 0;
      for (const [user, orgStatus, catStatus, usersStatus] of cases) {
        const c = await t.as(user);
        n++;
        assert.equal((await c.post('/api/organisations', { name: `Förening ${user}`, kind: 'civilsamhalle' })).statusCode, orgStatus, `${user} organisations`);
        assert.equal((await c.post('/api/categories', { code: `test_${n}`, nameSv: 'Test', nameEn: 'Test', colour: '#123456', icon: 'flag' })).statusCode, catStatus, `${user} categories`);
        assert.equal((await c.get('/api/users')).statusCode, usersStatus, `${user} users`);
        assert.equal((await c.get('/api/categories')).statusCode, 200, `${user} reads categories`);
      }
      const coord = await t.as('coordinator');
      const grant = await coord.post('/api/users', { email: 'ny@alingsas.test', name: 'Ny', organisationId: FX.orgs.kommun, roles: ['admin'] });
      assert.equal(grant.statusCode, 422, 'a coordinator cannot make an administrator');
      assert.equal(grant.json().error.fields[0].code, 'not_permitted');
      const adminChange = await coord.patch(`/api/users/${FX.users.admin.id}`, { name: 'x' });
      assert.equal(adminChange.statusCode, 403, 'nor change one');
    });
  });
}

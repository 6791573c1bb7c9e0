/**
 * Issue 16, item 10: the audit view. Who may read it (coordinators and the data-protection officer,
 * each only of their municipalities), its filters and keyset pages, the CSV for Excel, and a user's
 * own log-in history.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { localDate } from '../../core/situation-picture/period.ts';

// On Citus too: the view joins the distributed log with the shared users and organisations.
for (const engine of testEngines({ citus: true })) {
  describe(`the audit view on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, dpo: Client;

    before(async () => {
      t = await startTestApp(engine);
      coord = await t.as('coordinator');
      dpo = await t.as('dataProtection');
      // Something to find: the reporter reads the list three times, the viewer once.
      const rep = await t.as('reporter');
      for (let k = 0; k < 3; k++) assert.equal((await rep.get(`/api/incidents?limit=${k + 1}`)).statusCode, 200);
      assert.equal((await (await t.as('viewer')).get('/api/incidents')).statusCode, 200);
      // An entry of a day long ago (the log is append-only: written as it was then).
      await t.db.query(`INSERT INTO audit_log (municipality_id, at, user_id, action, details) VALUES ('1489', '2025-03-02 23:30:00+00', $1, 'incidents.read', '{"count": 7}')`, [FX.users.areaGroup.id]);
    });
    after(() => t.close());

    test('a reporter, a viewer, an area group and an administrator may not read it', async () => {
      for (const user of ['reporter', 'viewer', 'areaGroup', 'admin'] as const) {
        const c = await t.as(user);
        assert.equal((await c.get('/api/audit')).statusCode, 403, user);
        assert.equal((await c.get('/api/audit/export')).statusCode, 403, user);
        assert.equal((await c.get('/api/audit/people')).statusCode, 403, user);
      }
      assert.equal((await t.anonymous().get('/api/audit')).statusCode, 401);
    });

    test('the coordinator and the data-protection officer read it: who, organisation, what in words, details', async () => {
      for (const c of [coord, dpo]) {
        const res = await c.get(`/api/audit?userId=${FX.users.reporter.id}&action=incidents.read`);
        assert.equal(res.statusCode, 200, res.body);
        const items = res.json().items as any[];
        assert.equal(items.length, 3);
        assert.deepEqual(items.map((i) => i.details.count), items.map((i) => i.details.count).sort((a, b) => a - b), 'newest first');
        assert.equal(items[0].userName, 'reporter');
        assert.equal(items[0].organisationName, 'Alingsåshem');
        assert.equal(items[0].actionLabel, 'Läste händelselistan');
        assert.equal(items[0].municipalityId, FX.alingsas);
      }
      const en = await dpo.get(`/api/audit?userId=${FX.users.reporter.id}&action=incidents.read&limit=1`, { 'accept-language': 'en' });
      assert.equal(en.json().items[0].actionLabel, 'Read the list of incidents');
    });

    test('filters: organisation, period as Swedish days, and a malformed one named', async () => {
      const byOrg = (await coord.get(`/api/audit?organisationId=${FX.orgs.alingsashem}&action=incidents.read`)).json().items as any[];
      assert.equal(byOrg.length, 3);
      assert.ok(byOrg.every((i) => i.organisationId === FX.orgs.alingsashem));
      // 23:30 UTC on 2 March is 00:30 on 3 March in Sweden.
      const march3 = (await coord.get('/api/audit?from=2025-03-03&to=2025-03-03')).json().items as any[];
      assert.deepEqual(march3.map((i) => i.details.count), [7]);
      assert.deepEqual((await coord.get('/api/audit?from=2025-03-02&to=2025-03-02')).json().items, []);
      const today = localDate(Date.now());
      const recent = (await coord.get(`/api/audit?from=${today}&action=incidents.read`)).json().items as any[];
      assert.equal(recent.length, 4, 'the reporter\'s three and the viewer\'s one, not the old one');
      const bad = await coord.get('/api/audit?from=2025-02-30');
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().error.fields[0].field, 'from');
      const reversed = await coord.get('/api/audit?from=2025-03-03&to=2025-03-01');
      assert.equal(reversed.statusCode, 422);
      assert.equal(reversed.json().error.fields[0].field, 'to');
    });

    test('keyset pages: every entry once, newest first, to the end', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await coord.get(`/api/audit?action=incidents.read&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        seen.push(...body.items.map((i: any) => i.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      assert.equal(seen.length, 5);
      assert.equal(new Set(seen).size, 5);
      assert.deepEqual(seen, [...seen].sort((a, b) => b - a));
      assert.equal(pages, 3);
    });

    test('a coordinator of another municipality sees none of these entries', async () => {
      const v = await t.as('vargardaCoordinator');
      const items = (await v.get('/api/audit?limit=500')).json().items as any[];
      assert.ok(items.every((i) => i.municipalityId === FX.vargarda), 'only Vårgårda');
      assert.ok(!items.some((i) => i.userId === FX.users.reporter.id));
      assert.deepEqual((await v.get(`/api/audit?userId=${FX.users.reporter.id}`)).json().items, []);
      const people = (await v.get('/api/audit/people')).json();
      assert.ok(!people.users.some((u: any) => u.id === FX.users.reporter.id));
    });

    test('the filters\' choices: the municipality\'s users and organisations, the actions in words', async () => {
      const res = await dpo.get('/api/audit/people');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.ok(body.users.some((u: any) => u.id === FX.users.reporter.id && u.organisationId === FX.orgs.alingsashem));
      assert.ok(!body.users.some((u: any) => u.id === FX.users.vargardaCoordinator.id));
      assert.ok(body.organisations.some((o: any) => o.id === FX.orgs.alingsashem));
      assert.ok(body.actions.some((a: any) => a.action === 'incidents.points' && a.label === 'Visade händelser på kartan'));
    });

    test('the CSV for Excel: BOM, semicolons, Swedish headers, Stockholm time; the export is logged', async () => {
      const res = await dpo.get('/api/audit/export?from=2025-03-03&to=2025-03-03');
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.headers['content-type'] as string, /^text\/csv/);
      assert.match(res.headers['content-disposition'] as string, /attachment; filename="granskningslogg-\d{4}-\d{2}-\d{2}\.csv"/);
      assert.equal(res.headers['x-total-count'], '1');
      const text = res.rawPayload.toString('utf8');
      assert.ok(text.startsWith('\uFEFF'), 'a byte order mark for Excel');
      const lines = text.slice(1).split('\r\n').filter(Boolean);
      assert.equal(lines.length, 2);
      assert.equal(lines[0], 'Tidpunkt;Kommunkod;Användare;Användar-id;Organisation;Händelse;Händelsekod;Gäller;Gäller id;Antal;Detaljer;Logg-id');
      const cells = lines[1].split(';');
      assert.equal(cells[0], '2025-03-03 00:30', 'Swedish local time');
      assert.deepEqual(cells.slice(1, 3), ['1489', 'areaGroup']);
      assert.deepEqual(cells.slice(5, 7), ['Läste händelselistan', 'incidents.read']);
      assert.equal(cells[9], '7');
      const logged = (await dpo.get(`/api/audit?userId=${FX.users.dataProtection.id}&action=audit.export`)).json().items as any[];
      assert.equal(logged.length, 1);
      assert.deepEqual(logged[0].details, { filter: { from: '2025-03-03', to: '2025-03-03' }, count: 1, format: 'excel' });
      assert.equal(logged[0].userName, 'dataProtection');
    });

    test('a user sees their own log-ins and failed log-ins of the last 90 days, with the address', async () => {
      const wrong = await t.anonymous().post('/api/auth/login', { email: FX.users.viewer.email, password: 'fel-lösenord-123' });
      assert.equal(wrong.statusCode, 401);
      const viewer = await t.as('viewer');
      await t.db.query(`INSERT INTO audit_log (municipality_id, at, user_id, action, details) VALUES ('1489', now() - interval '91 days', $1, 'login', '{"ip": "10.0.0.9"}')`, [FX.users.viewer.id]);
      const res = await viewer.get('/api/me/logins');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.days, 90);
      assert.equal(body.items[0].outcome, 'login', 'newest first');
      assert.ok(body.items.some((i: any) => i.outcome === 'login.failed'));
      assert.ok(body.items.every((i: any) => i.ip === '127.0.0.1'), 'not the one 91 days ago');
      const others = (await (await t.as('reporter')).get('/api/me/logins')).json().items as any[];
      assert.ok(!others.some((i: any) => i.outcome === 'login.failed'), 'only one\'s own');
      assert.equal((await t.anonymous().get('/api/me/logins')).statusCode, 401);
    });

    test('the data-protection officer reads no incidents', async () => {
      assert.deepEqual((await dpo.get('/api/incidents')).json().items, []);
      assert.equal((await dpo.get('/api/users')).statusCode, 403);
    });
  });
}

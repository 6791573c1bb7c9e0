/**
 * The rights of data subjects (issue 16 item 13): a register extract holds what is stored about the
 * user, as JSON and as a readable PDF, for oneself and for coordinators and administrators within
 * their reach; erasure removes the person's name everywhere and keeps their reports and the counts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, categoryId, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { pdfText } from '../../../test/support/documents.ts';
import { settleRollupQueue } from '../../services/rollup-applier.ts';

const REPORTER = FX.users.reporter.id;
const REPORTER2 = FX.users.reporter2.id;

for (const engine of testEngines({ citus: true })) {
  describe(`register extract and erasure on ${engine}`, () => {
    let t: TestApp;
    let coord: Client;
    let reporter: Client;
    const reportId = crypto.randomUUID();
    const report2Id = crypto.randomUUID();

    before(async () => {
      t = await startTestApp(engine);
      coord = await t.as('coordinator');
      reporter = await t.as('reporter');
      await t.db.query(`UPDATE users SET name = 'Rut Rapportör' WHERE id = $1`, [REPORTER]);
      await t.db.query(`UPDATE users SET name = 'Rolf Andersson' WHERE id = $1`, [REPORTER2]);
      const cat = await categoryId(t, 'nedskrapning');
      const at = new Date(Date.now() - 3 * 86_400_000);
      for (const [id, user, text] of [[reportId, REPORTER, 'Klotter på järnvägsbron'], [report2Id, REPORTER2, 'Rolf Andersson såg klotter, ring 070-123 45 67']] as const) {
        await t.db.query(
          `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, geom, organisation_id, reporter_id, description, source)
           VALUES ($1, '1489', $2, $3, $3, ST_SetSRID(ST_MakePoint(350100, 6419100), 3006), $4, $5, $6, 'app')`, [id, cat, at, FX.orgs.alingsashem, user, text]);
        await t.db.query(`INSERT INTO incident_history (municipality_id, incident_id, user_id, action, changes) VALUES ('1489', $1, $2, 'create', $3)`,
          [id, user, JSON.stringify({ description: text })]);
      }
      await t.db.query(`INSERT INTO notifications (municipality_id, user_id, channel, kind, subject, body) VALUES ('1489', $1, 'app', 'feedback', 'Återkoppling på din rapport', 'Tack')`, [REPORTER]);
      await t.db.query(`INSERT INTO audit_log (municipality_id, user_id, action, subject_type, subject_id, details) VALUES ('1489', $1, 'user.update', 'user', $2, $3)`,
        [FX.users.coordinator.id, REPORTER2, JSON.stringify({ name: 'Rolf Andersson', email: FX.users.reporter2.email })]);
    });
    after(() => t.close());

    test('a coordinator\'s JSON extract of a reporter holds the account, the report, the history, the audit, sessions and notifications; audited', async () => {
      const res = await coord.get(`/api/users/${REPORTER}/register-extract?format=json`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.headers['content-type'] as string, /^application\/json/);
      assert.match(res.headers['content-disposition'] as string, /^attachment; filename="registerutdrag-/);
      assert.match(res.headers['cache-control'] as string, /no-store/);
      const x = res.json();
      assert.equal(x.account.id, REPORTER);
      assert.equal(x.account.name, 'Rut Rapportör');
      assert.equal(x.account.email, FX.users.reporter.email);
      assert.equal(x.account.organisation.id, FX.orgs.alingsashem);
      assert.deepEqual(x.account.roles, ['reporter']);
      assert.deepEqual(x.reports.map((r: any) => [r.id, r.description]), [[reportId, 'Klotter på järnvägsbron']]);
      assert.deepEqual(x.history.map((h: any) => h.incidentId), [reportId]);
      assert.ok(x.audit.some((a: any) => a.action === 'login' && a.by), 'their login');
      assert.ok(x.sessions.length >= 1);
      assert.deepEqual(x.notifications.map((n: any) => n.subject), ['Återkoppling på din rapport']);
      const audited = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.register_extract' AND user_id = $1 AND subject_id = $2`, [FX.users.coordinator.id, REPORTER]);
      assert.equal(audited.rows[0].n, 1);
    });

    test('the PDF reads as the extract: the name, the report and its description', async () => {
      const res = await coord.get(`/api/users/${REPORTER}/register-extract?format=pdf`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const text = pdfText(res.rawPayload).join(' ');
      for (const s of ['Registerutdrag', 'Rut Rapportör', FX.users.reporter.email, 'Klotter på järnvägsbron', 'Återkoppling på din rapport', 'Granskningslogg']) assert.ok(text.includes(s), s);
      const en = pdfText((await coord.get(`/api/users/${REPORTER}/register-extract?format=pdf&lang=en`)).rawPayload).join(' ');
      assert.ok(en.includes('Register extract') && en.includes('Reports the user made'));
    });

    test('one\'s own extract; nobody else\'s without the right, nor outside one\'s reach', async () => {
      const own = await reporter.get('/api/me/register-extract');
      assert.equal(own.statusCode, 200, own.body);
      assert.equal(own.json().account.id, REPORTER);
      assert.equal((await reporter.get(`/api/users/${REPORTER2}/register-extract`)).statusCode, 403);
      assert.equal((await reporter.post(`/api/users/${REPORTER2}/erase`)).statusCode, 403);
      // A coordinator does not reach an administrator's account, nor another municipality's users.
      assert.equal((await coord.get(`/api/users/${FX.users.admin.id}/register-extract`)).statusCode, 403);
      const vargarda = await t.as('vargardaCoordinator');
      assert.equal((await vargarda.get(`/api/users/${REPORTER}/register-extract`)).statusCode, 404);
      assert.equal((await vargarda.post(`/api/users/${REPORTER}/erase`)).statusCode, 404);
      const bad = await coord.get(`/api/users/${REPORTER}/register-extract?format=docx`);
      assert.equal(bad.statusCode, 422);
    });

    test('erasure: the name is gone from users, history and audit; the reports stay and the counts do not change', async () => {
      const counts = async () => {
        await settleRollupQueue(t.db);
        const r = await t.db.query<{ raw: number; rolled: number }>(
          `SELECT (SELECT count(*) FROM incidents WHERE municipality_id = '1489')::int AS raw,
                  (SELECT COALESCE(sum(n), 0) FROM incident_days WHERE municipality_id = '1489')::int AS rolled`);
        return r.rows[0];
      };
      const before = await counts();
      const target = await t.as('reporter2');
      assert.equal((await target.get('/api/me')).statusCode, 200);

      const res = await coord.post(`/api/users/${REPORTER2}/erase`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().name, 'Borttagen användare 00000000');
      assert.equal(res.json().descriptions, 1);
      assert.ok(res.json().sessions >= 1);
      assert.equal((await target.get('/api/me')).statusCode, 401, 'the sessions are gone');

      const named = await t.db.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM users WHERE name LIKE '%Andersson%' OR email = $1)
               + (SELECT count(*) FROM audit_log WHERE details::text LIKE '%Andersson%' OR details::text LIKE '%' || $1 || '%')
               + (SELECT count(*) FROM deployment_audit_log WHERE details::text LIKE '%' || $1 || '%')
               + (SELECT count(*) FROM incident_history WHERE changes::text LIKE '%Andersson%')
               + (SELECT count(*) FROM incidents WHERE description LIKE '%Andersson%'))::int AS n`, [FX.users.reporter2.email]);
      assert.equal(named.rows[0].n, 0);
      const kept = await t.db.query<{ reporter_id: string; description: string }>(`SELECT reporter_id, description FROM incidents WHERE id = $1`, [report2Id]);
      assert.deepEqual(kept.rows[0], { reporter_id: REPORTER2, description: '[namn borttaget] såg klotter, ring [telefonnummer borttaget]' });
      const history = (await coord.get(`/api/incidents/${report2Id}/history`)).json();
      const entries = Array.isArray(history) ? history : history.items;
      assert.equal(entries[0].userName, 'Borttagen användare 00000000');
      assert.deepEqual(await counts(), before);
      assert.deepEqual(before, { raw: before.rolled, rolled: before.raw });

      const audited = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.erase' AND subject_id = $1`, [REPORTER2]);
      assert.equal(audited.rows[0].n, 1);
      assert.equal((await coord.post(`/api/users/${REPORTER2}/erase`)).statusCode, 409, 'erased already');
      const self = await coord.post(`/api/users/${FX.users.coordinator.id}/erase`);
      assert.equal(self.statusCode, 422);
      assert.deepEqual(self.json().error.fields.map((f: any) => [f.field, f.code]), [['id', 'not_permitted']]);
    });
  });
}

/**
 * Retention rules on seeded old data (issue 16 item 11): the setting, a dry run that changes nothing,
 * a run that removes free text and photos, coarsens positions, pseudonymises closed accounts and
 * deletes old audit entries — with the rollups still equal to the rows and a published edition
 * untouched — a second run that finds nothing, and the scheduler's daily run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, categoryId, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { settleRollupQueue } from '../../services/rollup-applier.ts';
import { retentionTick } from '../../jobs/retention.ts';

const YEAR_MS = 365.25 * 24 * 3600_000;
const DAY_MS = 24 * 3600_000;
const CLOSED = '00000000-0000-4000-9000-0000000000c1';
const RECENTLY_CLOSED = '00000000-0000-4000-9000-0000000000c2';
const CLOSED_NAME = 'Kalle Stängdsson';

/** The counts of the rollups and of the raw rows, per day and category and per 50 m cell; equal when the rollups are right. */
async function rollupsAndRows(t: TestApp) {
  await settleRollupQueue(t.db);
  const q = async (sql: string) => (await t.db.query<{ k: string; n: number }>(sql)).rows.map((r) => `${r.k}=${r.n}`).sort();
  return {
    days: await q(`SELECT day_from || ' ' || category_id AS k, sum(n)::int AS n FROM incident_days WHERE municipality_id = '1489' GROUP BY 1 HAVING sum(n) <> 0`),
    rawDays: await q(`SELECT (occurred_from AT TIME ZONE 'Europe/Stockholm')::date || ' ' || category_id AS k, count(*)::int AS n FROM incidents WHERE municipality_id = '1489' GROUP BY 1`),
    cells: await q(`SELECT cell_x || ',' || cell_y AS k, sum(n)::int AS n FROM incident_cells WHERE municipality_id = '1489' GROUP BY 1 HAVING sum(n) <> 0`),
    rawCells: await q(`SELECT floor(ST_X(geom) / 50)::int || ',' || floor(ST_Y(geom) / 50)::int AS k, count(*)::int AS n FROM incidents WHERE municipality_id = '1489' GROUP BY 1`),
  };
}

/** Everything a run may change, to compare before and after a dry run. */
async function state(t: TestApp) {
  const rows = async (sql: string) => JSON.stringify((await t.db.query(sql)).rows);
  return {
    incidents: await rows(`SELECT id, description, ST_AsText(geom) AS g, precision_m, version FROM incidents ORDER BY id`),
    photos: await rows(`SELECT id FROM incident_photos ORDER BY id`),
    history: await rows(`SELECT id, user_id, changes FROM incident_history ORDER BY id`),
    users: await rows(`SELECT id, name, email, password_hash, erased_at FROM users ORDER BY id`),
    sessions: await rows(`SELECT user_id FROM sessions ORDER BY user_id`),
    notifications: await rows(`SELECT id FROM notifications ORDER BY id`),
    audit: await rows(`SELECT id, details FROM audit_log WHERE action NOT LIKE 'retention.%' AND action <> 'login' ORDER BY id`),
    queue: await rows(`SELECT count(*)::int AS n FROM incident_rollup_queue`),
  };
}

for (const engine of testEngines({ citus: true })) {
  describe(`retention rules on ${engine}`, () => {
    let t: TestApp;
    let coord: Client;
    const now = new Date();
    const threeYears = new Date(now.getTime() - 3 * YEAR_MS);
    const sixYears = new Date(now.getTime() - 6 * YEAR_MS);
    const recent = new Date(now.getTime() - 30 * DAY_MS);
    const ids = { old3: [crypto.randomUUID(), crypto.randomUUID()], old6: [crypto.randomUUID(), crypto.randomUUID()], recent: crypto.randomUUID(), byClosed: crypto.randomUUID() };
    let editionId = '';
    let edition = '';

    before(async () => {
      // No applier in the background: the dry run's comparison counts the queued deltas, which it
      // could otherwise apply between the two counts (it did, once, in CI).
      t = await startTestApp(engine, { rollupApplier: false });
      coord = await t.as('coordinator');
      const cat = await categoryId(t, 'nedskrapning');
      const incident = async (id: string, at: Date, e: number, n: number, description: string, reporterId: string | null = null) => {
        await t.db.query(
          `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, organisation_id, reporter_id, description, place_name, precision_m, source)
           VALUES ($1, '1489', $2, $3, $3, $3, ST_SetSRID(ST_MakePoint($4, $5), 3006), $6, $7, $8, 'Stationen', 5, 'test')`,
          [id, cat, at, e, n, FX.orgs.kommun, reporterId, description]);
        await t.db.query(
          `INSERT INTO incident_history (municipality_id, incident_id, user_id, action, changes, changed_at) VALUES ('1489', $1, $2, 'create', $3, $4)`,
          [id, reporterId ?? FX.users.coordinator.id, JSON.stringify({ description, e, n, placeName: 'Stationen' }), at]);
      };
      await incident(ids.old3[0], threeYears, 350012.3, 6419033.7, 'Klotter på väggen, vittne 070-123 45 67');
      await incident(ids.old3[1], new Date(threeYears.getTime() + DAY_MS), 350088.1, 6419011.2, 'Krossad ruta');
      await incident(ids.old6[0], sixYears, 350149.9, 6419151.0, 'Nedskräpning vid bänken');
      await incident(ids.old6[1], new Date(sixYears.getTime() + DAY_MS), 350010.0, 6419260.4, 'Skräp');
      await incident(ids.recent, recent, 350020.5, 6419020.5, 'Ny rapport, sparas');
      // A move of an old incident: the history holds its earlier position too.
      await t.db.query(
        `INSERT INTO incident_history (municipality_id, incident_id, user_id, action, changes, changed_at) VALUES ('1489', $1, $2, 'update', $3, $4)`,
        [ids.old6[0], FX.users.coordinator.id, JSON.stringify({ location: { from: { e: 350160.2, n: 6419170.9 }, to: { e: 350149.9, n: 6419151 } } }), sixYears]);
      for (const id of [ids.old3[0], ids.old6[0], ids.recent]) {
        await t.db.query(`INSERT INTO incident_photos (municipality_id, incident_id, content_type, width, height, bytes) VALUES ('1489', $1, 'image/jpeg', 1, 1, '\\xffd8ffd9'::bytea)`, [id]);
      }

      // An account closed two years ago, with what it left behind, and one closed last month.
      for (const [id, email, name, closedAt] of [[CLOSED, 'kalle@alingsas.test', CLOSED_NAME, new Date(now.getTime() - 2 * YEAR_MS)], [RECENTLY_CLOSED, 'nyss@alingsas.test', 'Nyss Stängd', recent]] as const) {
        await t.db.query(
          `INSERT INTO users (id, municipality_id, organisation_id, email, name, roles, password_hash, active, deactivated_at)
           VALUES ($1, '1489', $2, $3, $4, ARRAY['reporter'], 'x', false, $5)`, [id, FX.orgs.kommun, email, name, closedAt]);
      }
      await incident(ids.byClosed, recent, 350030.5, 6419030.5, `Jag, ${CLOSED_NAME}, såg det (kalle@alingsas.test)`, CLOSED);
      await t.db.query(`INSERT INTO sessions (id, municipality_id, user_id, csrf_token, expires_at) VALUES ('h-closed', '1489', $1, 'c', now() + interval '1 day')`, [CLOSED]);
      await t.db.query(`INSERT INTO notifications (municipality_id, user_id, channel, kind, subject, body) VALUES ('1489', $1, 'app', 'feedback', 'Tack', 'Tack för rapporten')`, [CLOSED]);
      await t.db.query(`INSERT INTO audit_log (municipality_id, user_id, action, subject_type, subject_id, details) VALUES ('1489', $1, 'user.update', 'user', $2, $3)`,
        [FX.users.coordinator.id, CLOSED, JSON.stringify({ name: CLOSED_NAME, email: 'kalle@alingsas.test', active: false })]);
      // Audit entries older than five years.
      for (const years of [6, 7]) {
        await t.db.query(`INSERT INTO audit_log (municipality_id, user_id, action, at) VALUES ('1489', $1, 'incident.read', $2)`, [FX.users.coordinator.id, new Date(now.getTime() - years * YEAR_MS)]);
      }

      // A published edition over the period of the three-year-old reports.
      const day = (d: Date) => d.toISOString().slice(0, 10);
      const created = await coord.post('/api/situation-pictures', { from: day(new Date(threeYears.getTime() - 7 * DAY_MS)), to: day(new Date(threeYears.getTime() + 7 * DAY_MS)) });
      assert.equal(created.statusCode, 201, created.body);
      const pub = await coord.post(`/api/situation-pictures/${created.json().id}/publish`, { rowVersion: created.json().rowVersion });
      assert.equal(pub.statusCode, 200, pub.body);
      editionId = created.json().id;
      edition = JSON.stringify((await t.db.query(`SELECT content, title, narrative, status, published_at FROM situation_pictures WHERE id = $1`, [editionId])).rows);
    });
    after(() => t.close());

    test('the rules: defaults, validated per field in Swedish and English, audited; only coordinators', async () => {
      const get = await coord.get('/api/settings/retention');
      assert.equal(get.statusCode, 200, get.body);
      assert.deepEqual(get.json(), { automatic: false, freeTextMonths: 24, coarsenPositionYears: 5, closedAccountMonths: 12, auditLogYears: 5 });

      const bad = await coord.put('/api/settings/retention', { freeTextMonths: 0, auditLogYears: 51, closedAccountMonths: 2.5 });
      assert.equal(bad.statusCode, 422, bad.body);
      const fields = bad.json().error.fields;
      assert.deepEqual(fields.map((f: any) => [f.field, f.code]), [['freeTextMonths', 'too_small'], ['closedAccountMonths', 'type'], ['auditLogYears', 'too_large']]);
      assert.match(fields[0].message, /^Fritext och foton sparas \(månader\)/);
      const en = await coord.put('/api/settings/retention', { coarsenPositionYears: 0 }, { 'accept-language': 'en' });
      assert.equal(en.statusCode, 422);
      assert.match(en.json().error.fields[0].message, /^Keep exact positions \(years\)/);

      const put = await coord.put('/api/settings/retention', { closedAccountMonths: 6 });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(put.json().closedAccountMonths, 6);
      assert.equal(put.json().freeTextMonths, 24);
      const audited = await t.db.query<{ details: any }>(`SELECT details FROM audit_log WHERE action = 'settings.retention' AND user_id = $1`, [FX.users.coordinator.id]);
      assert.equal(audited.rows.length, 1);
      assert.equal(audited.rows[0].details.from.closedAccountMonths, 12);
      assert.equal(audited.rows[0].details.to.closedAccountMonths, 6);
      const back = await coord.put('/api/settings/retention', { closedAccountMonths: 12 });
      assert.equal(back.statusCode, 200);

      for (const who of ['admin', 'areaGroup', 'reporter'] as const) {
        const c = await t.as(who);
        assert.equal((await c.get('/api/settings/retention')).statusCode, 403, who);
        assert.equal((await c.put('/api/settings/retention', { freeTextMonths: 12 })).statusCode, 403, who);
        assert.equal((await c.post('/api/settings/retention/runs', { dryRun: true })).statusCode, 403, who);
      }
    });

    const expected = {
      freeText: { descriptions: 4, photos: 2, historyEntries: 4 },
      coarsenPositions: { incidents: 2, historyEntries: 3 },
      closedAccounts: { users: 1, descriptions: 1, sessions: 1, notifications: 1, historyEntries: 1, auditEntries: 1, measures: 0 },
      auditLog: { entries: 2 },
    };

    test('a dry run reports what a run would remove and changes nothing', async () => {
      const beforeState = await state(t);
      const res = await coord.post('/api/settings/retention/runs', { dryRun: true });
      assert.equal(res.statusCode, 200, `${res.body} ${JSON.stringify((await coord.get('/api/settings/retention/runs')).json())}`);
      assert.equal(res.json().dryRun, true);
      assert.deepEqual(res.json().counts, expected);
      assert.deepEqual(await state(t), beforeState);
      const logged = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'retention.dry_run'`);
      assert.equal(logged.rows[0].n, 1);
    });

    test('a run removes text and photos, coarsens positions, pseudonymises the closed account, deletes old audit entries', async () => {
      const countsBefore = await rollupsAndRows(t);
      const res = await coord.post('/api/settings/retention/runs', { dryRun: false });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().counts, expected);

      const inc = async (id: string) => (await t.db.query<{ description: string | null; e: number; n: number; precision_m: number }>(
        `SELECT description, ST_X(geom) AS e, ST_Y(geom) AS n, precision_m FROM incidents WHERE id = $1`, [id])).rows[0];
      for (const id of [...ids.old3, ...ids.old6]) assert.equal((await inc(id)).description, null, id);
      assert.equal((await inc(ids.recent)).description, 'Ny rapport, sparas');
      const photos = await t.db.query<{ incident_id: string }>(`SELECT incident_id FROM incident_photos`);
      assert.deepEqual(photos.rows.map((p) => p.incident_id), [ids.recent]);
      assert.deepEqual(await inc(ids.old6[0]), { description: null, e: 350150, n: 6419150, precision_m: 71 });
      assert.deepEqual(await inc(ids.old6[1]), { description: null, e: 350050, n: 6419250, precision_m: 71 });
      assert.equal((await inc(ids.old3[0])).e, 350012.3, 'three years old: exact position kept');
      const hist = await t.db.query<{ changes: any }>(`SELECT changes FROM incident_history WHERE incident_id = $1 ORDER BY id`, [ids.old6[0]]);
      assert.deepEqual(hist.rows.map((h) => h.changes), [
        { e: 350150, n: 6419150, placeName: 'Stationen' },
        { location: { from: { e: 350150, n: 6419150 }, to: { e: 350150, n: 6419150 } } },
      ]);

      const closed = (await t.db.query<{ name: string; email: string; password_hash: string | null; erased_at: Date | null }>(
        `SELECT name, email, password_hash, erased_at FROM users WHERE id = $1`, [CLOSED])).rows[0];
      assert.equal(closed.name, 'Borttagen användare 00000000');
      assert.match(closed.email, /@borttagen\.invalid$/);
      assert.equal(closed.password_hash, null);
      assert.ok(closed.erased_at);
      const everywhere = await t.db.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM users WHERE name LIKE '%Stängdsson%' OR email = 'kalle@alingsas.test')
               + (SELECT count(*) FROM audit_log WHERE details::text LIKE '%Stängdsson%' OR details::text LIKE '%kalle@alingsas.test%')
               + (SELECT count(*) FROM incident_history WHERE changes::text LIKE '%Stängdsson%')
               + (SELECT count(*) FROM incidents WHERE description LIKE '%Stängdsson%' OR description LIKE '%kalle@%'))::int AS n`);
      assert.equal(everywhere.rows[0].n, 0);
      assert.equal((await inc(ids.byClosed)).description, 'Jag, [namn borttaget], såg det ([e-postadress borttagen])');
      assert.equal((await t.db.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [CLOSED])).rows.length, 0);
      const recentlyClosed = (await t.db.query<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [RECENTLY_CLOSED])).rows[0];
      assert.equal(recentlyClosed.name, 'Nyss Stängd');
      const oldAudit = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE at < $1`, [new Date(now.getTime() - 5 * YEAR_MS)]);
      assert.equal(oldAudit.rows[0].n, 0);

      // The aggregates keep their numbers: per day and category as before, and every rollup equals the rows.
      const after = await rollupsAndRows(t);
      assert.deepEqual(after.days, countsBefore.days);
      assert.deepEqual(after.days, after.rawDays);
      assert.deepEqual(after.cells, after.rawCells);
      assert.notDeepEqual(after.cells, countsBefore.cells, 'the coarsened points moved cell');
      assert.equal(JSON.stringify((await t.db.query(`SELECT content, title, narrative, status, published_at FROM situation_pictures WHERE id = $1`, [editionId])).rows), edition);
      const audited = await t.db.query<{ details: any }>(`SELECT details FROM audit_log WHERE action = 'retention.run'`);
      assert.equal(audited.rows.length, 1);
      assert.deepEqual(audited.rows[0].details.counts, expected);
    });

    test('a second run finds nothing; the runs are listed newest first', async () => {
      const res = await coord.post('/api/settings/retention/runs', { dryRun: false });
      assert.equal(res.statusCode, 200, res.body);
      const c = res.json().counts;
      assert.deepEqual(c, {
        freeText: { descriptions: 0, photos: 0, historyEntries: 0 },
        coarsenPositions: { incidents: 0, historyEntries: 0 },
        closedAccounts: { users: 0, descriptions: 0, sessions: 0, notifications: 0, historyEntries: 0, auditEntries: 0, measures: 0 },
        auditLog: { entries: 0 },
      });
      const runs = await coord.get('/api/settings/retention/runs');
      assert.equal(runs.statusCode, 200, runs.body);
      assert.deepEqual(runs.json().map((r: any) => [r.dryRun, r.trigger, r.status, r.counts.auditLog.entries]), [[false, 'web', 'done', 0], [false, 'web', 'done', 2], [true, 'web', 'done', 2]]);
    });

    test('the scheduler runs the rules once a day where they are automatic', async () => {
      assert.deepEqual(await retentionTick(t.db, now), [], 'not automatic: nothing');
      assert.equal((await coord.put('/api/settings/retention', { automatic: true, freeTextMonths: 1 })).statusCode, 200);
      const later = new Date(now.getTime() + 5 * DAY_MS);
      const first = await retentionTick(t.db, later);
      assert.equal(first.length, 1);
      assert.equal(first[0].status, 'done', JSON.stringify(first[0]));
      assert.equal(first[0].status === 'done' && first[0].counts.freeText.descriptions, 2, 'the recent reports older than a month');
      assert.deepEqual(await retentionTick(t.db, new Date(later.getTime() + 60_000)), [], 'once a day');
      const runs = (await coord.get('/api/settings/retention/runs')).json();
      assert.equal(runs[0].trigger, 'schedule');
    });
  });
}

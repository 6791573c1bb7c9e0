/**
 * `lagesbild rollups rebuild`: the rollups built again from the incidents, for one municipality or
 * every one, and a clear error for a code that is not one.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { insertIncidents } from '../support/api.ts';
import { FX } from '../support/fixtures.ts';
import { run } from '../support/process.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';

test('rollups rebuild wants a four-digit municipality code', async () => {
  const bad = await run(['rollups', 'rebuild', '--municipality', 'Alingsås'], { DATA_DIR: '/nonexistent/x', DATABASE_URL: '' });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /four-digit municipality code, got "Alingsås"/);
});

for (const engine of testEngines()) {
  describe(`lagesbild rollups rebuild on ${engine}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    const reopen = () => (t.location.databaseUrl ? openPostgres(t.location.databaseUrl) : openPglite(t.location.dataDir!));
    /** Per municipality: incidents, what the daily and monthly rollups hold, deltas queued. */
    const state = async () => {
      const db = await reopen();
      try {
        return (await db.query<{ m: string; incidents: number; days: number; months: number; queued: number }>(
          `SELECT m.id AS m, (SELECT count(*)::int FROM incidents i WHERE i.municipality_id = m.id) AS incidents,
                  (SELECT COALESCE(sum(n), 0)::int FROM incident_days d WHERE d.municipality_id = m.id) AS days,
                  (SELECT COALESCE(sum(n), 0)::int FROM incident_months d WHERE d.municipality_id = m.id) AS months,
                  (SELECT count(*)::int FROM incident_rollup_queue q WHERE q.municipality_id = m.id) AS queued
             FROM municipalities m ORDER BY m.id`)).rows;
      } finally {
        await db.close();
      }
    };
    before(async () => {
      t = await createTestDatabase(engine);
      await insertIncidents(t, [
        { categoryCode: 'nedskrapning', e: 353_712, n: 6_423_733, at: new Date(Date.now() - 40 * 86_400_000), org: 'bevakning' },
        { categoryCode: 'klotter', e: 353_700, n: 6_423_700, at: new Date(Date.now() - 10 * 86_400_000), org: 'bevakning' },
      ]);
      // Rollups gone wrong: one municipality's daily rows lost, the queue still holding the rest.
      await t.db.query(`DELETE FROM incident_days WHERE municipality_id = $1`, [FX.alingsas]);
      await t.db.close();
      env = { DATA_DIR: t.location.dataDir, DATABASE_URL: t.location.databaseUrl ?? '' };
    });
    after(() => t.drop());

    test('one municipality, then every one: the rollups hold every incident, nothing stays queued', async () => {
      const before = await state();
      const one = await run(['rollups', 'rebuild', '--municipality', FX.alingsas], env);
      assert.equal(one.code, 0, one.stderr);
      const alingsas = before.find((r) => r.m === FX.alingsas)!;
      assert.ok(alingsas.incidents > 0);
      assert.match(one.stdout, new RegExp(`^${FX.alingsas} Alingsås: ${alingsas.incidents} händelser i sammanställningarna, \\d+ köade ändringar intagna \\(\\d+\\.\\d s\\)\\n$`));
      const after = await state();
      assert.deepEqual(after.find((r) => r.m === FX.alingsas), { ...alingsas, days: alingsas.incidents, months: alingsas.incidents, queued: 0 });
      assert.deepEqual(after.filter((r) => r.m !== FX.alingsas), before.filter((r) => r.m !== FX.alingsas), 'the others are not touched');

      const all = await run(['rollups', 'rebuild'], env);
      assert.equal(all.code, 0, all.stderr);
      assert.equal(all.stdout.trim().split('\n').length, before.length, 'a line per municipality');
      assert.deepEqual(await state(), before.map((r) => ({ ...r, days: r.incidents, months: r.incidents, queued: 0 })));
    });

    test('a municipality not in the database is named', async () => {
      const r = await run(['rollups', 'rebuild', '--municipality', '0999'], env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /no municipality 0999 in the database/);
    });
  });
}

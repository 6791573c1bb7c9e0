import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { insertIncidents } from '../support/api.ts';
import { FX } from '../support/fixtures.ts';
import { run } from '../support/process.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';

test('retention run wants a municipality code', async () => {
  const missing = await run(['retention', 'run'], { DATA_DIR: '/nonexistent/x', DATABASE_URL: '' });
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /--municipality/);
  const bad = await run(['retention', 'run', '--municipality', 'Alingsås'], { DATA_DIR: '/nonexistent/x', DATABASE_URL: '' });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /four-digit municipality code/);
});

for (const engine of testEngines()) {
  describe(`lagesbild retention run on ${engine}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    const reopen = () => (t.location.databaseUrl ? openPostgres(t.location.databaseUrl) : openPglite(t.location.dataDir!));
    const descriptions = async () => {
      const db = await reopen();
      try {
        return (await db.query<{ description: string | null }>(`SELECT description FROM incidents ORDER BY occurred_from`)).rows.map((r) => r.description);
      } finally {
        await db.close();
      }
    };
    before(async () => {
      t = await createTestDatabase(engine);
      const [old] = await insertIncidents(t, [
        { categoryCode: 'nedskrapning', e: 353_712, n: 6_423_733, at: new Date(Date.now() - 3 * 365 * 86_400_000), org: 'bevakning' },
        { categoryCode: 'nedskrapning', e: 353_700, n: 6_423_700, at: new Date(Date.now() - 10 * 86_400_000), org: 'bevakning' },
      ]);
      await t.db.query(`UPDATE incidents SET description = 'Gammal text' WHERE id = $1`, [old]);
      await t.db.query(`UPDATE incidents SET description = 'Ny text' WHERE id <> $1`, [old]);
      await t.db.close();
      env = { DATA_DIR: t.location.dataDir, DATABASE_URL: t.location.databaseUrl ?? '' };
    });
    after(() => t.drop());

    test('a dry run prints per rule what would go and changes nothing; a run removes it; both are logged', async () => {
      const dry = await run(['retention', 'run', '--municipality', FX.alingsas, '--dry-run'], env);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /^provkörning \(inget ändrades\) 1489 /);
      assert.match(dry.stdout, /fritext och foton: 1 beskrivningar, 0 foton, 0 historikposter skulle tas bort/);
      assert.match(dry.stdout, /grova positioner: 0 händelser/);
      assert.match(dry.stdout, /stängda konton: 0 konton/);
      assert.match(dry.stdout, /granskningslogg: 0 poster skulle tas bort/);
      assert.deepEqual(await descriptions(), ['Gammal text', 'Ny text']);

      const real = await run(['retention', 'run', '--municipality', FX.alingsas], env);
      assert.equal(real.code, 0, real.stderr);
      assert.match(real.stdout, /^gallring 1489 /);
      assert.match(real.stdout, /fritext och foton: 1 beskrivningar, 0 foton, 0 historikposter borttagna/);
      assert.deepEqual(await descriptions(), [null, 'Ny text']);

      const db = await reopen();
      try {
        const runs = await db.query<{ dry: boolean }>(`SELECT (result->>'dryRun')::boolean AS dry FROM job_runs WHERE job = 'retention' AND municipality_id = '1489' ORDER BY started_at`);
        assert.deepEqual(runs.rows.map((r) => r.dry), [true, false]);
        const audit = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'retention.%' ORDER BY id`);
        assert.deepEqual(audit.rows.map((r) => r.action), ['retention.dry_run', 'retention.run']);
      } finally {
        await db.close();
      }
    });
  });
}

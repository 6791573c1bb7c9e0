/**
 * The command line for Polisen's events: `import police` splits a file by municipality as the web
 * app's upload does, all or nothing; `police-poller status` and `resume` read and lift the stop a
 * 404 left in the database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { run } from '../support/process.ts';

const SNAPSHOT = fileURLToPath(new URL('../../../shared/data/polisen/polisen_api_events_snapshot_2026-08-22.json', import.meta.url));

for (const engine of testEngines()) {
  describe(`lagesbild import police and police-poller on ${engine}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    before(async () => {
      t = await createTestDatabase(engine);
      await t.db.close();
      env = { DATA_DIR: t.location.dataDir, DATABASE_URL: t.location.databaseUrl ?? '' };
    });
    after(() => t.drop());
    /** A query on the database while no command has it open (a PGlite directory opens once). */
    const query = async <T>(sql: string): Promise<T[]> => {
      const db = engine === 'pglite' ? await openPglite(t.location.dataDir!) : await openPostgres(t.location.databaseUrl!);
      try { return (await db.query<T>(sql)).rows; } finally { await db.close(); }
    };

    test('import police: the API\'s answer split over the municipalities, or for one; a bad file stores nothing', async () => {
      const one = await run(['import', 'police', '--file', SNAPSHOT, '--municipality', '1442'], env);
      assert.equal(one.code, 0, one.stderr);
      assert.match(one.stderr, /500 polishändelser lästa/);
      assert.match(one.stderr, /Vårgårda \(1442\): 17 hör dit, 17 nya sparade, 0 fanns redan/);
      assert.match(one.stderr, /1 hör till installationens andra kommuner och sparades inte/);
      assert.match(one.stderr, /482 hör inte till någon av installationens kommuner/);
      const all = await run(['import', 'police', '--file', SNAPSHOT], env);
      assert.equal(all.code, 0, all.stderr);
      assert.match(all.stderr, /Alingsås \(1489\): 18 hör dit, 18 nya sparade, 0 fanns redan/);
      assert.match(all.stderr, /Vårgårda \(1442\): 17 hör dit, 0 nya sparade, 17 fanns redan/);
      const bad = join(tmpdir(), `lb-police-${process.pid}.json`);
      writeFileSync(bad, JSON.stringify([{ id: 1, datetime: 'igår', name: 'x', type: 'Brand' }]));
      const refused = await run(['import', 'police', '--file', bad], env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /händelse 0, fältet datetime/);
      assert.deepEqual(await query<{ m: string; n: number }>('SELECT municipality_id AS m, count(*)::int AS n FROM police_events GROUP BY 1 ORDER BY 1'), [{ m: '1442', n: 17 }, { m: '1489', n: 18 }]);
      const unknown = await run(['import', 'police', '--file', SNAPSHOT, '--municipality', '0180'], env);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /municipality 0180 is not set up/);
    });

    test('police-poller status says a 404 stopped it; resume lifts the stop', async () => {
      await query(`INSERT INTO police_poller (id, stopped_at, stop_reason) VALUES (true, now(), 'https://polisen.se/api/events svarade 404 (finns inte)')`);
      const status = await run(['police-poller', 'status'], env);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /läge: stoppad sedan .*svarade 404/);
      assert.match(status.stdout, /anrop senaste timmen: 0 av 60; senaste dygnet: 0 av 1440/);
      const resumed = await run(['police-poller', 'resume'], env);
      assert.match(resumed.stderr, /får börja igen/);
      assert.match((await run(['police-poller', 'status'], env)).stdout, /läge: ingen process hämtar/);
      assert.match((await run(['police-poller', 'resume'], env)).stderr, /var inte stoppad/);
    });
  });
}

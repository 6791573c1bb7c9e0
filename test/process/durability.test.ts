/**
 * An acknowledged report survives the server being killed with SIGKILL (no chance to flush or
 * close) and restarted, on both engines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { FX, POINTS } from '../support/fixtures.ts';
import { exited, httpLogin, startServer } from '../support/process.ts';

for (const engine of testEngines()) {
  describe(`durability on ${engine}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    let categoryId: string;
    before(async () => {
      t = await createTestDatabase(engine);
      categoryId = (await t.db.query<{ id: string }>(`SELECT id FROM categories WHERE code = 'nedskrapning' AND municipality_id = $1`, [FX.alingsas])).rows[0].id;
      // The server process must own the database: the PGlite directory can only be open once.
      await t.db.close();
      env = { DATA_DIR: t.location.dataDir, DATABASE_URL: t.location.databaseUrl ?? '' };
    });
    after(() => t.drop());

    test('reports acknowledged with 201 are there after kill -9 and a restart', async () => {
      const server = await startServer(env);
      const headers = await httpLogin(server.url, FX.users.reporter.email, FX.password);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const id = randomUUID();
        const r = await fetch(`${server.url}/api/incidents`, {
          method: 'POST', headers,
          body: JSON.stringify({ id, categoryId, occurredAt: new Date(Date.now() - 60_000).toISOString(), location: POINTS.alingsasCentrum, description: `före kill ${i}` }),
        });
        assert.equal(r.status, 201, await r.text());
        ids.push(id);
      }
      // Killed right after the last acknowledgement: nothing gets to close the database.
      server.proc.kill('SIGKILL');
      await exited(server.proc);
      assert.equal(server.proc.signalCode, 'SIGKILL');

      const again = await startServer(env);
      try {
        const h = await httpLogin(again.url, FX.users.reporter.email, FX.password);
        for (const [i, id] of ids.entries()) {
          const r = await fetch(`${again.url}/api/incidents/${id}`, { headers: h });
          assert.equal(r.status, 200, `report ${i} lost after kill -9`);
          assert.equal(((await r.json()) as { description: string }).description, `före kill ${i}`);
        }
        // And the history row written in the same transaction survived with it.
        const hist = await fetch(`${again.url}/api/incidents/${ids[4]}/history`, { headers: h });
        assert.equal(((await hist.json()) as unknown[]).length, 1);
      } finally {
        again.proc.kill('SIGTERM');
        await exited(again.proc);
      }
      assert.equal(again.proc.exitCode, 0, 'SIGTERM closes cleanly');
    });
  });
}

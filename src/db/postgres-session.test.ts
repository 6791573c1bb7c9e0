import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines, createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { openPostgres } from './postgres.ts';
import type { Database } from './engine.ts';

// The server's sessions run without JIT: compiling a map view's query took longer than running it.
for (const engine of testEngines({ citus: true }).filter((e) => e !== 'pglite')) {
  describe(`the server's sessions on ${engine}`, () => {
    let t: TestDatabase;
    let db: Database;
    before(async () => {
      t = await createTestDatabase(engine);
      db = await openPostgres(t.location.databaseUrl!);
    });
    after(async () => {
      await db?.close();
      await t.drop();
    });

    test('compile no query (jit off), in the pool and in transactions', async () => {
      assert.equal((await db.query<{ jit: string }>('SHOW jit')).rows[0].jit, 'off');
      assert.equal(await db.transaction(async (tx) => (await tx.query<{ jit: string }>('SHOW jit')).rows[0].jit), 'off');
    });

    test('a connection string\'s own options still apply', async () => {
      const url = new URL(t.location.databaseUrl!);
      url.searchParams.set('options', '-c jit=on -c application_name=lagesbild-test');
      const own = await openPostgres(url.toString());
      try {
        const r = (await own.query<{ jit: string; app: string }>("SELECT current_setting('jit') AS jit, current_setting('application_name') AS app")).rows[0];
        assert.deepEqual(r, { jit: 'on', app: 'lagesbild-test' });
      } finally {
        await own.close();
      }
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEngines, createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { listMigrations, migrate } from './migrate.ts';
import { openPostgres } from './postgres.ts';
import type { Database } from './engine.ts';

// docs/production.md: an owner role migrates, `serve` runs as a role that may only read and write
// rows — and `serve` migrates at start, so with the schema current that must change nothing.
for (const engine of testEngines().filter((e) => e === 'postgres')) {
  describe(`migrate as a role with row rights only, on ${engine}`, () => {
    let t: TestDatabase;
    let app: Database;
    const role = `lb_test_app_${randomBytes(4).toString('hex')}`;
    const latest = listMigrations().at(-1)!;

    before(async () => {
      t = await createTestDatabase(engine);
      await t.db.exec(`CREATE ROLE ${role} LOGIN PASSWORD 'app-secret';
        GRANT USAGE ON SCHEMA public TO ${role};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      const url = new URL(t.location.databaseUrl!);
      url.username = role;
      url.password = 'app-secret';
      app = await openPostgres(url.toString());
    });
    after(async () => {
      await app?.close();
      await t.drop();
      // Roles belong to the server, not to the dropped database.
      const admin = new pg.Client({ connectionString: process.env.LB_PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    });

    test('on a current schema it succeeds and changes nothing', async () => {
      assert.deepEqual(await migrate(app), { from: latest.version, to: latest.version });
    });

    test('a migration it may not run is refused with what to do', async () => {
      await t.db.query('DELETE FROM schema_migrations WHERE version = $1', [latest.version]);
      await assert.rejects(migrate(app), (e: Error) => {
        assert.match(e.message, new RegExp(`^cannot apply migration ${String(latest.version).padStart(4, '0')}_${latest.name}: .+; run \`lagesbild migrate\` as the database's owner role first$`));
        return true;
      });
    });
  });
}

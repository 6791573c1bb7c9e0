import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database, EngineName } from '../../src/db/engine.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';

/** The engines this test run covers: both, unless PostgreSQL is unreachable outside CI. */
export function testEngines(): EngineName[] {
  if (!process.env.LB_PGLITE_TEMPLATE) throw new Error('run the tests with `npm test` (scripts/test.mjs prepares the template databases)');
  return process.env.LB_PG_TEMPLATE ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  db: Database;
  /** For the engine: a directory (PGlite) or a connection string (PostgreSQL). */
  location: { dataDir?: string; databaseUrl?: string };
  /** Closes and deletes the copy. */
  drop(): Promise<void>;
}

/** A fresh copy of the fixture database on the given engine, private to the caller. */
export async function createTestDatabase(engine: EngineName): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'lb-test-'));
    cpSync(process.env.LB_PGLITE_TEMPLATE!, dir, { recursive: true });
    const db = await openPglite(dir);
    return {
      db,
      location: { dataDir: dir },
      async drop() {
        await db.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.LB_PG_ADMIN_URL!;
  const name = `lb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.LB_PG_TEMPLATE}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  return {
    db,
    location: { databaseUrl: url.toString() },
    async drop() {
      await db.close().catch(() => undefined);
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

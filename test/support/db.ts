import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database, EngineName } from '../../src/db/engine.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { coordinatorUrl, copyClusterDatabase, dropClusterDatabase } from './citus.ts';

/**
 * An engine a test runs on: the two the app opens, and a Citus cluster — PostgreSQL to the app
 * (Database.engine 'postgres'), but its tables distributed over workers (TEST_CITUS_URL).
 */
export type TestEngine = EngineName | 'citus';

/**
 * The engines this test run covers: PGlite and PostgreSQL, unless PostgreSQL is unreachable outside
 * CI. A test file that passes `{ citus: true }` runs on the Citus cluster too when the run has one:
 * the database, aggregate and job tests, and the API tests that write municipal data (reports,
 * editions, meetings, measures, action plans, sessions, notifications) — each found a query Citus
 * refuses. The other API tests read through the same repositories and stay on the two engines, for
 * the minutes a cluster copy and its distributed queries cost. TEST_ENGINES=citus (a comma-separated
 * list) narrows a run on a developer's machine to the engines named; CI sets no such thing.
 */
export function testEngines(): EngineName[];
export function testEngines(opts: { citus: boolean }): TestEngine[];
export function testEngines(opts: { citus?: boolean } = {}): TestEngine[] {
  if (!process.env.LB_PGLITE_TEMPLATE) throw new Error('run the tests with `npm test` (scripts/test.mjs prepares the template databases)');
  const engines: TestEngine[] = process.env.LB_PG_TEMPLATE ? ['pglite', 'postgres'] : ['pglite'];
  if (opts.citus && process.env.LB_CITUS_TEMPLATE) engines.push('citus');
  const only = process.env.TEST_ENGINES?.split(',');
  return only ? engines.filter((e) => only.includes(e)) : engines;
}

export interface TestDatabase {
  db: Database;
  /** For the engine: a directory (PGlite) or a connection string (PostgreSQL). */
  location: { dataDir?: string; databaseUrl?: string };
  /** Closes and deletes the copy. */
  drop(): Promise<void>;
}

/** A fresh copy of the fixture database on the given engine, private to the caller. */
export async function createTestDatabase(engine: TestEngine): Promise<TestDatabase> {
  if (engine === 'citus') return createCitusTestDatabase();
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

/** A copy of the Citus template on every node of the cluster (test/support/citus.ts). */
async function createCitusTestDatabase(): Promise<TestDatabase> {
  const cluster = process.env.LB_CITUS_URL!;
  const ports = process.env.LB_CITUS_PORTS!.split(',').map(Number);
  const name = `lb_test_${randomBytes(6).toString('hex')}`;
  await copyClusterDatabase(cluster, ports, process.env.LB_CITUS_TEMPLATE!, name);
  const url = coordinatorUrl(cluster, name);
  const db = await openPostgres(url);
  return {
    db,
    location: { databaseUrl: url },
    async drop() {
      await db.close().catch(() => undefined);
      await dropClusterDatabase(cluster, ports, name);
    },
  };
}

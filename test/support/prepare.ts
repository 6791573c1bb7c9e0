/**
 * Runs once before the test processes (scripts/test.mjs): builds the migrated, fixture-seeded
 * template databases that every test file then copies — a PGlite directory, when a PostgreSQL
 * server is reachable a template database, and when TEST_CITUS_URL names a Citus coordinator (the
 * cluster of ../shared/tools/citus-cluster) a template database on every node of it. Prints
 * KEY=VALUE lines the runner hands to the tests. In CI (CI=true) a missing PostgreSQL, or a Citus
 * cluster that was named but cannot be used, is a failure, never a skip.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/db/migrate.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { seedFixtures } from './fixtures.ts';
import { clusterDatabases, clusterPorts, coordinatorUrl, copyClusterDatabase, createClusterDatabase, dropClusterDatabase, freezeClusterTemplate } from './citus.ts';

const root = resolve(import.meta.dirname, '../..');
const log = (m: string) => process.stderr.write(`[prepare] ${m}\n`);

// The template is rebuilt whenever the schema, its placement on Citus or the fixtures change. A migration's file name is
// part of it: renumbering one changes the version the template records, not the file's content.
const hash = createHash('sha256');
for (const f of readdirSync(join(root, 'src/db/migrations')).sort()) hash.update(f).update(readFileSync(join(root, 'src/db/migrations', f)));
for (const f of ['test/support/fixtures.ts', 'src/db/distribution.ts', 'src/core/categories/defaults.ts', 'src/setup/municipality.ts']) hash.update(readFileSync(join(root, f)));
const key = hash.digest('hex').slice(0, 12);

async function preparePglite(): Promise<string> {
  const dir = join(root, '.cache/test', `pglite-${key}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const t0 = Date.now();
  const db = await openPglite(tmp);
  await migrate(db);
  await seedFixtures(db);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log(`PGlite template built in ${Date.now() - t0} ms`);
  return dir;
}

export const DEFAULT_PG_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

async function preparePostgres(adminUrl: string): Promise<string> {
  const name = `lb_template_${key}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rows.length) return name;
    const t0 = Date.now();
    await admin.query(`CREATE DATABASE ${name}_tmp`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}_tmp`;
    const db = await openPostgres(url.toString());
    await migrate(db);
    await seedFixtures(db);
    await db.close();
    await admin.query(`ALTER DATABASE ${name}_tmp RENAME TO ${name}`);
    await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
    // Old templates of earlier schemas are no longer needed; the newest few stay, for test runs of other
    // work trees (branches with other migrations) on the same server at the same time.
    const old = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'lb_template_%' AND datname <> $1 ORDER BY oid DESC OFFSET 3`, [name]);
    for (const r of old.rows) {
      await admin.query(`ALTER DATABASE ${r.datname} WITH IS_TEMPLATE false`).catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${r.datname}`).catch(() => undefined);
    }
    log(`PostgreSQL template ${name} built in ${Date.now() - t0} ms`);
    return name;
  } finally {
    await admin.end();
  }
}

/** The template on every node of the Citus cluster: created empty there, then migrated (which distributes it) and seeded through the coordinator. */
async function prepareCitus(clusterUrl: string): Promise<{ template: string; ports: number[] }> {
  const name = `lb_template_${key}`;
  const ports = await clusterPorts(clusterUrl);
  if ((await clusterDatabases(clusterUrl, name)).length) return { template: name, ports };
  const t0 = Date.now();
  const tmp = `${name}_tmp`;
  await dropClusterDatabase(clusterUrl, ports, tmp);
  await createClusterDatabase(clusterUrl, ports, tmp);
  const db = await openPostgres(coordinatorUrl(clusterUrl, tmp));
  await migrate(db);
  await seedFixtures(db);
  await db.close();
  // A database of a cluster cannot be renamed (the coordinator reaches the workers' copies by its
  // name): the finished one is copied to the template's name, which marks it complete.
  await freezeClusterTemplate(clusterUrl, ports, tmp);
  await copyClusterDatabase(clusterUrl, ports, tmp, name);
  await freezeClusterTemplate(clusterUrl, ports, name);
  await dropClusterDatabase(clusterUrl, ports, tmp);
  // As on PostgreSQL, the newest few templates stay for other work trees' runs.
  for (const old of (await clusterDatabases(clusterUrl, 'lb_template_%')).filter((d) => d !== name).slice(3)) {
    await dropClusterDatabase(clusterUrl, ports, old).catch(() => undefined);
  }
  log(`Citus template ${name} built on ${ports.length} nodes in ${Date.now() - t0} ms`);
  return { template: name, ports };
}

const pgliteDir = await preparePglite();
console.log(`LB_PGLITE_TEMPLATE=${pgliteDir}`);

const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_PG_URL;
try {
  const template = await preparePostgres(adminUrl);
  console.log(`LB_PG_ADMIN_URL=${adminUrl}`);
  console.log(`LB_PG_TEMPLATE=${template}`);
} catch (e) {
  const reason = `PostgreSQL not reachable at ${adminUrl.replace(/:[^:@/]*@/, ':***@')}: ${(e as Error).message}`;
  if (process.env.CI === 'true') {
    log(`${reason} — in CI every test must run on both engines`);
    process.exit(1);
  }
  log(`${reason}; PostgreSQL tests are skipped on this machine (set TEST_DATABASE_URL)`);
  console.log(`LB_PG_SKIP=${reason}`);
}

const citusUrl = process.env.TEST_CITUS_URL;
if (citusUrl) {
  try {
    const { template, ports } = await prepareCitus(citusUrl);
    console.log(`LB_CITUS_URL=${citusUrl}`);
    console.log(`LB_CITUS_PORTS=${ports.join(',')}`);
    console.log(`LB_CITUS_TEMPLATE=${template}`);
  } catch (e) {
    const reason = `Citus cluster not usable at ${citusUrl.replace(/:[^:@/]*@/, ':***@')}: ${(e as Error).stack ?? (e as Error).message}`;
    if (process.env.CI === 'true') {
      log(`${reason} — in CI a Citus cluster that was named must be used`);
      process.exit(1);
    }
    log(`${reason}; the Citus tests are skipped on this machine`);
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Database } from './engine.ts';
import { distributeOnCitus } from './distribution.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any constant works; it only has to be the same in every process that migrates this database
// (and in a restore, src/db/backup.ts, which rebuilds the schema).
export const MIGRATION_LOCK = 7_144_891;

/** The table of applied migrations, made before the first migration runs. */
export const SCHEMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations shipped with this build, in order. Files are `NNNN_name.sql`, frozen once released. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: readFileSync(join(dir, f), 'utf8') }));
}

/** The highest migration version this build knows: the schema version it expects. */
export function latestSchemaVersion(): number {
  const all = listMigrations();
  return all.length ? all[all.length - 1].version : 0;
}

/** Version of the schema currently in the database (0 when empty). */
export async function schemaVersion(db: Database): Promise<number> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('public.schema_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return 0;
  const r = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return r.rows[0]?.v ?? 0;
}

/**
 * Applies every migration not yet applied, each in its own transaction together with its row in
 * schema_migrations, so a failing migration leaves the database at the previous version. An
 * advisory lock makes concurrent starts of several app processes safe on a server. On a Citus
 * coordinator the tables are then distributed (src/db/distribution.ts).
 */
export async function migrate(db: Database, log: (msg: string) => void = () => {}): Promise<{ from: number; to: number }> {
  // Only when missing: PostgreSQL checks the right to create in the schema even when the table
  // exists, and `serve` runs this as a role that may only read and write rows (docs/production.md).
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('public.schema_migrations')::text AS t`);
  if (!exists.rows[0]?.t) {
    await db.exec(SCHEMA_MIGRATIONS_DDL).catch(ownerNeeded('create schema_migrations'));
  }
  const from = await schemaVersion(db);
  let to = from;
  for (const m of listMigrations()) {
    const applied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.rows.length) return false;
      await tx.exec(m.sql).catch(ownerNeeded(`apply migration ${String(m.version).padStart(4, '0')}_${m.name}`));
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (applied) log(`migrated to ${String(m.version).padStart(4, '0')}_${m.name}`);
    to = Math.max(to, m.version);
  }
  // On a Citus coordinator, tables a migration created are placed on the workers (a no-op elsewhere).
  await distributeOnCitus(db, MIGRATION_LOCK, log);
  return { from, to };
}

/** insufficient_privilege: the serving role met a schema change the owner role has not yet made. */
const ownerNeeded = (what: string) => (e: unknown): never => {
  if ((e as { code?: string }).code === '42501') throw new Error(`cannot ${what}: ${(e as Error).message}; run \`lagesbild migrate\` as the database's owner role first`);
  throw e;
};

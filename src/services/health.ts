import type { Database } from '../db/engine.ts';
import { latestSchemaVersion, listMigrations, schemaVersion } from '../db/migrate.ts';
import { ping, recordedMigrations } from '../db/repositories/readiness.ts';

export type HealthReport =
  | { status: 'ok'; engine: string; schemaVersion: number; expectedSchemaVersion: number; version: string }
  | { status: 'unavailable'; engine: string; error: string };

/** Whether the database answers, and its schema version against the one this code expects. */
export async function checkHealth(db: Database, version: string): Promise<HealthReport> {
  try {
    const v = await schemaVersion(db);
    return { status: 'ok', engine: db.engine, schemaVersion: v, expectedSchemaVersion: latestSchemaVersion(), version };
  } catch (e) {
    return { status: 'unavailable', engine: db.engine, error: (e as Error).message };
  }
}

export type ReadinessReport = { ready: true; schemaVersion: number } | { ready: false; reasons: string[] };

const migrationName = (m: { version: number; name: string }) => `${String(m.version).padStart(4, '0')}_${m.name}`;

/**
 * The readiness check a load balancer polls (GET /ready): the database answers within `timeoutMs`,
 * and its recorded migrations are exactly the ones this build ships. Nothing is loaded into the
 * process first (the aggregates are the database's rollups), so a new process is ready at once. The shipped
 * migrations are listed once, when the route is set up at start-up: during an upgrade the files on
 * disk may already be the next version's while this process still runs the old code.
 */
export function readinessCheck(db: Database, timeoutMs = 2000): () => Promise<ReadinessReport> {
  const shipped = listMigrations().map(({ version, name }) => ({ version, name }));
  return async () => {
    const reasons: string[] = [];
    try {
      const recorded = await withTimeout(ping(db).then(() => recordedMigrations(db)), timeoutMs);
      const has = new Set(recorded.map((m) => m.version));
      const knows = new Set(shipped.map((m) => m.version));
      const missing = shipped.filter((m) => !has.has(m.version));
      const unknown = recorded.filter((m) => !knows.has(m.version));
      if (missing.length) reasons.push(`the database lacks migration(s) ${missing.map(migrationName).join(', ')}: run \`lagesbild migrate\``);
      if (unknown.length) reasons.push(`the database has migration(s) this build does not ship, ${unknown.map(migrationName).join(', ')}: it was migrated by a newer version`);
    } catch (e) {
      reasons.push(`the ${db.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} database is not reachable: ${(e as Error).message}`);
    }
    return reasons.length ? { ready: false, reasons } : { ready: true, schemaVersion: shipped.at(-1)?.version ?? 0 };
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

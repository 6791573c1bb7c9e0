import type { Database } from '../db/engine.ts';
import { latestSchemaVersion, schemaVersion } from '../db/migrate.ts';

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

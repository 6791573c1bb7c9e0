import type { Database } from '../db/engine.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase, type DatabaseConfig } from '../db/open.ts';
import { describeDatabase } from './config.ts';

/** Opens the configured database and brings its schema up to date. */
export async function openMigrated(config: DatabaseConfig, log: (m: string) => void): Promise<Database> {
  log(`databas: ${describeDatabase(config)}`);
  const db = await openDatabase(config);
  try {
    const { from, to } = await migrate(db, log);
    log(from === to ? `schemaversion ${to} (aktuell)` : `schemaversion ${from} → ${to}`);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

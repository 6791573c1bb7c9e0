import type { Database } from './engine.ts';

export interface DatabaseConfig {
  /** postgres://… — use a PostgreSQL server. Takes precedence over dataDir. */
  databaseUrl?: string;
  /** Directory of the embedded database; undefined with no URL means in memory. */
  dataDir?: string;
}

/** Opens the configured engine. The PGlite module (WASM) is only loaded when it is used. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(config.databaseUrl);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(config.dataDir);
}

import type { Queryable } from '../engine.ts';

/** What /ready asks the database: whether it answers, and which migrations it has recorded. */

/** A query that touches no table: the connection works and the server answers. */
export async function ping(q: Queryable): Promise<void> {
  await q.query('SELECT 1');
}

/** The migrations recorded in schema_migrations, oldest first (none when the table does not exist yet). */
export async function recordedMigrations(q: Queryable): Promise<Array<{ version: number; name: string }>> {
  const exists = await q.query<{ t: string | null }>(`SELECT to_regclass('public.schema_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return [];
  return (await q.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
}

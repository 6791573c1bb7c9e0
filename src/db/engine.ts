/**
 * The one interface the rest of the code uses to talk to a database, whichever engine is behind it:
 * the embedded PGlite (+ PostGIS) or a PostgreSQL server. Repositories take a `Queryable` first, so
 * the same function runs inside or outside a transaction.
 */
export type EngineName = 'pglite' | 'postgres';

export interface QueryResult<T> {
  rows: T[];
  /** Rows changed by INSERT/UPDATE/DELETE, where the engine reports it. */
  affectedRows: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs several statements separated by semicolons, without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: EngineName;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

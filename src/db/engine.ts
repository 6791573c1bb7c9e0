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

export interface QueryOptions {
  /**
   * A statement of fixed text that runs on most requests (the session, a report's checks and insert):
   * a server engine keeps it prepared on each connection, so PostgreSQL parses it once and can reuse
   * its plan. Planning, not running, was most of a report's time in the database (bench/README.md).
   * Only for a bounded set of texts: each is kept on every connection for the connection's life.
   */
  prepared?: boolean;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  /** Runs several statements separated by semicolons, without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: EngineName;
  /**
   * A Citus coordinator: a statement that writes two distributed tables at once runs there as
   * subplans passed through the coordinator, several times the cost of the same writes as separate
   * statements that each go straight to the one worker holding their municipality.
   */
  readonly distributed: boolean;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL's LISTEN on `channel`: `message` for every notification there, from this process or
   * any other, once its transaction has committed. `listening(false)` when the connection that listens
   * is lost (notifications sent meanwhile are lost with it) and `listening(true)` once it listens
   * (again). Resolves to the function that stops listening. Absent where nothing can listen (a joined
   * transaction).
   */
  listen?(channel: string, on: { message(): void; listening(up: boolean): void }): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

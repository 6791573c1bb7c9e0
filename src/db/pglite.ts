import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { mkdirSync } from 'node:fs';
import type { Database, QueryResult, Queryable } from './engine.ts';

// Both engines hand back bigint columns (count(*), bigserial) as JavaScript numbers: every such
// value in this schema is far below 2^53.
const parsers = { [types.INT8]: (v: string) => Number(v) };

/**
 * Waits for the event loop's next turn. PGlite runs each statement synchronously on the event loop and
 * hands the next queued one over in a promise, so under load one microtask chain ran statement after
 * statement for hundreds of milliseconds. Node drains that chain after every connection it accepts,
 * so a burst of new clients was accepted one per chain: with 50 clients a report waited up to 5 s
 * before the server saw it (bench/README.md). A statement that starts on a turn of its own lets the
 * loop accept, read and time out in between.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      await nextTurn();
      const r = await q.query<T>(sql, params as any[], { parsers });
      return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await nextTurn();
      await q.exec(sql);
    },
  };
}

/**
 * Opens (creating when new) an embedded PGlite database with PostGIS in `dataDir`, or in memory
 * when `dataDir` is undefined. Durability: PGlite writes through Emscripten's NODEFS to real files,
 * so a committed transaction is in the OS before the promise resolves and survives `kill -9`.
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({ dataDir, extensions: { postgis } });
  const base = wrap(pg);
  return {
    engine: 'pglite',
    distributed: false,
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    // One process holds the embedded database, so the only listener is this process.
    async listen(channel, on) {
      const stop = await pg.listen(channel, () => on.message());
      on.listening(true);
      return () => stop().catch(() => undefined);
    },
    async close() {
      await pg.close();
    },
  };
}

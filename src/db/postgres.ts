import pg from 'pg';
import { createHash } from 'node:crypto';
import type { Database, QueryOptions, QueryResult, Queryable } from './engine.ts';
import { isCitus } from './distribution.ts';

// Same number handling as the PGlite adapter: bigint → number (all our bigints are small).
const typeParser = {
  getTypeParser(oid: number, format?: any) {
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** A prepared statement's name per text: the same text gets the same name on every connection. */
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `lb_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  return name;
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>> {
      const r = await client.query({ text: sql, values: params as any[], types: typeParser as any, ...(options?.prepared ? { name: statementName(sql) } : {}) });
      return { rows: r.rows as T[], affectedRows: r.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** Connects to a PostgreSQL server (15+ with PostGIS 3.3+) given a connection string. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  // No JIT compilation: the app's queries are short, and compiling one took longer than running it
  // (a map view's query at a million incidents: 270 ms of JIT in 385 ms; bench/README.md). PGOPTIONS
  // and the URL's own options still apply (the URL's replace these).
  const connectOptions = { connectionString: url, options: [process.env.PGOPTIONS, '-c jit=off'].filter(Boolean).join(' ') };
  const pool = new pg.Pool({ ...connectOptions, max: options.max ?? 10 });
  // An idle connection the server closes (restart, failover, pg_terminate_backend) is reported as an
  // 'error' event; unhandled, it would end the process. The pool replaces the connection instead.
  pool.on('error', (e) => process.stderr.write(`PostgreSQL connection lost (will reconnect): ${e.message}\n`));
  // Fail fast with a clear message instead of at the first request.
  const client = await pool.connect().catch((e: Error) => {
    void pool.end();
    throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${e.message}`);
  });
  client.release();
  const base = wrap(pool);
  const distributed = await isCitus(base);
  return {
    engine: 'postgres',
    distributed,
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const result = await fn(wrap(c));
        await c.query('COMMIT');
        return result;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    listen: (channel, on) => listenOn(connectOptions, channel, on),
    async close() {
      await pool.end();
    },
  };
}

/**
 * LISTEN on a connection of its own, outside the pool: a pooled connection is handed to other
 * queries. A lost connection is opened again a second later, for as long as nobody stops it.
 */
async function listenOn(options: pg.ClientConfig, channel: string, on: { message(): void; listening(up: boolean): void }): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let client: pg.Client | null = null, stopped = false, retry: NodeJS.Timeout | null = null;
  const open = async (): Promise<void> => {
    const c = new pg.Client(options);
    let lost = false;
    const lose = () => {
      if (lost) return;
      lost = true;
      on.listening(false);
      void c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => { void open(); }, 1000);
    };
    c.on('error', lose);
    c.on('end', lose);
    c.on('notification', (n) => { if (n.channel === channel) on.message(); });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch {
      lose();
      return;
    }
    if (stopped) { await c.end(); return; }
    client = c;
    on.listening(true);
  };
  await open();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    if (c) await c.end().catch(() => undefined);
  };
}

/** Hides the password of a connection string in messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

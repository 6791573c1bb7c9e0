import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testEngines, createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../../test/support/api.ts';
import { buildApp } from '../app.ts';
import { listMigrations } from '../../db/migrate.ts';
import type { Database } from '../../db/engine.ts';

const latest = listMigrations().at(-1)!;
const latestName = `${String(latest.version).padStart(4, '0')}_${latest.name}`;

/** GET /ready until it answers 200, at most a few seconds. */
async function readyWithin(app: FastifyInstance, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: '/ready' });
    if (res.statusCode === 200 || Date.now() > until) return res;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The test database behind a gate: queries the predicate picks wait until `open()`. */
function gated(db: Database, holds: (sql: string) => boolean) {
  let open!: () => void;
  const gate = new Promise<void>((r) => { open = r; });
  let closed = false;
  const wrapped: Database = {
    engine: db.engine,
    distributed: db.distributed,
    async query<T>(sql: string, params?: unknown[]) {
      if (!closed || !holds(sql)) return db.query<T>(sql, params);
      await gate;
      return db.query<T>(sql, params);
    },
    exec: (sql) => db.exec(sql),
    // A transaction waits as a whole when the predicate holds for its marker (its SQL is not known ahead).
    async transaction(fn) {
      if (closed && holds('transaction')) await gate;
      return db.transaction(fn);
    },
    close: () => db.close(),
  };
  return { db: wrapped, close: () => { closed = true; }, open };
}

for (const engine of testEngines()) {
  describe(`GET /ready on ${engine}`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(engine); });
    after(() => t.close());

    test('200 on a migrated database, without a session', async () => {
      const res = await readyWithin(t.app);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { ready: true, schemaVersion: latest.version });
      // /health stays the cheap liveness answer beside it.
      assert.equal((await t.anonymous().get('/health')).statusCode, 200);
    });

    test('503 naming the migration the database lacks, 200 again once it is recorded', async () => {
      await t.db.query('DELETE FROM schema_migrations WHERE version = $1', [latest.version]);
      try {
        const res = await t.anonymous().get('/ready');
        assert.equal(res.statusCode, 503, res.body);
        const body = res.json();
        assert.equal(body.ready, false);
        assert.equal(body.reasons.length, 1, body.reasons);
        assert.match(body.reasons[0], new RegExp(`lacks migration\\(s\\) ${latestName}: run \`lagesbild migrate\``));
      } finally {
        await t.db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [latest.version, latest.name]);
      }
      assert.equal((await t.anonymous().get('/ready')).statusCode, 200);
    });

    test('503 when the database was migrated by a newer version than this one', async () => {
      await t.db.query(`INSERT INTO schema_migrations (version, name) VALUES (9999, 'from_the_future')`);
      try {
        const res = await t.anonymous().get('/ready');
        assert.equal(res.statusCode, 503, res.body);
        assert.match(res.json().reasons.join('\n'), /does not ship, 9999_from_the_future: it was migrated by a newer version/);
      } finally {
        await t.db.query('DELETE FROM schema_migrations WHERE version = 9999');
      }
    });
  });

  describe(`GET /ready on ${engine}, before the app can serve`, () => {
    let t: TestDatabase;
    before(async () => { t = await createTestDatabase(engine); });
    after(() => t.drop());

    test('200 at once: nothing is loaded into the process, and a busy rollup applier does not hold it back', async () => {
      // The applier's queries wait behind the gate, as if a bulk import had queued a million deltas.
      const g = gated(t.db, (sql) => sql === 'transaction' || /incident_rollup_queue/.test(sql));
      g.close();
      const app = await buildApp({ db: g.db, logger: false, webRoot: false, rollupApplier: true });
      try {
        await app.ready();
        const res = await app.inject({ method: 'GET', url: '/ready' });
        assert.equal(res.statusCode, 200, res.body);
      } finally {
        g.open();
        await app.close();
      }
    });

    test('503 when the database does not answer in time', async () => {
      const g = gated(t.db, () => true);
      const app = await buildApp({ db: g.db, logger: false, webRoot: false, rollupApplier: false, readyTimeoutMs: 100 });
      try {
        await app.ready();
        assert.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
        g.close();
        const res = await app.inject({ method: 'GET', url: '/ready' });
        assert.equal(res.statusCode, 503, res.body);
        const name = engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
        assert.deepEqual(res.json(), { ready: false, reasons: [`the ${name} database is not reachable: no answer within 100 ms`] });
      } finally {
        g.open();
        await app.close();
      }
    });
  });
}

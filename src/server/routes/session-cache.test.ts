/**
 * A server process may keep resumed sessions for a moment (LAGESBILD_SESSION_CACHE_MS), and still
 * refuses an ended session at once: in the process that ended it, and in every other process as soon
 * as the database's notice reaches it. The caches here keep for a minute, so only the notice can
 * explain a refusal within the few seconds a test waits.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { testEngines } from '../../../test/support/db.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { openPostgres } from '../../db/postgres.ts';
import type { Database } from '../../db/engine.ts';
import { buildApp } from '../app.ts';

const MINUTE = 60_000;

/** Polls until `ok` holds or three seconds have passed; the last answer either way. */
async function within<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const until = Date.now() + 3000;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cookieOf = async (app: FastifyInstance, email: string) => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email, password: FX.password }) });
  assert.equal(res.statusCode, 200);
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
};
const me = (app: FastifyInstance, cookie: string) => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }).then((r) => r.statusCode);

for (const engine of testEngines({ citus: true })) {
  describe(`cached sessions on ${engine}`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(engine, { sessionCacheMs: MINUTE, rollupApplier: false }); });
    after(() => t.close());

    test('a resumed session is kept: a row removed past the app is still honoured until a notice comes', async () => {
      const cookie = await cookieOf(t.app, FX.users.viewer.email);
      assert.equal(await me(t.app, cookie), 200);
      await t.db.query(`DELETE FROM sessions WHERE user_id = $1`, [FX.users.viewer.id]);
      assert.equal(await me(t.app, cookie), 200, 'served from the cache');
      await t.db.query(`SELECT pg_notify('lagesbild_sessions', '')`);
      assert.equal(await within(() => me(t.app, cookie), (s) => s === 401), 401, 'the notice empties the cache');
    });

    test('in the process that makes the change, it takes effect at the very next request', async () => {
      const viewer = await cookieOf(t.app, FX.users.reporter2.email);
      assert.equal(await me(t.app, viewer), 200);
      const admin: Client = await t.as('admin');
      const changed = await admin.patch(`/api/users/${FX.users.reporter2.id}`, { roles: ['viewer'] });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(await me(t.app, viewer), 401, 'changed rights end the session at once');
      const again = await cookieOf(t.app, FX.users.reporter2.email);
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: again } })).json().user.roles, ['viewer']);
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: again, 'content-type': 'application/json', 'x-csrf-token': (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: again } })).json().csrfToken }, payload: '{}' });
      assert.equal(out.statusCode, 204);
      assert.equal(await me(t.app, again), 401, 'a logout too');
    });

    if (engine !== 'pglite') {
      describe('with a second process', () => {
        let db2: Database, app2: FastifyInstance;
        before(async () => {
          db2 = await openPostgres(t.location.databaseUrl!);
          app2 = await buildApp({ db: db2, logger: false, sessionCacheMs: MINUTE, rollupApplier: false });
          await app2.ready();
        });
        after(async () => { await app2.close(); await db2.close(); });

        test('a session ended in one process is refused by the other within moments', async () => {
          const cookie = await cookieOf(t.app, FX.users.guard.email);
          assert.equal(await me(app2, cookie), 200, 'the other process resumes and keeps it');
          const admin = await t.as('admin');
          assert.equal((await admin.patch(`/api/users/${FX.users.guard.id}`, { active: false })).statusCode, 200);
          assert.equal(await within(() => me(app2, cookie), (s) => s === 401), 401);
        });

        test('while the other process cannot listen it keeps nothing, and keeps again once it listens', async () => {
          const cookie = await cookieOf(t.app, FX.users.police.email);
          assert.equal(await me(app2, cookie), 200);
          const listeners = await t.db.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN lagesbild_sessions'`);
          assert.equal(listeners.rows.length, 2, 'one listener per process');
          await t.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN lagesbild_sessions'`);
          // Removed past the app, with no notice: a process that went on keeping it would answer 200
          // for the minute the caches keep (the loss is seen when the connection's end arrives).
          await t.db.query(`DELETE FROM sessions WHERE user_id = $1`, [FX.users.police.id]);
          assert.equal(await within(() => me(app2, cookie), (s) => s === 401), 401);
          assert.equal(await within(() => me(t.app, cookie), (s) => s === 401), 401);
          // Listening again a second later, and keeping again.
          const fresh = await cookieOf(t.app, FX.users.police.email);
          const relistened = await within(() => t.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN lagesbild_sessions'`), (r) => r.rows[0].n === 2);
          assert.equal(relistened.rows[0].n, 2);
          await new Promise((r) => setTimeout(r, 100));
          assert.equal(await me(app2, fresh), 200);
          await t.db.query(`DELETE FROM sessions WHERE user_id = $1`, [FX.users.police.id]);
          assert.equal(await me(app2, fresh), 200, 'kept again');
        });
      });
    }
  });
}

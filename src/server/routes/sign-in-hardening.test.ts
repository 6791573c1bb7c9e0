/**
 * Sign-in hardening (issue 16, item 6) through the HTTP API: the per-address lock-out shared by two
 * processes on one database, the same for an address no user has; failed logins audited without
 * the text typed; common passwords refused where passwords are set; the absolute session lifetime.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { buildApp } from '../app.ts';
import { DEFAULT_SIGN_IN } from '../../services/auth.ts';

const login = (app: FastifyInstance, email: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email, password }) });

for (const engine of testEngines({ citus: true })) {
  describe(`sign-in hardening on ${engine}`, () => {
    let t: TestApp;
    /** A second process of the same deployment. */
    let other: FastifyInstance;
    before(async () => {
      t = await startTestApp(engine, { signIn: { ...DEFAULT_SIGN_IN, idleMs: 3_600_000, absoluteMs: 4 * 3_600_000 } });
      other = await buildApp({ db: t.db, logger: false, loginRateLimit: { max: 1000, timeWindow: 60_000 } });
      await other.ready();
    });
    after(async () => { await other.close(); await t.close(); });

    test('five failures on an address, spread over two processes, lock it out in both; the right password is refused until the lock ends', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await login(i % 2 ? other : t.app, FX.users.viewer.email, `fel-${i}`);
        assert.equal(res.statusCode, 401, `attempt ${i + 1}`);
      }
      const locked = await login(t.app, FX.users.viewer.email, FX.password);
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().error.code, 'account_locked');
      assert.match(locked.json().error.message, /Vänta 1 min/);
      assert.equal((await login(other, FX.users.viewer.email.toUpperCase(), FX.password)).statusCode, 429, 'the other process, the address in capitals');
      // The address's row (the client's own count is a row keyed 'client:…').
      const row = await t.db.query<{ key: string; failures: number }>(`SELECT key, failures FROM login_throttle WHERE key NOT LIKE 'client:%'`);
      assert.equal(row.rows.length, 1);
      assert.equal(row.rows[0].failures, 5);
      assert.ok(!row.rows[0].key.includes('@'), 'the address is kept hashed');
      // A sixth failure once the lock has ended locks for twice as long.
      await t.db.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second'`);
      assert.equal((await login(other, FX.users.viewer.email, 'fel-6')).statusCode, 401);
      const until = (await t.db.query<{ s: number }>(`SELECT extract(epoch FROM locked_until - now())::float AS s FROM login_throttle WHERE key NOT LIKE 'client:%'`)).rows[0].s;
      assert.ok(until > 110 && until <= 120, `locked ${until} s`);
      await t.db.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second'`);
      assert.equal((await login(other, FX.users.viewer.email, FX.password)).statusCode, 200);
      assert.equal((await t.db.query(`SELECT 1 FROM login_throttle WHERE key NOT LIKE 'client:%'`)).rows.length, 0, 'a success clears the count');
    });

    test('an address no user has is locked out alike: the answers do not tell whether an account exists', async () => {
      const known: number[] = [], unknown: number[] = [];
      for (let i = 0; i < 6; i++) {
        known.push((await login(t.app, FX.users.reporter2.email, `fel-${i}`)).statusCode);
        unknown.push((await login(t.app, 'ingen.alls@alingsas.test', `fel-${i}`)).statusCode);
      }
      assert.deepEqual(known, [401, 401, 401, 401, 401, 429]);
      assert.deepEqual(unknown, known);
      assert.deepEqual((await login(t.app, 'ingen.alls@alingsas.test', 'x')).json(), (await login(t.app, FX.users.reporter2.email, 'x')).json());
      await t.db.query('DELETE FROM login_throttle');
    });

    test('a failed login keeps the user when the address is known, and otherwise only that it was unknown, never the text typed', async () => {
      const typedPassword = 'Mitt-Hemliga-Lösen-77';
      assert.equal((await login(t.app, typedPassword, 'whatever')).statusCode, 401);
      assert.equal((await login(t.app, FX.users.areaGroup.email, 'nästan-rätt')).statusCode, 401);
      // Refused by the schema (no password): audited alike.
      const refused = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'Annat-Lösen-99' }) });
      assert.equal(refused.statusCode, 422);
      const deployment = await t.db.query<{ userId: string | null; details: Record<string, unknown> }>(
        `SELECT user_id AS "userId", details FROM deployment_audit_log WHERE action = 'login.failed' ORDER BY id`);
      const all = JSON.stringify(deployment.rows).toLowerCase();
      assert.ok(!all.includes('mitt-hemliga') && !all.includes('annat-lösen'), all);
      assert.deepEqual(deployment.rows.slice(-2).map((r) => [r.userId, r.details.reason]), [[null, 'unknown_address'], [null, 'unknown_address']]);
      const known = await t.db.query<{ userId: string; details: Record<string, unknown> }>(
        `SELECT user_id AS "userId", details FROM audit_log WHERE action = 'login.failed' ORDER BY id DESC LIMIT 1`);
      assert.equal(known.rows[0].userId, FX.users.areaGroup.id);
      assert.equal(known.rows[0].details.reason, 'wrong_password');
      assert.equal(known.rows[0].details.email, undefined);
      await t.db.query('DELETE FROM login_throttle');
    });

    test('a common or breached password is refused where passwords are set, naming the field', async () => {
      // Administrators no longer set passwords (they invite); every user changes their own.
      const viewer = await t.as('viewer');
      const res = await viewer.post('/api/me/password', { currentPassword: FX.password, newPassword: 'Password123' });
      assert.equal(res.statusCode, 422, res.body);
      const [field] = res.json().error.fields;
      assert.deepEqual([field.field, field.code], ['newPassword', 'common_password']);
      assert.match(field.message, /vanligaste/);
      const en = await viewer.post('/api/me/password', { currentPassword: FX.password, newPassword: 'qwertyuiop' }, { 'accept-language': 'en' });
      assert.match(en.json().error.fields[0].message, /most common/);
      assert.equal((await viewer.post('/api/me/password', { currentPassword: FX.password, newPassword: '1234567890' })).json().error.fields[0].code, 'common_password');
      const ok = await viewer.post('/api/me/password', { currentPassword: FX.password, newPassword: 'tre-ovanliga-ord-ihop' });
      assert.ok(ok.statusCode < 300, ok.body);
      assert.equal((await viewer.post('/api/me/password', { currentPassword: 'tre-ovanliga-ord-ihop', newPassword: FX.password })).statusCode < 300, true);
    });

    test('a session ends at its absolute lifetime however busy, and its idle expiry never slides past it', async () => {
      const res = await login(t.app, FX.users.reporter.email, FX.password);
      const cookie = { cookie: `lb_session=${res.cookies.find((c) => c.name === 'lb_session')!.value}` };
      // In use for three hours and fifty-nine minutes: the slide stops at four hours from the start.
      await t.db.query(`UPDATE sessions SET created_at = now() - interval '3 hours 59 minutes', last_seen_at = now() - interval '2 minutes' WHERE user_id = $1`, [FX.users.reporter.id]);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers: cookie })).statusCode, 200);
      const left = (await t.db.query<{ s: number }>(`SELECT extract(epoch FROM expires_at - now())::float AS s FROM sessions WHERE user_id = $1`, [FX.users.reporter.id])).rows[0].s;
      assert.ok(left <= 60 && left > 50, `${left} s left`);
      // Four hours after it was opened it is over, although its idle expiry is an hour away.
      await t.db.query(`UPDATE sessions SET created_at = now() - interval '4 hours 1 minute', expires_at = now() + interval '1 hour' WHERE user_id = $1`, [FX.users.reporter.id]);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers: cookie })).statusCode, 401);
    });
  });
}

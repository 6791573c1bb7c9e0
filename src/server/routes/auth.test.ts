import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';

const login = (t: TestApp, email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ email, password }) });

for (const engine of testEngines({ citus: true })) {
  describe(`sessions on ${engine}`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(engine, { loginRateLimit: { max: 8, timeWindow: 60_000 }, trustProxy: true }); });
    after(() => t.close());

    test('login sets an httpOnly SameSite session cookie, /api/me answers, logout ends the session', async () => {
      const res = await login(t, FX.users.coordinator.email.toUpperCase(), FX.password, { 'x-forwarded-for': '10.0.0.1' });
      assert.equal(res.statusCode, 200, res.body);
      const cookie = res.cookies.find((c) => c.name === 'lb_session')!;
      assert.ok(cookie.httpOnly);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      const body = res.json();
      assert.equal(body.user.email, FX.users.coordinator.email);
      assert.deepEqual(body.user.roles, ['coordinator']);
      assert.ok(body.csrfToken.length >= 20);
      assert.deepEqual(body.municipalities.map((m: any) => m.name), ['Alingsås']);
      assert.equal(body.user.passwordHash, undefined, 'no hash leaks');
      const headers = { cookie: `lb_session=${cookie.value}` };
      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().csrfToken, body.csrfToken);
      const noCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
      assert.equal(noCsrf.statusCode, 403, 'logout needs the CSRF token too');
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...headers, 'x-csrf-token': body.csrfToken } });
      assert.equal(out.statusCode, 204);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers })).statusCode, 401);
    });

    test('wrong password, unknown user and a deactivated user get the same answer; failures are audited', async () => {
      const wrong = await login(t, FX.users.viewer.email, 'fel-lösenord');
      const unknown = await login(t, 'ingen@example.se', 'fel-lösenord');
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.deepEqual(wrong.json(), unknown.json());
      await t.db.query('UPDATE users SET active = false WHERE id = $1', [FX.users.reporter2.id]);
      const inactive = await login(t, FX.users.reporter2.email, FX.password);
      assert.equal(inactive.statusCode, 401);
      assert.deepEqual(inactive.json(), wrong.json());
      assert.equal(wrong.json().error.code, 'invalid_credentials');
      const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'login.failed'`);
      assert.ok((audit.rows[0] as any).n >= 2);
      const the = await t.db.query<{ hash: string }>('SELECT password_hash AS hash FROM users WHERE id = $1', [FX.users.viewer.id]);
      assert.match(the.rows[0].hash, /^\$argon2id\$/, 'passwords are hashed with argon2id');
    });

    test('a session stored in the database cannot be reused from a copy: only the token hash is kept', async () => {
      const res = await login(t, FX.users.viewer.email, FX.password);
      const token = res.cookies.find((c) => c.name === 'lb_session')!.value;
      const rows = await t.db.query<{ id: string }>('SELECT id FROM sessions');
      assert.ok(rows.rows.every((r) => r.id !== token));
      const forged = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `lb_session=${rows.rows[0].id}` } });
      assert.equal(forged.statusCode, 401);
    });

    test('changing a user\'s roles ends their sessions', async () => {
      const admin = await t.as('admin');
      const viewer = await t.as('viewer');
      assert.equal((await viewer.get('/api/me')).statusCode, 200);
      const res = await admin.patch(`/api/users/${FX.users.viewer.id}`, { roles: ['viewer', 'areaGroup'] });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await viewer.get('/api/me')).statusCode, 401);
    });
    test('login attempts are rate-limited per client', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await login(t, 'angripare@example.se', `gissning-${i}`, { 'x-forwarded-for': '10.9.9.9' })).statusCode);
      assert.ok(statuses.includes(429), statuses.join(','));
      const limited = await login(t, 'angripare@example.se', 'x', { 'x-forwarded-for': '10.9.9.9' });
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().error.code, 'rate_limited');
      assert.equal((await login(t, FX.users.viewer.email, FX.password, { 'x-forwarded-for': '10.1.2.3' })).statusCode, 200, 'other clients are not affected');
    });

    test('successful logins do not count against the client: an office behind one address all logs in', async () => {
      for (let i = 0; i < 20; i++) {
        const res = await login(t, FX.users.viewer.email, FX.password, { 'x-forwarded-for': '10.4.4.4' });
        assert.equal(res.statusCode, 200, `login ${i + 1}: ${res.body}`);
      }
      // A few typing errors among them are not enough to hold the office back either.
      for (let i = 0; i < 3; i++) assert.equal((await login(t, FX.users.reporter.email, 'fel-lösenord', { 'x-forwarded-for': '10.4.4.4' })).statusCode, 401);
      assert.equal((await login(t, FX.users.reporter.email, FX.password, { 'x-forwarded-for': '10.4.4.4' })).statusCode, 200);
    });

  });
}

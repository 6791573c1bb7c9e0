/**
 * Two-factor authentication (issue 16, item 4) through the HTTP API: enrolment, the two-step login
 * with a TOTP code or a recovery code, replay refused, wrong codes throttled, a role that must enrol,
 * turning it off.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { buildApp } from '../app.ts';
import { DEFAULT_SIGN_IN } from '../../services/auth.ts';
import { resetMfaFromCommandLine } from '../../services/mfa.ts';

const json = { 'content-type': 'application/json' };
const post = (app: FastifyInstance, url: string, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { ...json, ...headers }, payload: JSON.stringify(body) });
const cookieOf = (res: { cookies: Array<{ name: string; value: string; httpOnly?: boolean; sameSite?: string }> }, name: string) => res.cookies.find((c) => c.name === name);
/** A code of the step `steps` after now's (the authenticator app a little ahead): a step not used yet. */
const codeAt = (secret: string, steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

for (const engine of testEngines({ citus: true })) {
  describe(`two-factor authentication on ${engine}`, () => {
    let t: TestApp;
    /** A second process on the same database that requires a second factor of coordinators. */
    let strict: FastifyInstance;
    before(async () => {
      t = await startTestApp(engine);
      strict = await buildApp({ db: t.db, logger: false, loginRateLimit: { max: 1000, timeWindow: 60_000 }, signIn: { ...DEFAULT_SIGN_IN, mfaRequiredRoles: ['coordinator', 'admin'] } });
      await strict.ready();
    });
    after(async () => { await strict.close(); await t.close(); });

    /** Enrols the fixture user; returns the secret and the recovery codes. */
    async function enrol(user: 'viewer' | 'reporter' | 'areaGroup') {
      const c = await t.as(user);
      const start = await c.post('/api/me/mfa/totp');
      assert.equal(start.statusCode, 200, start.body);
      const { secret, otpauthUrl, qrDataUrl } = start.json();
      const confirm = await c.post('/api/me/mfa/totp/confirm', { code: await generate({ secret }) });
      assert.equal(confirm.statusCode, 200, confirm.body);
      return { secret, otpauthUrl, qrDataUrl, recoveryCodes: confirm.json().recoveryCodes as string[], client: c };
    }

    test('enrolment: a secret, its otpauth URL and QR code; a wrong code is refused at the field; the right one turns it on and gives ten recovery codes', async () => {
      const c = await t.as('viewer');
      assert.deepEqual((await c.get('/api/me/mfa')).json(), { enabled: false, required: false, recoveryCodesLeft: 0 });
      const start = (await c.post('/api/me/mfa/totp')).json();
      assert.match(start.secret, /^[A-Z2-7]{32}$/);
      assert.equal(start.otpauthUrl, `otpauth://totp/L%C3%A4gesbild:${encodeURIComponent(FX.users.viewer.email)}?secret=${start.secret}&issuer=L%C3%A4gesbild`);
      assert.match(start.qrDataUrl, /^data:image\/png;base64,/);
      // Starting again gives a new secret: the first one is void.
      const again = (await c.post('/api/me/mfa/totp')).json();
      assert.notEqual(again.secret, start.secret);
      const wrong = await c.post('/api/me/mfa/totp/confirm', { code: await generate({ secret: start.secret }) });
      assert.equal(wrong.statusCode, 422);
      assert.deepEqual(wrong.json().error.fields.map((f: { field: string; code: string }) => `${f.field} ${f.code}`), ['code wrong_code']);
      const confirmCode = await generate({ secret: again.secret });
      const ok = await c.post('/api/me/mfa/totp/confirm', { code: confirmCode });
      assert.equal(ok.statusCode, 200, ok.body);
      const codes: string[] = ok.json().recoveryCodes;
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      for (const code of codes) assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      assert.deepEqual((await c.get('/api/me/mfa')).json(), { enabled: true, required: false, recoveryCodesLeft: 10 });
      const stored = await t.db.query<{ h: string }>('SELECT code_hash AS h FROM user_recovery_codes WHERE user_id = $1', [FX.users.viewer.id]);
      assert.ok(stored.rows.every((r) => !codes.some((code) => r.h.includes(code.replace(/-/g, '')))), 'only hashes are stored');
      assert.equal((await c.post('/api/me/mfa/totp')).statusCode, 409, 'no new secret while one is on');

      // From now on the password alone opens no session.
      const login = await post(t.app, '/api/auth/login', { email: FX.users.viewer.email, password: FX.password });
      assert.equal(login.statusCode, 200, login.body);
      assert.deepEqual(login.json(), { mfaRequired: true });
      assert.equal(cookieOf(login, 'lb_session'), undefined);
      const pending = cookieOf(login, 'lb_mfa')!;
      assert.ok(pending.httpOnly);
      assert.equal(pending.sameSite, 'Strict');
      const rows = await t.db.query<{ id: string }>('SELECT id FROM pending_logins WHERE user_id = $1', [FX.users.viewer.id]);
      assert.equal(rows.rows.length, 1);
      assert.notEqual(rows.rows[0].id, pending.value, 'only the hash of the pending token is stored');
      const cookie = { cookie: `lb_mfa=${pending.value}` };

      // The code used at the confirmation is spent: its step is taken.
      const replay = await post(t.app, '/api/auth/mfa', { code: confirmCode }, cookie);
      assert.equal(replay.statusCode, 401);
      assert.equal(replay.json().error.code, 'invalid_code');
      assert.equal((await post(t.app, '/api/auth/mfa', { code: await codeAt(again.secret, 1) })).statusCode, 401, 'no code without the pending login');
      const next = await codeAt(again.secret, 1);
      const done = await post(t.app, '/api/auth/mfa', { code: `${next.slice(0, 3)} ${next.slice(3)}` }, cookie);
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().user.email, FX.users.viewer.email);
      const session = cookieOf(done, 'lb_session')!;
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `lb_session=${session.value}` } })).statusCode, 200);
      assert.equal((await post(t.app, '/api/auth/mfa', { code: next }, cookie)).statusCode, 401, 'the pending login is used up');

      // A second login: the same code again is a replay, whichever process is asked.
      const second = cookieOf(await post(t.app, '/api/auth/login', { email: FX.users.viewer.email, password: FX.password }), 'lb_mfa')!;
      assert.equal((await post(strict, '/api/auth/mfa', { code: next }, { cookie: `lb_mfa=${second.value}` })).statusCode, 401);
      const audit = await t.db.query<{ action: string; details: Record<string, unknown> }>(
        `SELECT action, details FROM audit_log WHERE user_id = $1 AND action IN ('login', 'login.failed', 'mfa.enabled') ORDER BY id`, [FX.users.viewer.id]);
      assert.ok(audit.rows.some((r) => r.action === 'mfa.enabled'));
      assert.ok(audit.rows.some((r) => r.action === 'login' && r.details.method === 'totp'));
      assert.ok(audit.rows.some((r) => r.action === 'login.failed' && r.details.reason === 'wrong_code' && r.details.step === 'mfa'));
    });

    test('a recovery code completes a login once; its use is audited', async () => {
      const { recoveryCodes } = await enrol('areaGroup');
      const pendingLogin = async () => `lb_mfa=${cookieOf(await post(t.app, '/api/auth/login', { email: FX.users.areaGroup.email, password: FX.password }), 'lb_mfa')!.value}`;
      const ok = await post(t.app, '/api/auth/mfa', { code: recoveryCodes[3].toLowerCase() }, { cookie: await pendingLogin() });
      assert.equal(ok.statusCode, 200, ok.body);
      const again = await post(t.app, '/api/auth/mfa', { code: recoveryCodes[3] }, { cookie: await pendingLogin() });
      assert.equal(again.statusCode, 401, 'a recovery code works once');
      const used = await t.db.query<{ details: { left: number } }>(`SELECT details FROM audit_log WHERE user_id = $1 AND action = 'mfa.recovery_code_used'`, [FX.users.areaGroup.id]);
      assert.deepEqual(used.rows.map((r) => r.details.left), [9]);
      const login = await t.db.query<{ details: { method: string } }>(`SELECT details FROM audit_log WHERE user_id = $1 AND action = 'login' ORDER BY id DESC LIMIT 1`, [FX.users.areaGroup.id]);
      assert.equal(login.rows[0].details.method, 'recovery_code');
    });

    test('wrong codes count against the address: after five the right code is refused too', async () => {
      const { secret, recoveryCodes } = await enrol('reporter');
      const cookie = { cookie: `lb_mfa=${cookieOf(await post(t.app, '/api/auth/login', { email: FX.users.reporter.email, password: FX.password }), 'lb_mfa')!.value}` };
      for (let i = 0; i < 5; i++) assert.equal((await post(t.app, '/api/auth/mfa', { code: '000000' }, cookie)).statusCode, 401);
      const locked = await post(t.app, '/api/auth/mfa', { code: await codeAt(secret, 1) }, cookie);
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().error.code, 'account_locked');
      await t.db.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second'`);
      const ok = await post(t.app, '/api/auth/mfa', { code: await codeAt(secret, 1) }, cookie);
      assert.equal(ok.statusCode, 200, ok.body);
      // Turning it off takes a right code: not one of a step before the last used (a replay), a recovery code does.
      const c = { cookie: `lb_session=${cookieOf(ok, 'lb_session')!.value}`, 'x-csrf-token': ok.json().csrfToken };
      assert.equal((await post(t.app, '/api/me/mfa/totp/disable', { code: '123456' }, c)).statusCode, 422);
      assert.equal((await post(t.app, '/api/me/mfa/totp/disable', { code: await codeAt(secret, 0) }, c)).statusCode, 422);
      const off = await post(t.app, '/api/me/mfa/totp/disable', { code: recoveryCodes[0] }, c);
      assert.equal(off.statusCode, 204, off.body);
      assert.ok(cookieOf(await post(t.app, '/api/auth/login', { email: FX.users.reporter.email, password: FX.password }), 'lb_session'));
    });

    test('a role that requires a second factor: the password opens a session that reaches only the enrolment, until a code is confirmed; it cannot be turned off', async () => {
      const login = await post(strict, '/api/auth/login', { email: FX.users.coordinator.email, password: FX.password });
      assert.equal(login.statusCode, 200, login.body);
      assert.equal(login.json().mfaEnrolmentRequired, true);
      const headers = { cookie: `lb_session=${cookieOf(login, 'lb_session')!.value}`, 'x-csrf-token': login.json().csrfToken };
      const blocked = await strict.inject({ method: 'GET', url: '/api/incidents', headers });
      assert.equal(blocked.statusCode, 403);
      assert.equal(blocked.json().error.code, 'mfa_enrolment_required');
      assert.equal((await strict.inject({ method: 'GET', url: '/api/me', headers })).json().mfaEnrolmentRequired, true);
      assert.equal((await strict.inject({ method: 'GET', url: '/api/me/mfa', headers })).json().required, true);
      const { secret } = (await post(strict, '/api/me/mfa/totp', {}, headers)).json();
      assert.equal((await post(strict, '/api/me/mfa/totp/confirm', { code: await generate({ secret }) }, headers)).statusCode, 200);
      assert.equal((await strict.inject({ method: 'GET', url: '/api/incidents', headers })).statusCode, 200);
      assert.equal((await strict.inject({ method: 'GET', url: '/api/me', headers })).json().mfaEnrolmentRequired, false);
      const off = await post(strict, '/api/me/mfa/totp/disable', { code: await codeAt(secret, 1) }, headers);
      assert.equal(off.statusCode, 409);
      assert.equal(off.json().error.code, 'mfa_mandatory');
      // The next login asks for the code.
      assert.deepEqual((await post(strict, '/api/auth/login', { email: FX.users.coordinator.email, password: FX.password })).json(), { mfaRequired: true });
      // Phone and recovery codes lost: the operator's reset; the password alone then opens a session held at the enrolment.
      assert.equal(await resetMfaFromCommandLine(t.db, FX.users.coordinator.email.toUpperCase()), true);
      assert.equal(await resetMfaFromCommandLine(t.db, 'ingen@alingsas.test'), false);
      const after = await post(strict, '/api/auth/login', { email: FX.users.coordinator.email, password: FX.password });
      assert.equal(after.json().mfaEnrolmentRequired, true);
      const reset = await t.db.query<{ subjectId: string }>(`SELECT subject_id AS "subjectId" FROM audit_log WHERE action = 'mfa.reset'`);
      assert.deepEqual(reset.rows.map((r) => r.subjectId), [FX.users.coordinator.id]);
    });
  });
}

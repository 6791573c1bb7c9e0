import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../../../test/support/smtp.ts';

const PUBLIC_URL = 'https://lagesbild.test';
const LINK = /https:\/\/lagesbild\.test\/#\/valj-losenord\?token=([A-Za-z0-9_-]+)/;
const NEW_PASSWORD = 'ett-nytt-långt-lösenord';

/** The e-mail to an address, once the server's own mailer pass has delivered it to the test SMTP server. */
async function mailTo(smtp: TestSmtp, address: string, count = 1): Promise<ReceivedMail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const got = smtp.messages.filter((m) => m.to.includes(address));
    if (got.length >= count) return got[count - 1];
    if (Date.now() > deadline) throw new Error(`no e-mail #${count} to ${address}; got ${smtp.messages.map((m) => m.to.join()).join(', ') || 'none'}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tokenOf = (m: ReceivedMail) => {
  const hit = LINK.exec(m.text);
  assert.ok(hit, `a link in ${m.text}`);
  return hit[1];
};

for (const engine of testEngines({ citus: true })) {
  describe(`accounts people manage themselves on ${engine}`, () => {
    let t: TestApp;
    let smtp: TestSmtp;
    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
    const login = (email: string, password: string) => post('/api/auth/login', { email, password });
    const audits = async (action: string, subjectId?: string) =>
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR subject_id = $2)`, [action, subjectId ?? null])).rows[0].n;

    before(async () => {
      smtp = await startTestSmtp();
      t = await startTestApp(engine, { accounts: { publicUrl: PUBLIC_URL, mail: { smtpUrl: smtp.url, from: 'Lägesbild <lagesbild@test>' } } });
    });
    after(async () => { await t.close(); await smtp.close(); });

    test('an administrator invites a user, who chooses a password from the e-mailed link once, then logs in', async () => {
      const admin = await t.as('admin');
      const typed = await admin.post('/api/users', { email: 'x@alingsashem.test', name: 'X', organisationId: FX.orgs.alingsashem, roles: ['reporter'], password: 'ett-långt-lösenord' });
      assert.equal(typed.statusCode, 422, 'nobody types another person\'s password any more');
      assert.ok(typed.json().error.fields.some((f: any) => f.field === 'password' && f.code === 'unknown_field'), typed.body);

      const res = await admin.post('/api/users', { email: 'Ny.Rapportor@Alingsashem.test', name: 'Nora Ny', organisationId: FX.orgs.alingsashem, roles: ['reporter'] });
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id;
      const mail = await mailTo(smtp, 'ny.rapportor@alingsashem.test');
      assert.equal(mail.subject, 'Du är inbjuden till Lägesbild');
      assert.match(mail.text, /Nora Ny/);
      assert.match(mail.text, /admin \(Kommunledningskontoret\)/, 'says who invited');
      const token = tokenOf(mail);
      const stored = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM account_links WHERE user_id = $1', [id]);
      assert.equal(stored.rows.length, 1);
      assert.notEqual(stored.rows[0].token_hash, token, 'only the hash is stored');
      // The mailer marks the message sent just after the SMTP server took it.
      let outbox;
      for (let i = 0; i < 100; i++) {
        outbox = await t.db.query<{ body: string; sent: boolean }>(`SELECT body, sent_at IS NOT NULL AS sent FROM notifications WHERE subject_id = $1 AND kind = 'account'`, [id]);
        if (outbox.rows[0].sent) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(outbox!.rows[0].sent);
      assert.ok(!outbox!.rows[0].body.includes(token), 'the sent message is kept without the token');

      const info = await t.app.inject({ method: 'GET', url: `/api/auth/account-link?accountToken=${token}` });
      assert.equal(info.statusCode, 200, info.body);
      assert.equal(info.json().purpose, 'invitation');
      assert.equal(info.json().email, 'ny.rapportor@alingsashem.test');
      assert.equal((await t.db.query('SELECT 1 FROM users WHERE id = $1 AND password_hash IS NULL', [id])).rows.length, 1, 'no password before the link is used');

      const short = await post('/api/auth/account-link', { accountToken: token, password: 'kort' });
      assert.equal(short.statusCode, 422);
      assert.deepEqual(short.json().error.fields.map((f: any) => [f.field, f.code]), [['password', 'too_short']]);
      const set = await post('/api/auth/account-link', { accountToken: token, password: NEW_PASSWORD });
      assert.equal(set.statusCode, 200, set.body);
      assert.deepEqual(set.json(), { email: 'ny.rapportor@alingsashem.test' });
      assert.equal((await login('ny.rapportor@alingsashem.test', NEW_PASSWORD)).statusCode, 200);

      const again = await post('/api/auth/account-link', { accountToken: token, password: 'ett-annat-långt-lösenord' });
      assert.equal(again.statusCode, 410);
      assert.equal(again.json().error.code, 'account_link_used');
      assert.match(again.json().error.message, /redan använts/);
      const againEn = await post('/api/auth/account-link', { accountToken: token, password: 'ett-annat-långt-lösenord' }, { 'accept-language': 'en' });
      assert.match(againEn.json().error.message, /already been used/);
      assert.equal((await login('ny.rapportor@alingsashem.test', 'ett-annat-långt-lösenord')).statusCode, 401, 'a used link sets nothing');

      assert.equal(await audits('user.invite', id), 1);
      assert.equal(await audits('user.invite.accept', id), 1);
      assert.equal(await audits('user.roles.grant', id), 1);
      assert.equal((await admin.post(`/api/users/${id}/invitation`)).statusCode, 409, 'no new invitation once a password is chosen');
    });

    test('an invitation can be sent again (the old link stops working); expired and unknown links get a clear 4xx in Swedish and English', async () => {
      const coordinator = await t.as('coordinator');
      const res = await coordinator.post('/api/users', { email: 'sen@alingsas.test', name: 'Sen', organisationId: FX.orgs.kommun, roles: ['viewer'] });
      assert.equal(res.statusCode, 201, res.body);
      const first = tokenOf(await mailTo(smtp, 'sen@alingsas.test'));
      const resent = await coordinator.post(`/api/users/${res.json().id}/invitation`);
      assert.equal(resent.statusCode, 200, resent.body);
      const second = tokenOf(await mailTo(smtp, 'sen@alingsas.test', 2));
      assert.notEqual(first, second);
      const old = await t.app.inject({ method: 'GET', url: `/api/auth/account-link?accountToken=${first}` });
      assert.equal(old.statusCode, 410);
      assert.equal(old.json().error.code, 'account_link_expired');
      await t.db.query(`UPDATE account_links SET expires_at = now() - interval '1 minute' WHERE user_id = $1 AND used_at IS NULL`, [res.json().id]);
      const expired = await post('/api/auth/account-link', { accountToken: second, password: NEW_PASSWORD });
      assert.equal(expired.statusCode, 410);
      assert.equal(expired.json().error.code, 'account_link_expired');
      assert.match(expired.json().error.message, /slutat gälla/);
      const expiredEn = await t.app.inject({ method: 'GET', url: `/api/auth/account-link?accountToken=${second}`, headers: { 'accept-language': 'en' } });
      assert.match(expiredEn.json().error.message, /has expired/);
      const unknown = await t.app.inject({ method: 'GET', url: `/api/auth/account-link?accountToken=${'A'.repeat(43)}` });
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'account_link_invalid');
      assert.equal(await audits('user.invite.resend', res.json().id), 1);
    });

    test('a forgotten password: the same answer for known and unknown addresses, a link only to the known one, sessions end', async () => {
      const before = smtp.messages.length;
      const group = await t.as('areaGroup');
      const known = await post('/api/auth/password-reset', { email: FX.users.areaGroup.email.toUpperCase() }, { 'accept-language': 'en' });
      const unknown = await post('/api/auth/password-reset', { email: 'lösenord123@example.se' });
      assert.equal(known.statusCode, 204);
      assert.equal(unknown.statusCode, 204);
      assert.equal(known.body, unknown.body, 'nothing tells the addresses apart');
      const mail = await mailTo(smtp, FX.users.areaGroup.email);
      assert.equal(mail.subject, 'New password for Lägesbild', 'in the language the request was made in');
      assert.equal(smtp.messages.length, before + 1, 'no e-mail for the unknown address');
      const deployment = await t.db.query<{ details: any }>(`SELECT details FROM deployment_audit_log WHERE action = 'password.reset.request' ORDER BY id DESC LIMIT 1`);
      assert.equal(deployment.rows[0].details.known, false);
      assert.ok(!JSON.stringify(deployment.rows[0].details).includes('lösenord123'), 'the typed text of an unknown address is not kept');
      assert.equal(await audits('password.reset.request', FX.users.areaGroup.id), 1);

      const set = await post('/api/auth/account-link', { accountToken: tokenOf(mail), password: NEW_PASSWORD });
      assert.equal(set.statusCode, 200, set.body);
      assert.equal((await group.get('/api/me')).statusCode, 401, 'the user\'s sessions ended');
      assert.equal((await login(FX.users.areaGroup.email, FX.password)).statusCode, 401);
      assert.equal((await login(FX.users.areaGroup.email, NEW_PASSWORD)).statusCode, 200);
      assert.equal(await audits('password.reset', FX.users.areaGroup.id), 1);

      // A brake on e-mail bombing: at most three links an hour per user through the public form.
      for (let i = 0; i < 4; i++) assert.equal((await post('/api/auth/password-reset', { email: FX.users.areaGroup.email })).statusCode, 204);
      await mailTo(smtp, FX.users.areaGroup.email, 3);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(smtp.messages.filter((m) => m.to.includes(FX.users.areaGroup.email)).length, 3);
    });

    test('every user changes their own password with the current one; other sessions end and the user is told', async () => {
      const a = await t.as('guard');
      const b = await t.as('guard');
      const wrong = await a.post('/api/me/password', { currentPassword: 'fel', newPassword: NEW_PASSWORD });
      assert.equal(wrong.statusCode, 422);
      assert.deepEqual(wrong.json().error.fields.map((f: any) => [f.field, f.code]), [['currentPassword', 'wrong_password']]);
      const short = await a.post('/api/me/password', { currentPassword: FX.password, newPassword: 'kort' });
      assert.deepEqual(short.json().error.fields.map((f: any) => [f.field, f.code]), [['newPassword', 'too_short']]);
      const ok = await a.post('/api/me/password', { currentPassword: FX.password, newPassword: NEW_PASSWORD });
      assert.equal(ok.statusCode, 204, ok.body);
      assert.equal((await a.get('/api/me')).statusCode, 200, 'the session that changed it goes on');
      assert.equal((await b.get('/api/me')).statusCode, 401, 'the others end');
      assert.equal((await login(FX.users.guard.email, NEW_PASSWORD)).statusCode, 200);
      const mail = await mailTo(smtp, FX.users.guard.email);
      assert.equal(mail.subject, 'Ditt lösenord till Lägesbild har ändrats');
      assert.equal(await audits('password.change', FX.users.guard.id), 1);
      assert.equal(await audits('password.change.failed', FX.users.guard.id), 1);
      assert.equal((await t.anonymous().post('/api/me/password', { currentPassword: 'x', newPassword: NEW_PASSWORD })).statusCode, 401);
    });

    test('an administrator resets a user\'s password: it stops working, the user is logged out and told by e-mail with a link', async () => {
      const admin = await t.as('admin');
      const viewer = await t.as('viewer');
      const res = await admin.post(`/api/users/${FX.users.viewer.id}/password-reset`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await viewer.get('/api/me')).statusCode, 401);
      assert.equal((await login(FX.users.viewer.email, FX.password)).statusCode, 401, 'the old password no longer works');
      const mail = await mailTo(smtp, FX.users.viewer.email);
      assert.equal(mail.subject, 'Ditt lösenord till Lägesbild har återställts');
      assert.match(mail.text, /admin \(Kommunledningskontoret\) har återställt/);
      assert.equal((await post('/api/auth/account-link', { accountToken: tokenOf(mail), password: NEW_PASSWORD })).statusCode, 200);
      assert.equal((await login(FX.users.viewer.email, NEW_PASSWORD)).statusCode, 200);
      assert.equal(await audits('user.password.reset', FX.users.viewer.id), 1);
      assert.equal((await admin.patch(`/api/users/${FX.users.viewer.id}`, { password: 'ett-långt-lösenord' })).statusCode, 422, 'no password through a change either');
    });

    test('an administrator removes a user\'s two-step verification: their sessions end and they are told by e-mail', async () => {
      const admin = await t.as('admin');
      const reporter = await t.as('reporter');
      assert.equal((await admin.post(`/api/users/${FX.users.reporter.id}/mfa-reset`)).statusCode, 409, 'nothing to remove yet');
      const start = (await reporter.post('/api/me/mfa/totp')).json();
      assert.equal((await reporter.post('/api/me/mfa/totp/confirm', { code: await generate({ secret: start.secret }) })).statusCode, 200);
      assert.deepEqual((await login(FX.users.reporter.email, FX.password)).json(), { mfaRequired: true });

      assert.equal((await admin.post(`/api/users/${FX.users.reporter.id}/mfa-reset`)).statusCode, 204);
      assert.equal((await reporter.get('/api/me')).statusCode, 401, 'logged out');
      assert.equal((await login(FX.users.reporter.email, FX.password)).statusCode, 200, 'the password alone signs in again');
      const mail = await mailTo(smtp, FX.users.reporter.email);
      assert.match(mail.text, /admin/);
      assert.equal(await audits('mfa.reset', FX.users.reporter.id), 1);
      assert.equal(await audits('user.mfa.reset.notified', FX.users.reporter.id), 1);
      // Not one's own, and only for accounts one manages.
      assert.equal((await admin.post(`/api/users/${FX.users.admin.id}/mfa-reset`)).statusCode, 403);
      assert.equal((await admin.post(`/api/users/${FX.users.coordinator.id}/mfa-reset`)).statusCode, 403);
    });

    test('nobody manages an account of an organisation they do not administer, nor grants a role they may not', async () => {
      const before = smtp.messages.length;
      const coordinator = await t.as('coordinator');
      const admin = await t.as('admin');
      const vargarda = await t.as('vargardaCoordinator');
      // The police's accounts are the police's own: a municipality's coordinator cannot take one over.
      const reset = await coordinator.post(`/api/users/${FX.users.police.id}/password-reset`);
      assert.equal(reset.statusCode, 403, reset.body);
      assert.equal((await coordinator.patch(`/api/users/${FX.users.police.id}`, { email: 'samordnarens@alingsas.test' })).statusCode, 403);
      assert.equal((await admin.post(`/api/users/${FX.users.police.id}/password-reset`)).statusCode, 403);
      assert.equal((await vargarda.post(`/api/users/${FX.users.police.id}/password-reset`)).statusCode, 404, 'another municipality\'s user is not even found');
      const inPolice = await coordinator.post('/api/users', { email: 'ny.polis@polisen.test', name: 'Ny polis', organisationId: FX.orgs.polisen, roles: ['reporter'] });
      assert.equal(inPolice.statusCode, 422);
      assert.deepEqual(inPolice.json().error.fields.map((f: any) => [f.field, f.code]), [['organisationId', 'not_permitted']]);

      // Only a coordinator makes a coordinator; an administrator neither makes nor manages one.
      const grant = await admin.post('/api/users', { email: 'ny.samordnare@alingsas.test', name: 'Ny samordnare', organisationId: FX.orgs.kommun, roles: ['coordinator'] });
      assert.equal(grant.statusCode, 422);
      assert.deepEqual(grant.json().error.fields.map((f: any) => [f.field, f.code]), [['roles', 'not_permitted']]);
      assert.equal((await admin.patch(`/api/users/${FX.users.areaGroup.id}`, { roles: ['areaGroup', 'coordinator'] })).json().error.fields[0].code, 'not_permitted');
      assert.equal((await admin.patch(`/api/users/${FX.users.coordinator.id}`, { name: 'x' })).statusCode, 403);
      assert.equal((await admin.post(`/api/users/${FX.users.coordinator.id}/password-reset`)).statusCode, 403);
      assert.equal((await coordinator.post(`/api/users/${FX.users.admin.id}/password-reset`)).statusCode, 403);
      assert.equal(smtp.messages.length, before, 'no refused request sent an e-mail');

      // … and only within the coordinator's municipalities.
      const outside = await coordinator.post('/api/users', { email: 'ny.samordnare@alingsas.test', name: 'Ny samordnare', organisationId: FX.orgs.kommun, roles: ['coordinator'], municipalities: [FX.alingsas, FX.vargarda] });
      assert.equal(outside.statusCode, 422);
      const made = await coordinator.post('/api/users', { email: 'ny.samordnare@alingsas.test', name: 'Ny samordnare', organisationId: FX.orgs.kommun, roles: ['coordinator'] });
      assert.equal(made.statusCode, 201, made.body);
      const grants = await t.db.query<{ details: any }>(`SELECT details FROM audit_log WHERE action = 'user.roles.grant' AND subject_id = $1`, [made.json().id]);
      assert.deepEqual(grants.rows[0].details.granted, ['coordinator']);
      assert.equal((await coordinator.post(`/api/users/${FX.users.coordinator.id}/password-reset`)).statusCode, 403, 'not one\'s own: that is the password change');
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../../test/support/api.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { loginAtProvider, startOidcProvider, type TestOidcProvider } from '../../../test/support/oidc-provider.ts';
import type { OidcProvider } from '../../core/sso/types.ts';

// The app's public address: the redirect URI the provider knows. The app itself is reached by inject.
const PUBLIC = 'http://lagesbild.test:3000';
const cb = (id: string) => `${PUBLIC}/api/auth/oidc/${id}/callback`;
const cookiesOf = (r: LightMyRequestResponse) => Object.fromEntries(r.cookies.map((c) => [c.name, c.value]));

// On Citus too: the municipality's provider is a distributed table, the link and the logins under way are not.
for (const engine of testEngines({ citus: true })) {
  describe(`single sign-on (OpenID Connect) on ${engine}`, () => {
    let t: TestApp;
    let idp: TestOidcProvider;

    before(async () => {
      idp = await startOidcProvider({
        redirectUris: [cb('default'), cb(FX.alingsas)],
        accounts: [
          { sub: 'sub-viewer', email: FX.users.viewer.email, name: 'Läsare Lund' },
          { sub: 'sub-disabled', email: FX.users.reporter2.email, name: 'Inaktiv Rapportör' },
          { sub: 'sub-stranger', email: 'okand@alingsas.test', name: 'Okänd Person', groups: ['grp-other'] },
          { sub: 'sub-new', email: 'Ny.Person@Alingsas.test', name: 'Ny Person', groups: ['grp-unrelated', 'grp-alingsashem'] },
          { sub: 'sub-vargarda', email: FX.users.vargardaCoordinator.email, name: 'Samordnare Vårgårda', groups: ['grp-alingsashem'] },
        ],
      });
      const deployment: OidcProvider = {
        id: 'default', municipalityId: null, label: 'Testkonto', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret,
        userClaim: 'email', groupMapping: [], createUsers: false, enabled: true,
      };
      t = await startTestApp(engine, { sso: { deployment, publicUrl: PUBLIC } });
    });
    after(async () => { await t.close(); await idp.close(); });

    /** The whole login as a browser makes it: start, the provider's form, the callback with the state cookie. */
    async function signIn(provider: string, login: string, tamper?: (u: URL) => void) {
      const start = await t.anonymous().get(`/api/auth/oidc/${provider}/start`);
      assert.equal(start.statusCode, 302, start.body);
      const state = cookiesOf(start).lb_oidc;
      const back = await loginAtProvider(start.headers.location as string, login, cb(provider));
      tamper?.(back);
      const res = await t.anonymous().get(`${back.pathname}${back.search}`, { cookie: `lb_oidc=${state}` });
      return { res, back, state };
    }
    const me = (r: LightMyRequestResponse) => t.anonymous().get('/api/me', { cookie: `lb_session=${cookiesOf(r).lb_session}` });
    const failures = async (reason: string) => (await t.db.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM audit_log WHERE action = 'login.failed' AND details->>'reason' = $1) +
               (SELECT count(*) FROM deployment_audit_log WHERE action = 'login.failed' AND details->>'reason' = $1))::int AS n`, [reason])).rows[0].n;

    test('the login page learns the providers without a session', async () => {
      const res = await t.anonymous().get('/api/auth/oidc/providers');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), [{ id: 'default', label: 'Testkonto' }]);
    });

    test('start redirects to the provider with a PKCE S256 challenge, state and nonce, kept server-side by the state\'s hash', async () => {
      const res = await t.anonymous().get('/api/auth/oidc/default/start');
      assert.equal(res.statusCode, 302, res.body);
      const to = new URL(res.headers.location as string);
      assert.equal(to.origin, idp.issuer);
      const q = to.searchParams;
      assert.equal(q.get('response_type'), 'code');
      assert.equal(q.get('client_id'), idp.clientId);
      assert.equal(q.get('redirect_uri'), cb('default'));
      assert.equal(q.get('code_challenge_method'), 'S256');
      assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
      assert.match(q.get('state') ?? '', /^[A-Za-z0-9_-]{20,}$/);
      assert.match(q.get('nonce') ?? '', /^[A-Za-z0-9_-]{20,}$/);
      assert.ok(q.get('scope')?.split(' ').includes('openid'));
      const cookie = res.cookies.find((c) => c.name === 'lb_oidc')!;
      assert.equal(cookie.value, q.get('state'));
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      const row = (await t.db.query<{ verifier: string; nonce: string }>(`SELECT code_verifier AS verifier, nonce FROM oidc_logins WHERE state_hash = $1`,
        [createHash('sha256').update(q.get('state')!).digest('hex')])).rows[0];
      assert.ok(row, 'the login under way is stored under the state\'s hash');
      assert.equal(createHash('sha256').update(row.verifier).digest('base64url'), q.get('code_challenge'), 'the challenge is S256 of the stored verifier');
      assert.equal(row.nonce, q.get('nonce'));
      assert.ok(!(res.headers.location as string).includes(row.verifier), 'the verifier never leaves the server');
    });

    test('an existing account signs in, the identity is linked, and the login is audited with method oidc', async () => {
      const { res } = await signIn('default', 'sub-viewer');
      assert.equal(res.statusCode, 302, res.body);
      assert.equal(res.headers.location, '/#/');
      const who = await me(res);
      assert.equal(who.statusCode, 200, who.body);
      assert.equal(who.json().user.email, FX.users.viewer.email);
      const link = (await t.db.query<{ iss: string; sub: string }>(`SELECT oidc_issuer AS iss, oidc_subject AS sub FROM users WHERE id = $1`, [FX.users.viewer.id])).rows[0];
      assert.deepEqual(link, { iss: idp.issuer, sub: 'sub-viewer' });
      const audit = await t.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'login' AND user_id = $1 ORDER BY id DESC LIMIT 1`, [FX.users.viewer.id]);
      assert.equal(audit.rows[0].details.method, 'oidc');
      assert.equal(audit.rows[0].details.provider, 'default');
      // Later logins go by `sub`: a changed address at the provider still reaches the same account.
      idp.account({ sub: 'sub-viewer', email: 'nytt.namn@alingsas.test', name: 'Läsare Lund' });
      const again = await signIn('default', 'sub-viewer');
      assert.equal((await me(again.res)).json().user.id, FX.users.viewer.id);
    });

    test('a wrong state is refused, and so is a callback used twice; nothing of the code is audited', async () => {
      const wrong = await signIn('default', 'sub-viewer', (u) => u.searchParams.set('state', 'forged-state-value-0123456789'));
      assert.equal(wrong.res.statusCode, 302);
      assert.equal(wrong.res.headers.location, '/#/?sso=expired');
      assert.equal(cookiesOf(wrong.res).lb_session, undefined, 'no session');
      // The right state with another browser's cookie.
      const { back, state } = await signIn('default', 'sub-viewer', () => {});
      const replay = await t.anonymous().get(`${back.pathname}${back.search}`, { cookie: `lb_oidc=${state}` });
      assert.equal(replay.headers.location, '/#/?sso=expired', 'a state works once');
      assert.equal(cookiesOf(replay).lb_session, undefined);
      const noCookie = await signIn('default', 'sub-viewer');
      const withoutCookie = await t.anonymous().get(`${noCookie.back.pathname}${noCookie.back.search}`);
      assert.equal(withoutCookie.headers.location, '/#/?sso=expired', 'the state must come back in this browser\'s cookie too');
      // The deployment's provider and no account: the deployment's own log.
      const rows = await t.db.query<{ details: string }>(`SELECT details::text AS details FROM deployment_audit_log WHERE action = 'login.failed' AND details->>'method' = 'oidc'`);
      assert.ok(rows.rows.length >= 3, `${rows.rows.length} failures audited`);
      for (const r of rows.rows) assert.ok(!r.details.includes(back.searchParams.get('code')!), 'no code in the audit log');
    });

    test('an unknown user is refused when the provider may not create users; a disabled account is refused', async () => {
      const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0].n;
      const unknown = await signIn('default', 'sub-stranger');
      assert.equal(unknown.res.headers.location, '/#/?sso=unknown_user');
      assert.equal(cookiesOf(unknown.res).lb_session, undefined);
      assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0].n, before, 'no account created');
      assert.ok((await failures('unknown_user')) >= 1);
      await t.db.query('UPDATE users SET active = false WHERE id = $1', [FX.users.reporter2.id]);
      const disabled = await signIn('default', 'sub-disabled');
      assert.equal(disabled.res.headers.location, '/#/?sso=disabled');
      assert.equal(cookiesOf(disabled.res).lb_session, undefined);
      assert.ok((await failures('disabled')) >= 1);
    });

    test('an administrator sets the municipality\'s provider (secret write-only); unknown users are then created with the group\'s organisation and role', async () => {
      const admin = await t.as('admin');
      const body = {
        label: 'Alingsås kommun', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, userClaim: 'email',
        groupMapping: [{ group: 'grp-alingsashem', organisationId: FX.orgs.alingsashem, roles: ['reporter'] }], createUsers: true, enabled: true,
      };
      const put = await admin.put('/api/settings/sso', body);
      assert.equal(put.statusCode, 200, put.body);
      assert.ok(!put.body.includes(idp.clientSecret), 'the secret is never returned');
      assert.equal(put.json().provider.hasSecret, true);
      assert.equal(put.json().callbackUrl, cb(FX.alingsas));
      const got = await admin.get('/api/settings/sso');
      assert.ok(!got.body.includes(idp.clientSecret));
      // Saved again without a secret: the stored one is kept.
      const { clientSecret: _, ...withoutSecret } = body;
      assert.equal((await admin.put('/api/settings/sso', withoutSecret)).json().provider.hasSecret, true);
      assert.equal((await admin.put('/api/settings/sso', { ...body, clientSecret: null })).json().provider.hasSecret, false, 'null removes it');
      assert.equal((await admin.put('/api/settings/sso', body)).json().provider.hasSecret, true);
      const audit = await t.db.query<{ details: string }>(`SELECT details::text AS details FROM audit_log WHERE action = 'settings.sso'`);
      assert.ok(audit.rows.length >= 2 && audit.rows.every((r) => !r.details.includes(idp.clientSecret)), 'nor audited');
      assert.deepEqual((await t.anonymous().get('/api/auth/oidc/providers')).json(), [{ id: 'default', label: 'Testkonto' }, { id: FX.alingsas, label: 'Alingsås kommun' }]);

      const { res } = await signIn(FX.alingsas, 'sub-new');
      assert.equal(res.headers.location, '/#/', res.body);
      const created = (await me(res)).json().user;
      assert.equal(created.email, 'ny.person@alingsas.test');
      assert.equal(created.name, 'Ny Person');
      assert.equal(created.organisationId, FX.orgs.alingsashem);
      assert.deepEqual(created.roles, ['reporter']);
      assert.equal(created.municipalityId, FX.alingsas);
      const made = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'user.create' AND subject_id = $1 AND details->>'method' = 'oidc'`, [created.id]);
      assert.equal(made.rows.length, 1);

      // A municipality's provider speaks only for its own municipality's accounts.
      const other = await signIn(FX.alingsas, 'sub-vargarda');
      assert.notEqual(other.res.headers.location, '/#/');
      assert.equal(cookiesOf(other.res).lb_session, undefined);
      // Creation on, but none of the user's groups is mapped.
      const unmapped = await signIn(FX.alingsas, 'sub-stranger');
      assert.equal(unmapped.res.headers.location, '/#/?sso=no_group');
    });

    test('the settings are the administrator\'s; the coordinator\'s role and other municipalities\' organisations cannot be mapped', async () => {
      const coord = await t.as('coordinator');
      assert.equal((await coord.get('/api/settings/sso')).statusCode, 403);
      const admin = await t.as('admin');
      const bad = await admin.put('/api/settings/sso', {
        label: 'X', issuer: 'http://idp.example.com', clientId: 'c', userClaim: 'email', createUsers: true, enabled: true,
        groupMapping: [{ group: 'g', organisationId: FX.orgs.kommun, roles: ['coordinator'] }, { group: 'h', organisationId: FX.orgs.vargardaKommun, roles: ['viewer'] }],
      }, { 'accept-language': 'en' });
      assert.equal(bad.statusCode, 422, bad.body);
      const fields = bad.json().error.fields.map((f: { field: string; code: string }) => `${f.field} ${f.code}`).sort();
      assert.deepEqual(fields, ['groupMapping[0].roles not_permitted', 'groupMapping[1].organisationId unknown_reference', 'issuer format']);
      const del = await admin.delete('/api/settings/sso');
      assert.equal(del.statusCode, 204);
      assert.deepEqual((await t.anonymous().get('/api/auth/oidc/providers')).json(), [{ id: 'default', label: 'Testkonto' }]);
      const gone = await t.anonymous().get(`/api/auth/oidc/${FX.alingsas}/start`);
      assert.equal(gone.headers.location, '/#/?sso=unknown_provider');
    });
  });
}

/**
 * Single sign-on in the browser (issue 16 item 3), end to end and without internet: a real OpenID
 * provider (oidc-provider, test/support/oidc-provider.ts) on 127.0.0.1 stands in for Microsoft Entra
 * ID. The administrator sets the municipality's provider in Administration → Inloggning (SSO); a
 * coordinator then clicks "Logga in med …" on the login page, signs in on the provider's own page and
 * lands signed in in the app; someone without an account is sent back to the login page with a
 * Swedish explanation; once the administrator lets accounts be created and maps a group to an
 * organisation, a new member of that group signs in as a reporter of it. axe checks the login page
 * with the button, the refusal and the admin page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FX, type FixtureUser } from '../support/fixtures.ts';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.ts';
import { axe, screenshot, skipReason, startBrowserServer, type E2E } from './support/harness.ts';

describe('e2e: single sign-on with OpenID Connect', { skip: skipReason() }, () => {
  let e2e: E2E;
  let idp: TestOidcProvider;

  before(async () => {
    // No PUBLIC_URL: the redirect URI is the address the browser uses, which the provider must know.
    e2e = await startBrowserServer<FixtureUser>({ credentials: (u) => ({ email: FX.users[u].email, password: FX.password }), env: { PUBLIC_URL: '' } });
    idp = await startOidcProvider({
      redirectUris: [`${e2e.url}/api/auth/oidc/${FX.alingsas}/callback`],
      accounts: [
        { sub: 'entra-samordnare', email: FX.users.coordinator.email, name: 'Samordnare via Entra' },
        { sub: 'entra-okand', email: 'okand.person@alingsas.test', name: 'Okänd Person', groups: ['en-annan-grupp'] },
        { sub: 'entra-ny', email: 'ny.rapportor@alingsas.test', name: 'Nina Ny', groups: ['en-annan-grupp', 'lagesbild-alingsashem'] },
      ],
    });
  });
  after(async () => { await e2e?.close(); await idp?.close(); });

  test('the administrator sets the municipality\'s provider in Administration → Inloggning (SSO)', async () => {
    const page = await e2e.pageAs('admin');
    await page.goto(`${e2e.url}/#/admin/inloggning`);
    await page.getByRole('heading', { name: 'Inloggning (SSO)', level: 2 }).waitFor();
    await page.getByText(`${e2e.url}/api/auth/oidc/${FX.alingsas}/callback`).waitFor();
    await page.getByLabel('Namn på knappen').fill('Alingsås konto');
    await page.getByLabel('Utfärdare (issuer)').fill(idp.issuer);
    await page.getByLabel('Klient-id (application id)').fill(idp.clientId);
    await page.getByLabel('Klienthemlighet').fill(idp.clientSecret);
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').filter({ hasText: 'Inloggningen är sparad.' }).waitFor();
    await page.getByText('En hemlighet är sparad. Lämna fältet tomt för att behålla den.').waitFor();
    assert.equal(await page.getByLabel('Klienthemlighet').inputValue(), '', 'the secret is not shown again');
    await axe(page, 'Administration → Inloggning (SSO)');
    await screenshot(page, 'sso-admin');
  });

  test('a coordinator signs in with the button, at the provider\'s page, and lands signed in', async () => {
    const page = await e2e.pageAs(null);
    const button = page.getByRole('link', { name: 'Logga in med Alingsås konto' });
    await button.waitFor();
    await axe(page, 'the login page with the sign-in button');
    await screenshot(page, 'sso-login');
    await button.click();
    // The provider's own development login form (any password).
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill('entra-samordnare');
    await page.locator('input[name="password"]').fill('lösenordet-hos-idp');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((u) => u.href.startsWith(e2e.url));
    await page.getByRole('banner').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/me')).json() as Promise<{ user: { email: string; roles: string[] } }>);
    assert.equal(me.user.email, FX.users.coordinator.email);
    assert.deepEqual(me.user.roles, ['coordinator']);
  });

  test('someone without an account is sent back to the login page with the reason, in Swedish', async () => {
    const page = await e2e.pageAs(null);
    await page.getByRole('link', { name: 'Logga in med Alingsås konto' }).click();
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill('entra-okand');
    await page.locator('input[name="password"]').fill('x');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((u) => u.href.startsWith(e2e.url));
    const alert = page.getByRole('alert').filter({ hasText: 'Inloggningen misslyckades' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /Du har inget konto i Lägesbild\. Be en administratör i din kommun att lägga upp dig\./);
    assert.equal(await page.getByRole('banner').count(), 0, 'not signed in');
    await axe(page, 'the login page after a refused sign-in');
    await screenshot(page, 'sso-refused');
  });

  test('with creation on and a group mapped to an organisation, a new user is created with its role and lands signed in', async () => {
    const admin = await e2e.pageAs('admin');
    await admin.goto(`${e2e.url}/#/admin/inloggning`);
    await admin.getByLabel('Skapa konto för okända användare').check();
    await admin.getByRole('button', { name: 'Lägg till grupp' }).click();
    await admin.locator('#sso-group-0-name').fill('lagesbild-alingsashem');
    await admin.locator('#sso-group-0-org').selectOption({ label: 'Alingsåshem' });
    assert.ok(await admin.getByRole('group', { name: 'Grupp 1' }).getByLabel('Rapportör').isChecked(), 'reporter by default');
    await admin.getByRole('button', { name: 'Spara' }).click();
    await admin.getByRole('status').filter({ hasText: 'Inloggningen är sparad.' }).waitFor();
    await axe(admin, 'Administration → Inloggning (SSO) with a group');

    const page = await e2e.pageAs(null);
    await page.getByRole('link', { name: 'Logga in med Alingsås konto' }).click();
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill('entra-ny');
    await page.locator('input[name="password"]').fill('x');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((u) => u.href.startsWith(e2e.url));
    await page.getByRole('banner').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/me')).json() as Promise<{ user: { email: string; name: string; roles: string[]; organisationId: string } }>);
    assert.deepEqual([me.user.email, me.user.name, me.user.roles, me.user.organisationId], ['ny.rapportor@alingsas.test', 'Nina Ny', ['reporter'], FX.orgs.alingsashem]);
  });
});

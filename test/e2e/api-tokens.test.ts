/**
 * Issue 17 item 4 in a real browser: a user opens API-nycklar from the top bar, makes a token (a
 * name missing first: the field is named and focused), sees it once with its copy button, reads the
 * OGC API with it, sees when it was last used, revokes it — and the token then gets 401. In Swedish,
 * then the page in English. axe checks each state.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FX, type FixtureUser } from '../support/fixtures.ts';
import { axe, screenshot, skipReason, startBrowserServer, waitForFocus, type E2E } from './support/harness.ts';

describe('e2e: API tokens (API-nycklar)', { skip: skipReason() }, () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startBrowserServer<FixtureUser>({ credentials: (u) => ({ email: FX.users[u].email, password: FX.password }) });
  });
  after(async () => { await e2e?.close(); });

  test('make a token, use it, see its last use, revoke it', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/#/karta`);
    // Mitt konto, in the top bar, leads there.
    await page.getByRole('banner').getByRole('link', { name: 'Mitt konto' }).click();
    await page.getByRole('main').getByRole('link', { name: 'API-nycklar' }).click();
    await page.waitForURL(/#\/konto\/api-nycklar/);
    await page.getByRole('heading', { level: 1, name: 'API-nycklar' }).waitFor();
    await page.getByText('Du har inga API-nycklar.').waitFor();
    await page.getByText(`${e2e.url}/ogc`, { exact: false }).first().waitFor();
    await axe(page, 'api tokens: none yet');

    await page.getByRole('button', { name: 'Skapa nyckel' }).click();
    const name = page.getByLabel(/^Namn/);
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    await waitForFocus(page, { id: 'token-name' });
    await axe(page, 'api tokens: a name missing');

    await name.fill('QGIS på GIS-enheten');
    await page.getByLabel(/^Giltig i antal dagar/).fill('30');
    await page.getByRole('button', { name: 'Skapa nyckel' }).click();
    await page.getByRole('heading', { name: 'Nyckeln "QGIS på GIS-enheten" är skapad.' }).waitFor();
    await page.getByText('Kopiera nyckeln nu. Den visas bara den här gången och kan inte tas fram igen.').waitFor();
    const token = await page.getByLabel('Din nya nyckel').inputValue();
    assert.match(token, /^lbt_[A-Za-z0-9_-]{43}$/);
    await axe(page, 'api tokens: the new token shown once');
    await screenshot(page, 'konto-api-nycklar');

    const read = await fetch(`${e2e.url}/ogc/collections/incidents/items?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(read.status, 200);
    await page.getByRole('button', { name: 'Jag har sparat nyckeln' }).click();
    assert.equal(await page.getByLabel('Din nya nyckel').count(), 0, 'gone once dismissed');
    await page.reload();
    const row = page.getByTestId('api-tokens').getByRole('row', { name: /QGIS på GIS-enheten/ });
    await row.getByText('Aktiv').waitFor();
    assert.doesNotMatch(await row.innerText(), /Aldrig/, 'the last use is shown');
    assert.ok(!(await page.content()).includes(token), 'the token is not on the page any more');

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Återkalla nyckeln QGIS på GIS-enheten' }).click();
    await page.getByRole('status').filter({ hasText: 'Nyckeln "QGIS på GIS-enheten" är återkallad.' }).waitFor();
    await row.getByText('Återkallad').waitFor();
    await axe(page, 'api tokens: revoked');
    const refused = await fetch(`${e2e.url}/ogc/collections/incidents/items?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(refused.status, 401);

    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await page.getByTestId('api-tokens').getByText('Revoked').waitFor();
    await axe(page, 'api tokens: in English');
    await page.context().close();
  });
});

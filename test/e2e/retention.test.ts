/**
 * Retention and the rights of data subjects in a real browser: the coordinator's Lagring och
 * gallring page (a bad value named by its field, saved rules, a dry run's counts and the runs),
 * erasure from the user view after a confirmation, and a user's own register extract.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';
import { FX } from '../support/fixtures.ts';

describe('e2e: retention and register extracts', { skip: skipReason() }, () => {
  let e2e: E2E;
  before(async () => { e2e = await startE2E(); });
  after(() => e2e?.close());

  test('Lagring och gallring: a bad value is named, the rules are saved, a dry run shows its counts and is listed', async () => {
    const page = await e2e.pageAs('coordinator');
    await page.goto(`${e2e.url}/#/admin`);
    await page.getByRole('navigation', { name: 'Administration, undersidor' }).getByRole('link', { name: 'Lagring och gallring' }).click();
    await page.getByRole('heading', { level: 2, name: 'Lagring och gallring' }).waitFor();
    const form = page.locator('form.admin-form');
    await form.getByLabel('Fritext och foton sparas (månader)').fill('0');
    await form.getByRole('button', { name: 'Spara' }).click();
    await form.getByText(/^Fritext och foton sparas \(månader\):/).first().waitFor();
    await axe(page, 'admin/gallring with errors');
    assert.equal((await e2e.call<{ freeTextMonths: number }>('coordinator', 'GET', '/api/settings/retention')).freeTextMonths, 24);

    await form.getByLabel('Fritext och foton sparas (månader)').fill('18');
    await form.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Reglerna sparades.').first().waitFor();
    assert.equal((await e2e.call<{ freeTextMonths: number }>('coordinator', 'GET', '/api/settings/retention')).freeTextMonths, 18);

    await form.getByRole('button', { name: 'Provkör' }).click();
    await page.getByRole('heading', { level: 3, name: 'Resultat' }).waitFor();
    await page.getByRole('table', { name: 'Resultat' }).getByRole('rowheader', { name: 'Granskningslogg' }).waitFor();
    await page.getByRole('cell', { name: 'Provkörning (webben)' }).waitFor();
    await axe(page, 'admin/gallring after a dry run');
    await screenshot(page, 'admin-gallring');
    await page.context().close();
  });

  test('an administrator is not offered the page; a coordinator erases a user\'s personal data after confirming', async () => {
    const admin = await e2e.pageAs('admin');
    await admin.goto(`${e2e.url}/#/admin`);
    await admin.getByRole('link', { name: 'Användare och roller' }).first().waitFor();
    assert.equal(await admin.getByRole('link', { name: 'Lagring och gallring' }).count(), 0);
    await admin.context().close();

    const page = await e2e.pageAs('coordinator');
    await page.goto(`${e2e.url}/#/admin/anvandare`);
    const row = page.getByRole('row').filter({ hasText: FX.users.reporter2.email });
    await row.getByRole('button', { name: /^Ändra/ }).click();
    const rights = page.getByRole('group', { name: 'Den registrerades rättigheter' });
    const pdf = rights.getByRole('link', { name: 'Registerutdrag (PDF)' });
    assert.equal(await pdf.getAttribute('href'), `/api/users/${FX.users.reporter2.id}/register-extract?format=pdf`);
    await rights.getByRole('button', { name: 'Radera personuppgifter' }).click();
    await rights.getByRole('alertdialog').getByText(/tas bort för alltid/).waitFor();
    await axe(page, 'admin/anvandare erase confirmation');
    await rights.getByRole('button', { name: 'Ja, radera personuppgifterna' }).click();
    await page.getByRole('rowheader', { name: /^Borttagen användare/ }).first().waitFor();
    const users = await e2e.call<Array<{ id: string; name: string; active: boolean }>>('coordinator', 'GET', '/api/users');
    const erased = users.find((u) => u.id === FX.users.reporter2.id)!;
    assert.match(erased.name, /^Borttagen användare /);
    assert.equal(erased.active, false);
    await page.context().close();
  });

  test('Mina uppgifter: a reporter downloads their own register extract', async () => {
    const page = await e2e.pageAs('reporter');
    await page.goto(`${e2e.url}/#/mina-uppgifter`);
    await page.getByRole('heading', { level: 1, name: 'Mina uppgifter' }).waitFor();
    await axe(page, 'mina-uppgifter');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Registerutdrag (JSON)' }).click()]);
    assert.match(download.suggestedFilename(), /^registerutdrag-.*\.json$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const extract = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(extract.account.email, FX.users.reporter.email);
    await page.context().close();
  });
});

/**
 * The app shell in a real browser: the login page (accessible, wrong password refused with a
 * message), logging in, the menu each role sees, the skip link, switching language, logging out.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FX } from '../support/fixtures.ts';
import { axe, PHONE, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

describe('e2e: login and the app shell', { skip: skipReason() }, () => {
  let e2e: E2E;
  before(async () => { e2e = await startE2E(); });
  after(() => e2e?.close());

  test('the login page is accessible and refuses a wrong password with a message', async () => {
    const page = await e2e.pageAs(null, PHONE);
    await page.getByLabel('E-postadress').waitFor();
    await axe(page, 'login page');
    await screenshot(page, 'login-phone');
    await page.getByLabel('E-postadress').fill(FX.users.reporter.email);
    await page.getByLabel('Lösenord').fill('fel-lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /\S/);
    await axe(page, 'login page with an error');
    assert.equal(await page.getByRole('navigation').count(), 0, 'not logged in');
  });

  test('a reporter lands on the report form and sees only the reporter menu', async () => {
    const page = await e2e.pageAs('reporter', PHONE);
    await page.waitForURL(/#\/rapportera/);
    await page.getByRole('button', { name: 'Meny' }).click().catch(() => undefined);
    const links = await page.getByRole('navigation').getByRole('link').allInnerTexts();
    assert.ok(links.length >= 2, `menu: ${links.join(', ')}`);
    assert.ok(!links.some((l) => /granska/i.test(l)), `a reporter has no review queue: ${links.join(', ')}`);
    assert.ok(!links.some((l) => /admin/i.test(l)), `a reporter has no admin: ${links.join(', ')}`);
    await page.context().close();
  });

  test('a coordinator lands on the map, has the review queue, can switch language and log out', async () => {
    const page = await e2e.pageAs('coordinator');
    await page.waitForURL(/#\/karta/);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: /granska/i }).waitFor();
    // The skip link is the first thing the keyboard reaches and moves focus to the main content.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent ?? '');
    assert.match(first, /innehåll|content/i, `first tab stop: "${first}"`);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

    await page.locator('#lang-select').selectOption('en');
    await nav.getByRole('link', { name: /review/i }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.locator('#lang-select').selectOption('sv');
    await nav.getByRole('link', { name: /granska/i }).waitFor();

    await page.getByRole('button', { name: /logga ut/i }).click();
    await page.getByLabel('E-postadress').waitFor();
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.status));
    assert.equal(me, 401, 'the session is gone on the server');
    await page.context().close();
  });
});

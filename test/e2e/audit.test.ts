/**
 * Issue 16, item 10 in a real browser: a coordinator opens Administration → Granskningslogg, sees
 * the reads the server logged, filters by user and action, and downloads the selection as CSV for
 * Excel; the data-protection officer opens the same page on a phone; a user reads their own log-ins
 * (a failed attempt among them). axe checks each state.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FX } from '../support/fixtures.ts';
import { axe, PHONE, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

describe('e2e: the audit log and one\'s own log-ins', { skip: skipReason() }, () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
    // Reads to find: the reporter opens the list of incidents twice, the area group once.
    await e2e.call('reporter', 'GET', '/api/incidents?limit=5');
    await e2e.call('reporter', 'GET', '/api/incidents?limit=7');
    await e2e.call('areaGroup', 'GET', '/api/incidents');
    // Someone tries the viewer's account with a wrong password.
    const wrong = await fetch(`${e2e.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: FX.users.viewer.email, password: 'fel-lösenord-1' }) });
    assert.equal(wrong.status, 401);
  });
  after(() => e2e?.close());

  test('a coordinator filters the log by user and action and downloads the selection as CSV', async () => {
    const page = await e2e.pageAs('coordinator');
    await page.goto(`${e2e.url}/#/admin`);
    await page.getByRole('navigation', { name: 'Administration, undersidor' }).getByRole('link', { name: 'Granskningslogg' }).click();
    await page.waitForURL(/#\/admin\/granskningslogg/);
    await page.getByRole('heading', { level: 2, name: 'Granskningslogg' }).waitFor();
    const table = page.getByRole('table', { name: 'Granskningsloggen, nyast först' });
    await table.getByRole('cell', { name: 'Läste händelselistan' }).first().waitFor();
    await axe(page, 'audit log: unfiltered');

    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Alingsåshem' });
    await page.getByLabel('Användare', { exact: true }).selectOption({ label: 'reporter (Alingsåshem)' });
    await page.getByLabel('Händelse', { exact: true }).selectOption({ label: 'Läste händelselistan' });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '2 poster visas.' }).waitFor();
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 2);
    for (const text of await rows.allInnerTexts()) {
      assert.match(text, /reporter/);
      assert.match(text, /Läste händelselistan/);
    }
    await rows.first().getByText('Antal: 0').waitFor();
    await axe(page, 'audit log: filtered');
    await screenshot(page, 'admin-granskningslogg');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner som CSV för Excel' }).click()]);
    assert.match(download.suggestedFilename(), /^granskningslogg-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    assert.ok(text.startsWith('\uFEFF'));
    const lines = text.slice(1).trim().split('\r\n');
    assert.equal(lines[0].split(';')[0], 'Tidpunkt');
    assert.equal(lines.length, 3, 'the header and the two entries the filter selects');
    for (const line of lines.slice(1)) assert.deepEqual(line.split(';').slice(2, 7), ['reporter', FX.users.reporter.id, 'Alingsåshem', 'Läste händelselistan', 'incidents.read']);

    // A period that ends before it starts: the field is named and gets the focus.
    await page.getByLabel('Från och med').fill('2026-03-05');
    await page.getByLabel('Till och med').fill('2026-03-01');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByLabel('Till och med').getAttribute('aria-invalid'), 'true');
    await axe(page, 'audit log: a reversed period');
    await page.close();

    // The download and the looks are in the log too.
    const logged = await e2e.call('coordinator', 'GET', `/api/audit?userId=${FX.users.coordinator.id}&action=audit.export`);
    assert.equal(logged.items.length, 1);
    assert.equal(logged.items[0].details.count, 2);
  });

  test('the data-protection officer reads the log on a phone; a reporter has no such page', async () => {
    const page = await e2e.pageAs('dataProtection', PHONE);
    await page.goto(`${e2e.url}/#/admin/granskningslogg`);
    await page.getByRole('heading', { level: 2, name: 'Granskningslogg' }).waitFor();
    await page.getByRole('table', { name: 'Granskningsloggen, nyast först' }).getByRole('cell', { name: 'Läste händelselistan' }).first().waitFor();
    // The page fits the phone's width: the table scrolls in its own box, not the page.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
    await axe(page, 'audit log: data-protection officer on a phone');
    await screenshot(page, 'admin-granskningslogg-phone');
    await page.close();

    const reporter = await e2e.pageAs('reporter');
    await reporter.goto(`${e2e.url}/#/admin/granskningslogg`);
    await reporter.getByRole('alert').waitFor();
    assert.equal((await e2e.raw('reporter', 'GET', '/api/audit')).status, 403);
    await reporter.close();
  });

  test('a user reads their own log-ins, the failed attempt among them, in Swedish and in English', async () => {
    const page = await e2e.pageAs('viewer');
    await page.getByRole('banner').getByRole('link', { name: 'Mitt konto' }).click();
    await page.getByRole('main').getByRole('link', { name: 'Mina inloggningar' }).click();
    await page.waitForURL(/#\/konto\/inloggningar/);
    await page.getByRole('heading', { level: 1, name: 'Mina inloggningar' }).waitFor();
    const table = page.getByRole('table', { name: 'Inloggningar, nyast först' });
    await table.getByRole('cell', { name: 'Misslyckat försök' }).waitFor();
    await table.getByRole('cell', { name: 'Inloggad' }).first().waitFor();
    await axe(page, 'my log-ins');
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'My log-ins' }).waitFor();
    await page.getByRole('table', { name: 'Log-ins, newest first' }).getByRole('cell', { name: 'Failed attempt' }).waitFor();
    await axe(page, 'my log-ins in English');
    await page.close();
  });
});

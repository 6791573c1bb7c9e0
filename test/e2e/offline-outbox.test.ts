/**
 * Reporting in the field (issue 12, items 4–6), in a real browser with the service worker (the
 * server runs on http://127.0.0.1, a secure context):
 * - a report queued offline on Rapportera reaches the server from another page when the
 *   connection returns, with neither Rapportera nor Mina rapporter open, exactly once; and the
 *   service worker sends it with no page of the app open at all (Background Sync);
 * - every page shows how many reports wait on the device (plural forms, a status region);
 * - offline, "Se dina rapporter" opens from the stored app, with its CSS and no raw error; a page
 *   whose files cannot be fetched says so in Swedish with a retry, and opens by itself when the
 *   connection returns;
 * - once sent, the page no longer says there is no connection, and the status follows what the
 *   requests find, not only the browser's events;
 * - Mina rapporter shows every report, page by page, and keeps the pages it opened when the
 *   connection comes and goes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { POINTS } from '../support/fixtures.ts';
import { unique } from './support/clock.ts';
import { axe, categoryIds, login, PHONE, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

interface Stored { id: string; description: string | null }

describe('e2e: reporting in the field (outbox, offline pages, status, paging)', { skip: skipReason() }, () => {
  let e2e: E2E;
  before(async () => { e2e = await startE2E(); });
  after(() => e2e?.close());

  async function storedWith(text: string): Promise<Stored[]> {
    const page = await e2e.call<{ items: Stored[] }>('coordinator', 'GET', `/api/incidents?q=${encodeURIComponent(text)}&limit=50`);
    return page.items.filter((i) => i.description === text);
  }

  /** Polls the server until the report with this text is stored (or the time is up). */
  async function waitStored(text: string, timeout = 30_000): Promise<Stored[]> {
    const end = Date.now() + timeout;
    for (;;) {
      const found = await storedWith(text);
      if (found.length > 0 || Date.now() > end) return found;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The reporter's phone on Rapportera, with the service worker installed (every page stored) and in control. */
  async function phoneOnReportForm(): Promise<Page> {
    const page = await e2e.pageAs('reporter', PHONE);
    await page.context().grantPermissions(['geolocation'], { origin: e2e.url });
    await page.context().setGeolocation({ latitude: POINTS.alingsasNolby.lat, longitude: POINTS.alingsasNolby.lon, accuracy: 12 });
    await page.goto(`${e2e.url}/#/rapportera`);
    await page.getByRole('group', { name: /^Kategori/ }).waitFor();
    await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active && !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });
    return page;
  }

  /** Fills and sends the form; returns the description that identifies the report. */
  async function report(page: Page, label: string): Promise<string> {
    const text = unique(label);
    await page.getByRole('radio', { name: 'Skadegörelse' }).check();
    await page.getByRole('radio', { name: 'Klotter/graffiti' }).check();
    await page.getByRole('button', { name: 'Använd min position' }).click();
    await page.getByText(/Vald position: din position/).waitFor();
    await page.getByLabel('Beskrivning (valfritt)').fill(text);
    await page.getByRole('button', { name: 'Skicka rapporten' }).click();
    return text;
  }

  const indicator = (page: Page) => page.locator('.outbox-indicator');

  test('a report queued offline reaches the server from another page, without Rapportera or Mina rapporter, once', async () => {
    const form = await phoneOnReportForm();
    const context = form.context();
    await context.setOffline(true);
    const text = await report(form, 'Kartan');
    await form.getByRole('heading', { name: /Ingen anslutning\. Rapporten är sparad på enheten/ }).waitFor();
    // The count of waiting reports is in the app shell, in a status region.
    await indicator(form).getByText('1 rapport väntar på att skickas').waitFor();
    assert.equal(await indicator(form).getAttribute('role'), 'status');

    // The app is opened again on the map (from the home screen, say), still offline; the form is closed.
    const map = await context.newPage();
    await map.goto(`${e2e.url}/#/karta`);
    await form.close();
    await map.getByRole('banner').waitFor();
    await indicator(map).getByText('1 rapport väntar på att skickas').waitFor();
    await axe(map, 'the map offline with a report waiting (phone)');
    await screenshot(map, 'outbox-indicator-map-offline');
    assert.equal((await storedWith(text)).length, 0, 'nothing reached the server while offline');

    await context.setOffline(false);
    const stored = await waitStored(text);
    assert.equal(stored.length, 1, 'sent once, with only the map open');
    await indicator(map).getByText(/väntar/).waitFor({ state: 'detached' });
    assert.equal(await map.locator('.offline-banner').count(), 0, 'the offline banner is gone');
    assert.ok(!/#\/(rapportera|mina-rapporter)/.test(map.url()), map.url());
    // A later start finds nothing left to send: still exactly one.
    await map.reload();
    await map.getByRole('banner').waitFor();
    await map.waitForTimeout(500);
    assert.equal((await storedWith(text)).length, 1);
    await context.close();
  });

  test('the service worker sends a queued report with no page of the app open (Background Sync)', async () => {
    const form = await phoneOnReportForm();
    const context = form.context();
    await context.setOffline(true);
    const text = await report(form, 'Bakgrund');
    await form.getByRole('heading', { name: /Ingen anslutning/ }).waitFor();
    await form.close();
    await context.setOffline(false);

    // No page of the app: only the server's health answer in a tab, to reach the worker through DevTools.
    const other = await context.newPage();
    await other.goto(`${e2e.url}/health`);
    const cdp = await context.newCDPSession(other);
    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const reg = registrations.find((r) => r.scopeURL === `${e2e.url}/` && !r.isDeleted);
        if (reg) resolve(reg.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    // What the browser does when the connection returns: the sync event the page registered.
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: e2e.url, registrationId: await registration, tag: 'lagesbild-outbox', lastChance: false });
    const stored = await waitStored(text);
    assert.equal(stored.length, 1, 'sent by the service worker, once');
    await context.close();
  });

  test('the waiting count uses the right plural form; after sending, nothing says there is no connection', async () => {
    const page = await phoneOnReportForm();
    const context = page.context();
    await context.setOffline(true);
    await page.locator('.offline-banner').waitFor();
    const first = await report(page, 'Plural');
    const done = page.getByRole('heading', { name: /Ingen anslutning\. Rapporten är sparad på enheten/ });
    await done.waitFor();
    await indicator(page).getByText('1 rapport väntar på att skickas').waitFor();
    const second = await report(page, 'Plural');
    await indicator(page).getByText('2 rapporter väntar på att skickas').waitFor();
    await page.getByRole('region', { name: 'Väntar på att skickas' }).getByText('2 rapporter väntar på att skickas från den här enheten.').waitFor();
    await axe(page, 'report form offline with two waiting (phone)');

    await context.setOffline(false);
    await page.getByRole('heading', { name: 'Anslutningen är tillbaka och rapporten är skickad. Tack!' }).waitFor({ timeout: 30_000 });
    await indicator(page).getByText(/väntar/).waitFor({ state: 'detached' });
    const main = await page.locator('body').innerText();
    assert.ok(!/Ingen anslutning|Du är offline/.test(main), `still says offline:\n${main}`);
    assert.equal((await storedWith(first)).length, 1);
    assert.equal((await storedWith(second)).length, 1);
    await screenshot(page, 'report-sent-after-reconnect');

    // The browser's flag says offline (a missed event, a flaky radio) but the requests get through:
    // the status follows the requests.
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await page.locator('.offline-banner').waitFor();
    await page.getByRole('link', { name: 'Se dina rapporter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina rapporter' }).waitFor();
    await page.locator('li.my-report').first().waitFor();
    await page.locator('.offline-banner').waitFor({ state: 'detached' });
    await context.close();
  });

  test('offline, "Se dina rapporter" opens from the stored app with its CSS, never a raw error', async () => {
    const page = await phoneOnReportForm();
    const context = page.context();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await context.setOffline(true);
    await report(page, 'Lista');
    await page.getByRole('heading', { name: /Ingen anslutning/ }).waitFor();
    // Mina rapporter was never opened in this browser: its chunk and CSS come from the install.
    await page.getByRole('link', { name: 'Se dina rapporter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina rapporter' }).waitFor();
    await page.getByRole('region', { name: 'Väntar på att skickas' }).waitFor();
    await page.getByText('Du är offline. Rapporter som redan har skickats visas när anslutningen är tillbaka.').waitFor();
    const text = await page.locator('body').innerText();
    assert.ok(!/Något gick fel|Error|preload/i.test(text), text);
    assert.equal(await page.locator('.my-reports a.button.primary').evaluate((a) => getComputedStyle(a).display), 'inline-flex', 'its CSS is applied');
    await axe(page, 'Mina rapporter offline (phone)');
    await screenshot(page, 'my-reports-offline');

    // And a cold start offline on another page of the reporter's: the table.
    const cold = await context.newPage();
    await cold.goto(`${e2e.url}/#/tabell`);
    await cold.getByRole('heading', { level: 1 }).waitFor();
    assert.ok(!/Något gick fel|Unable to preload/.test(await cold.locator('body').innerText()));
    assert.deepEqual(errors.filter((m) => /preload|dynamically imported/i.test(m)), []);
    await context.close();
  });

  let noWorkerState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
  /** A browser without the service worker (blocked: as in browsers without one), where a page's files really come from the network. */
  async function contextWithoutServiceWorker(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await e2e.browser.newContext({
      serviceWorkers: 'block', viewport: PHONE.viewport, isMobile: true, hasTouch: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', storageState: noWorkerState,
    });
    await context.clock.setFixedTime(e2e.now);
    await context.grantPermissions(['geolocation'], { origin: e2e.url });
    await context.setGeolocation({ latitude: POINTS.alingsasNolby.lat, longitude: POINTS.alingsasNolby.lon, accuracy: 12 });
    const page = await context.newPage();
    if (noWorkerState) {
      await page.goto(`${e2e.url}/#/`);
      await page.getByRole('banner').waitFor();
    } else {
      await login(page, e2e.url, 'reporter2');
      noWorkerState = await context.storageState();
    }
    return { context, page };
  }

  test('without a service worker, the app sends what waits as soon as it starts, on whatever page', async () => {
    const { context, page } = await contextWithoutServiceWorker();
    await page.goto(`${e2e.url}/#/rapportera`);
    await page.getByRole('group', { name: /^Kategori/ }).waitFor();
    await context.setOffline(true);
    const text = await report(page, 'Start');
    await page.getByRole('heading', { name: /Ingen anslutning/ }).waitFor();
    await page.close();
    await context.setOffline(false);
    assert.equal((await storedWith(text)).length, 0);
    // The app is opened again, on the table: it sends at start.
    const table = await context.newPage();
    await table.goto(`${e2e.url}/#/tabell`);
    await table.getByRole('banner').waitFor();
    assert.equal((await waitStored(text)).length, 1);
    await context.close();
  });

  test('a page whose CSS or code cannot be fetched: a Swedish message with a retry, and it opens when the connection returns', async () => {
    const { context, page } = await contextWithoutServiceWorker();
    await page.goto(`${e2e.url}/#/rapportera`);
    await page.getByRole('heading', { level: 1, name: 'Rapportera' }).waitFor();

    // Offline before Mina rapporter's files were ever fetched: Vite's "Unable to preload CSS".
    await context.setOffline(true);
    await page.goto(`${e2e.url}/#/mina-rapporter`);
    const alert = page.getByRole('alert');
    await alert.getByText('Sidan kan inte öppnas utan anslutning. Den öppnas av sig själv när anslutningen är tillbaka.').waitFor();
    assert.ok(!/Error|preload|Något gick fel/i.test(await page.locator('main').innerText()));
    await alert.getByRole('button', { name: 'Försök igen' }).waitFor();
    await axe(page, 'a page that cannot be opened offline');
    await screenshot(page, 'page-offline-not-stored');
    // The connection returns: the page opens by itself, with its CSS.
    await context.setOffline(false);
    await page.getByRole('heading', { level: 1, name: 'Mina rapporter' }).waitFor();
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.my-reports a.button.primary')!).display === 'inline-flex');

    // The table's code fails while online (a broken connection): the message and the retry button.
    let block = true;
    await context.route(/\/assets\/table-[^/]+\.js$/, (route) => (block ? route.abort() : route.continue()));
    await page.goto(`${e2e.url}/#/tabell`);
    await alert.getByText('Sidan kunde inte laddas. Försök igen.').waitFor();
    block = false;
    await alert.getByRole('button', { name: 'Försök igen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Händelser i tabell' }).waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'Sidan kunde inte laddas' }).count(), 0);
    await context.close();
  });

  test('Mina rapporter pages through every report, and keeps what it opened when the connection comes and goes', async () => {
    const categories = await categoryIds(e2e);
    const made: string[] = [];
    for (let n = 0; n < 45; n++) {
      const description = `Sida ${String(n).padStart(2, '0')}`;
      await e2e.call('guard', 'POST', '/api/incidents', {
        id: randomUUID(), categoryId: categories.nedskrapning, occurredAt: new Date(e2e.now.getTime() - n * 3_600_000).toISOString(),
        location: POINTS.alingsasCentrum, description,
      });
      made.push(description);
    }
    const page = await e2e.pageAs('guard', PHONE);
    await page.goto(`${e2e.url}/#/mina-rapporter`);
    const items = page.locator('li.my-report');
    await items.nth(19).waitFor();
    assert.equal(await items.count(), 20);
    await page.getByText('Visar de 20 senaste rapporterna. Det finns fler.').waitFor();
    await page.getByRole('button', { name: 'Visa fler' }).click();
    await items.nth(39).waitFor();
    // The first of the new ones has focus: reading goes on there.
    await page.waitForFunction(() => /Sida 20/.test(document.activeElement?.closest('li')?.textContent ?? ''), undefined, { timeout: 5_000 })
      .catch(async () => assert.fail(`focus is on: ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200))}`));
    await page.getByRole('button', { name: 'Visa fler' }).click();
    await page.getByText('Visar alla 45 rapporter.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Visa fler' }).count(), 0, 'no more to show');
    const texts = await items.allInnerTexts();
    assert.deepEqual(made.filter((d) => texts.filter((t) => t.includes(d)).length !== 1), [], 'each report once');
    await axe(page, 'Mina rapporter, every page open');

    // The connection drops and returns: the list is fetched again, all 45, not the first 20.
    await page.context().setOffline(true);
    await page.locator('.offline-banner').waitFor();
    const reloaded = page.waitForResponse((r) => /\/api\/incidents\?.*mine=true/.test(r.url()));
    await page.context().setOffline(false);
    await page.locator('.offline-banner').waitFor({ state: 'detached' });
    await reloaded;
    await page.waitForTimeout(300);
    await page.getByText('Visar alla 45 rapporter.').waitFor();
    assert.equal(await items.count(), 45);
    await page.context().close();
  });
});

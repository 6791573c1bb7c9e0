/**
 * Reporting from a phone in a real browser: the form is accessible (axe, empty and with errors),
 * works with the keyboard alone, and a report made offline waits on the device, is sent when the
 * connection comes back and is stored exactly once. Then the journey goes on with that report: the
 * reporter finds it under Mina rapporter, the coordinator finds it in the table and on the map and
 * approves it in the review queue.
 *
 * Each test opens its own page. The tests that follow the offline report take the one the offline
 * test made, or make one the same way when they run without it (alone, with --test-name-pattern, or
 * in another order), so none depends on another having run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { POINTS } from '../support/fixtures.ts';
import { unique } from './support/clock.ts';
import { axe, PHONE, screenshot, skipReason, startE2E, waitForFocus, type E2E } from './support/harness.ts';

interface Incident { id: string; description: string | null; categoryCode: string; location: { lon: number; lat: number } }

/** Presses Tab (at most `max` times) until the focused element matches `selector`; fails listing what was visited. */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  const visited: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const [hit, desc] = await page.evaluate((sel) => {
      const el = document.activeElement;
      if (!el || el === document.body) return [false, '(body)'] as const;
      const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
      return [el.matches(sel), `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${label.trim().slice(0, 30)}"`] as const;
    }, selector);
    if (hit) return;
    visited.push(desc);
  }
  throw new Error(`Tab never reached ${selector}; visited:\n  ${visited.join('\n  ')}`);
}

async function incidentsWith(e2e: E2E, text: string): Promise<Incident[]> {
  const page = await e2e.call<{ items: Incident[] }>('coordinator', 'GET', `/api/incidents?q=${encodeURIComponent(text)}&limit=50`);
  return page.items.filter((i) => i.description === text);
}

describe('e2e: reporting from a phone', { skip: skipReason() }, () => {
  let e2e: E2E;
  /** The descriptions of the reports the fixture reporter made in this run (each must be stored once). */
  const reported: string[] = [];
  /** The last report made offline, followed through the other pages by the tests after it. */
  let offline: { id: string; text: string } | undefined;
  before(async () => { e2e = await startE2E(); });
  after(() => e2e?.close());

  async function phone(): Promise<Page> {
    const page = await e2e.pageAs('reporter', PHONE);
    await page.context().grantPermissions(['geolocation'], { origin: e2e.url });
    await page.context().setGeolocation({ latitude: POINTS.alingsasNolby.lat, longitude: POINTS.alingsasNolby.lon, accuracy: 12 });
    await page.goto(`${e2e.url}/#/rapportera`);
    await page.getByRole('heading', { level: 1, name: 'Rapportera' }).waitFor();
    await page.getByRole('group', { name: /^Kategori/ }).waitFor();
    return page;
  }

  /**
   * On a phone that goes offline: a graffiti report waits on the device, nothing reaches the server,
   * and once the connection is back it is sent and stored exactly once. Returns the stored report.
   */
  async function reportOffline(diagnostic: (m: string) => void = () => undefined): Promise<{ id: string; text: string }> {
    const page = await phone();
    const context = page.context();
    const text = unique('Offline');
    await context.setOffline(true);
    // The app notices: the offline banner (a status message) appears.
    await page.locator('.offline-banner').waitFor();
    await page.getByRole('radio', { name: 'Skadegörelse' }).check();
    await page.getByRole('radio', { name: 'Klotter/graffiti' }).check();
    await page.getByRole('button', { name: 'Använd min position' }).click();
    await page.getByText(/Vald position: din position/).waitFor();
    await page.getByLabel('Beskrivning (valfritt)').fill(text);
    await page.getByRole('button', { name: 'Skicka rapporten' }).click();
    await page.getByRole('heading', { name: /Ingen anslutning\. Rapporten är sparad på enheten/ }).waitFor();
    reported.push(text);
    const outbox = page.getByRole('region', { name: 'Väntar på att skickas' });
    await outbox.getByText('1 rapport väntar på att skickas från den här enheten.').waitFor();
    await axe(page, 'report form offline with a waiting report (phone)');
    await screenshot(page, 'report-phone-offline-queued');
    assert.equal((await incidentsWith(e2e, text)).length, 0, 'nothing reached the server while offline');

    const back = Date.now();
    await context.setOffline(false);
    await outbox.waitFor({ state: 'detached', timeout: 60_000 });
    diagnostic(`sent ${Date.now() - back} ms after the connection came back`);
    const stored = await incidentsWith(e2e, text);
    assert.equal(stored.length, 1, 'exactly one stored report');
    assert.equal(stored[0].categoryCode, 'skadegorelse.klotter');
    await context.close();
    offline = { id: stored[0].id, text };
    return offline;
  }

  test('the empty form and its error summary are accessible; the first field with an error gets focus', async () => {
    const page = await phone();
    await axe(page, 'report form (phone)');
    await screenshot(page, 'report-phone');
    await page.getByRole('button', { name: 'Skicka rapporten' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Rapporten kunde inte skickas' });
    await summary.waitFor();
    assert.match(await summary.innerText(), /Välj en kategori/);
    assert.match(await summary.innerText(), /Välj var det hände/);
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'category-main');
    await axe(page, 'report form with errors (phone)');
    await screenshot(page, 'report-phone-errors');
    await page.context().close();
  });

  test('keyboard only: category with the arrow keys, position, description, send', async () => {
    const page = await phone();
    const text = unique('Tangentbord');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, 'input[name="category-main"]');
    // Arrow keys move within the radio group and choose; go until Nedskräpning (no subcategories).
    for (let i = 0; i < 30; i++) {
      const label = await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent ?? '');
      if (/Nedskräpning/.test(label)) break;
      await page.keyboard.press('ArrowDown');
    }
    assert.match(await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent ?? ''), /Nedskräpning/);
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked), true);
    await tabTo(page, '#location');
    await page.keyboard.press('Enter');
    await page.getByText(/Vald position: din position/).waitFor();
    await tabTo(page, '#description');
    await page.keyboard.type(text);
    await tabTo(page, 'form button[type="submit"]');
    await page.keyboard.press('Enter');
    const done = page.getByRole('heading', { name: 'Tack! Rapporten är skickad.' });
    await done.waitFor();
    reported.push(text);
    await waitForFocus(page, { text: 'Tack! Rapporten är skickad.' }, 'focus moves to the confirmation');
    await screenshot(page, 'report-phone-sent');
    const stored = await incidentsWith(e2e, text);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].categoryCode, 'nedskrapning');
    assert.ok(Math.abs(stored[0].location.lat - POINTS.alingsasNolby.lat) < 1e-4 && Math.abs(stored[0].location.lon - POINTS.alingsasNolby.lon) < 1e-4, JSON.stringify(stored[0].location));
    await page.context().close();
  });

  test('offline: the report waits on the phone, is sent when the connection is back, and is stored exactly once', async (t) => {
    await reportOffline((m) => t.diagnostic(m));
  });

  test('Mina rapporter on the phone lists the report once', async () => {
    const report = offline ?? await reportOffline();
    const page = await e2e.pageAs('reporter', PHONE);
    await page.goto(`${e2e.url}/#/mina-rapporter`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Every report this reporter made in this run (the offline one at least), each once.
    const items = page.locator('li.my-report');
    await items.first().waitFor();
    const texts = await items.allInnerTexts();
    assert.equal(texts.length, reported.length, texts.join('\n---\n'));
    for (const text of reported) assert.equal(texts.filter((i) => i.includes(text)).length, 1, `${text} once:\n${texts.join('\n---\n')}`);
    assert.equal(await items.filter({ hasText: report.text }).filter({ hasText: 'Klotter/graffiti' }).count(), 1);
    await axe(page, 'Mina rapporter (phone)');
    await screenshot(page, 'my-reports-phone');
    await page.context().close();
  });

  test('the coordinator finds the report in the table and on the map', async () => {
    const report = offline ?? await reportOffline();
    const page = await e2e.pageAs('coordinator');
    await page.goto(`${e2e.url}/#/tabell?q=${encodeURIComponent(report.text)}`);
    await page.reload();
    await page.getByText('Urvalets enda händelse visas.').waitFor();
    const rows = await page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row').allInnerTexts();
    assert.equal(rows.length, 1);
    assert.match(rows[0], /Klotter\/graffiti/);
    assert.match(rows[0], new RegExp(report.text));

    await page.goto(`${e2e.url}/#/karta?q=${encodeURIComponent(report.text)}`);
    await page.reload();
    await page.locator('[data-map-state="idle"]').waitFor({ timeout: 60_000 });
    const panel = page.getByRole('region', { name: 'Sammanfattning av urvalet' });
    await panel.locator('.panel-total-number').filter({ hasText: /^1$/ }).waitFor();
    await page.getByRole('button', { name: 'Lista händelserna i kartutsnittet' }).click();
    const details = page.getByRole('region', { name: /./ }).filter({ has: page.locator('#md-title') });
    await details.getByRole('button', { name: /Klotter\/graffiti/ }).click();
    await details.getByText(report.text).waitFor();
    await screenshot(page, 'map-found-report');
    await page.context().close();
  });

  test('the coordinator approves the report in the review queue', async () => {
    const report = offline ?? await reportOffline();
    const page = await e2e.pageAs('coordinator');
    await page.goto(`${e2e.url}/#/granska`);
    await page.getByRole('heading', { level: 1, name: 'Granska rapporter' }).waitFor();
    await page.getByRole('heading', { name: /^Nya rapporter \(\d+\+?\)/ }).waitFor();
    await axe(page, 'review queue');
    await page.goto(`${e2e.url}/#/granska?id=${report.id}`);
    await page.getByText(report.text).waitFor();
    await page.getByRole('heading', { name: 'Möjliga dubbletter' }).waitFor();
    await axe(page, 'review queue with a report open');
    await screenshot(page, 'review');
    await page.getByRole('button', { name: 'Godkänn' }).click();
    await page.getByText('Klotter/graffiti godkändes.', { exact: false }).first().waitFor();
    const stored = await e2e.call<{ reviewStatus: string }>('coordinator', 'GET', `/api/incidents/${report.id}`);
    assert.equal(stored.reviewStatus, 'reviewed');
    await page.context().close();
  });
});

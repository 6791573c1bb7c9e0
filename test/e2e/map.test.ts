/**
 * The lägesbild map in a real browser (MapLibre through SwiftShader): the map finishes drawing
 * (data-map-state="idle"), passes axe, and the side panel's count follows the period presets and the
 * category filter chosen in the filter bar (kept in the URL); the incidents in view can be listed and
 * opened as text; the other layers draw too. Screenshots of each state.
 *
 * Each test opens its own page on the map with the filters of a known URL, so any one of them runs
 * alone (--test-name-pattern) or in any order; the server, the browser and the seeded data are shared.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seedIncidents, type Seeded } from './support/data.ts';
import { axe, cspViolations, PHONE, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

describe('e2e: the lägesbild map and its filters', { skip: skipReason() }, () => {
  let e2e: E2E;
  let data: Seeded;
  const pages: Page[] = [];
  /** Per page: the aggregate requests that left the period to the server's clock (there must be none). */
  const withoutPeriod = new WeakMap<Page, string[]>();
  before(async () => {
    e2e = await startE2E();
    data = await seedIncidents(e2e);
  });
  after(async () => {
    for (const p of pages) await p.context().close().catch(() => undefined);
    await e2e?.close();
  });

  /**
   * A fresh page (its own browser context, logged in) on the map with the filters in `params` (the
   * app reads them from the URL when it starts), drawn completely and showing `expected` incidents.
   */
  async function mapPage(params: string, expected: number, user: 'coordinator' | 'areaGroup' = 'coordinator', opts?: typeof PHONE): Promise<Page> {
    const page = await e2e.pageAs(user, opts);
    pages.push(page);
    const unnamed: string[] = [];
    withoutPeriod.set(page, unnamed);
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (/^\/api\/(map\/|stats)/.test(u.pathname) && !(u.searchParams.has('from') && u.searchParams.has('to'))) unnamed.push(r.url());
    });
    await page.goto(`${e2e.url}/#/karta${params ? `?${params}` : ''}`);
    await page.reload(); // the filters are read from the URL when the app starts
    await page.getByRole('heading', { level: 1, name: 'Lägesbild' }).waitFor();
    assert.equal(await page.evaluate(() => Date.now()), e2e.now.getTime(), 'the browser runs on the fixed clock');
    await idle(page);
    await total(page, expected);
    return page;
  }
  /**
   * The page named the period of every aggregate it asked for: without from/to the server would
   * take the last 28 days by its own clock, which is not the browser's fixed one.
   */
  const periodsNamed = (page: Page) => assert.deepEqual(withoutPeriod.get(page), [], 'map and stats requests without from/to');
  const idle = (page: Page) => page.locator('[data-map-state="idle"]').waitFor({ timeout: 60_000 });
  const panel = (page: Page) => page.getByRole('region', { name: 'Sammanfattning av urvalet' });
  /** Waits until the side panel shows `n` incidents in the selection. */
  async function total(page: Page, n: number): Promise<void> {
    await panel(page).locator('.panel-total-number').filter({ hasText: new RegExp(`^${n}$`) }).waitFor();
  }

  test('the map draws completely and the page is accessible', async () => {
    // No filters in the URL: the default four weeks.
    const page = await mapPage('', 5);
    await axe(page, 'map');
    await screenshot(page, 'map');
    periodsNamed(page);
  });

  test('period presets and the category filter change the counts', async () => {
    const page = await mapPage('', 5);
    const presets = page.locator('.mf-presets');
    await presets.getByRole('button', { name: 'Senaste veckan' }).click();
    await total(page, 3);
    assert.match(page.url(), /period=week/);
    await presets.getByRole('button', { name: 'Kvartal' }).click();
    await total(page, 6);
    await idle(page);
    await page.locator('#mf-categories summary').click();
    await page.locator('#mf-categories').getByRole('checkbox', { name: 'Klotter/graffiti' }).check();
    await total(page, 4);
    assert.match(page.url(), new RegExp(`categories=${data.categories['skadegorelse.klotter']}`));
    await idle(page);
    await axe(page, 'map with the category menu open');
    await screenshot(page, 'map-filtered');
    await page.locator('#mf-categories summary').click();
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await total(page, 6);
    periodsNamed(page);
  });

  test('the incidents in view can be listed and opened as text', async () => {
    const page = await mapPage('period=week', 3);
    await page.getByRole('button', { name: 'Lista händelserna i kartutsnittet' }).click();
    const details = page.locator('section.md-details');
    const items = details.getByRole('button', { name: /Klotter\/graffiti/ });
    await items.first().waitFor();
    assert.equal(await items.count(), 3);
    await items.first().click();
    await details.getByText(new RegExp(`${data.prefix} skadegorelse.klotter`)).waitFor();
    await axe(page, 'map with an incident opened');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    periodsNamed(page);
  });

  test('heatmap, hotspot and area layers draw', async () => {
    const page = await mapPage('period=quarter', 6);
    for (const layer of ['Täthet (värmekarta)', 'Hotspots (Gi*)', 'Områden']) {
      await page.getByRole('checkbox', { name: layer }).check();
      await idle(page);
    }
    await total(page, 6);
    await axe(page, 'map with every layer on');
    await screenshot(page, 'map-all-layers');
    periodsNamed(page);
    // The server's content security policy (issue 16 item 7) let the app, MapLibre's worker, its
    // tiles and every layer work: the browser reported nothing it refused.
    assert.match(String((await page.request.get(`${e2e.url}/`)).headers()['content-security-policy']), /worker-src 'self' blob:/);
    assert.deepEqual(await cspViolations(page), []);
  });

  test('on a phone the map and the panel are reachable and accessible', async () => {
    const phone = await mapPage('', 5, 'areaGroup', PHONE);
    await axe(phone, 'map (phone)');
    await screenshot(phone, 'map-phone');
    periodsNamed(phone);
  });
});

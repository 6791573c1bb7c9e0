/**
 * The lägesbild map in a real browser (MapLibre through SwiftShader): the map finishes drawing
 * (data-map-state="idle"), passes axe, and the side panel's count follows the period presets and the
 * category filter chosen in the filter bar (kept in the URL); the incidents in view can be listed and
 * opened as text; the other layers draw too. Screenshots of each state.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seedIncidents, type Seeded } from './support/data.ts';
import { axe, PHONE, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

describe('e2e: the lägesbild map and its filters', { skip: skipReason() }, () => {
  let e2e: E2E;
  let data: Seeded;
  let page: Page;
  before(async () => {
    e2e = await startE2E();
    data = await seedIncidents(e2e);
    page = await e2e.pageAs('coordinator');
  });
  after(async () => { await page?.context().close(); await e2e?.close(); });

  const idle = () => page.locator('[data-map-state="idle"]').waitFor({ timeout: 60_000 });
  const panel = () => page.getByRole('region', { name: 'Sammanfattning av urvalet' });
  /** Waits until the side panel shows `n` incidents in the selection. */
  async function total(n: number): Promise<void> {
    await panel().locator('.panel-total-number').filter({ hasText: new RegExp(`^${n}$`) }).waitFor();
  }

  test('the map draws completely and the page is accessible', async () => {
    await page.goto(`${e2e.url}/#/karta`);
    await page.getByRole('heading', { level: 1, name: 'Lägesbild' }).waitFor();
    await idle();
    await total(5);
    await axe(page, 'map');
    await screenshot(page, 'map');
  });

  test('period presets and the category filter change the counts', async () => {
    const presets = page.locator('.mf-presets');
    await presets.getByRole('button', { name: 'Senaste veckan' }).click();
    await total(3);
    assert.match(page.url(), /period=week/);
    await presets.getByRole('button', { name: 'Kvartal' }).click();
    await total(6);
    await idle();
    await page.locator('#mf-categories summary').click();
    await page.locator('#mf-categories').getByRole('checkbox', { name: 'Klotter/graffiti' }).check();
    await total(4);
    assert.match(page.url(), new RegExp(`categories=${data.categories['skadegorelse.klotter']}`));
    await idle();
    await axe(page, 'map with the category menu open');
    await screenshot(page, 'map-filtered');
    await page.locator('#mf-categories summary').click();
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await total(6);
  });

  test('the incidents in view can be listed and opened as text', async () => {
    await page.locator('.mf-presets').getByRole('button', { name: 'Senaste veckan' }).click();
    await total(3);
    await idle();
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
  });

  test('heatmap, hotspot and area layers draw', async () => {
    await page.locator('.mf-presets').getByRole('button', { name: 'Kvartal' }).click();
    for (const layer of ['Täthet (värmekarta)', 'Hotspots (Gi*)', 'Områden']) {
      await page.getByRole('checkbox', { name: layer }).check();
      await idle();
    }
    await total(6);
    await axe(page, 'map with every layer on');
    await screenshot(page, 'map-all-layers');
  });

  test('on a phone the map and the panel are reachable and accessible', async () => {
    const phone = await e2e.pageAs('areaGroup', PHONE);
    await phone.goto(`${e2e.url}/#/karta`);
    await phone.locator('[data-map-state="idle"]').waitFor({ timeout: 60_000 });
    await phone.getByRole('region', { name: 'Sammanfattning av urvalet' }).locator('.panel-total-number').filter({ hasText: /^5$/ }).waitFor();
    await axe(phone, 'map (phone)');
    await screenshot(phone, 'map-phone');
    await phone.context().close();
  });
});

/**
 * Issue 13 item 3 in a real browser: a user who works in Alingsås and Vårgårda (here the Alingsås
 * coordinator with a grant to Vårgårda) switches municipality in the top bar; the map's side panel,
 * the table and its export count that municipality's incidents only ("Alla mina kommuner": both),
 * the map goes to the municipality, each heading names it, the export's file name carries it, the
 * list of lägesbilder shows its editions, the choice survives a reload, the pages pass axe, and the
 * top bar fits a 360 px phone. A user with one municipality gets no switcher, only the name.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { setUserGrants } from '../../src/db/repositories/users.ts';
import { FX, POINTS, type FixtureUser } from '../support/fixtures.ts';
import { stockholmDate } from './support/clock.ts';
import { seedIncidents } from './support/data.ts';
import { axe, screenshot, skipReason, startBrowserServer, type E2E } from './support/harness.ts';

const DAY = 86_400_000;
/** In the default period (four weeks): seedIncidents gives Alingsås five; Vårgårda gets two. */
const COUNT = { alingsas: 5, vargarda: 2, all: 7 };
const DESKTOP = { viewport: { width: 1440, height: 900 } };

describe('e2e: the municipality switcher and "Alla mina kommuner"', { skip: skipReason() }, () => {
  let e2e: E2E;
  const pages: Page[] = [];
  before(async () => {
    e2e = await startBrowserServer<FixtureUser>({
      credentials: (u) => ({ email: FX.users[u].email, password: FX.password }),
      prepare: async (db) => { await setUserGrants(db, FX.users.coordinator.id, [FX.vargarda]); await setUserGrants(db, FX.users.admin.id, [FX.vargarda]); },
    });
    await seedIncidents(e2e, 'MS');
    const vCategories = await e2e.call<Array<{ id: string; code: string; municipalityId: string }>>('vargardaCoordinator', 'GET', '/api/categories');
    const klotter = vCategories.find((c) => c.code === 'skadegorelse.klotter' && c.municipalityId === FX.vargarda)!.id;
    for (let n = 0; n < COUNT.vargarda; n++) {
      await e2e.call('vargardaCoordinator', 'POST', '/api/incidents', {
        id: randomUUID(), categoryId: klotter, occurredAt: new Date(e2e.now.getTime() - DAY - n * 3_600_000).toISOString(),
        location: { lon: POINTS.vargardaCentrum.lon + n * 0.001, lat: POINTS.vargardaCentrum.lat }, placeName: 'Vårgårda torg', description: `MS Vårgårda #${n}`,
      });
    }
    const period = { from: stockholmDate(new Date(e2e.now.getTime() - 27 * DAY)), to: stockholmDate(e2e.now) };
    await e2e.call('coordinator', 'POST', '/api/situation-pictures', { ...period, title: 'MS lägesbild Alingsås' });
    await e2e.call('vargardaCoordinator', 'POST', '/api/situation-pictures', { ...period, title: 'MS lägesbild Vårgårda' });
  });
  after(async () => {
    for (const p of pages) await p.context().close().catch(() => undefined);
    await e2e?.close();
  });
  const open = async (user: FixtureUser, opts?: { viewport: { width: number; height: number }; mobile?: boolean }) => {
    const page = await e2e.pageAs(user, opts);
    pages.push(page);
    return page;
  };

  const switcher = (page: Page) => page.getByRole('banner').getByLabel('Kommun', { exact: true });
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
  const panelTotal = (page: Page, n: number) =>
    page.getByRole('region', { name: 'Sammanfattning av urvalet' }).locator('.panel-total-number').filter({ hasText: new RegExp(`^${n}$`) }).waitFor({ timeout: 30_000 });
  /** The map's centre and zoom once it has settled where the municipality put it (the URL's view=zoom/lat/lon). */
  async function settledView(page: Page, changedFrom?: string): Promise<{ raw: string; zoom: number; lat: number; lon: number }> {
    await page.waitForFunction((before) => {
      const v = new URLSearchParams(location.hash.split('?')[1] ?? '').get('view');
      return !!v && v !== before && document.querySelector('[data-map-state="idle"]');
    }, changedFrom ?? null, { timeout: 30_000 });
    const raw = await page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('view')!);
    const [zoom, lat, lon] = raw.split('/').map(Number);
    return { raw, zoom, lat, lon };
  }
  async function tableCount(page: Page, n: number): Promise<void> {
    await page.getByText(`Alla ${n} händelser i urvalet visas.`).waitFor({ timeout: 30_000 });
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row');
    assert.equal(await rows.count(), n);
  }
  async function excelExport(page: Page): Promise<{ name: string; rows: number }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV för Excel' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    return { name: download.suggestedFilename(), rows: text.slice(1).trim().split('\r\n').length - 1 };
  }

  test('the map, its side panel, the table, the export and the list follow the chosen municipality', async () => {
    const page = await open('coordinator', DESKTOP);
    const stats: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/stats')) stats.push(r.url()); });
    await page.goto(`${e2e.url}/#/karta`);
    await switcher(page).waitFor();
    assert.deepEqual(await switcher(page).locator('option').allInnerTexts(), ['Alingsås', 'Vårgårda', 'Alla mina kommuner']);
    // Nothing chosen yet: all of them, as before there was a switcher.
    assert.equal(await switcher(page).inputValue(), 'all');
    await panelTotal(page, COUNT.all);
    assert.match(await h1(page).innerText(), /^Lägesbild – Alingsås och Vårgårda kommuner$/);
    // The top bar stays one row at 1,440 px for the role with the most menu entries.
    const bar = await page.getByRole('banner').boundingBox();
    assert.ok(bar && bar.height < 70, `the top bar is one row high (${bar?.height} px)`);
    const menuEnd = await page.getByRole('navigation', { name: 'Huvudmeny' }).evaluate((nav) =>
      Math.max(...[...nav.querySelectorAll(':scope > ul > li > *')].map((el) => el.getBoundingClientRect().right)));
    const box = (await page.getByRole('banner').locator('.municipality-switch').boundingBox())!;
    assert.ok(menuEnd <= box.x, `the menu ends (${menuEnd}) before the switcher begins (${box.x})`);
    await axe(page, 'map with the municipality switcher');

    await switcher(page).selectOption({ label: 'Vårgårda' });
    await panelTotal(page, COUNT.vargarda);
    assert.match(await h1(page).innerText(), /^Lägesbild – Vårgårda kommun$/);
    assert.match(stats.at(-1)!, /[?&]municipality=1442(&|$)/, 'the side panel asks for Vårgårda');
    const vargarda = await settledView(page);

    await switcher(page).selectOption({ label: 'Alingsås' });
    await panelTotal(page, COUNT.alingsas);
    assert.match(await h1(page).innerText(), /^Lägesbild – Alingsås kommun$/);
    const alingsas = await settledView(page, vargarda.raw);
    assert.ok(vargarda.lon - alingsas.lon > 0.2, `the map went east to Vårgårda, west to Alingsås (${vargarda.lon} vs ${alingsas.lon})`);
    await switcher(page).selectOption({ label: 'Alla mina kommuner' });
    await panelTotal(page, COUNT.all);
    const all = await settledView(page, alingsas.raw);
    assert.ok(alingsas.lon < all.lon && all.lon < vargarda.lon, `all of them: between the two (${all.lon})`);
    // Alingsås is the taller of the two, so their union can need no wider a view than Alingsås.
    assert.ok(all.zoom <= alingsas.zoom && all.zoom < vargarda.zoom, `and at least as wide as either (zoom ${all.zoom}, ${alingsas.zoom}, ${vargarda.zoom})`);
    await screenshot(page, 'municipality-switcher-map');

    // The table and its export: Vårgårda, kept over a reload.
    await switcher(page).selectOption({ label: 'Vårgårda' });
    await page.goto(`${e2e.url}/#/tabell`);
    await page.reload();
    assert.equal(await switcher(page).inputValue(), FX.vargarda, 'the choice is kept on the device');
    await tableCount(page, COUNT.vargarda);
    assert.match(await h1(page).innerText(), /^Händelser i tabell – Vårgårda kommun$/);
    let file = await excelExport(page);
    assert.match(file.name, /^lagesbild-Vårgårda-\d{4}-\d{2}-\d{2}-excel\.csv$/);
    assert.equal(file.rows, COUNT.vargarda);
    await axe(page, 'table of one municipality');

    await switcher(page).selectOption({ label: 'Alla mina kommuner' });
    await tableCount(page, COUNT.all);
    assert.match(await h1(page).innerText(), /^Händelser i tabell – Alingsås och Vårgårda kommuner$/);
    // "Område: Hela kommunen" would say one; the selection names both.
    await page.getByRole('definition').filter({ hasText: /^Alingsås och Vårgårda kommuner$/ }).waitFor();
    file = await excelExport(page);
    assert.match(file.name, /^lagesbild-Alingsås-Vårgårda-\d{4}-\d{2}-\d{2}-excel\.csv$/);
    assert.equal(file.rows, COUNT.all);

    await switcher(page).selectOption({ label: 'Alingsås' });
    await tableCount(page, COUNT.alingsas);
    file = await excelExport(page);
    assert.match(file.name, /^lagesbild-Alingsås-\d{4}-\d{2}-\d{2}-excel\.csv$/);
    assert.equal(file.rows, COUNT.alingsas);
    await screenshot(page, 'municipality-switcher-table');

    // The list of lägesbilder: the chosen municipality's editions; all of them with a column saying whose.
    await page.goto(`${e2e.url}/#/lagesbilder`);
    await page.getByRole('link', { name: 'MS lägesbild Alingsås' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'MS lägesbild Vårgårda' }).count(), 0);
    assert.match(await h1(page).innerText(), /^Lägesbilder – Alingsås kommun$/);
    await switcher(page).selectOption({ label: 'Alla mina kommuner' });
    await page.getByRole('link', { name: 'MS lägesbild Vårgårda' }).waitFor();
    await page.getByRole('link', { name: 'MS lägesbild Alingsås' }).waitFor();
    await page.getByRole('columnheader', { name: 'Kommun' }).waitFor();
    const vRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'MS lägesbild Vårgårda' }) });
    assert.match(await vRow.innerText(), /Vårgårda/);
    await axe(page, 'list of lägesbilder of all municipalities');
  });

  test('on a 360 px phone the top bar with the switcher does not overflow', async () => {
    const page = await open('coordinator', { viewport: { width: 360, height: 740 }, mobile: true });
    await page.goto(`${e2e.url}/#/karta`);
    await switcher(page).waitFor();
    await switcher(page).selectOption({ label: 'Vårgårda' });
    await panelTotal(page, COUNT.vargarda);
    const overflow = await page.getByRole('banner').evaluate((bar) => {
      const out: string[] = [];
      for (const el of [bar, ...bar.querySelectorAll('*')]) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.right > 360.5 || r.left < -0.5)) out.push(`${el.tagName}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
      return out;
    });
    assert.deepEqual(overflow, [], 'every part of the top bar lies within the screen');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
    await axe(page, 'phone top bar with the switcher');
    await screenshot(page, 'municipality-switcher-phone');
  });

  test('an administrator of both municipalities sets where a new organisation works', async () => {
    const page = await open('admin', DESKTOP);
    await page.goto(`${e2e.url}/#/admin/organisationer`);
    await page.getByRole('button', { name: 'Ny organisation' }).click();
    const form = page.locator('form.admin-form');
    await form.getByLabel(/^Namn/).fill('Räddningstjänsten MS');
    await form.getByLabel(/^Typ av organisation/).selectOption({ label: 'Kommunalförbund' });
    const places = form.getByRole('group', { name: 'Verkar i' });
    assert.equal(await places.getByLabel('Alingsås (hemkommun)').isDisabled(), true, 'the home is always included');
    await places.getByLabel('Vårgårda', { exact: true }).check();
    await axe(page, 'admin/organisationer with municipalities');
    await form.getByRole('button', { name: 'Spara' }).click();
    const row = page.getByRole('row', { name: /Räddningstjänsten MS/ });
    await row.waitFor();
    assert.match(await row.innerText(), /Alingsås, Vårgårda/);
    const orgs = await e2e.call<Array<{ name: string; municipalityId: string; municipalities: string[] }>>('admin', 'GET', '/api/organisations');
    const made = orgs.find((o) => o.name === 'Räddningstjänsten MS')!;
    assert.deepEqual([made.municipalityId, made.municipalities], [FX.alingsas, [FX.alingsas, FX.vargarda]]);
  });

  test('a user with one municipality gets no switcher, only the name on the page', async () => {
    const page = await open('viewer', DESKTOP);
    await page.goto(`${e2e.url}/#/karta`);
    await panelTotal(page, COUNT.alingsas);
    assert.match(await h1(page).innerText(), /^Lägesbild – Alingsås kommun$/);
    assert.equal(await switcher(page).count(), 0);
    await page.goto(`${e2e.url}/#/tabell`);
    await tableCount(page, COUNT.alingsas);
    assert.match(await h1(page).innerText(), /^Händelser i tabell – Alingsås kommun$/);
    assert.equal(await switcher(page).count(), 0);
  });
});

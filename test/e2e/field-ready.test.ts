/**
 * Issue 12, items 3 and 10, in a real browser: the top menu fits on one row at 1,440 px for the role
 * with the most entries (a coordinator), the rest reachable from a keyboard-accessible "Mer" menu;
 * a definition list in the map's incident details never breaks a word inside; the free-text filter
 * reacts while the user types (debounced), without Enter; and the category tree of "Ny lägesbild"
 * puts every subcategory under its own parent, behind a visible disclosure button.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seedIncidents, type Seeded } from './support/data.ts';
import { axe, PHONE, screenshot, skipReason, startE2E, type E2E } from './support/harness.ts';

const DESKTOP = { viewport: { width: 1440, height: 900 } };

describe('e2e: field-ready (menu, details, text filter, category tree)', { skip: skipReason() }, () => {
  let e2e: E2E;
  let data: Seeded;
  const pages: Page[] = [];
  before(async () => {
    e2e = await startE2E();
    data = await seedIncidents(e2e);
  });
  after(async () => {
    for (const p of pages) await p.context().close().catch(() => undefined);
    await e2e?.close();
  });
  const open = async (opts?: typeof DESKTOP | typeof PHONE) => {
    const page = await e2e.pageAs('coordinator', opts);
    pages.push(page);
    return page;
  };
  const panelTotal = (page: Page, n: number, timeout?: number) =>
    page.getByRole('region', { name: 'Sammanfattning av urvalet' }).locator('.panel-total-number').filter({ hasText: new RegExp(`^${n}$`) }).waitFor({ timeout });

  test('at 1,440 × 900 a coordinator\'s top menu is one row, and "Mer" opens from the keyboard', async () => {
    const page = await open(DESKTOP);
    await page.waitForURL(/#\/karta/);
    const nav = page.getByRole('navigation', { name: /huvudmeny|meny/i }).first();
    await nav.waitFor();
    // Every entry shown in the bar (links and the "Mer" button) sits on the same row.
    const boxes = await nav.evaluate((n) => [...n.querySelectorAll(':scope > ul > li')]
      .map((li) => li.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ top: Math.round(r.top), bottom: Math.round(r.bottom), right: Math.round(r.right) })));
    assert.ok(boxes.length >= 4, `entries in the bar: ${JSON.stringify(boxes)}`);
    // One row: every entry's vertical middle lies within every other entry's box.
    const rows = boxes.filter((b) => boxes.some((o) => (b.top + b.bottom) / 2 < o.top || (b.top + b.bottom) / 2 > o.bottom));
    assert.deepEqual(rows, [], `the menu wraps: item tops ${boxes.map((b) => b.top).join(', ')}`);
    const bar = await page.getByRole('banner').boundingBox();
    assert.ok(bar && bar.height < 70, `the top bar is one row high (${bar?.height} px)`);
    assert.ok(boxes.every((b) => b.right <= 1440), 'nothing sticks out of the window');

    // Every page of the role is still reachable: the bar's links plus the ones in "Mer".
    const more = nav.getByRole('button', { name: 'Mer' });
    await more.waitFor();
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    await more.focus();
    await page.keyboard.press('Enter');
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    const links = await nav.getByRole('link').allInnerTexts();
    for (const name of ['Rapportera', 'Lägesbild', 'Tabell', 'Lägesbilder', 'Möten', 'Åtgärder', 'Handlingsplan', 'Granska', 'Administration']) {
      assert.ok(links.some((l) => l.trim().startsWith(name)), `"${name}" is in the menu: ${links.join(', ')}`);
    }
    await axe(page, 'top menu with "Mer" open');
    await screenshot(page, 'menu-1440-more');
    // The first link in "Mer" is reached with Tab; Escape closes it and gives focus back to the button.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('ul')?.id), 'main-nav-more');
    await page.keyboard.press('Escape');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Mer');
  });

  test('on a phone the menu lists every entry behind the "Meny" button', async () => {
    const page = await open(PHONE);
    await page.getByRole('button', { name: 'Meny' }).click();
    const nav = page.getByRole('navigation').first();
    for (const name of ['Granska', 'Administration', 'Handlingsplan']) await nav.getByRole('link', { name }).waitFor();
    await axe(page, 'phone menu open');
  });

  test('the incident details never break a word inside', async () => {
    const page = await open(DESKTOP);
    await page.goto(`${e2e.url}/#/karta?period=week`);
    await page.reload();
    await page.locator('[data-map-state="idle"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Lista händelserna i kartutsnittet' }).click();
    const details = page.locator('section.md-details');
    // The guard's report: its organisation is "Bevakningsföretaget".
    const items = details.getByRole('button', { name: /Klotter\/graffiti/ });
    await items.first().waitFor();
    let found = false;
    for (let k = 0; k < await items.count() && !found; k++) {
      await items.nth(k).click();
      await details.locator('dl').waitFor();
      found = (await details.locator('dl').innerText()).includes('Bevakningsföretaget');
      if (!found) await details.locator('button.mf-small').click();
    }
    assert.ok(found, 'the guard\'s report was opened');
    // Each word of every value and label lies on one line (a broken word has two line boxes).
    const broken = await details.locator('dl').evaluate((dl) => {
      const out: string[] = [];
      for (const el of dl.querySelectorAll('dt, dd')) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n.textContent ?? '';
          for (const m of text.matchAll(/\S+/g)) {
            const r = document.createRange();
            r.setStart(n, m.index!);
            r.setEnd(n, m.index! + m[0].length);
            const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
            if (lines.size > 1) out.push(m[0]);
          }
        }
      }
      return out;
    });
    assert.deepEqual(broken, [], `words broken across lines: ${broken.join(', ')}`);
    await screenshot(page, 'map-details-words');
  });

  test('the text filter follows typing (debounced), without Enter', async () => {
    const page = await open(DESKTOP);
    await page.goto(`${e2e.url}/#/karta?period=week`);
    await page.reload();
    await panelTotal(page, 3, 60_000);
    const input = page.locator('#mf-q');
    await input.click();
    await input.pressSequentially(`${data.prefix} skadegorelse.klotter 1 d #2`, { delay: 20 });
    // No Enter, no blur: the selection follows after the pause.
    await panelTotal(page, 1, 5_000);
    assert.match(decodeURIComponent(page.url()), /q=E2E/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'mf-q', 'focus stays in the field');
    await input.fill('');
    await panelTotal(page, 3, 5_000);
  });

  test('"Ny lägesbild": every subcategory under its own parent, behind a visible disclosure button', async () => {
    const cats = await e2e.call<Array<{ id: string; parentId: string | null; nameSv: string; active: boolean }>>('coordinator', 'GET', '/api/categories');
    const byId = new Map(cats.map((c) => [c.id, c]));
    const page = await open(DESKTOP);
    await page.goto(`${e2e.url}/#/lagesbilder/ny`);
    await page.getByRole('heading', { level: 1, name: 'Ny lägesbild' }).waitFor();
    const toggle = page.getByRole('button', { name: /^Kategorier/ });
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.ok(((await toggle.boundingBox())?.height ?? 0) >= 24, 'the button is visible');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const controls = await toggle.getAttribute('aria-controls');
    assert.ok(controls, 'the button names what it opens');
    const tree = page.locator(`#${controls}`);
    await tree.getByRole('checkbox').first().waitFor();
    // Each row's checkbox: its name and how far it is indented. A row's parent is the nearest row
    // above it that is indented less.
    const rows = await tree.getByRole('checkbox').evaluateAll((els) => els.map((e) => ({
      name: (e as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '', x: Math.round(e.getBoundingClientRect().left),
    })));
    const parentOf = (k: number) => { for (let j = k - 1; j >= 0; j--) if (rows[j].x < rows[k].x) return rows[j].name; return null; };
    const expectedParent = new Map(cats.filter((c) => c.active).map((c) => [c.nameSv, c.parentId ? byId.get(c.parentId)?.nameSv ?? null : null]));
    const wrong = rows.map((r, k) => [r.name, parentOf(k)] as const).filter(([name, p]) => expectedParent.get(name) !== p);
    assert.deepEqual(wrong, [], 'rows under the wrong parent');
    const underBrand = rows.filter((_, k) => parentOf(k) === 'Brand').map((r) => r.name);
    assert.deepEqual(underBrand.sort(), ['Anlagd brand', 'Annan brand']);
    await axe(page, 'Ny lägesbild with the category tree open');
    await screenshot(page, 'situation-picture-categories');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  });
});

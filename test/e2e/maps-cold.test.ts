/**
 * Every map in the app works on a cold, direct open (issue 12, item 1): each page with a map is
 * opened straight at its address in a new browser context that has never run the app (as from a
 * bookmark, a reload or an e-mailed link), and
 * - no request fails or answers 4xx/5xx (the MapLibre worker above all),
 * - no console error or warning mentions the worker,
 * - the map's canvas has drawn (a screenshot of the canvas, controls hidden, shows more than one
 *   colour: the offline base and its features, not the empty container).
 * Then the review queue is stepped through report by report: the WebGL contexts in use stay bounded
 * (each small map releases its context when the next report replaces it) and the browser never
 * warns of too many active WebGL contexts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { POINTS, type FixtureUser } from '../support/fixtures.ts';
import { stockholmDate } from './support/clock.ts';
import { seedIncidents, type Seeded } from './support/data.ts';
import { skipReason, startE2E, type E2E } from './support/harness.ts';

/** Counts the WebGL contexts a page creates and how many of them are not released (lost). */
const COUNT_WEBGL = `(() => {
  const made = [];
  const orig = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = orig.call(this, type, ...rest);
    if (ctx && /webgl/.test(String(type)) && !made.includes(ctx)) made.push(ctx);
    return ctx;
  };
  window.__webgl = () => ({ made: made.length, live: made.filter((gl) => !gl.isContextLost()).length });
})();`;

interface Cold { page: Page; problems: string[] }

describe('e2e: every map works when its page is opened directly', { skip: skipReason() }, () => {
  let e2e: E2E;
  let data: Seeded;
  let edition: string;
  const queued: string[] = [];
  before(async () => {
    e2e = await startE2E();
    data = await seedIncidents(e2e, 'COLD');
    // More reports waiting for review than Chromium allows WebGL contexts at once (16).
    const categories = data.categories;
    for (let n = 0; n < 12; n++) {
      const id = randomUUID();
      await e2e.call('reporter', 'POST', '/api/incidents', {
        id, categoryId: categories['skadegorelse.klotter'], occurredAt: new Date(e2e.now.getTime() - 2 * 86_400_000 - n * 3_600_000).toISOString(),
        location: { lon: POINTS.alingsasCentrum.lon + n * 0.001, lat: POINTS.alingsasCentrum.lat - n * 0.0005 },
        placeName: 'Stora torget', description: `COLD queue #${String(n).padStart(2, '0')}`,
      });
      queued.push(id);
    }
    const today = stockholmDate(e2e.now);
    const from = stockholmDate(new Date(e2e.now.getTime() - 27 * 86_400_000));
    edition = (await e2e.call<{ id: string }>('coordinator', 'POST', '/api/situation-pictures', { from, to: today })).id;
  });
  after(async () => { await e2e?.close(); });

  /**
   * A page in a brand-new browser context (only the user's session cookie carried over) that opens
   * `path` as its first and only navigation, with everything that went wrong recorded.
   */
  async function coldPage(user: FixtureUser, path: string): Promise<Cold> {
    // The login (through the form, once per user) happens in a context of its own that is thrown away.
    const login = await e2e.pageAs(user);
    const state = await login.context().storageState();
    await login.context().close();
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', storageState: state });
    context.setDefaultTimeout(30_000);
    await context.clock.setFixedTime(e2e.now);
    await context.addInitScript(COUNT_WEBGL);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
    page.on('console', (m) => {
      const text = m.text();
      if ((m.type() === 'error' || m.type() === 'warning') && /worker|webgl context/i.test(text)) problems.push(`console ${m.type()}: ${text}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${e2e.url}/#${path}`);
    return { page, problems };
  }

  /**
   * Waits until the map canvas inside `scope` has drawn: a screenshot of it (the map's controls
   * and overlays hidden, the container's border cut off) has at least two colours that each cover a
   * visible share of it. An empty canvas shows only the container's background, one colour.
   */
  async function drawn(page: Page, scope: string, label: string): Promise<void> {
    const canvas = page.locator(`${scope} canvas.maplibregl-canvas`).first();
    await canvas.waitFor({ state: 'visible' });
    const deadline = Date.now() + 20_000;
    let colours: Array<[string, number]> = [];
    for (;;) {
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      // Inside the canvas only (not the container's border), without the controls and overlays.
      const png = await page.screenshot({
        clip: { x: box.x + 8, y: box.y + 8, width: box.width - 16, height: box.height - 16 },
        style: '.maplibregl-control-container, .crosshair { display: none !important; }',
      });
      colours = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, c.width, c.height).data;
        const counts = new Map<string, number>();
        for (let i = 0; i < px.length; i += 4) {
          const k = `${px[i] >> 3},${px[i + 1] >> 3},${px[i + 2] >> 3}`;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
        const total = px.length / 4;
        return [...counts].map(([k, n]) => [k, n / total] as [string, number]).sort((a, b) => b[1] - a[1]);
      }, png.toString('base64'));
      if (colours.filter(([, share]) => share >= 0.0005).length >= 2) return;
      if (Date.now() > deadline) break;
      await page.waitForTimeout(500);
    }
    assert.fail(`${label}: the map never drew (colours of the canvas: ${JSON.stringify(colours.slice(0, 4))})`);
  }

  async function check(user: FixtureUser, path: string, scope: string, prepare?: (page: Page) => Promise<void>): Promise<Cold> {
    const cold = await coldPage(user, path);
    try {
      await prepare?.(cold.page);
      await drawn(cold.page, scope, path);
      // A moment for late requests (tiles, sprites, the worker's own imports) to fail.
      await cold.page.waitForTimeout(1_000);
      assert.deepEqual(cold.problems, [], `${path}: nothing may fail on a cold open`);
      return cold;
    } finally {
      await cold.page.context().close();
    }
  }

  test('the main map (#/karta)', async () => {
    await check('coordinator', '/karta', '[data-map-state="idle"]');
  });

  test('the report form\'s map (#/rapportera)', async () => {
    await check('reporter', '/rapportera', '#position-map-wrap', async (page) => {
      await page.locator('button[aria-controls="position-map-wrap"]').click();
    });
  });

  test('the review queue\'s map (#/granska with a report open)', async () => {
    await check('coordinator', `/granska?id=${data.ids.klotterRecent[0]}`, '.review-map', async (page) => {
      await page.getByText(`COLD skadegorelse.klotter 1 d #0`).first().waitFor();
    });
  });

  test('an edition\'s map (#/lagesbilder/<id>)', async () => {
    await check('coordinator', `/lagesbilder/${edition}`, '.est-map');
  });

  test('the place editor\'s map (#/admin/platser)', async () => {
    await check('admin', '/admin/platser', '.small-map');
  });

  test('stepping through the review queue keeps the WebGL contexts bounded', async () => {
    const { page, problems } = await coldPage('coordinator', `/granska?id=${queued[0]}`);
    try {
      let most = 0;
      for (const [n, id] of queued.entries()) {
        if (n > 0) await page.evaluate((next) => { location.hash = `#/granska?id=${next}`; }, id);
        await page.getByText(`COLD queue #${String(n).padStart(2, '0')}`).first().waitFor();
        await page.locator('.review-map canvas.maplibregl-canvas').waitFor();
        // Let the map get as far as it will (a map that cannot load keeps its context).
        await page.waitForTimeout(400);
        const gl = await page.evaluate(() => (window as unknown as { __webgl(): { made: number; live: number } }).__webgl());
        most = Math.max(most, gl.live);
      }
      assert.ok(most <= 2, `at most two live WebGL contexts while stepping through ${queued.length} reports (saw ${most})`);
      assert.equal(await page.locator('canvas.maplibregl-canvas').count(), 1, 'one map canvas on the page');
      await drawn(page, '.review-map', 'the last report in the queue');
      assert.deepEqual(problems, [], 'no failed request, no worker error, no "Too many active WebGL contexts"');
    } finally {
      await page.context().close();
    }
  });
});

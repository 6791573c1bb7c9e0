/**
 * A base map with streets by default (issue 12, item 2). Every map in the app draws OpenStreetMap's
 * tiles through the server when the server can get them, and its offline base — the municipality,
 * its areas and places, and the names of its tätorter — when it cannot. No test reaches the internet:
 *
 * - "without internet": the server's tile upstream is a port on this machine where nothing listens
 *   (the tests' default, scripts/test.mjs and test/support/process.ts). Each map page is opened cold:
 *   the map asks the server once whether tiles can be had, hears no, draws the offline base with the
 *   tätorter's names, asks for no tile, and no request fails.
 * - "with a tile server": the upstream is a stand-in for tile.openstreetmap.org on 127.0.0.1
 *   (test/support/tiles.ts) serving one magenta PNG. The maps show the tiles, name OpenStreetMap's
 *   contributors with a link to the copyright page, and the server asked with its User-Agent. When
 *   the tile server then fails, a map falls back to the offline base by itself.
 * - Administration → Bakgrundskarta offers OpenStreetMap through the server as the chosen default,
 *   and Lantmäteriet (another source) or the built-in map instead.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { FX, type FixtureUser } from '../support/fixtures.ts';
import { ROOT } from '../support/process.ts';
import { startTileUpstream, type TileUpstream } from '../support/tiles.ts';
import { waitForCanvas } from './support/canvas.ts';
import { stockholmDate } from './support/clock.ts';
import { seedIncidents, type Seeded } from './support/data.ts';
import { axe, skipReason, startBrowserServer, startE2E, type E2E } from './support/harness.ts';

/** The tätorter of Alingsås, as shipped (resources/scb). */
const TOWNS: string[] = (JSON.parse(readFileSync(join(ROOT, 'resources/scb/se_tatorter_scb2020_points_wgs84.geojson'), 'utf8')) as { features: Array<{ properties: { name: string; mun_code: string } }> })
  .features.filter((f) => f.properties.mun_code === FX.alingsas).map((f) => f.properties.name);

/** Records every text the page draws on a 2D canvas: the maps' labels are text images drawn so. */
const RECORD_TEXTS = `(() => {
  const seen = new Set();
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) { seen.add(String(text)); return fillText.call(this, text, ...rest); };
  window.__texts = () => [...seen];
})();`;

const isTile = (url: string) => /\/api\/tiles\/osm\/\d+\/\d+\/\d+\.png$/.test(url);

interface Cold {
  page: Page;
  /** Failed requests, answers of 400 or more, page errors. */
  problems: string[];
  /** Tile requests and their answers' status. */
  tiles: Array<{ url: string; status: number | null }>;
  /** The answers of GET /api/tiles/osm/status. */
  statuses: Array<{ available: boolean }>;
}

type SessionState = Awaited<ReturnType<BrowserContext['storageState']>>;
const sessions = new WeakMap<E2E, Map<FixtureUser, SessionState>>();

/** A user's session (cookies), from one login through the form per server. */
async function sessionOf(e2e: E2E, user: FixtureUser): Promise<SessionState> {
  const known = sessions.get(e2e) ?? new Map<FixtureUser, SessionState>();
  sessions.set(e2e, known);
  if (!known.has(user)) {
    const login = await e2e.pageAs(user);
    known.set(user, await login.context().storageState());
    await login.context().close();
  }
  return known.get(user)!;
}

/** A page in a new context (only the user's session carried over) that opens `path` as its first navigation. */
async function coldPage(e2e: E2E, user: FixtureUser, path: string): Promise<Cold> {
  const state = await sessionOf(e2e, user);
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', storageState: state });
  context.setDefaultTimeout(30_000);
  await context.clock.setFixedTime(e2e.now);
  await context.addInitScript(RECORD_TEXTS);
  const page = await context.newPage();
  const cold: Cold = { page, problems: [], tiles: [], statuses: [] };
  page.on('requestfailed', (r) => {
    cold.problems.push(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`);
    if (isTile(r.url())) cold.tiles.push({ url: r.url(), status: null });
  });
  page.on('response', (r) => {
    if (r.status() >= 400) cold.problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    if (isTile(r.url())) cold.tiles.push({ url: r.url(), status: r.status() });
    if (r.url().endsWith('/api/tiles/osm/status')) void r.json().then((s) => cold.statuses.push(s), () => {});
  });
  page.on('pageerror', (e) => cold.problems.push(`page error: ${e.message}`));
  await page.goto(`${e2e.url}/#${path}`);
  return cold;
}

/** The element a map was made in (it carries data-base-map) inside `scope`, or `scope` itself. */
const mapContainer = (page: Page, scope: string) => page.locator(`${scope}[data-base-map], ${scope} [data-base-map]`).first();

const texts = (page: Page) => page.evaluate(() => (window as unknown as { __texts(): string[] }).__texts());

/** Waits until the page has drawn at least one of the tätorter's names. */
async function townLabels(page: Page, label: string): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const drawn = (await texts(page)).filter((x) => TOWNS.includes(x));
    if (drawn.length) return drawn;
    if (Date.now() > deadline) assert.fail(`${label}: no tätort was named on the map (texts drawn: ${JSON.stringify((await texts(page)).slice(0, 20))})`);
    await page.waitForTimeout(300);
  }
}

/** More than one colour covers a visible share of the canvas: the map drew something. */
const drewSomething = (colours: Array<{ share: number }>) => colours.filter((c) => c.share >= 0.0005).length >= 2;

/** Pixels of the test tile's magenta (lightly desaturated by the raster layer). */
const tileShare = (colours: Array<{ rgb: [number, number, number]; share: number }>) =>
  colours.filter(({ rgb: [r, g, b] }) => r - g > 60 && b - g > 40).reduce((s, c) => s + c.share, 0);

interface MapPage { name: string; user: FixtureUser; path: () => string; scope: string; prepare?: (page: Page) => Promise<void>; labelled: boolean }

function mapPages(data: () => Seeded, edition: () => string): MapPage[] {
  return [
    { name: 'the main map', user: 'coordinator', path: () => '/karta', scope: '.mv-map', labelled: true },
    {
      name: 'the report form\'s map', user: 'reporter', path: () => '/rapportera', scope: '#position-map-wrap', labelled: true,
      prepare: async (page) => { await page.locator('button[aria-controls="position-map-wrap"]').click(); },
    },
    {
      name: 'the review queue\'s map', user: 'coordinator', path: () => `/granska?id=${data().ids.klotterRecent[0]}`, scope: '.review-map', labelled: true,
      prepare: async (page) => { await page.getByText(`${data().prefix} skadegorelse.klotter 1 d #0`).first().waitFor(); },
    },
    { name: 'an edition\'s map', user: 'coordinator', path: () => `/lagesbilder/${edition()}`, scope: '.est-map', labelled: false },
    { name: 'the place editor\'s map', user: 'admin', path: () => '/admin/platser', scope: '.small-map', labelled: true },
  ];
}

async function seed(e2e: E2E, prefix: string): Promise<{ data: Seeded; edition: string }> {
  const data = await seedIncidents(e2e, prefix);
  const edition = (await e2e.call<{ id: string }>('coordinator', 'POST', '/api/situation-pictures', {
    from: stockholmDate(new Date(e2e.now.getTime() - 27 * 86_400_000)), to: stockholmDate(e2e.now),
  })).id;
  return { data, edition };
}

describe('e2e: without internet every map draws its offline base with the tätorter\'s names', { skip: skipReason() }, () => {
  let e2e: E2E;
  let data: Seeded;
  let edition: string;
  before(async () => {
    e2e = await startE2E();
    ({ data, edition } = await seed(e2e, 'NONET'));
  });
  after(async () => { await e2e?.close(); });

  for (const p of mapPages(() => data, () => edition)) {
    test(p.name, async () => {
      const cold = await coldPage(e2e, p.user, p.path());
      try {
        await p.prepare?.(cold.page);
        const container = mapContainer(cold.page, p.scope);
        await container.waitFor({ state: 'attached' });
        const drawn = await waitForCanvas(cold.page, p.scope, drewSomething);
        assert.ok(drawn.ok, `${p.name}: the map never drew (${JSON.stringify(drawn.colours.slice(0, 4))})`);
        if (p.labelled) await townLabels(cold.page, p.name);
        // A moment for late requests to fail.
        await cold.page.waitForTimeout(1_000);
        assert.equal(await container.getAttribute('data-base-map'), 'offline');
        assert.ok(cold.statuses.length >= 1, 'the map asked the server whether tiles can be had');
        assert.ok(cold.statuses.every((s) => s.available === false), JSON.stringify(cold.statuses));
        assert.deepEqual(cold.tiles, [], 'no tile was asked for');
        assert.deepEqual(cold.problems, [], 'nothing failed');
        assert.ok(await cold.page.locator(`${p.scope} .maplibregl-ctrl-attrib-inner`).filter({ hasText: 'SCB' }).count() >= 1, 'the boundaries\' source is named');
      } finally {
        await cold.page.context().close();
      }
    });
  }

  test('OpenStreetMap through the server is chosen out of the box; Lantmäteriet or the built-in map can be chosen instead', async () => {
    const cold = await coldPage(e2e, 'admin', '/admin/karta');
    try {
      const page = cold.page;
      const osm = page.getByLabel('OpenStreetMap via servern (standard)');
      await osm.waitFor();
      assert.equal(await osm.isChecked(), true);
      await axe(page, 'Administration → Bakgrundskarta');
      await page.getByLabel('Annan kartkälla, t.ex. Lantmäteriet').check();
      await page.getByRole('button', { name: 'Fyll i Lantmäteriet (topowebb)' }).click();
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.getByText('Kartkällan sparades.').waitFor();
      assert.equal((await e2e.call('admin', 'GET', '/api/settings/map')).source, 'custom');
      await page.getByLabel('Bara den inbyggda kartan (hämtar inget från internet)').check();
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.waitForFunction(async () => (await (await fetch('/api/settings/map')).json()).source === 'none');
      await osm.check();
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.waitForFunction(async () => (await (await fetch('/api/settings/map')).json()).source === 'osm');
      assert.deepEqual(cold.problems, []);
    } finally {
      await cold.page.context().close();
    }
  });
});

describe('e2e: with a tile server the maps show its tiles and OpenStreetMap\'s attribution, and fall back when it fails', { skip: skipReason() }, () => {
  let e2e: E2E;
  let upstream: TileUpstream;
  let cacheDir: string;
  let data: Seeded;
  let edition: string;
  before(async () => {
    upstream = await startTileUpstream();
    cacheDir = mkdtempSync(join(tmpdir(), 'lagesbild-e2e-tiles-'));
    e2e = await startBrowserServer<FixtureUser>({
      credentials: (u) => ({ email: FX.users[u].email, password: FX.password }),
      env: { LAGESBILD_TILE_UPSTREAM: upstream.template, LAGESBILD_TILE_CACHE: cacheDir, LAGESBILD_TILE_CONTACT: 'e2e@kommun.example' },
    });
    ({ data, edition } = await seed(e2e, 'TILES'));
  });
  after(async () => {
    await e2e?.close();
    await upstream?.close();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  for (const p of mapPages(() => data, () => edition)) {
    test(`${p.name} shows the tiles`, async () => {
      const cold = await coldPage(e2e, p.user, p.path());
      try {
        await p.prepare?.(cold.page);
        const container = mapContainer(cold.page, p.scope);
        await cold.page.locator(`${p.scope}[data-base-map="tiles"], ${p.scope} [data-base-map="tiles"]`).first().waitFor();
        const shown = await waitForCanvas(cold.page, p.scope, (c) => tileShare(c) > 0.2);
        assert.ok(shown.ok, `${p.name}: the tiles never showed (${tileShare(shown.colours).toFixed(3)} of the canvas; ${JSON.stringify(shown.colours.slice(0, 4))})`);
        const osm = cold.page.locator(`${p.scope} .maplibregl-ctrl-attrib-inner a[href="https://www.openstreetmap.org/copyright"]`);
        assert.equal(await osm.textContent(), '© OpenStreetMap-bidragsgivare');
        assert.ok(await osm.isVisible(), 'OpenStreetMap\'s contributors are named on the map');
        await cold.page.waitForTimeout(500);
        assert.equal(await container.getAttribute('data-base-map'), 'tiles');
        assert.ok(cold.tiles.length > 0 && cold.tiles.every((t) => t.status === 200), JSON.stringify(cold.tiles.slice(0, 5)));
        assert.deepEqual(cold.problems, [], 'nothing failed');
      } finally {
        await cold.page.context().close();
      }
    });
  }

  test('the server asked the tile server with a User-Agent naming Lägesbild and its operator, each tile once', () => {
    assert.ok(upstream.requests.length > 0);
    for (const r of upstream.requests) assert.match(String(r.headers['user-agent']), /^Lagesbild\/\d+\.\d+\.\d+ \(map tile proxy; \+e2e@kommun\.example\)$/);
    const paths = upstream.requests.map((r) => r.path).filter((x) => x !== '/0/0/0.png');
    assert.equal(new Set(paths).size, paths.length, 'no tile fetched twice (the cache on disk answered)');
  });

  test('when the tile server fails, the main map falls back to the offline base by itself', async () => {
    upstream.mode = 'fail-tiles';
    // Nothing on disk: every tile of the view has to come from the failing upstream.
    rmSync(cacheDir, { recursive: true, force: true });
    const cold = await coldPage(e2e, 'coordinator', '/karta');
    try {
      const container = mapContainer(cold.page, '.mv-map');
      await container.waitFor({ state: 'attached' });
      // The server had tiles a moment ago, so the map starts on them and gives them up when they fail.
      await cold.page.locator('.mv-map[data-base-map="offline"]').waitFor({ timeout: 20_000 });
      assert.deepEqual(cold.statuses.map((s) => s.available), [true]);
      await townLabels(cold.page, 'the main map after the fallback');
      // No magenta left but a speck of it in the category colours of the data.
      const drawn = await waitForCanvas(cold.page, '.mv-map', (c) => drewSomething(c) && tileShare(c) < 0.01);
      assert.ok(drawn.ok, JSON.stringify(drawn.colours.slice(0, 4)));
      // Every tile that got an answer got the proxy's 503; requests still pending when the map gave the
      // tiles up are cancelled by MapLibre (net::ERR_ABORTED), which no user sees.
      const answered = cold.tiles.filter((t) => t.status !== null);
      assert.ok(answered.length > 0 && answered.every((t) => t.status === 503), JSON.stringify(cold.tiles.filter((t) => t.status !== 503).slice(0, 5)));
      const cancelledTile = /^request failed: GET .*\/api\/tiles\/osm\/\d+\/\d+\/\d+\.png \(net::ERR_ABORTED\)$/;
      assert.deepEqual(cold.problems.filter((x) => !/^503 GET .*\/api\/tiles\/osm\/\d+\/\d+\/\d+\.png$/.test(x) && !cancelledTile.test(x)), [], 'nothing but the failed tiles');
      assert.equal(await cold.page.locator('.mv-map .maplibregl-ctrl-attrib-inner a[href="https://www.openstreetmap.org/copyright"]').count(), 0, 'OpenStreetMap is no longer named once its tiles are gone');
    } finally {
      await cold.page.context().close();
      upstream.mode = 'ok';
    }
  });
});

/**
 * The web suite (`npm run bench -- web`): what a user of the lägesbild map waits for, on PostgreSQL
 * with 100,000 and 1,000,000 synthetic Alingsås incidents (two years ending today, so the default
 * 28-day view is full).
 *
 * - "first complete map render": a fresh, logged-in Chromium context opens /#/karta and waits until
 *   the map container says data-map-state="idle" (style, boundaries and the incident layers drawn).
 *   If the page has no such attribute, it waits for network idle instead and says so on stderr.
 * - aggregate responses: /api/map/points, /api/map/grid, /api/map/hotspots and /api/stats over a
 *   fixed cycle of 24 views (zoom, bounding box, period, categories), one sequential request per timed
 *   iteration, 240 iterations (LB_WEB_BENCH_REQUESTS=n to change); the runner's median is the p50, the p99 is printed on stderr at
 *   teardown and can be recomputed from samplesMs in artifacts/bench-web.json.
 * - baseline: GET /health on the same server in the same run, so figures read as ratios.
 *
 * One bench database (CREATE DATABASE lb_bench_…, migrations, the test fixtures) serves every
 * benchmark: it is filled to 100,000 incidents for the first group and topped up to 1,000,000 for
 * the second, and dropped by the teardown of whichever benchmark runs last. Targets: first render
 * < 2 s and p99 < 100 ms at 1,000,000 incidents.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Benchmark } from './lib.ts';
import { boundaryRings } from '../src/core/geo/index.ts';
import { centresFromTatortPoints, generateIncidentColumns, uuidAt } from '../src/core/demo/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { municipalityBoundary } from '../src/setup/boundaries.ts';
import { readSharedJson } from '../src/setup/shared-data.ts';
import { FX, seedFixtures } from '../test/support/fixtures.ts';
import { exited, httpLogin, startServer } from '../test/support/process.ts';
import { launchChromium } from '../test/e2e/support/harness.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
/** Sequential requests per endpoint (≥ 200 for the record; LB_WEB_BENCH_REQUESTS lowers it for a quick look). */
const ITERATIONS = Number(process.env.LB_WEB_BENCH_REQUESTS ?? 240);
const RENDER_ITERATIONS = 5;
const CHUNK = 50_000;
/**
 * LB_WEB_BENCH_DB=name keeps the bench database between runs (created and filled the first time,
 * never dropped): for working on one benchmark without refilling a million incidents each time.
 */
const KEEP = process.env.LB_WEB_BENCH_DB && /^[a-z_][a-z0-9_]*$/.test(process.env.LB_WEB_BENCH_DB) ? process.env.LB_WEB_BENCH_DB : undefined;
const log = (m: string) => process.stderr.write(`    [web] ${m}\n`);

interface Env {
  name: string;
  url: string;
  server: Awaited<ReturnType<typeof startServer>>;
  headers: Record<string, string>;
  count: number;
  browser?: Browser;
  storage?: Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>;
  categoryIds: Record<string, string>;
}

let shared: Promise<Env> | undefined;
let pendingDrop: NodeJS.Timeout | undefined;

/**
 * Every teardown schedules the drop; the next benchmark's setup cancels it (the runner goes from one
 * teardown to the next setup without yielding to timers). So the teardown of whichever benchmark runs
 * last — whatever the name filter chose — drops the database and stops the server and browser.
 */
function scheduleDrop(): void {
  clearTimeout(pendingDrop);
  pendingDrop = setTimeout(() => void drop(), 1000);
}

/** The bench database, filled server and browser, created once and shared by every benchmark. */
async function env(): Promise<Env> {
  clearTimeout(pendingDrop);
  try {
    return await createEnv();
  } catch (e) {
    scheduleDrop();
    throw e;
  }
}

function createEnv(): Promise<Env> {
  shared ??= (async () => {
    const name = KEEP ?? `lb_bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    const url = u.toString();
    if (!KEEP) created = { name };
    const db = await openPostgres(url);
    let count = 0;
    try {
      if (!exists) {
        await migrate(db);
        await seedFixtures(db);
      }
      count = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE source = 'bench'`)).rows[0].n;
    } finally {
      await db.close();
    }
    const server = await startServer({ DATABASE_URL: url, DATA_DIR: undefined });
    const headers = await httpLogin(server.url, FX.users.coordinator.email, FX.password);
    const cats = (await (await fetch(`${server.url}/api/categories`, { headers })).json()) as Array<{ id: string; code: string; municipalityId: string }>;
    const categoryIds = Object.fromEntries(cats.filter((c) => c.municipalityId === FX.alingsas).map((c) => [c.code, c.id]));
    // A first answer before the baseline is timed (the connection pool, the categories).
    if (count) await (await fetch(`${server.url}/api/stats`, { headers })).arrayBuffer();
    log(`database ${name} ready${exists ? ` (kept, ${count.toLocaleString('en')} incidents)` : ''}, server at ${server.url}`);
    return { name, url, server, headers, count, categoryIds };
  })();
  return shared;
}

let created: { name: string } | undefined;

async function drop(): Promise<void> {
  const s = shared;
  shared = undefined;
  const e = await s?.catch(() => undefined);
  if (e) {
    await e.browser?.close().catch(() => undefined);
    e.server.proc.kill('SIGTERM');
    await exited(e.server.proc);
  }
  if (!created) return;
  const { name } = created;
  created = undefined;
  const a = new pg.Client({ connectionString: ADMIN_URL });
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await a.end();
  log(`database ${name} dropped`);
}

/** Today (UTC midnight) + 1 day: the generator's period ends here, so "the last 28 days" is full. */
const END = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
END.setUTCDate(END.getUTCDate() + 1);

/** Tops the bench database up to `n` incidents (bulk INSERT … SELECT FROM unnest, 50,000 a chunk). */
async function ensureIncidents(e: Env, n: number): Promise<void> {
  if (e.count >= n) return;
  const add = n - e.count;
  const t0 = performance.now();
  const boundary = municipalityBoundary(FX.alingsas);
  const centres = centresFromTatortPoints(readSharedJson('boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson'));
  const { columns: c } = generateIncidentColumns({ seed: 1489 + e.count, count: add, end: END, boundary: boundaryRings(boundary.geometry3006), centres });
  const tGen = performance.now();
  const orgOf: Record<string, string> = { alingsashem: FX.orgs.alingsashem, polisen: FX.orgs.polisen, bevakning: FX.orgs.bevakning };
  const orgIds = c.organisationKeys.map((k) => orgOf[k] ?? FX.orgs.kommun);
  const catIds = c.categoryCodes.map((code) => {
    const id = e.categoryIds[code];
    if (!id) throw new Error(`the generator's category ${code} is not among the fixture's categories`);
    return id;
  });
  const precisions = ['gps', 'map', 'place'];
  const reviewedBefore = END.getTime() - 14 * 86_400_000;
  const db = await openPostgres(e.url, { max: 1 });
  try {
    for (let s = 0; s < add; s += CHUNK) {
      const m = Math.min(CHUNK, add - s);
      const ids: string[] = [], cat: string[] = [], from: number[] = [], to: number[] = [], rep: number[] = [], x: number[] = [], y: number[] = [];
      const prec: string[] = [], place: (string | null)[] = [], desc: string[] = [], org: string[] = [], police: boolean[] = [], assess: (number | null)[] = [];
      const status: string[] = [], vis: string[] = [];
      for (let k = 0; k < m; k++) {
        const i = s + k;
        ids.push(uuidAt(c, i));
        cat.push(catIds[c.category[i]]);
        from.push(c.occurredFrom[i] / 1000); to.push(c.occurredTo[i] / 1000); rep.push(c.reportedAt[i] / 1000);
        x.push(c.x[i]); y.push(c.y[i]);
        prec.push(precisions[c.precision[i]]);
        place.push(c.place[i] >= 0 ? c.placeNames[c.place[i]] : null);
        desc.push(c.descriptions[c.description[i]]);
        org.push(orgIds[c.organisation[i]]);
        police.push(c.reportedToPolice[i] === 1);
        assess.push(c.assessment[i] || null);
        status.push(c.reportedAt[i] < reviewedBefore ? 'reviewed' : 'new');
        vis.push(c.organisationKeys[c.organisation[i]] === 'polisen' && i % 10 === 0 ? 'restricted' : 'normal');
      }
      await db.query(
        `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, position_precision,
           place_name, description, organisation_id, reported_to_police, assessment, source, review_status, visibility)
         SELECT id, '${FX.alingsas}', cat, to_timestamp(f), to_timestamp(t), to_timestamp(r), ST_SetSRID(ST_MakePoint(x, y), 3006), prec,
           place, descr, org, police, assess, 'bench', status, vis
           FROM unnest($1::uuid[], $2::uuid[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::text[],
                       $9::text[], $10::text[], $11::uuid[], $12::boolean[], $13::smallint[], $14::text[], $15::text[])
             AS u(id, cat, f, t, r, x, y, prec, place, descr, org, police, assess, status, vis)`,
        [ids, cat, from, to, rep, x, y, prec, place, desc, org, police, assess, status, vis]);
    }
    await db.query('VACUUM ANALYZE incidents');
  } finally {
    await db.close();
  }
  e.count = n;
  log(`${add.toLocaleString('en')} incidents generated in ${((tGen - t0) / 1000).toFixed(1)} s, inserted in ${((performance.now() - tGen) / 1000).toFixed(1)} s (now ${n.toLocaleString('en')})`);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysBefore = (days: number) => iso(new Date(END.getTime() - days * 86_400_000));

/**
 * The fixed cycle of views: zoom levels from the whole municipality to a street, bounding boxes
 * around the centre of Alingsås, periods from the default four weeks to two years, with and without
 * a category filter. Deterministic, so every run asks the same questions.
 */
function views(e: Env): Array<Record<string, string>> {
  const centre = { lon: 12.5325, lat: 57.93 };
  const box = (zoom: number) => {
    // The visible extent of a 1280 × 800 viewport at this zoom (Web Mercator, 256-px tiles).
    const w = (1280 / 256) * (360 / 2 ** zoom) / 2, h = (800 / 256) * (360 / 2 ** zoom) * Math.cos((centre.lat * Math.PI) / 180) / 2;
    return [centre.lon - w, centre.lat - h, centre.lon + w, centre.lat + h].map((v) => v.toFixed(5)).join(',');
  };
  const periods: Array<Record<string, string>> = [
    {}, // the default: the last 28 days
    { from: daysBefore(90), to: daysBefore(0) },
    { from: daysBefore(365), to: daysBefore(0) },
    { from: daysBefore(730), to: daysBefore(0) },
  ];
  const categories = [undefined, [e.categoryIds['skadegorelse.klotter']], [e.categoryIds['nedskrapning'], e.categoryIds['narkotika'] ?? e.categoryIds['nedskrapning']]];
  const out: Array<Record<string, string>> = [];
  for (const zoom of [10, 12, 13, 14, 15, 16]) {
    for (const [pi, period] of periods.entries()) {
      const cats = categories[(zoom + pi) % categories.length];
      const v: Record<string, string> = { zoom: String(zoom), ...period, municipality: FX.alingsas };
      if (zoom >= 12) v.bbox = box(zoom);
      if (cats) v.categories = cats.filter(Boolean).join(',');
      out.push(v);
    }
  }
  return out;
}

interface Ctx { e: Env; views: Array<Record<string, string>>; i: number; samples: number[]; path: string; extra: (v: Record<string, string>) => Record<string, string> }

function endpointBench(size: number, label: string, path: string, extra: Ctx['extra']): Benchmark<Ctx> {
  return {
    suite: 'web',
    name: `${label} at ${size.toLocaleString('en')} incidents (PostgreSQL)`,
    baseline: 'web baseline: GET /health',
    iterations: ITERATIONS,
    // The runner judges targets on the median; this one is on the p99, printed at teardown.
    target: size === 1_000_000 ? { description: 'p99 < 100 ms: see the p99 line' } : undefined,
    async setup() {
      const e = await env();
      await ensureIncidents(e, size);
      const vs = views(e);
      // One untimed pass over the views: the p99 is the warm server's, as users meet it after its
      // first minutes. The cold pass (first code paths compiled) is logged, not hidden.
      let cold = 0;
      for (const v of vs) {
        const t0 = performance.now();
        const r = await fetch(`${e.server.url}${path}?${new URLSearchParams(extra(v))}`, { headers: e.headers });
        await r.arrayBuffer();
        cold = Math.max(cold, performance.now() - t0);
      }
      log(`${label} at ${size.toLocaleString('en')}: untimed first pass over the ${vs.length} views, slowest ${cold.toFixed(1)} ms`);
      return { e, views: vs, i: 0, samples: [], path, extra };
    },
    async run(ctx) {
      const v = ctx.views[ctx.i++ % ctx.views.length];
      const q = new URLSearchParams(ctx.extra(v)).toString();
      const t0 = performance.now();
      const r = await fetch(`${ctx.e.server.url}${ctx.path}?${q}`, { headers: ctx.e.headers }).catch((err: Error) => {
        throw new Error(`${ctx.path}?${q}: ${err.message} (${(err.cause as Error | undefined)?.message ?? ''}); server exit ${ctx.e.server.proc.exitCode ?? ctx.e.server.proc.signalCode ?? 'none'}, its last output:\n${ctx.e.server.output().slice(-3000)}`);
      });
      const body = await r.arrayBuffer();
      const ms = performance.now() - t0;
      if (!r.ok) throw new Error(`${ctx.path}?${q}: ${r.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
      ctx.samples.push(ms);
      return body.byteLength;
    },
    async teardown(ctx) {
      // The first sample is the runner's warm-up.
      report(`${label} at ${size.toLocaleString('en')}`, ctx.samples.slice(1), size === 1_000_000 ? 100 : undefined);
      // Which views are slow: the three with the highest median (sample k asked view k mod n).
      const byView = ctx.views.map((v, j) => {
        const xs = ctx.samples.filter((_, k) => k > 0 && k % ctx.views.length === j).sort((a, b) => a - b);
        return { q: new URLSearchParams(ctx.extra(v)).toString(), median: xs[xs.length >> 1] ?? NaN };
      }).sort((a, b) => b.median - a.median);
      for (const v of byView.slice(0, 3)) log(`  slowest views: ${v.median.toFixed(1)} ms  ${decodeURIComponent(v.q)}`);
      scheduleDrop();
    },
  };
}

function report(label: string, samples: number[], targetMs?: number): void {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const p99 = q(0.99);
  const mark = targetMs === undefined ? '' : p99 < targetMs ? ` ✓ < ${targetMs} ms` : ` ✗ target < ${targetMs} ms`;
  log(`${label}: n=${s.length} p50 ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms${mark}`);
}

interface RenderCtx { e: Env; context: BrowserContext; mode: 'idle' | 'networkidle'; samples: number[] }

function renderBench(size: number): Benchmark<RenderCtx> {
  return {
    suite: 'web',
    name: `first complete map render at ${size.toLocaleString('en')} incidents (PostgreSQL, Chromium)`,
    iterations: RENDER_ITERATIONS,
    baseline: 'web baseline: GET /health',
    target: size === 1_000_000 ? { ms: 2000, description: 'first complete render < 2 s' } : undefined,
    async setup() {
      const e = await env();
      await ensureIncidents(e, size);
      if (!e.browser) {
        e.browser = await launchChromium();
        const context = await e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE' });
        const page = await context.newPage();
        await page.goto(`${e.server.url}/#/`);
        await page.getByLabel('E-postadress').fill(FX.users.coordinator.email);
        await page.getByLabel('Lösenord').fill(FX.password);
        await page.getByRole('button', { name: 'Logga in' }).click();
        await page.getByRole('banner').waitFor();
        e.storage = await context.storageState();
        await context.close();
      }
      // Does the map page report its state? W2's map sets data-map-state on its container.
      // No service worker: a first visit has none, and one would serve the later pages from its cache.
      const context = await e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE', storageState: e.storage, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(`${e.server.url}/#/karta`);
      const has = await page.waitForSelector('[data-map-state]', { timeout: 15_000 }).then(() => true, () => false);
      await page.close();
      if (!has) log('the map page has no data-map-state attribute: timing to network idle instead (not a complete-render measure)');
      return { e, context, mode: has ? 'idle' : 'networkidle', samples: [] };
    },
    async run(ctx) {
      // A new page with the HTTP cache off in the one logged-in context: a first visit's downloads
      // without timing the opening of a browser context.
      const page = await ctx.context.newPage();
      try {
        const cdp = await ctx.context.newCDPSession(page);
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        const t0 = performance.now();
        if (ctx.mode === 'idle') {
          await page.goto(`${ctx.e.server.url}/#/karta`);
          await page.waitForSelector('[data-map-state="idle"]', { timeout: 60_000 });
        } else {
          await page.goto(`${ctx.e.server.url}/#/karta`, { waitUntil: 'networkidle', timeout: 60_000 });
        }
        const ms = performance.now() - t0;
        ctx.samples.push(ms);
        // The user's wait is the navigation: not opening the page and its CDP session around it.
        return { measuredMs: ms };
      } finally {
        await page.close();
      }
    },
    async teardown(ctx) {
      report(`first render (${ctx.mode}) at ${size.toLocaleString('en')}`, ctx.samples.slice(1), size === 1_000_000 ? 2000 : undefined);
      await ctx.context.close();
      scheduleDrop();
    },
  };
}

const withPeriod = (v: Record<string, string>) => { const { zoom: _z, ...rest } = v; return rest; };

function group(size: number): Benchmark<any>[] {
  return [
    renderBench(size),
    endpointBench(size, 'GET /api/map/points', '/api/map/points', (v) => v),
    endpointBench(size, 'GET /api/map/grid', '/api/map/grid', (v) => ({ ...withPeriod(v), cellSize: String(Math.max(50, 25 * 2 ** (17 - Number(v.zoom)))) })),
    endpointBench(size, 'GET /api/map/hotspots', '/api/map/hotspots', (v) => ({ ...withPeriod(v), cellSize: String(Number(v.zoom) >= 14 ? 100 : 250) })),
    endpointBench(size, 'GET /api/stats', '/api/stats', withPeriod),
  ];
}

const benchmarks: Benchmark<any>[] = [
  {
    suite: 'web',
    name: 'web baseline: GET /health',
    iterations: ITERATIONS,
    async setup() { return { e: await env(), samples: [] as number[] }; },
    async run(ctx: { e: Env; samples: number[] }) {
      const t0 = performance.now();
      const r = await fetch(`${ctx.e.server.url}/health`);
      await r.arrayBuffer();
      ctx.samples.push(performance.now() - t0);
      if (!r.ok) throw new Error(`/health: ${r.status}`);
    },
    teardown(ctx: { samples: number[] }) { report('GET /health', ctx.samples.slice(1)); scheduleDrop(); },
  },
  ...group(100_000),
  ...group(1_000_000),
];

export default benchmarks;

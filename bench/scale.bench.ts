/**
 * The national-scale suite (`npm run bench -- scale`, issue 14 item 6): the app as a black box on
 * 10,000,000 incidents over the 50 largest municipalities (bench/scale/dataset.ts), on PostgreSQL and,
 * with LB_SCALE_CITUS_URL, on a Citus cluster: time from start to /ready and resident memory, the map's
 * points, grid and hotspots and the side panel for the largest municipality and for a police area of
 * two, and report submission at a fixed offered rate (open loop) and from 50 clients (closed loop)
 * while the rollups take the reports in. Every figure is also read against GET /health and a
 * `SELECT 1` round trip measured in the same run. See bench/README.md ("scale") for the settings.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Benchmark } from './lib.ts';
import { createDatabase, databaseExists, dropDatabase, planDataset, readMarker, sameDataset, type DatasetPlan } from './scale/dataset.ts';
import { nameOf, openEngine, waitForRollups, type EngineEnv } from './scale/engine.ts';
import {
  closedLoop, coarserHotspotCell, ENDPOINTS, memoryOf, openLoop, quantile, reportSender, startServer, timedGet, viewUrl, type Endpoint, type LoadResult, type View,
} from './scale/measure.ts';
import { ROOT } from '../test/support/process.ts';

const env = process.env;
const int = (name: string, fallback: number) => {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${v}"`);
  return n;
};

export const SETTINGS = {
  incidents: int('LB_SCALE_INCIDENTS', 10_000_000),
  municipalities: int('LB_SCALE_MUNICIPALITIES', 50),
  seed: int('LB_SCALE_SEED', 14),
  requests: int('LB_SCALE_REQUESTS', 200),
  loadSeconds: int('LB_SCALE_LOAD_SECONDS', 20),
  rate: int('LB_SCALE_RATE', 200),
  clients: int('LB_SCALE_CLIENTS', 50),
  readyStarts: int('LB_SCALE_READY_STARTS', 3),
  drop: env.LB_SCALE_DROP === '1',
  /** LB_SCALE_BUILD=1: compile the server first (.cache/scale-build) and start that, as production runs it. */
  build: env.LB_SCALE_BUILD === '1',
};

/** The PostgreSQL database: LB_SCALE_DATABASE_URL, else lb_scale_<incidents> on TEST_DATABASE_URL's server. */
function postgresUrl(): string {
  if (env.LB_SCALE_DATABASE_URL) return env.LB_SCALE_DATABASE_URL;
  const u = new URL(env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
  u.pathname = `/lb_scale_${SETTINGS.incidents}`;
  return u.toString();
}

const log = (m: string) => process.stderr.write(`    [scale] ${m}\n`);
const TARGETS = { viewP99: 100, citusRatio: 1.5, rssMB: 400, readyMs: 3000, openP99: 50, closedPerS: 1000 };

interface Engine { label: 'PostgreSQL' | 'Citus'; url: string; ownDatabase: boolean }
const engines: Engine[] = [
  { label: 'PostgreSQL', url: postgresUrl(), ownDatabase: true },
  ...(env.LB_SCALE_CITUS_URL ? [{ label: 'Citus' as const, url: env.LB_SCALE_CITUS_URL, ownDatabase: false }] : []),
];

// ---- shared state: one data set per engine, made once, and the run's figures ----

let plan: DatasetPlan | undefined;
const envs = new Map<string, Promise<EngineEnv>>();
const created = new Set<string>();
let pendingDrop: NodeJS.Timeout | undefined;

interface Row { engine: string; what: string; n: number; p50: number; p90?: number; p99: number; max?: number; extra?: string }
const rows: Row[] = [];
const facts: Record<string, Record<string, unknown>> = {};
const fact = (engine: string, key: string, value: unknown) => { (facts[engine] ??= {})[key] = value; };

async function planned(): Promise<DatasetPlan> {
  if (plan) return plan;
  // The app's periods end today: the data's two years end at tomorrow's midnight (UTC) when made.
  const end = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  end.setUTCDate(end.getUTCDate() + 1);
  const p = planDataset({ incidents: SETTINGS.incidents, municipalities: SETTINGS.municipalities, seed: SETTINGS.seed, end });
  // A kept data set keeps its own end: its views are the ones of the day it was made.
  for (const e of engines) {
    const exists = !e.ownDatabase || await databaseExists(e.url);
    const m = exists ? await readMarker(e.url) : null;
    if (sameDataset(m, p)) { p.end = m!.end; break; }
  }
  plan = p;
  return p;
}

let dist: string | undefined;
let built = false;
/** With LB_SCALE_BUILD=1, the server compiled once into .cache/scale-build (scripts/build-server.mjs). */
function buildServer(): string | undefined {
  if (!SETTINGS.build || built) return dist;
  built = true;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs'), '--out', '.cache/scale-build'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the server build failed:\n${r.stderr}${r.stdout}`);
  dist = join(ROOT, '.cache/scale-build');
  log(`server compiled into .cache/scale-build in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return dist;
}

/** The engine's data set and server, made once; every setup asks, so any filtered selection works. */
function engineEnv(e: Engine): Promise<EngineEnv> {
  clearTimeout(pendingDrop);
  let p = envs.get(e.label);
  if (!p) {
    p = (async () => {
      const pl = await planned();
      if (e.ownDatabase && !(await databaseExists(e.url))) {
        await createDatabase(e.url);
        created.add(e.url);
        log(`${e.label}: created ${new URL(e.url).pathname.slice(1)}`);
      }
      const t0 = performance.now();
      const x = await openEngine(e.label, e.url, pl, (m) => log(`${e.label}: ${m}`), { dist: buildServer() });
      if (e.label === 'Citus' && !x.distributed) log('Citus: ✗ incidents is not a distributed table in LB_SCALE_CITUS_URL (is it a Citus coordinator, and does migrate distribute yet?): these figures are of one server');
      fact(e.label, 'dataset', {
        incidents: pl.incidents, municipalities: pl.municipalities.length, reused: x.info.reused, generationSeconds: x.info.seconds,
        largest: `${nameOf(pl, pl.largest)} (${pl.largest}, ${pl.municipalities[0].count.toLocaleString('en')} incidents)`,
        policeArea: `${nameOf(pl, pl.largest)} + ${nameOf(pl, pl.partner)} (${pl.municipalities.find((m) => m.code === pl.partner)!.count.toLocaleString('en')})`,
        dataEnds: pl.end.slice(0, 10), distributed: x.distributed, serverRuns: x.server.mode, settleSeconds: x.settleMs / 1000, firstReadyMs: x.server.readyMs,
        setupSeconds: (performance.now() - t0) / 1000,
      });
      fact(e.label, 'serverSettings', x.settings);
      return x;
    })();
    envs.set(e.label, p);
    p.catch(() => scheduleDrop());
  }
  return p;
}

/** The last teardown (whatever the filter chose) stops the servers and prints the summary. */
function scheduleDrop(): void {
  clearTimeout(pendingDrop);
  pendingDrop = setTimeout(() => void finish(), 1000);
}

async function finish(): Promise<void> {
  for (const [label, p] of envs) {
    const x = await p.catch(() => undefined);
    if (!x) continue;
    fact(label, 'serverMemoryAtEnd', memoryOf(x.server.proc.pid!));
    fact(label, 'reportsPosted', { thisRun: x.posted.length, earlierRunsRemovedAtStart: x.removedAtStart });
    await x.server.stop();
  }
  envs.clear();
  for (const url of created) {
    if (SETTINGS.drop) { await dropDatabase(url); log(`dropped ${new URL(url).pathname.slice(1)}`); }
  }
  for (const e of engines) if (!SETTINGS.drop && e.ownDatabase) log(`${e.label}: data set kept in ${new URL(e.url).pathname.slice(1)} (LB_SCALE_DROP=1 drops it)`);
  summary();
}

// ---- the summary: p50/p99 against the baselines and the issue's targets ----

const fmt = (ms: number) => (Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) : '–');
const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? '✓' : '✗');

function summary(): void {
  if (!rows.length) return;
  const base = (engine: string) => rows.find((r) => r.engine === engine && r.what === 'GET /health')?.p50;
  const pgRow = (what: string) => rows.find((r) => r.engine === 'PostgreSQL' && r.what === what);
  const lines = ['| engine | measure | n | p50 ms | p99 ms | p50 ÷ /health p50 | target |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const b = base(r.engine);
    let target = '';
    if (r.what.startsWith('GET /api/') && !r.what.includes(' during ')) {
      target = r.engine === 'Citus' && pgRow(r.what)
        ? `${mark(r.p99 <= TARGETS.citusRatio * pgRow(r.what)!.p99)} p99 ≤ 1.5 × PostgreSQL (${(r.p99 / pgRow(r.what)!.p99).toFixed(2)}×)`
        : `${mark(r.p99 < TARGETS.viewP99)} p99 < 100 ms`;
    } else if (r.what.startsWith('reports, open loop')) target = `${mark(r.p99 < TARGETS.openP99)} p99 < 50 ms`;
    else if (r.what.startsWith('reports, closed loop')) target = `${mark(Number(r.extra?.match(/^([\d.]+)/)?.[1]) >= TARGETS.closedPerS)} ≥ 1,000/s`;
    else if (r.what === 'start → /ready') target = `${mark(r.p50 < TARGETS.readyMs)} < 3 s`;
    lines.push(`| ${r.engine} | ${r.what}${r.extra ? ` (${r.extra})` : ''} | ${r.n} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${b && /^(GET \/api|reports|SELECT)/.test(r.what) ? `${(r.p50 / b).toFixed(1)}×` : ''} | ${target} |`);
  }
  for (const [engine, f] of Object.entries(facts)) {
    const mem = f.serverMemoryAtEnd as { rssMB: number; peakMB: number } | undefined;
    if (mem) lines.push(`| ${engine} | server memory at the end (VmRSS / VmHWM) | | ${mem.rssMB.toFixed(0)} MB | ${mem.peakMB.toFixed(0)} MB | | ${mark(mem.peakMB < TARGETS.rssMB)} < 400 MB |`);
  }
  const text = lines.join('\n');
  process.stderr.write(`\n${text}\n\n${Object.entries(facts).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')}\n`);
  mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
  writeFileSync(join(ROOT, 'artifacts', 'bench-scale-summary.json'), JSON.stringify({
    date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length,
    memoryGB: +(totalmem() / 2 ** 30).toFixed(1), settings: SETTINGS, targets: TARGETS, facts, rows,
  }, null, 2) + '\n');
  process.stderr.write('    [scale] written: artifacts/bench-scale-summary.json\n');
}

function record(engine: string, what: string, samples: number[], extra?: string): Row {
  const r = { engine, what, n: samples.length, p50: quantile(samples, 0.5), p90: quantile(samples, 0.9), p99: quantile(samples, 0.99), max: Math.max(...samples), extra };
  rows.push(r);
  log(`${engine}: ${what}${extra ? ` (${extra})` : ''}: n=${r.n} p50 ${fmt(r.p50)} ms, p90 ${fmt(r.p90)} ms, p99 ${fmt(r.p99)} ms, max ${fmt(r.max)} ms`);
  return r;
}

// ---- the benchmarks ----

const SCOPES = [
  { key: 'municipality', label: 'largest municipality', headers: 'coordinator' },
  { key: 'policeArea', label: 'police area of two', headers: 'policeArea' },
] as const;
const PATHS: Record<Endpoint, string> = { points: 'GET /api/map/points', grid: 'GET /api/map/grid', hotspots: 'GET /api/map/hotspots', stats: 'GET /api/stats' };

interface SampleCtx { x: EngineEnv; samples: number[]; client?: pg.Client }

function baselines(e: Engine): Benchmark<SampleCtx>[] {
  return [
    {
      suite: 'scale', name: `scale baseline: SELECT 1 round trip (${e.label})`, iterations: SETTINGS.requests,
      async setup() { const x = await engineEnv(e); const client = new pg.Client({ connectionString: e.url }); await client.connect(); return { x, samples: [], client }; },
      async run(ctx) { const t0 = performance.now(); await ctx.client!.query('SELECT 1'); ctx.samples.push(performance.now() - t0); },
      async teardown(ctx) { await ctx.client?.end(); record(e.label, 'SELECT 1', ctx.samples.slice(1)); scheduleDrop(); },
    },
    {
      suite: 'scale', name: `scale baseline: GET /health (${e.label})`, iterations: SETTINGS.requests,
      async setup() { return { x: await engineEnv(e), samples: [] }; },
      async run(ctx) { ctx.samples.push((await timedGet(`${ctx.x.server.url}/health`, {})).ms); },
      teardown(ctx) { record(e.label, 'GET /health', ctx.samples.slice(1)); scheduleDrop(); },
    },
  ];
}

interface ReadyCtx { x: EngineEnv; samples: number[]; health: number[]; modes: Set<string>; memory: Array<{ rssMB: number; peakMB: number }> }

function readyBench(e: Engine): Benchmark<ReadyCtx> {
  return {
    suite: 'scale', name: `${e.label}: time from start to /ready, and memory when ready`, iterations: SETTINGS.readyStarts,
    baseline: `scale baseline: GET /health (${e.label})`,
    target: { ms: TARGETS.readyMs, description: 'ready < 3 s' },
    async setup() { return { x: await engineEnv(e), samples: [], health: [], modes: new Set(), memory: [] }; },
    async run(ctx) {
      // A second process on the same database, as a deployment with several app processes starts one.
      const s = await startServer(ctx.x.url, undefined, dist);
      try {
        ctx.samples.push(s.readyMs);
        ctx.health.push(s.healthMs);
        ctx.modes.add(s.mode);
        ctx.memory.push(memoryOf(s.proc.pid!));
        return { measuredMs: s.readyMs };
      } finally {
        await s.stop();
      }
    },
    teardown(ctx) {
      const m = ctx.memory.slice(1);
      const how = [...ctx.modes].map((x) => (x === 'build' ? 'compiled build' : 'sources through tsx')).join(' and ');
      record(e.label, 'start → /health (listening)', ctx.health.slice(1), how);
      record(e.label, 'start → /ready', ctx.samples.slice(1), `${how}; VmRSS when ready ${Math.max(...m.map((x) => x.rssMB)).toFixed(0)} MB`);
      fact(e.label, 'memoryWhenReadyMB', Math.max(...m.map((x) => x.rssMB)));
      scheduleDrop();
    },
  };
}

interface ViewCtx { x: EngineEnv; views: View[]; headers: Record<string, string>; i: number; samples: number[] }

function viewBench(e: Engine, endpoint: Endpoint, scope: (typeof SCOPES)[number]): Benchmark<ViewCtx> {
  return {
    suite: 'scale', name: `${e.label}: ${PATHS[endpoint]}, ${scope.label}`, iterations: SETTINGS.requests,
    baseline: `scale baseline: GET /health (${e.label})`,
    async setup() {
      const x = await engineEnv(e);
      const views = x.views[scope.key].map((v) => ({ ...v })), headers = x.headers[scope.headers];
      // One untimed pass: the figures are the warm server's; the cold pass's slowest is logged.
      let cold = 0;
      for (const v of views) {
        let r = await timedGet(`${x.server.url}${viewUrl(endpoint, v)}`, headers, endpoint === 'hotspots' ? [422] : []);
        const coarser = r.status === 422 ? coarserHotspotCell(r.body) : null;
        if (r.status === 422) {
          if (coarser === null) throw new Error(`GET ${viewUrl(endpoint, v)}: 422 ${r.body.slice(0, 300)}`);
          log(`${e.label}: ${scope.label}: hotspot cell ${v.hotspotCell} m refused over the area; ${coarser} m, as a user would choose`);
          v.hotspotCell = coarser;
          r = await timedGet(`${x.server.url}${viewUrl(endpoint, v)}`, headers);
        }
        cold = Math.max(cold, r.ms);
      }
      log(`${e.label}: ${PATHS[endpoint]}, ${scope.label}: untimed first pass over ${views.length} views, slowest ${fmt(cold)} ms`);
      return { x, views, headers, i: 0, samples: [] };
    },
    async run(ctx) {
      const r = await timedGet(`${ctx.x.server.url}${viewUrl(endpoint, ctx.views[ctx.i++ % ctx.views.length])}`, ctx.headers);
      ctx.samples.push(r.ms);
      return { measuredMs: r.ms };
    },
    teardown(ctx) {
      record(e.label, `${PATHS[endpoint]}, ${scope.label}`, ctx.samples.slice(1));
      const n = ctx.views.length;
      // Sample k asked view k mod n (sample 0 is the runner's warm-up, of view 0).
      const byView = ctx.views.map((v, j) => ({ v, median: quantile(ctx.samples.filter((_, k) => k > 0 && k % n === j), 0.5) }))
        .sort((a, b) => b.median - a.median).slice(0, 2);
      for (const s of byView) log(`  slowest view: ${fmt(s.median)} ms  ${decodeURIComponent(viewUrl(endpoint, s.v))}`);
      scheduleDrop();
    },
  };
}

interface LoadCtx { x: EngineEnv; warm: boolean; result?: LoadResult; reads: number[] }

/**
 * A load phase with the side panel read meanwhile (the coordinator's default view every 250 ms), then
 * a check that the panel counts every report that was accepted, and the time until the rollups have
 * taken them all in.
 */
async function loadPhase(x: EngineEnv, seconds: number, drive: (send: ReturnType<typeof reportSender>, seconds: number) => Promise<LoadResult>, reads: number[]) {
  const send = reportSender(x.server.url, x.headers.reporter, x.positions);
  const today = new Date();
  const q = `?from=${new Date(today.getTime() - 2 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(today.getTime() + 2 * 86_400_000).toISOString().slice(0, 10)}`;
  const total = async () => (JSON.parse((await timedGet(`${x.server.url}/api/stats${q}`, x.headers.coordinator)).body) as { total: number }).total;
  const before = await total();
  let reading = true;
  const reader = (async () => {
    while (reading) {
      reads.push((await timedGet(`${x.server.url}/api/stats`, x.headers.coordinator)).ms);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const result = await drive(send, seconds).finally(() => { reading = false; });
  await reader;
  x.posted.push(...result.created);
  const after = await total();
  const t0 = performance.now();
  await waitForRollups(x.url, () => {}, 600_000, false);
  return { result, counted: after - before, catchUpMs: performance.now() - t0 };
}

function loadBench(e: Engine, kind: 'open' | 'closed'): Benchmark<LoadCtx> {
  const what = kind === 'open' ? `reports, open loop, ${SETTINGS.rate}/s offered` : `reports, closed loop, ${SETTINGS.clients} clients`;
  return {
    suite: 'scale', name: `${e.label}: POST /api/incidents, ${what.slice('reports, '.length)}`, iterations: 1,
    baseline: `scale baseline: GET /health (${e.label})`,
    async setup() { return { x: await engineEnv(e), warm: false, reads: [] }; },
    async run(ctx) {
      const drive = kind === 'open'
        ? (s: ReturnType<typeof reportSender>, sec: number) => openLoop(s, SETTINGS.rate, sec)
        : (s: ReturnType<typeof reportSender>, sec: number) => closedLoop(s, SETTINGS.clients, sec);
      // The runner's warm-up: two seconds of the same load, not a whole phase.
      const seconds = ctx.warm ? SETTINGS.loadSeconds : 2;
      const reads: number[] = [];
      const { result, counted, catchUpMs } = await loadPhase(ctx.x, seconds, drive, reads);
      if (!ctx.warm) { ctx.warm = true; return { measuredMs: quantile(result.latencies, 0.5) }; }
      ctx.result = result;
      ctx.reads = reads;
      if (counted !== result.created.length) log(`${e.label}: ✗ the side panel counted ${counted} new reports, ${result.created.length} were accepted`);
      fact(e.label, kind === 'open' ? 'openLoop' : 'closedLoop', {
        sent: result.latencies.length + result.dropped, accepted: result.created.length, errors: result.errors, dropped: result.dropped,
        seconds: +result.seconds.toFixed(1), throughputPerS: +result.throughput.toFixed(1), countedInPanel: counted, rollupsCaughtUpMs: +catchUpMs.toFixed(0),
        memory: memoryOf(ctx.x.server.proc.pid!),
      });
      return { measuredMs: quantile(result.latencies, 0.5) };
    },
    teardown(ctx) {
      const r = ctx.result;
      if (r) {
        record(e.label, what, r.latencies, `${r.throughput.toFixed(0)}/s answered, ${r.errors} errors${r.dropped ? `, ${r.dropped} not sent` : ''}`);
        record(e.label, `GET /api/stats during the ${kind}-loop reports`, ctx.reads);
      }
      scheduleDrop();
    },
  };
}

function forEngine(e: Engine): Benchmark<any>[] {
  return [
    ...baselines(e),
    readyBench(e),
    ...SCOPES.flatMap((scope) => ENDPOINTS.map((ep) => viewBench(e, ep, scope))),
    loadBench(e, 'open'),
    loadBench(e, 'closed'),
  ];
}

const benchmarks: Benchmark<any>[] = engines.flatMap(forEngine);

export default benchmarks;

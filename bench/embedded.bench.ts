/**
 * `npm run bench -- embedded`: report submission on the embedded engine (PGlite), as `npm start`
 * runs it for a laptop or a small municipality. A `lagesbild demo` process of its own (the demo data
 * in a temporary DATA_DIR), the demo reporter posting reports as the app's form does from clients
 * that send again as soon as they are answered: 10 clients, then 50. Issue 14's targets: p99 under
 * 200 ms with 10 clients, and no request slower than 1 s with 50. Each phase has a two-second warm-up
 * of the same load; the figures are reported against GET /health measured in the same run.
 *
 * | variable | default | |
 * | --- | --- | --- |
 * | `LB_EMBEDDED_SECONDS` | 20 | length of each report phase |
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './lib.ts';
import { closedLoop, login, quantile, reportSender, startServer, timedGet, type Server } from './scale/measure.ts';

const SECONDS = Number(process.env.LB_EMBEDDED_SECONDS ?? 20);
const DEMO_REPORTER = { email: 'rapportor@demo.lagesbild.se', password: 'lagesbild-demo' };
/** Alingsås' centre in SWEREF 99 TM: the reports fall within 200 m of it, inside the municipality. */
const CENTRE = { e: 353_586, n: 6_423_563 };

const log = (m: string) => process.stderr.write(`    [embedded] ${m}\n`);

interface Env {
  server: Server;
  dir: string;
  reporter: Record<string, string>;
  positions: Array<{ e: number; n: number; categoryId: string }>;
}

let shared: Promise<Env> | null = null;
let pendingStop: NodeJS.Timeout | undefined;

/** One demo server for the suite, started by the first setup; every setup asks, so any filtered selection works. */
function env(): Promise<Env> {
  clearTimeout(pendingStop);
  shared ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lagesbild-embedded-bench-'));
    const server = await startServer('', 300_000, undefined, { command: 'demo', env: { DATABASE_URL: undefined, DATA_DIR: dir } });
    const { url } = server;
    log(`demo server ready after ${(server.readyMs / 1000).toFixed(1)} s (migrate, demo data, start) in ${dir}`);
    const reporter = await login(url, DEMO_REPORTER.email, DEMO_REPORTER.password);
    const categories = JSON.parse((await timedGet(`${url}/api/categories`, reporter)).body) as Array<{ id: string; active: boolean; municipalityId: string }>;
    const own = categories.filter((c) => c.active && c.municipalityId === '1489');
    if (!own.length) throw new Error('the demo has no active category in Alingsås');
    const positions = Array.from({ length: 200 }, (_, i) => ({
      e: CENTRE.e + ((i * 37) % 400) - 200, n: CENTRE.n + ((i * 53) % 400) - 200, categoryId: own[i % own.length].id,
    }));
    return { server, dir, reporter, positions };
  })();
  return shared;
}

/** The last teardown, whatever the filter chose, stops the server and removes its data. */
function release(): void {
  clearTimeout(pendingStop);
  pendingStop = setTimeout(() => void stop(), 1000);
}

async function stop(): Promise<void> {
  const p = shared;
  shared = null;
  const e = await p?.catch(() => undefined);
  if (!e) return;
  await e.server.stop();
  rmSync(e.dir, { recursive: true, force: true });
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

function health(): Benchmark<Env> {
  return {
    suite: 'embedded', name: 'embedded baseline: GET /health', iterations: 5,
    setup: env,
    async run(e) {
      const ms: number[] = [];
      for (let i = 0; i < 40; i++) ms.push((await timedGet(`${e.server.url}/health`, {})).ms);
      return { measuredMs: quantile(ms, 0.5) };
    },
    teardown: release,
  };
}

function reports(clients: number, target: { ms: number; description: string }, judge: (l: number[]) => boolean): Benchmark<{ e: Env; warm: boolean }> {
  return {
    suite: 'embedded', name: `embedded: POST /api/incidents, ${clients} clients`, iterations: 1,
    baseline: 'embedded baseline: GET /health',
    target,
    async setup() { return { e: await env(), warm: false }; },
    async run(ctx) {
      const { e } = ctx;
      const seconds = ctx.warm ? SECONDS : 2;
      const r = await closedLoop(reportSender(e.server.url, e.reporter, e.positions), clients, seconds);
      if (!ctx.warm) { ctx.warm = true; return { measuredMs: quantile(r.latencies, 0.5) }; }
      const l = r.latencies;
      const max = Math.max(...l);
      log(`${clients} clients: ${r.throughput.toFixed(0)} reports/s, ${r.errors} errors; p50 ${fmt(quantile(l, 0.5))} ms, p99 ${fmt(quantile(l, 0.99))} ms, `
        + `max ${fmt(max)} ms, ${l.filter((x) => x > 1000).length} of ${l.length} over 1 s — ${judge(l) ? '✓' : '✗'} ${target.description}`);
      return { measuredMs: quantile(l, 0.99) };
    },
    teardown: release,
  };
}

const benchmarks: Benchmark<any>[] = [
  health(),
  reports(10, { ms: 200, description: 'p99 < 200 ms' }, (l) => quantile(l, 0.99) < 200),
  reports(50, { ms: 1000, description: 'no request slower than 1 s' }, (l) => Math.max(...l) <= 1000),
];

export default benchmarks;

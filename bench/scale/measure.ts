/**
 * Measuring the server as a black box: a `lagesbild serve` process of its own, its time from spawn to
 * `/ready` answering 200 and its resident memory (/proc/<pid>/status), the map's and the side panel's
 * requests as the web app builds them, and report submission under an offered rate (open loop) and
 * from clients that send again as soon as they are answered (closed loop).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { fromSweref99tm } from '../../src/core/geo/index.ts';
import { urls } from '../../web/src/pages/map/data.ts';
import { heatmapCellSize } from '../../web/src/pages/map/layers/heatmap.ts';
import { BIN, ROOT, exited, freePort } from '../../test/support/process.ts';

export interface Server {
  proc: ChildProcess;
  /** What bin/lagesbild.mjs ran: the compiled build, or the sources through tsx (no current build). */
  mode: 'build' | 'tsx';
  url: string;
  /** Milliseconds from spawning the process to the first 200 from /ready (and from /health). */
  readyMs: number;
  healthMs: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** The node flag of docs/production.md's `serve` unit (V8 takes it only on node's command line). */
export const SERVE_NODE_FLAG = '--max-semi-space-size=32';

/**
 * Spawns `lagesbild serve` on the database (or, with `dist`, that compiled build's command line) and
 * waits for /ready (polled every 20 ms). No scheduled jobs and no map tiles: the process serves the
 * API alone. `command` and `env` run another command (`demo`) or add to the environment (`DATA_DIR`
 * for the embedded engine, with `DATABASE_URL: undefined`).
 */
export async function startServer(databaseUrl: string, timeoutMs = 600_000, dist?: string,
  opts: { command?: 'serve' | 'demo'; env?: Record<string, string | undefined> } = {}): Promise<Server> {
  const command = opts.command ?? 'serve';
  const port = await freePort();
  const { buildIsCurrent } = (await import(pathToFileURL(join(ROOT, 'scripts/build-stamp.mjs')).href)) as { buildIsCurrent: (root: string, out: string) => boolean };
  // A build made for the bench runs as it is, even when a source changed since (others edit the
  // tree meanwhile); otherwise bin/lagesbild.mjs chooses, as a user's start would.
  const mode = dist || buildIsCurrent(ROOT, join(ROOT, 'dist')) ? 'build' : 'tsx';
  // `serve` as docs/production.md's unit starts it, with a larger young generation.
  const node = command === 'serve' ? [SERVE_NODE_FLAG] : [];
  const args = dist
    ? [...node, '--input-type=module', '-e', `const { main } = await import(${JSON.stringify(pathToFileURL(join(dist, 'cli/main.js')).href)}); await main(process.argv);`, BIN, command]
    : [...node, BIN, command];
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: undefined, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      LAGESBILD_SCHEDULER: 'off', LAGESBILD_TILE_UPSTREAM: 'off',
      // The bench's users log in with a password alone; a second factor would hold the coordinator
      // to its enrolment (MFA_REQUIRED_ROLES defaults to coordinators and administrators).
      MFA_REQUIRED_ROLES: process.env.MFA_REQUIRED_ROLES ?? 'none',
      ...opts.env,
    },
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited(proc);
  };
  let healthMs = NaN;
  while (performance.now() - t0 < timeoutMs) {
    if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode}:\n${out.slice(-3000)}`);
    try {
      if (Number.isNaN(healthMs) && (await fetch(`${url}/health`)).ok) healthMs = performance.now() - t0;
      const r = await fetch(`${url}/ready`);
      await r.arrayBuffer();
      if (r.status === 200) return { proc, mode, url, readyMs: performance.now() - t0, healthMs: Number.isNaN(healthMs) ? performance.now() - t0 : healthMs, output: () => out, stop };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 20));
  }
  await stop();
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s:\n${out.slice(-3000)}`);
}

/** Resident memory now and at its peak (VmRSS, VmHWM), MB. */
export function memoryOf(pid: number): { rssMB: number; peakMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

/** The p-quantile (0 < p ≤ 1) of samples, nearest rank. */
export function quantile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

/** Logs in over HTTP; the session cookie and CSRF token for further requests. */
export async function login(url: string, email: string, password: string): Promise<Record<string, string>> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!r.ok) throw new Error(`login as ${email} failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

/** One GET, timed to the last byte of the body; throws on anything but 200. */
export async function timedGet(url: string, headers: Record<string, string>, allow: number[] = []): Promise<{ ms: number; body: string; status: number }> {
  const t0 = performance.now();
  const r = await fetch(url, { headers: { ...headers, accept: 'application/json, application/geo+json' } });
  const body = await r.text();
  const ms = performance.now() - t0;
  if (!r.ok && !allow.includes(r.status)) throw new Error(`GET ${url}: ${r.status} ${body.slice(0, 300)}`);
  return { ms, body, status: r.status };
}

/** The hotspot layer's cell choices (web/src/pages/map/state.ts). */
export const HOTSPOT_CELLS = [100, 250, 500, 1000] as const;

/**
 * The server refuses a hotspot grid finer than its cell limit allows over the area (422, cellSize
 * too_small with the least size); a user then picks a coarser cell. The smallest choice ≥ that.
 */
export function coarserHotspotCell(errorBody: string): number | null {
  try {
    const f = (JSON.parse(errorBody) as { error?: { fields?: Array<{ field: string; code: string; params?: { min?: number } }> } }).error?.fields
      ?.find((x) => x.field === 'cellSize' && x.code === 'too_small');
    const min = f?.params?.min;
    return typeof min === 'number' ? HOTSPOT_CELLS.find((c) => c >= min) ?? null : null;
  } catch {
    return null;
  }
}

export type Endpoint = 'points' | 'grid' | 'hotspots' | 'stats';
export const ENDPOINTS: readonly Endpoint[] = ['points', 'grid', 'hotspots', 'stats'];

/** A view of the map: the viewport around a point at a zoom, a period and a category filter. */
export interface View {
  zoom: number;
  lon: number;
  lat: number;
  from: string;
  to: string;
  categories?: string[];
  /** The hotspot layer's cell (its choices: 100, 250, 500, 1000 m; 250 by default). */
  hotspotCell: number;
}

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The fixed cycle of 35 views the bench asks in turn: zoom 10 (the whole town) to 16 (a street) around
 * `centre`, each with the app's period presets (a week, the default four weeks, a quarter, a year) and
 * two years, with none, one or two categories and the four hotspot cells in turn. `end` is the day
 * after the data's last day, as the app's `to`.
 */
export function viewCycle(centre: { e: number; n: number }, end: Date, categories: { one: string; two: [string, string] }): View[] {
  const { lon, lat } = fromSweref99tm(centre.e, centre.n);
  const to = end.getTime();
  const periods = [7, 28, 91, 365, 730].map((d) => ({ from: isoDate(to - d * DAY), to: isoDate(to) }));
  const cats = [undefined, [categories.one], categories.two];
  const out: View[] = [];
  for (const zoom of [10, 11, 12, 13, 14, 15, 16]) {
    for (const p of periods) {
      const k = out.length;
      out.push({ zoom, lon, lat, ...p, categories: cats[k % 3], hotspotCell: [250, 100, 500, 1000][k % 4] });
    }
  }
  return out;
}

/**
 * The URL the web app sends for the view (web/src/pages/map/data.ts): MapLibre's 512-px tiles and a
 * 1280 × 800 viewport give the box; the heatmap's cell follows the zoom; the side panel has the
 * filters alone. `municipality` is left out as the app leaves it out for one municipality and for
 * "alla mina kommuner".
 */
export function viewUrl(endpoint: Endpoint, v: View): string {
  const q = `?${new URLSearchParams({ from: v.from, to: v.to, ...(v.categories ? { categories: v.categories.join(',') } : {}) })}`;
  const halfW = ((1280 / 512) * (360 / 2 ** v.zoom)) / 2;
  const halfH = ((800 / 512) * (360 / 2 ** v.zoom) * Math.cos((v.lat * Math.PI) / 180)) / 2;
  const bbox: [number, number, number, number] = [v.lon - halfW, v.lat - halfH, v.lon + halfW, v.lat + halfH];
  switch (endpoint) {
    case 'points': return urls.points(q, bbox, v.zoom);
    case 'grid': return urls.grid(q, heatmapCellSize(v.zoom, v.lat), bbox);
    case 'hotspots': return urls.hotspots(q, v.hotspotCell);
    case 'stats': return `/api/stats${q}`;
  }
}

export interface LoadResult {
  /** Latency per answered request, ms (open loop: from the time it was due). */
  latencies: number[];
  created: string[];
  errors: number;
  /** Requests not sent because too many were outstanding (open loop). */
  dropped: number;
  seconds: number;
  /** Answered requests per second over the phase. */
  throughput: number;
}

export type Send = () => Promise<{ ok: boolean; id?: string }>;

/**
 * Open loop: `rate` requests a second for `seconds`, each sent when due whatever the earlier ones
 * are doing; latency counts from when it was due, so a stalled client or server shows in the figure
 * (no coordinated omission). At most `maxOutstanding` in flight; the rest are counted as dropped.
 */
export async function openLoop(send: Send, rate: number, seconds: number, maxOutstanding = 2000): Promise<LoadResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [], created: string[] = [];
  let errors = 0, dropped = 0, outstanding = 0, next = 0;
  const inflight = new Set<Promise<void>>();
  const t0 = performance.now();
  while (next < total) {
    const now = performance.now();
    while (next < total && t0 + (next * 1000) / rate <= now) {
      const due = t0 + (next * 1000) / rate;
      next++;
      if (outstanding >= maxOutstanding) { dropped++; continue; }
      outstanding++;
      const p: Promise<void> = send().then((r) => {
        latencies.push(performance.now() - due);
        if (r.ok) { if (r.id) created.push(r.id); } else errors++;
      }, () => { errors++; }).finally(() => { outstanding--; inflight.delete(p); });
      inflight.add(p);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inflight);
  const s = (performance.now() - t0) / 1000;
  return { latencies, created, errors, dropped, seconds: s, throughput: latencies.length / s };
}

/** Closed loop: `clients` each send, wait for the answer and send again, for `seconds`. */
export async function closedLoop(send: Send, clients: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [], created: string[] = [];
  let errors = 0;
  const t0 = performance.now();
  const stopAt = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < stopAt) {
      const s = performance.now();
      try {
        const r = await send();
        latencies.push(performance.now() - s);
        if (r.ok) { if (r.id) created.push(r.id); } else errors++;
      } catch {
        errors++;
      }
    }
  }));
  const s = (performance.now() - t0) / 1000;
  return { latencies, created, errors, dropped: 0, seconds: s, throughput: latencies.length / s };
}

/** A report as the app's form sends it, at one of the positions given (SWEREF 99 TM), occurring just before now. */
export function reportSender(url: string, headers: Record<string, string>, positions: ReadonlyArray<{ e: number; n: number; categoryId: string }>): Send {
  let k = 0;
  const target = new URL('/api/incidents', url);
  // node:http on kept-alive connections, not fetch: the load generator shares the server's two cores,
  // and fetch took about 0.7 ms of CPU per report (a quarter of the machine at 700 reports/s).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return () => new Promise((resolve, reject) => {
    const p = positions[k++ % positions.length];
    const id = randomUUID();
    const body = Buffer.from(JSON.stringify({
      id, categoryId: p.categoryId, occurredAt: new Date(Date.now() - (k % 120) * 60_000).toISOString(),
      location: { e: Math.round(p.e * 10) / 10, n: Math.round(p.n * 10) / 10, crs: 3006 }, positionPrecision: 'map',
      description: 'Rapport från skalningsmätningen', visibility: 'normal',
    }));
    const req = http.request(target, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ ok: res.statusCode === 201, id: res.statusCode === 201 ? id : undefined }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

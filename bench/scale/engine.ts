/**
 * One engine of the scale bench (PostgreSQL, or a Citus coordinator): the data set in its database,
 * a running server on it with the aggregates caught up, the bench users logged in, the views of the
 * largest municipality and of the police area, and positions for the reports to post.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { boundaryRings } from '../../src/core/geo/index.ts';
import { DEFAULT_ORGANISATIONS, generateIncidentColumns } from '../../src/core/demo/index.ts';
import { municipalityBoundary } from '../../src/setup/boundaries.ts';
import { ensureDataset, SCALE_PASSWORD, SCALE_SOURCE, USERS, type DatasetInfo, type DatasetPlan, type ScaleMunicipality } from './dataset.ts';
import { login, SERVE_NODE_FLAG, startServer, viewCycle, type Server, type View } from './measure.ts';

export interface EngineEnv {
  engine: string;
  url: string;
  info: DatasetInfo;
  server: Server;
  /** Whether `incidents` is a distributed table (Citus) in this database. */
  distributed: boolean;
  /** Milliseconds from the first server's start until the rollups had taken in the data set's queued changes (0: nothing queued). */
  settleMs: number;
  headers: { coordinator: Record<string, string>; policeArea: Record<string, string>; reporter: Record<string, string> };
  views: { municipality: View[]; policeArea: View[] };
  positions: Array<{ e: number; n: number; categoryId: string }>;
  /** Ids of the reports this run posted. */
  posted: string[];
  /**
   * Reports earlier runs posted into a kept data set, taken out before this run's server started:
   * left in, they were the newest incidents of the largest municipality's main town (tens of
   * thousands dated the day of their run), and its street views read them instead of the data set.
   */
  removedAtStart: number;
  /** The server's version and the settings the write path's figures depend on (SERVER_SETTINGS). */
  settings: Record<string, string>;
}

export const nameOf = (plan: DatasetPlan, code: string) => plan.municipalities.find((m) => m.code === code)!.name;
const mainCentre = (m: ScaleMunicipality) => m.centres.reduce((a, b) => ((b.population ?? 0) > (a.population ?? 0) ? b : a));

/**
 * The rollups are kept from a queue the server's applier empties (migration 0012): after a bulk load
 * the first server works through it. The bench waits until it is empty, so that the figures are the
 * steady state's, and reports how long that took (polling every 250 ms). Without such a queue there
 * is nothing to wait for.
 */
export async function waitForRollups(url: string, log: (m: string) => void, timeoutMs: number, vacuum = true): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const exists = (await c.query<{ t: string | null }>(`SELECT to_regclass('public.incident_rollup_queue')::text AS t`)).rows[0].t;
    if (!exists) return 0;
    const t0 = performance.now();
    // Counting a queue of millions is a scan: look whether it is empty, and count only for the log.
    const count = async () => Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM incident_rollup_queue')).rows[0].n);
    const empty = async () => (await c.query('SELECT 1 FROM incident_rollup_queue LIMIT 1')).rowCount === 0;
    if (await empty()) return 0;
    const first = await count();
    let last = t0;
    while (!(await empty())) {
      if (performance.now() - t0 > timeoutMs) throw new Error(`the rollup queue still holds ${await count()} of ${first} changes after ${timeoutMs / 1000} s`);
      if (performance.now() - last > 30_000) { last = performance.now(); log(`rollups: ${(await count()).toLocaleString('en')} of ${first.toLocaleString('en')} queued changes left`); }
      await new Promise((r) => setTimeout(r, 250));
    }
    const ms = performance.now() - t0;
    log(`rollups caught up with ${first.toLocaleString('en')} queued changes in ${(ms / 1000).toFixed(1)} s${vacuum ? '; VACUUM ANALYZE …' : ''}`);
    // After a bulk load the rollups are new: the planner needs their statistics.
    if (vacuum) await c.query('VACUUM ANALYZE');
    return ms;
  } finally {
    await c.end();
  }
}

/**
 * Takes out the reports earlier runs posted (every incident the generator did not make): the data set
 * as generated again. The rollups take the deletions from their queue when the server starts.
 */
async function removeEarlierReports(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query('DELETE FROM incidents WHERE source <> $1', [SCALE_SOURCE])).rowCount ?? 0;
  } finally {
    await c.end();
  }
}

async function isDistributed(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const citus = (await c.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
    if (!citus) return false;
    return (await c.query(`SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'incidents'::regclass`)).rowCount === 1;
  } finally {
    await c.end();
  }
}

/**
 * The settings the figures depend on: at 10,000,000 incidents a report's rollup rows lie on pages
 * all over tables of several GB, so the buffer cache and how often a checkpoint makes every page's
 * next change write a full copy of it to the WAL decide much of the cost of a report.
 */
export const SERVER_SETTINGS = ['shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'wal_compression', 'synchronous_commit'] as const;

/** The server's major.minor version and SERVER_SETTINGS as it shows them ("128MB", "5min"). */
async function serverSettings(url: string): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out: Record<string, string> = { version: (await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version.split(' ')[0] };
    for (const name of SERVER_SETTINGS) out[name] = (await c.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name];
    return out;
  } finally {
    await c.end();
  }
}

export async function openEngine(engine: string, url: string, plan: DatasetPlan, log: (m: string) => void, opts: { settleTimeoutMs?: number; dist?: string } = {}): Promise<EngineEnv> {
  const info = await ensureDataset(url, plan, log);
  const removedAtStart = await removeEarlierReports(url);
  if (removedAtStart) log(`took out the ${removedAtStart.toLocaleString('en')} reports earlier runs posted`);
  const server = await startServer(url, undefined, opts.dist);
  try {
    log(`server at ${server.url} (${server.mode === 'build' ? 'the compiled build' : 'the sources through tsx: no current build'}, node ${SERVE_NODE_FLAG}), ready ${server.readyMs.toFixed(0)} ms after its start (the first start on this data set)`);
    const settleMs = await waitForRollups(url, log, opts.settleTimeoutMs ?? 3_600_000);
    const l = plan.largest;
    const headers = {
      coordinator: await login(server.url, USERS.coordinator(l), SCALE_PASSWORD),
      policeArea: await login(server.url, USERS.policeArea(l), SCALE_PASSWORD),
      reporter: await login(server.url, USERS.reporter(l), SCALE_PASSWORD),
    };
    const r = await fetch(`${server.url}/api/categories`, { headers: headers.coordinator });
    if (!r.ok) throw new Error(`GET /api/categories: ${r.status}`);
    const cats = new Map(((await r.json()) as Array<{ id: string; code: string; municipalityId: string }>).filter((c) => c.municipalityId === l).map((c) => [c.code, c.id]));
    const id = (code: string) => cats.get(code) ?? (() => { throw new Error(`no category ${code} in ${l}`); })();
    const categories = { one: id('skadegorelse.klotter'), two: [id('nedskrapning'), id('narkotika')] as [string, string] };
    const end = new Date(plan.end);
    const largest = plan.municipalities[0], partner = plan.municipalities.find((m) => m.code === plan.partner)!;
    const a = mainCentre(largest), b = mainCentre(partner);
    const views = {
      municipality: viewCycle({ e: a.x, n: a.y }, end, categories),
      // The police area's map opens on both; the views centre between the two main towns.
      policeArea: viewCycle({ e: (a.x + b.x) / 2, n: (a.y + b.y) / 2 }, end, categories),
    };
    // Where the reports are made: the generator's positions in the largest municipality (another seed).
    // Ten thousand: with a thousand, a closed loop's reports changed the same rollup rows over and
    // over (fewer rows a report), which gave 10 % more reports a second than this (bench/README.md).
    const { columns: c } = generateIncidentColumns({
      seed: plan.seed + 7, count: 10_000, end: new Date(), boundary: boundaryRings(municipalityBoundary(l).geometry3006),
      centres: largest.centres, hotspots: largest.hotspots, organisations: DEFAULT_ORGANISATIONS,
    });
    const positions = Array.from({ length: c.count }, (_, i) => ({ e: c.x[i], n: c.y[i], categoryId: id(c.categoryCodes[c.category[i]]) }));
    const settings = await serverSettings(url);
    // On Citus these are the coordinator's; the workers' are set on each.
    log(`PostgreSQL ${settings.version}${engine === 'Citus' ? ' (the coordinator)' : ''}: ${SERVER_SETTINGS.map((k) => `${k} ${settings[k]}`).join(', ')}`);
    return { engine, url, info, server, distributed: await isDistributed(url), settleMs, headers, views, positions, posted: [], removedAtStart, settings };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

import type { Database } from '../db/engine.ts';
import { appliedIncidents, applyRollupQueue, queuedAtLeast, queuedMunicipalities, rebuildRollups, vacuumRollups } from '../db/repositories/rollups.ts';

/**
 * Keeps the rollup tables current: moves the deltas that writers' triggers queue into the rollups.
 * Every server process runs one; the database lets one of them apply at a time and the others skip
 * their turn. Reads never wait for it — they add the deltas still queued — so how often it runs only
 * bounds how long the queue grows (a bulk import queues a delta per row).
 */
export interface RollupApplier {
  /** Applies everything queued now (for commands that wrote many incidents); resolves with how many deltas moved. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Deltas per transaction. The embedded engine runs each statement on the event loop, so its batches
 * are small enough never to hold up a request for long.
 */
const batchFor = (db: Database) => (db.engine === 'pglite' ? 500 : 20_000);
/** The embedded engine has no autovacuum: vacuum after this many deltas moved. */
const VACUUM_EVERY = 20_000;

/**
 * A municipality's queue is a backlog to build its rollups again from its incidents when it holds at
 * least this many deltas, and at least 1/REBUILD_SHARE as many as the incidents its rollups hold:
 * then grouping every incident is quicker than taking the deltas batch by batch (bench/README.md).
 */
const REBUILD_MIN = 100_000;
const REBUILD_SHARE = 2;

/**
 * Applies queued deltas until the queue is empty, another process holds the applier's lock or
 * `stop` is aborted (asked between batches: after a bulk load the queue takes hours, a batch seconds;
 * a rebuild under way is cancelled).
 * After a full batch, the municipalities whose queue is a backlog are built again from their
 * incidents instead (a server engine only: on the embedded one a rebuild would hold the event loop).
 */
export async function drainRollupQueue(db: Database, batch = batchFor(db), stop?: AbortSignal): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await applyRollupQueue(db, batch);
    if (moved === null) return total;
    total += moved;
    if (moved < batch || stop?.aborted) return total;
    if (db.engine !== 'pglite') {
      const rebuilt = await rebuildBacklogs(db, stop);
      if (rebuilt === null) return total;
      total += rebuilt;
    }
  }
}

/**
 * Builds again the rollups of every municipality whose queue is a backlog; resolves with the deltas
 * that left the queue, or null when another process took the applier's turn or `stop` cancelled the
 * rebuild under way.
 */
export async function rebuildBacklogs(db: Database, stop?: AbortSignal, min = REBUILD_MIN): Promise<number | null> {
  let total = 0;
  for await (const m of queuedMunicipalities(db)) {
    if (stop?.aborted) break;
    const backlog = Math.max(min, Math.ceil((await appliedIncidents(db, m)) / REBUILD_SHARE));
    if (!(await queuedAtLeast(db, m, backlog))) continue;
    const taken = await rebuildRollups(db, m, stop);
    if (taken === null) return null;
    total += taken;
  }
  return total;
}

/**
 * Applies every committed delta before it returns, waiting for an applier that holds the lock (the
 * server's own, another process's) instead of leaving the rest to it: for whoever then reads the
 * rollup tables without the queue (tests, the demo's seeding, the benches).
 */
export async function settleRollupQueue(db: Database, batch = batchFor(db)): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = (await applyRollupQueue(db, batch, true)) ?? 0;
    total += moved;
    if (moved < batch) return total;
  }
}

export function startRollupApplier(db: Database, log: { error(m: string, e?: unknown): void }, opts: { intervalMs?: number; vacuumEvery?: number; batch?: number } = {}): RollupApplier {
  const interval = opts.intervalMs ?? 500;
  const vacuumEvery = opts.vacuumEvery ?? VACUUM_EVERY;
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> = Promise.resolve(0);
  let sinceVacuum = 0;
  const pass = () => {
    running = running.then(async () => {
      // A stop waits for the batch under way, not for the rest of the queue (and cancels a rebuild):
      // the rest is the next process's, and its deltas stay counted by every read meanwhile.
      const moved = await drainRollupQueue(db, opts.batch, stopping.signal);
      sinceVacuum += moved;
      if (db.engine === 'pglite' && sinceVacuum >= vacuumEvery) {
        sinceVacuum = 0;
        await vacuumRollups(db);
      }
      return moved;
    }).catch((e) => { log.error('rollup applier failed', e); return 0; });
    return running;
  };
  const schedule = () => {
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => { void pass().finally(schedule); }, interval);
    timer.unref();
  };
  schedule();
  return {
    drain: pass,
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** How long a rebuild asked for by hand waits for other processes' appliers to give way. */
const REBUILD_PATIENCE_MS = 300_000;

/**
 * Builds the rollups of the municipalities again from their incidents, one after another (after a
 * restore, a bulk load or to repair them), waiting for running servers' appliers to give way
 * between their batches. Reports each as it is done: how many incidents its rollups now hold and
 * how many queued deltas they took in.
 */
export async function rebuildMunicipalities(db: Database, municipalities: string[], done: (r: { municipality: string; incidents: number; queued: number; ms: number }) => void): Promise<void> {
  for (const m of municipalities) {
    const t0 = performance.now();
    let queued: number | null = null;
    while ((queued = await rebuildRollups(db, m)) === null) {
      if (performance.now() - t0 > REBUILD_PATIENCE_MS) throw new Error(`another process kept the rollup applier's turn for ${REBUILD_PATIENCE_MS / 60_000} minutes; ${m} was not rebuilt`);
      await new Promise((r) => setTimeout(r, 250));
    }
    done({ municipality: m, incidents: await appliedIncidents(db, m), queued, ms: performance.now() - t0 });
  }
}

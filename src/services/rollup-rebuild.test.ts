/**
 * A municipality's rollups built again from its incidents (after a bulk load) equal those the applier
 * builds from the queue, row for row, and take from the queue exactly the deltas of the incidents
 * they saw: a transaction still open keeps its deltas queued, and a pass of another applier that
 * committed meanwhile makes the rebuild give way instead of counting twice.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { FX } from '../../test/support/fixtures.ts';
import type { Database } from '../db/engine.ts';
import { openPostgres } from '../db/postgres.ts';
import { applyRollupQueue, rebuildRollups, ROLLUP_TABLES } from '../db/repositories/rollups.ts';
import { rebuildBacklogs, settleRollupQueue } from './rollup-applier.ts';

const ORG: Record<string, string> = { [FX.alingsas]: FX.orgs.kommun, [FX.vargarda]: FX.orgs.vargardaKommun };

/**
 * Incidents of every kind the rollups tell apart: three categories, restricted and not, reviewed and
 * new, a place, a free-text place and none, windows within an hour, over days and across months,
 * starts at every hour, over a year.
 */
const insert = (t: TestDatabase, m: string, n: number, offset = 0) => t.db.query(
  `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, geom, organisation_id, source, visibility, review_status, place_id, place_name)
   SELECT gen_random_uuid(), $1, (SELECT id FROM categories WHERE municipality_id = $1 ORDER BY code OFFSET g % 3 LIMIT 1),
          timestamptz '2025-12-31 22:30+01' + (g * 17 || ' hours')::interval,
          timestamptz '2025-12-31 22:30+01' + (g * 17 || ' hours')::interval + CASE WHEN g % 5 = 0 THEN interval '20 days' WHEN g % 5 = 1 THEN interval '30 hours' ELSE interval '40 minutes' END,
          ST_SetSRID(ST_MakePoint($2::float8 + (g * 37) % 4000 + (g % 10) * 0.37, 6419000 + (g * 53) % 4000), 3006), $3, 'test',
          CASE WHEN g % 7 = 0 THEN 'restricted' ELSE 'normal' END, CASE WHEN g % 3 = 0 THEN 'reviewed' ELSE 'new' END,
          CASE WHEN g % 4 = 0 THEN (SELECT id FROM places WHERE municipality_id = $1 LIMIT 1) END,
          CASE WHEN g % 4 = 1 THEN ' Stationen ' END
     FROM generate_series($4::int + 1, $4::int + $5::int) g`, [m, m === FX.vargarda ? 362000 : 350000, ORG[m], offset, n]);

/** Moves, re-categorises, restricts, reviews and deletes some of a municipality's incidents. */
async function change(t: TestDatabase, m: string) {
  // The rows chosen first, then changed by key: Citus routes a change to one shard by the key, not by a subquery's limit.
  const ids = async (order: string, n: number) =>
    (await t.db.query<{ id: string }>(`SELECT id FROM incidents WHERE municipality_id = $1 ORDER BY ${order} LIMIT ${n}`, [m])).rows.map((r) => r.id);
  const where = 'WHERE municipality_id = $1 AND id = ANY($2)';
  await t.db.query(`UPDATE incidents SET geom = ST_Translate(geom, 130, -70) ${where}`, [m, await ids('id', 40)]);
  await t.db.query(`UPDATE incidents SET category_id = (SELECT id FROM categories WHERE municipality_id = $1 ORDER BY code DESC LIMIT 1) ${where}`, [m, await ids('id DESC', 30)]);
  await t.db.query(`UPDATE incidents SET visibility = 'restricted', review_status = 'reviewed', occurred_to = $3 ${where}`, [m, await ids('occurred_from', 25), '2026-04-15T12:00:00+02:00']);
  await t.db.query(`DELETE FROM incidents ${where}`, [m, await ids('occurred_from DESC', 20)]);
}

/**
 * Every rollup row of a municipality with a count, the summed offsets rounded (the applier adds them
 * batch by batch, a rebuild at once: the same sums in another order), in a stable order.
 */
async function rollupsOf(t: TestDatabase, m: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ROLLUP_TABLES) {
    const r = await t.db.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(r) AS row FROM ${table} r WHERE municipality_id = $1 AND n <> 0`, [m]);
    out[table] = r.rows.map(({ row }) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(6)) : v])))).sort();
  }
  return out;
}

const queued = async (t: TestDatabase, m: string) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_rollup_queue WHERE municipality_id = $1', [m])).rows[0].n;
const incidentsOf = async (t: TestDatabase, m: string) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents WHERE municipality_id = $1', [m])).rows[0].n;
const appliedOf = async (t: TestDatabase, m: string) =>
  (await t.db.query<{ n: number }>('SELECT COALESCE(sum(n), 0)::int AS n FROM incident_months WHERE municipality_id = $1', [m])).rows[0].n;

for (const engine of testEngines({ citus: true })) {
  describe(`rollups built again from the incidents on ${engine}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(engine);
      for (const m of [FX.alingsas, FX.vargarda]) {
        await t.db.query(`INSERT INTO places (municipality_id, name, geom) VALUES ($1, 'Torget', ST_SetSRID(ST_MakePoint(351000, 6420000), 3006))`, [m]);
      }
    });
    after(() => t.drop());

    test('equal, row for row, those the applier builds from the queue', async () => {
      await settleRollupQueue(t.db);
      for (const m of [FX.alingsas, FX.vargarda]) {
        await insert(t, m, 400);
        await change(t, m);
      }
      await settleRollupQueue(t.db);
      const applied = await rollupsOf(t, FX.alingsas);
      const other = await rollupsOf(t, FX.vargarda);
      assert.ok(applied.incident_category_totals.length > 100 && applied.incident_month_places.length > 0, 'every kind of row is there to compare');

      // From settled rollups, and from a queue half taken: the same rows either way.
      assert.equal(await rebuildRollups(t.db, FX.alingsas), 0);
      assert.deepEqual(await rollupsOf(t, FX.alingsas), applied);
      await insert(t, FX.alingsas, 300, 1000);
      await change(t, FX.alingsas);
      assert.ok((await applyRollupQueue(t.db, 200)) === 200);
      const left = await queued(t, FX.alingsas);
      assert.ok(left > 0);
      assert.equal(await rebuildRollups(t.db, FX.alingsas), left, 'it takes every delta still queued');
      assert.equal(await queued(t, FX.alingsas), 0);
      const rebuilt = await rollupsOf(t, FX.alingsas);
      await settleRollupQueue(t.db);
      assert.deepEqual(await rollupsOf(t, FX.alingsas), rebuilt, 'nothing was left for the applier');

      // The applier's own rows for the same incidents, from nothing: the test's incidents taken out
      // (the applier empties their rows) and put back.
      const mine = `municipality_id = '${FX.alingsas}' AND source = 'test'`;
      await t.db.exec(`CREATE TABLE copied AS SELECT * FROM incidents WHERE ${mine}`);
      await t.db.query(`DELETE FROM incidents WHERE ${mine}`);
      await settleRollupQueue(t.db);
      await t.db.query('INSERT INTO incidents SELECT * FROM copied');
      await t.db.exec('DROP TABLE copied');
      await settleRollupQueue(t.db);
      assert.deepEqual(await rollupsOf(t, FX.alingsas), rebuilt);
      assert.deepEqual(await rollupsOf(t, FX.vargarda), other, 'another municipality is not touched');
      assert.equal(await appliedOf(t, FX.alingsas), await incidentsOf(t, FX.alingsas));
    });

    test('a backlog is built again, a short queue is left to the applier', async () => {
      await settleRollupQueue(t.db);
      await insert(t, FX.alingsas, 500, 5000);
      await insert(t, FX.vargarda, 5, 5000);
      const rollupsBefore = await appliedOf(t, FX.vargarda);
      assert.equal(await rebuildBacklogs(t.db, undefined, 100), 500);
      assert.equal(await queued(t, FX.alingsas), 0);
      assert.equal(await queued(t, FX.vargarda), 5);
      assert.equal(await appliedOf(t, FX.alingsas), await incidentsOf(t, FX.alingsas));
      assert.equal(await appliedOf(t, FX.vargarda), rollupsBefore);
      // A queue smaller than half of what the rollups hold is a few batches, not a rebuild.
      await insert(t, FX.alingsas, 150, 6000);
      assert.equal(await rebuildBacklogs(t.db, undefined, 100), 0);
      await settleRollupQueue(t.db);
    });

    if (engine === 'pglite') return;

    test('a transaction open meanwhile keeps its deltas queued, counted once after its commit', async () => {
      await settleRollupQueue(t.db);
      const other = await openPostgres(t.location.databaseUrl!, { max: 1 });
      try {
        await other.transaction(async (tx) => {
          await tx.query(`INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, geom, organisation_id, source)
            SELECT gen_random_uuid(), $1, (SELECT id FROM categories WHERE municipality_id = $1 LIMIT 1), now(), now(), ST_SetSRID(ST_MakePoint(351000 + g, 6420000), 3006), $2, 'test'
              FROM generate_series(1, 25) g`, [FX.alingsas, FX.orgs.kommun]);
          await insert(t, FX.alingsas, 60, 9000);
          assert.equal(await rebuildRollups(t.db, FX.alingsas), 60, 'the committed deltas only');
        });
        assert.equal(await queued(t, FX.alingsas), 25);
        await settleRollupQueue(t.db);
        assert.equal(await appliedOf(t, FX.alingsas), await incidentsOf(t, FX.alingsas));
      } finally {
        await other.close();
      }
    });

    test('gives way to another applier: its lock held, or its pass committed after the rebuild\'s snapshot', async () => {
      await settleRollupQueue(t.db);
      await insert(t, FX.alingsas, 40, 12_000);
      const other = await openPostgres(t.location.databaseUrl!, { max: 1 });
      try {
        await other.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock(1443021214)');
          assert.equal(await rebuildRollups(t.db, FX.alingsas), null);
        });
        // A pass that deletes queued deltas the rebuild also sees: the rebuild waits for its row locks,
        // and after its commit may not count them again.
        const seqs = (await t.db.query<{ seq: number }>('SELECT seq FROM incident_rollup_queue WHERE municipality_id = $1 ORDER BY seq LIMIT 10', [FX.alingsas])).rows.map((r) => r.seq);
        const pass = await holdOpen(other, 'DELETE FROM incident_rollup_queue WHERE municipality_id = $1 AND seq = ANY($2)', [FX.alingsas, seqs]);
        const rebuild = rebuildRollups(t.db, FX.alingsas);
        await untilWaiting(t);
        await pass.release();
        assert.equal(await rebuild, null);
        // The rebuild is also the repair: after that pass took deltas without applying them, it counts
        // every incident again.
        assert.equal(await rebuildRollups(t.db, FX.alingsas), 30);
        assert.equal(await appliedOf(t, FX.alingsas), await incidentsOf(t, FX.alingsas));
      } finally {
        await other.close();
      }
    });

    test('a stop cancels a rebuild under way: rolled back, the queue and the rollups as they were', async () => {
      await settleRollupQueue(t.db);
      await insert(t, FX.alingsas, 50, 15_000);
      const before = { queued: await queued(t, FX.alingsas), rollups: await rollupsOf(t, FX.alingsas) };
      const other = await openPostgres(t.location.databaseUrl!, { max: 1 });
      try {
        // A reader holding a rollup row keeps the rebuild waiting in the middle of its transaction.
        const reader = await holdOpen(other, 'SELECT n FROM incident_days WHERE municipality_id = $1 LIMIT 1 FOR UPDATE', [FX.alingsas]);
        const stop = new AbortController();
        const rebuild = rebuildRollups(t.db, FX.alingsas, stop.signal);
        await untilWaiting(t);
        stop.abort();
        assert.equal(await rebuild, null);
        await reader.release();
      } finally {
        await other.close();
      }
      assert.deepEqual({ queued: await queued(t, FX.alingsas), rollups: await rollupsOf(t, FX.alingsas) }, before);
      await settleRollupQueue(t.db);
      assert.equal(await appliedOf(t, FX.alingsas), await incidentsOf(t, FX.alingsas));
    });
  });
}

/** Runs a statement in a transaction of `db` and keeps that transaction, and its locks, until `release`. */
async function holdOpen(db: Database, sql: string, params: unknown[]): Promise<{ release(): Promise<void> }> {
  let ran!: () => void;
  let open!: () => void;
  const taken = new Promise<void>((r) => { ran = r; });
  const held = new Promise<void>((r) => { open = r; });
  const tx = db.transaction(async (q) => { await q.query(sql, params); ran(); await held; });
  await Promise.race([taken, tx]);
  return { release: async () => { open(); await tx; } };
}

/** Resolves once a session of the test's database waits for a lock (at most 20 s). */
async function untilWaiting(t: TestDatabase): Promise<void> {
  const until = Date.now() + 20_000;
  while (!(await waiting(t)) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

/** Whether a session waits for a row lock: on Citus the waiting statement runs on a worker, which citus_lock_waits reports. */
async function waiting(t: TestDatabase): Promise<boolean> {
  const local = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
  if (local.rows[0].n > 0) return true;
  if (!t.db.distributed) return false;
  return (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM citus_lock_waits')).rows[0].n > 0;
}

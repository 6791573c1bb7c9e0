/**
 * The applier moves every committed delta into the rollups exactly once, whichever processes run it
 * at the same time, and on the embedded engine (no autovacuum) its queue does not grow with use.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { FX } from '../../test/support/fixtures.ts';
import { openPostgres } from '../db/postgres.ts';
import { applyRollupQueue, ROLLUP_TABLES } from '../db/repositories/rollups.ts';
import { drainRollupQueue, settleRollupQueue, startRollupApplier } from './rollup-applier.ts';

const insert = (t: TestDatabase, n: number, offset = 0) => t.db.query(
  `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, geom, organisation_id, source)
   SELECT gen_random_uuid(), '1489', (SELECT id FROM categories WHERE municipality_id = '1489' AND code = 'nedskrapning'),
          now() - (g || ' hours')::interval, now() - (g || ' hours')::interval, ST_SetSRID(ST_MakePoint(350000 + (g * 37) % 9000, 6419000 + (g * 53) % 9000), 3006), $1, 'test'
     FROM generate_series($2::int + 1, $2::int + $3::int) g`, [FX.orgs.kommun, offset, n]);

const exact = async (t: TestDatabase) => {
  const r = await t.db.query<{ queued: number; rolled: number; hours: number; incidents: number }>(
    `SELECT (SELECT count(*) FROM incident_rollup_queue)::int AS queued, (SELECT COALESCE(sum(n), 0) FROM incident_cells)::int AS rolled,
            (SELECT COALESCE(sum(n), 0) FROM incident_hours)::int AS hours, (SELECT count(*) FROM incidents)::int AS incidents`);
  return r.rows[0];
};

for (const engine of testEngines({ citus: true })) {
  describe(`the rollup applier on ${engine}`, () => {
    let t: TestDatabase;
    before(async () => { t = await createTestDatabase(engine); });
    after(() => t.drop());

    test('a loop started and stopped moves everything queued, once', async () => {
      await insert(t, 3000);
      const applier = startRollupApplier(t.db, { error: (m, e) => assert.fail(`${m}: ${String(e)}`) }, { intervalMs: 20 });
      const until = Date.now() + 30_000;
      while ((await exact(t)).queued > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      await applier.stop();
      const s = await exact(t);
      assert.deepEqual(s, { queued: 0, rolled: s.incidents, hours: s.incidents, incidents: s.incidents });
    });

    test('a batch takes the oldest transactions\' deltas of one municipality after another, through the queue\'s order index', async () => {
      await settleRollupQueue(t.db);
      // Vårgårda's deltas in two transactions, then Alingsås' in one: the municipalities in key order
      // (1442 before 1489), within one the older transaction first.
      const add = (m: string, n: number, tag: string) => t.db.query(
        `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, geom, organisation_id, source, place_name)
         SELECT gen_random_uuid(), $1, (SELECT id FROM categories WHERE municipality_id = $1 AND code = 'nedskrapning'),
                now() - (g || ' hours')::interval, now() - (g || ' hours')::interval, ST_SetSRID(ST_MakePoint($2::float8 + g, 6419000), 3006), $3, 'test', $4
           FROM generate_series(1, $5::int) g`, [m, m === FX.vargarda ? 362000 : 350000, m === FX.vargarda ? FX.orgs.vargardaKommun : FX.orgs.kommun, tag, n]);
      await add(FX.vargarda, 30, 'first');
      await add(FX.vargarda, 30, 'second');
      await add(FX.alingsas, 30, 'third');
      const queued = async () => (await t.db.query<{ m: string; place: string; n: number }>(
        `SELECT municipality_id AS m, place_name AS place, count(*)::int AS n FROM incident_rollup_queue GROUP BY 1, 2 ORDER BY 1, 2`)).rows;
      assert.equal(await applyRollupQueue(t.db, 40), 40);
      assert.deepEqual(await queued(), [{ m: FX.vargarda, place: 'second', n: 20 }, { m: FX.alingsas, place: 'third', n: 30 }]);
      assert.equal(await applyRollupQueue(t.db, 40), 40);
      assert.deepEqual(await queued(), [{ m: FX.alingsas, place: 'third', n: 10 }]);
      assert.equal(await applyRollupQueue(t.db, 40), 10);
      assert.deepEqual(await queued(), []);
      if (engine !== 'citus') {
        await t.db.query('ANALYZE incident_rollup_queue');
        const take = await t.db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT seq FROM incident_rollup_queue WHERE municipality_id = '1489' ORDER BY xid, seq LIMIT 20000`);
        assert.match(take.rows.map((r) => r['QUERY PLAN']).join('\n'), /incident_rollup_queue_order_idx/);
      }
    });

    test('a stop waits for the batch under way, not for the rest of the queue', async () => {
      await settleRollupQueue(t.db);
      await insert(t, 3000, 10_000);
      const applier = startRollupApplier(t.db, { error: (m, e) => assert.fail(`${m}: ${String(e)}`) }, { intervalMs: 1, batch: 50 });
      const until = Date.now() + 30_000;
      while ((await exact(t)).queued === 3000 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      await applier.stop();
      const stopped = await exact(t);
      assert.ok(stopped.queued > 0 && stopped.queued < 3000, `some of the queue moved and the rest was left (${stopped.queued} queued)`);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await exact(t)).queued, stopped.queued, 'nothing moves after the stop');
      await settleRollupQueue(t.db);
      const s = await exact(t);
      assert.deepEqual(s, { queued: 0, rolled: s.incidents, hours: s.incidents, incidents: s.incidents });
    });

    test('keys whose incidents all moved away are removed, in every rollup table', async () => {
      // A place name gives the place tables rows too; moving every such incident to another day,
      // cell, place and category leaves each of their old keys at n = 0.
      await t.db.query(
        `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, geom, organisation_id, source, place_name)
         SELECT gen_random_uuid(), '1489', (SELECT id FROM categories WHERE municipality_id = '1489' AND code = 'nedskrapning'),
                now() - (g || ' days')::interval, now() - (g || ' days')::interval, ST_SetSRID(ST_MakePoint(352000 + g * 90, 6421000), 3006), $1, 'test', 'Tomma torget'
           FROM generate_series(1, 40) g`, [FX.orgs.kommun]);
      await settleRollupQueue(t.db);
      const rows = async (empty: boolean) => Object.fromEntries(await Promise.all(ROLLUP_TABLES.map(async (table) =>
        [table, (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE municipality_id = '1489' AND (n = 0) = $1`, [empty])).rows[0].n] as const)));
      assert.ok(Object.values(await rows(false)).every((n) => n > 0), 'every table holds the incidents');
      await t.db.query(
        `UPDATE incidents SET place_name = 'Andra torget', occurred_from = now() - interval '400 days', occurred_to = now() - interval '400 days',
                geom = ST_Translate(geom, 3000, 3000), category_id = (SELECT id FROM categories WHERE municipality_id = '1489' AND code = 'narkotika')
          WHERE municipality_id = '1489' AND place_name = 'Tomma torget'`);
      await settleRollupQueue(t.db);
      assert.deepEqual(await rows(true), Object.fromEntries(ROLLUP_TABLES.map((table) => [table, 0])));
    });

    if (engine !== 'pglite') {
      test('appliers in several processes at once: each delta moved exactly once, no deadlock', async () => {
        await insert(t, 6000, 10_000);
        const others = await Promise.all([1, 2, 3].map(() => openPostgres(t.location.databaseUrl!)));
        try {
          const moved = await Promise.all([t.db, ...others].map((db) => drainRollupQueue(db, 500)));
          // Whoever did not get the lock stopped; the rest is moved by a last pass.
          const last = await drainRollupQueue(t.db, 500);
          assert.equal(moved.reduce((a, b) => a + b, 0) + last, 6000);
        } finally {
          for (const db of others) await db.close();
        }
        const s = await exact(t);
        assert.deepEqual(s, { queued: 0, rolled: s.incidents, hours: s.incidents, incidents: s.incidents });
      });

      test('settling waits for the applier that holds the lock, then moves the rest; a drain leaves it', async () => {
        await insert(t, 1000, 20_000);
        const other = await openPostgres(t.location.databaseUrl!);
        try {
          let release!: () => void, taken!: () => void;
          const held = new Promise<void>((r) => (release = r)), locked = new Promise<void>((r) => (taken = r));
          // The applier's lock (APPLIER_LOCK in src/db/repositories/rollups.ts), held by another session.
          const holding = other.transaction(async (tx) => { await tx.query('SELECT pg_advisory_xact_lock(1443021214)'); taken(); await held; });
          await locked;
          assert.equal(await drainRollupQueue(t.db), 0, 'a drain leaves the queue to the lock holder');
          let settled = false;
          const settling = settleRollupQueue(t.db).then((n) => { settled = true; return n; });
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(settled, false, 'settling waits while the lock is held');
          release();
          await holding;
          assert.equal(await settling, 1000);
        } finally {
          await other.close();
        }
        const s = await exact(t);
        assert.deepEqual(s, { queued: 0, rolled: s.incidents, hours: s.incidents, incidents: s.incidents });
      });
    } else {
      test('the embedded engine vacuums: the queue stays the size of one round of changes', async () => {
        const size = async () => (await t.db.query<{ b: number }>(`SELECT pg_relation_size('incident_rollup_queue')::int AS b`)).rows[0].b;
        const applier = startRollupApplier(t.db, { error: (m, e) => assert.fail(`${m}: ${String(e)}`) }, { intervalMs: 20, vacuumEvery: 1000 });
        const sizes: number[] = [];
        try {
          for (let round = 0; round < 4; round++) {
            await insert(t, 1500, 100_000 + round * 1500);
            await applier.drain();
            await applier.drain();
            sizes.push(await size());
          }
        } finally {
          await applier.stop();
        }
        assert.ok(sizes[3] <= sizes[0] * 1.5, `queue pages reused after vacuum: ${sizes.join(', ')} bytes`);
        assert.equal((await exact(t)).queued, 0);
      });
    }
  });
}

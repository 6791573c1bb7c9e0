/**
 * The rollups follow every committed change, in commit order by transaction visibility, never by a
 * time window: a transaction that stays open for 30 s while others commit is counted the moment it
 * commits, by every server process, and two processes on one database answer identically. Needs a
 * database several processes share: PostgreSQL and Citus (the embedded engine is one process's own).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { FX, POINTS } from '../support/fixtures.ts';
import { exited, httpLogin, startServer } from '../support/process.ts';
import { stockholmDayStart } from '../../src/core/time/index.ts';

const HELD_MS = 30_000;
const isoDay = (ms: number) => new Date(ms + 12 * 3_600_000).toISOString().slice(0, 10);

// The embedded engine belongs to one process: the shared engines only (Citus when the run has a cluster).
for (const engine of testEngines({ citus: true }).filter((e) => e !== 'pglite')) describe(`the rollups follow commits in two server processes on ${engine}`, () => {
  let t: TestDatabase;
  const servers: Array<{ proc: import('node:child_process').ChildProcess; url: string; headers: Record<string, string> }> = [];
  let categoryId: string;
  const from = isoDay(stockholmDayStart(Date.now(), -7)), to = isoDay(stockholmDayStart(Date.now(), 1));

  before(async () => {
    t = await createTestDatabase(engine);
    categoryId = (await t.db.query<{ id: string }>(`SELECT id FROM categories WHERE code = 'nedskrapning' AND municipality_id = $1`, [FX.alingsas])).rows[0].id;
    for (let k = 0; k < 2; k++) {
      const s = await startServer({ DATABASE_URL: t.location.databaseUrl });
      servers.push({ ...s, headers: await httpLogin(s.url, FX.users.coordinator.email, FX.password) });
    }
  });
  after(async () => {
    for (const s of servers) { s.proc.kill('SIGTERM'); await exited(s.proc); }
    await t.drop();
  });

  /** What each process shows (the side panel and the map grid), and the count of the incidents themselves. */
  async function views() {
    const out = [];
    for (const s of servers) {
      const stats = await (await fetch(`${s.url}/api/stats?from=${from}&to=${to}`, { headers: s.headers })).json() as { total: number };
      const grid = await (await fetch(`${s.url}/api/map/grid?from=${from}&to=${to}&cellSize=500`, { headers: s.headers })).json();
      out.push({ stats, grid });
    }
    assert.deepEqual(out[1], out[0], 'two processes on one database answer identically');
    const truth = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incidents WHERE municipality_id = '1489' AND occurred_to >= $1 AND occurred_from < $2`,
      [new Date(stockholmDayStart(Date.parse(`${from}T12:00:00Z`))), new Date(stockholmDayStart(Date.parse(`${to}T12:00:00Z`)))]);
    assert.equal(out[0].stats.total, truth.rows[0].n, 'the panel counts exactly the committed incidents');
    return out[0].stats.total;
  }

  const queued = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_rollup_queue')).rows[0].n;
  async function appliedWithin(ms: number) {
    const until = Date.now() + ms;
    while (await queued() > 0) {
      assert.ok(Date.now() < until, 'the appliers move every committed delta into the rollups');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const insert = (c: { query(sql: string, params: unknown[]): Promise<unknown> }, n: number) => c.query(
    `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, geom, organisation_id, source)
     SELECT gen_random_uuid(), '1489', $1, now() - interval '1 hour', now() - interval '1 hour', ST_SetSRID(ST_MakePoint(353000 + g * 10, 6423000), 3006), $2, 'import'
       FROM generate_series(1, $3::int) g`, [categoryId, FX.orgs.kommun, n]);

  test(`a transaction open for ${HELD_MS / 1000} s while others commit is counted when it commits, in both processes`, async () => {
    const start = await views();
    const slow = new pg.Client({ connectionString: t.location.databaseUrl });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      const began = Date.now();
      await insert(slow, 3);
      // Meanwhile reports through both processes commit, and the appliers take their deltas.
      for (const [k, s] of servers.entries()) {
        for (let i = 0; i < 3; i++) {
          const r = await fetch(`${s.url}/api/incidents`, {
            method: 'POST', headers: s.headers,
            body: JSON.stringify({ id: randomUUID(), categoryId, occurredAt: new Date(Date.now() - 60_000).toISOString(), location: k ? POINTS.alingsasNolby : POINTS.alingsasCentrum }),
          });
          assert.equal(r.status, 201, await r.text());
        }
      }
      assert.equal(await views(), start + 6, 'the open transaction is not counted yet');
      await appliedWithin(10_000);
      assert.equal(await views(), start + 6);
      // A transaction that is rolled back leaves nothing behind.
      const aborted = new pg.Client({ connectionString: t.location.databaseUrl });
      await aborted.connect();
      await aborted.query('BEGIN');
      await insert(aborted, 4);
      await aborted.query('ROLLBACK');
      await aborted.end();
      await new Promise((r) => setTimeout(r, Math.max(0, began + HELD_MS - Date.now())));
      await slow.query('COMMIT');
      assert.ok(Date.now() - began >= HELD_MS);
    } finally {
      await slow.end();
    }
    assert.equal(await views(), start + 9, 'counted at once, before any applier ran');
    await appliedWithin(10_000);
    assert.equal(await views(), start + 9, 'and the same once applied');
    // The rollups alone (nothing queued) hold the committed incidents, every one of them once.
    const rolled = await t.db.query<{ n: number }>(`SELECT COALESCE(sum(n), 0)::int AS n FROM incident_cells WHERE municipality_id = '1489'`);
    const all = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE municipality_id = '1489'`);
    assert.equal(rolled.rows[0].n, all.rows[0].n);
  });
});

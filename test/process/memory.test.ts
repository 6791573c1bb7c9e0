/**
 * A server process holds none of the incidents: its memory after serving the map and the side panel
 * is about the same over an empty database and over 300,000 incidents (the in-memory index it
 * replaced took about 100 MB for those), and it is ready without loading anything first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { FX } from '../support/fixtures.ts';
import { exited, httpLogin, startServer } from '../support/process.ts';
import { settleRollupQueue } from '../../src/services/rollup-applier.ts';

const MANY = 300_000;
const COLLECT_ON_SIGNAL = fileURLToPath(new URL('../support/collect-on-signal.cjs', import.meta.url));

describe('server memory does not grow with the incidents (postgres)', { skip: !testEngines().includes('postgres') && 'PostgreSQL is not reachable' }, () => {
  let empty: TestDatabase, full: TestDatabase;
  before(async () => {
    [empty, full] = await Promise.all([createTestDatabase('postgres'), createTestDatabase('postgres')]);
    await full.db.query(
      `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, geom, organisation_id, place_name, source)
       SELECT gen_random_uuid(), '1489', (SELECT id FROM categories WHERE municipality_id = '1489' AND code = 'nedskrapning'),
              now() - (g % 700 || ' days')::interval, now() - (g % 700 || ' days')::interval,
              ST_SetSRID(ST_MakePoint(350000 + (g * 37) % 9000, 6419000 + (g * 53) % 9000), 3006), $1, 'Plats ' || (g % 500), 'test'
         FROM generate_series(1, $2::int) g`, [FX.orgs.kommun, MANY]);
    await settleRollupQueue(full.db);
  });
  after(async () => { await empty.drop(); await full.drop(); });

  /**
   * Memory after a start and rounds of the map's and the panel's requests over the whole period, read
   * after a full collection: what the process holds, not the garbage of the requests, whose amount
   * depends on when V8 last collected (a CI run once saw 50 MB more RSS over the full database with
   * nothing held).
   */
  async function memoryAfterUse(t: TestDatabase): Promise<{ rssMB: number; heapUsedMB: number; total: number }> {
    const s = await startServer({ DATABASE_URL: t.location.databaseUrl, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc --require "${COLLECT_ON_SIGNAL}"` });
    try {
      const ready = await fetch(`${s.url}/ready`);
      assert.equal(ready.status, 200, 'ready as soon as it answers: nothing to load');
      const headers = await httpLogin(s.url, FX.users.coordinator.email, FX.password);
      let total = 0;
      for (let k = 0; k < 3; k++) {
        const q = 'from=2024-01-01&to=2027-01-01';
        total = ((await (await fetch(`${s.url}/api/stats?${q}`, { headers })).json()) as { total: number }).total;
        for (const p of [`/api/map/grid?${q}&cellSize=250`, `/api/map/points?${q}&zoom=12&bbox=12.4,57.85,12.7,58.0`, `/api/map/hotspots?${q}&cellSize=250`]) {
          const r = await fetch(`${s.url}${p}`, { headers });
          assert.equal(r.status, 200, `${p}: ${await r.text()}`);
        }
      }
      s.proc.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 1000));
      const health = (await (await fetch(`${s.url}/health`)).json()) as { process: { rssMB: number; heapUsedMB: number } };
      return { rssMB: health.process.rssMB, heapUsedMB: health.process.heapUsedMB, total };
    } finally {
      s.proc.kill('SIGTERM');
      await exited(s.proc);
    }
  }

  test(`over ${MANY.toLocaleString('en')} incidents the process is no bigger than over none`, async () => {
    const small = await memoryAfterUse(empty);
    const large = await memoryAfterUse(full);
    assert.equal(large.total, MANY, 'the panel counted every incident');
    const figures = `over none: RSS ${small.rssMB} MB, heap ${small.heapUsedMB} MB; over ${MANY}: RSS ${large.rssMB} MB, heap ${large.heapUsedMB} MB`;
    assert.ok(large.heapUsedMB - small.heapUsedMB < 10, figures);
    assert.ok(large.rssMB - small.rssMB < 40, figures);
  });
});

/**
 * A read of one municipality counts that municipality's share of the rows once in the planner's
 * estimate: the access rule and the filter name it as one equality (inActorMunicipalities, keyWhere),
 * which the planner merges. As `= ANY(…)` beside `= …` the share was counted twice: for Stockholm, a
 * quarter of the rows, a scan of a primary key that starts with the municipality then looked four
 * times cheaper than it was, and a category's two-year hotspots took 200 ms instead of 60
 * (bench/README.md).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../test/support/api.ts';
import { FX } from '../../test/support/fixtures.ts';
import type { Actor } from '../core/access/roles.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';
import { getUser } from './repositories/users.ts';
import { actorOf } from '../services/auth.ts';
import { incidentWhere, resolveFilter } from './repositories/incidents.ts';
import { Params } from './sql.ts';

for (const engine of testEngines()) {
  describe(`the estimate of one municipality's incidents on ${engine}`, () => {
    let t: TestApp;
    let one: Actor, both: Actor;
    before(async () => {
      t = await startTestApp(engine, { rollupApplier: false });
      one = actorOf((await getUser(t.db, FX.users.coordinator.id, [FX.alingsas]))!);
      both = { ...one, municipalities: [FX.alingsas, FX.vargarda] };
      const add = (m: string, org: string, n: number) => t.db.query(
        `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, organisation_id, visibility, review_status, source)
         SELECT gen_random_uuid(), $1, (SELECT id FROM categories WHERE municipality_id = $1 AND code = 'nedskrapning'), now(), now(), now(),
                ST_SetSRID(ST_MakePoint(350000 + g, 6419000), 3006), $2, 'normal', 'new', 'test' FROM generate_series(1, $3::int) g`,
        [m, org, n]);
      // Alingsås a fifth of the rows: counted twice, its estimate would be a twenty-fifth.
      await add(FX.alingsas, FX.orgs.kommun, 1000);
      await add(FX.vargarda, FX.orgs.vargardaKommun, 4000);
      await t.db.exec('ANALYZE incidents');
    });
    after(() => t.close());

    /** The planner's estimate of the rows the filter reads, and the rows it reads. */
    async function estimateOf(actor: Actor, f: IncidentFilter): Promise<{ estimate: number; rows: number }> {
      const p = new Params();
      const where = incidentWhere(actor, await resolveFilter(t.db, f), p);
      const plan = await t.db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) SELECT i.id FROM incidents i WHERE ${where}`, p.values);
      const json = plan.rows[0]['QUERY PLAN'];
      const top = (typeof json === 'string' ? JSON.parse(json) : json) as Array<{ Plan: { 'Plan Rows': number } }>;
      const rows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents i WHERE ${where}`, p.values);
      return { estimate: top[0].Plan['Plan Rows'], rows: rows.rows[0].n };
    }

    const near = (x: { estimate: number; rows: number }, what: string) =>
      assert.ok(x.estimate > 0.6 * x.rows && x.estimate < 1.6 * x.rows, `${what}: estimated ${x.estimate} rows, ${x.rows} read`);

    test('an actor of one municipality', async () => {
      near(await estimateOf(one, {}), 'one municipality');
    });

    test('an actor of two who reads one of them', async () => {
      near(await estimateOf(both, { municipalities: [FX.alingsas] }), 'Alingsås of two');
      near(await estimateOf(both, { municipalities: [FX.vargarda] }), 'Vårgårda of two');
    });

    test('an actor of two who reads both', async () => {
      near(await estimateOf(both, {}), 'both');
    });
  });
}

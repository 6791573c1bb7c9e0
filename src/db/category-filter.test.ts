/**
 * A category filter stands for the category's code in every municipality read (each has its own
 * tree), and names only the ids of those municipalities (keyWhere): a report's category is its own
 * municipality's, which the database holds to (migration 0036).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../test/support/api.ts';
import { FX } from '../../test/support/fixtures.ts';
import type { Actor } from '../core/access/roles.ts';
import { getUser } from './repositories/users.ts';
import { actorOf } from '../services/auth.ts';
import { countWhere } from './repositories/aggregates.ts';
import { incidentWhere, resolveFilter } from './repositories/incidents.ts';
import { Params } from './sql.ts';

const at = new Date(Date.UTC(2026, 9, 1, 10));

for (const engine of testEngines({ citus: true })) {
  describe(`a category filter over several municipalities on ${engine}`, () => {
    let t: TestApp;
    let one: Actor, both: Actor;
    const category: Record<string, string> = {};
    const other: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(engine, { rollupApplier: false });
      one = actorOf((await getUser(t.db, FX.users.coordinator.id, [FX.alingsas]))!);
      // A police area's reader: both municipalities.
      both = { ...one, municipalities: [FX.alingsas, FX.vargarda] };
      for (const m of [FX.alingsas, FX.vargarda]) {
        const r = await t.db.query<{ id: string; code: string }>(`SELECT id, code FROM categories WHERE municipality_id = $1 AND code IN ('nedskrapning', 'narkotika')`, [m]);
        category[m] = r.rows.find((c) => c.code === 'nedskrapning')!.id;
        other[m] = r.rows.find((c) => c.code === 'narkotika')!.id;
      }
      const add = (m: string, cat: string, org: string, n: number) => t.db.query(
        `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, organisation_id, visibility, review_status, source)
         SELECT gen_random_uuid(), $1, $2, $3, $3, $3, ST_SetSRID(ST_MakePoint(350000 + g, 6419000), 3006), $4, 'normal', 'new', 'test' FROM generate_series(1, $5::int) g`,
        [m, cat, at, org, n]);
      await add(FX.alingsas, category[FX.alingsas], FX.orgs.kommun, 3);
      await add(FX.alingsas, other[FX.alingsas], FX.orgs.kommun, 4);
      await add(FX.vargarda, category[FX.vargarda], FX.orgs.vargardaKommun, 2);
      await add(FX.vargarda, other[FX.vargarda], FX.orgs.vargardaKommun, 5);
    });
    after(() => t.close());

    test('one municipality\'s category finds its code in every municipality read, and only there', async () => {
      assert.equal(await countWhere(t.db, both, { categories: [category[FX.alingsas]] }), 5);
      assert.equal(await countWhere(t.db, both, { categories: [category[FX.vargarda]] }), 5);
      assert.equal(await countWhere(t.db, both, { categories: [category[FX.alingsas]], municipalities: [FX.vargarda] }), 2);
      assert.equal(await countWhere(t.db, both, { categories: [category[FX.alingsas], other[FX.vargarda]] }), 14);
      assert.equal(await countWhere(t.db, one, { categories: [category[FX.vargarda]] }), 3);
    });

    test('the query names the categories of the municipalities read alone', async () => {
      const f = await resolveFilter(t.db, { categories: [category[FX.alingsas]] });
      assert.deepEqual([...f.categoryIds!].sort(), [category[FX.alingsas], category[FX.vargarda]].sort());
      const p = new Params();
      incidentWhere(one, f, p);
      const lists = p.values.filter((v): v is string[] => Array.isArray(v) && v.some((x) => x === category[FX.alingsas] || x === category[FX.vargarda]));
      assert.deepEqual(lists, [[category[FX.alingsas]]]);
    });

    test('a filter is resolved once: again only when its categories are no longer those it was resolved for', async () => {
      const f = await resolveFilter(t.db, { categories: [category[FX.alingsas]] });
      let statements = 0;
      const counting = { query: (text: string, values?: unknown[]) => { statements++; return t.db.query(text, values); } } as typeof t.db;
      assert.equal(await resolveFilter(counting, f), f);
      assert.equal(await resolveFilter(counting, { ...f, municipalities: [FX.vargarda] }).then((g) => g.categoryIds), f.categoryIds);
      assert.equal(statements, 0);
      assert.equal(await countWhere(counting, both, { ...f, municipalities: [FX.vargarda] }), 2);
      assert.equal(statements, 1);
      const g = await resolveFilter(counting, { ...f, categories: [other[FX.vargarda]] });
      assert.equal(statements, 2);
      assert.deepEqual([...g.categoryIds!].sort(), [other[FX.alingsas], other[FX.vargarda]].sort());
      assert.equal(await countWhere(t.db, both, g), 9);
    });

    test('a report cannot take another municipality\'s category', async () => {
      await assert.rejects(t.db.query(
        `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, organisation_id, visibility, review_status, source)
         VALUES (gen_random_uuid(), $1, $2, $3, $3, $3, ST_SetSRID(ST_MakePoint(350000, 6419000), 3006), $4, 'normal', 'new', 'test')`,
        [FX.alingsas, category[FX.vargarda], at, FX.orgs.kommun]), /foreign key|incidents_category_municipality_fkey/);
      assert.equal(await countWhere(t.db, both, {}), 14);
    });
  });
}

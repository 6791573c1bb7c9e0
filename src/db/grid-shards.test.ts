/**
 * A grid over two municipalities (a police area) is one query that Citus sends whole to each of their
 * shards: every table read under its union names the municipality in the same place (first), so
 * Citus pushes the union down instead of running each arm as a subplan whose every row is fetched to
 * the coordinator. On every engine the grid is the incidents' own.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../test/support/api.ts';
import { FX, POINTS } from '../../test/support/fixtures.ts';
import { toSweref99tm } from '../core/geo/index.ts';
import type { Actor } from '../core/access/roles.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';
import { localMidnightDate } from '../core/incidents/rollup-range.ts';
import { getUser } from './repositories/users.ts';
import { actorOf } from '../services/auth.ts';
import { sqlSource } from '../services/aggregate-source.ts';
import { settleRollupQueue } from '../services/rollup-applier.ts';
import { rollupGridCounts, rollupGridMeans } from './repositories/rollups.ts';
import { plan, recording } from '../../test/support/explain.ts';

/** 2026-11-25 00:00 in Stockholm: the periods end there. */
const END = new Date('2026-11-24T23:00:00Z');
const DAY = 86_400_000;
const TWO_YEARS: IncidentFilter = { from: new Date(+END - 730 * DAY), to: END };

const byCell = (cells: Array<{ col: number; row: number; count: number }>) => cells.map((c) => `${c.col}:${c.row}:${c.count}`).sort();

for (const engine of testEngines({ citus: true })) {
  describe(`a grid over two municipalities on ${engine}`, () => {
    let t: TestApp;
    let actor: Actor;
    let litter: string[];
    before(async () => {
      t = await startTestApp(engine, { rollupApplier: false });
      // A coordinator who, as a police area's, reads every report of both Alingsås and Vårgårda (the
      // totals answer only for one who sees every report).
      const coordinator = actorOf((await getUser(t.db, FX.users.coordinator.id, [FX.alingsas]))!);
      actor = { ...coordinator, municipalities: [FX.alingsas, FX.vargarda] };
      const cats = await t.db.query<{ id: string }>(`SELECT id FROM categories WHERE code = 'nedskrapning' AND municipality_id IN ('1489', '1442')`);
      litter = cats.rows.map((c) => c.id);
      // 3,000 incidents over three years around each town's centre.
      for (const [m, at] of [[FX.alingsas, POINTS.alingsasCentrum], [FX.vargarda, POINTS.vargardaCentrum]] as const) {
        const p = toSweref99tm(at.lon, at.lat);
        await t.db.query(
          `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, organisation_id, visibility, review_status, source)
           SELECT gen_random_uuid(), $1, (SELECT id FROM categories WHERE municipality_id = $1 AND code = CASE WHEN g % 3 = 0 THEN 'nedskrapning' ELSE 'skadegorelse.klotter' END),
                  t.at, t.at, t.at, ST_SetSRID(ST_MakePoint($2::float8 + (g * 7919 % 1500) - 750, $3::float8 + (g * 104729 % 1500) - 750), 3006), $4, 'normal', 'new', 'test'
             FROM generate_series(1::bigint, 3000) g, LATERAL (SELECT $5::timestamptz - (g * 2654435761 % (1095 * 86400)) * interval '1 second' AS at) t`,
          [m, p.e, p.n, FX.orgs.kommun, END]);
      }
      await settleRollupQueue(t.db);
    });
    after(() => t.close());

    test('the reader reaches both municipalities, each on a shard of its own', async () => {
      assert.deepEqual([...actor.municipalities].sort(), [FX.vargarda, FX.alingsas].sort());
      if (engine !== 'citus') return;
      const shards = await t.db.query<{ a: string; b: string }>(
        `SELECT get_shard_id_for_distribution_column('incidents', '1489')::text AS a, get_shard_id_for_distribution_column('incidents', '1442')::text AS b`);
      assert.notEqual(shards.rows[0].a, shards.rows[0].b);
    });

    const cases: Array<[string, IncidentFilter, number, boolean]> = [
      ['the hotspots of two years, 100 m: the monthly totals', TWO_YEARS, 100, false],
      ['the heatmap of two years, 250 m: the monthly totals with positions', TWO_YEARS, 250, true],
      ['the hotspots of one category over two years, 100 m: the category totals', { ...TWO_YEARS, categories: [] }, 100, false],
      ['the hotspots of four weeks, 50 m: the daily rows', { from: new Date(+END - 28 * DAY), to: END }, 50, false],
    ];
    for (const [name, filter, size, positions] of cases) {
      test(`${name}, sent whole to each shard, the incidents' grid`, async () => {
        const f = filter.categories ? { ...filter, categories: litter } : filter;
        const { q, sent } = recording(t.db);
        const period = { from: localMidnightDate(f.from!)!, to: localMidnightDate(f.to!)! };
        const cells = await (positions ? rollupGridMeans : rollupGridCounts)(q, actor, f, period, size);
        const expected = await (positions ? sqlSource(t.db, actor, f).gridMeans(size) : sqlSource(t.db, actor, f).gridCounts(size));
        assert.ok(cells.length > 20, `cells with incidents (${cells.length})`);
        assert.deepEqual(byCell(cells), byCell(expected));
        if (engine === 'citus') {
          const explained = await plan(t.db, sent.at(-1)!);
          assert.doesNotMatch(explained, /Distributed Subplan/, explained);
          assert.match(explained, /Task Count: 2/, explained);
        }
      });
    }
  });
}

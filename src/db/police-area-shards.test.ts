/**
 * A grid or the side panel's counts per key over two municipalities (a police area) is one query that
 * Citus sends whole to each of their shards: every table read under its union names the municipality
 * in the same place (first), and arms that group group by it too, so Citus pushes the union down
 * instead of running each arm as a subplan whose every row is fetched to the coordinator. On every
 * engine the figures are the incidents' own.
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
import { stockholmDayStart } from '../core/time/stockholm.ts';
import { getUser } from './repositories/users.ts';
import { actorOf } from '../services/auth.ts';
import { sqlSource } from '../services/aggregate-source.ts';
import { settleRollupQueue } from '../services/rollup-applier.ts';
import { rollupCountsByKey, rollupGridCounts, rollupGridMeans, type DayWindow } from './repositories/rollups.ts';
import { innerCells } from '../core/incidents/view-cells.ts';
import { fromSweref99tm } from '../core/geo/index.ts';
import { plan, recording } from '../../test/support/explain.ts';

/** 2026-11-25 00:00 in Stockholm: the periods end there. */
const END = new Date('2026-11-24T23:00:00Z');
const DAY = 86_400_000;
const TWO_YEARS: IncidentFilter = { from: new Date(+END - 730 * DAY), to: END };

const window = (from: Date, to: Date): DayWindow => ({ days: [localMidnightDate(from)!, localMidnightDate(to)!], at: [from, to] });
const byKey = (rows: Array<{ key: string | null; current: number; previous: number; lastYear: number }>) => rows.map((r) => `${r.key}:${r.current}:${r.previous}:${r.lastYear}`).sort();
const byCell = (cells: Array<{ col: number; row: number; count: number }>) => cells.map((c) => `${c.col}:${c.row}:${c.count}`).sort();

for (const engine of testEngines({ citus: true })) {
  describe(`a police area's grids and panel counts on ${engine}`, () => {
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

    // Windows of the panel: the period, the one before it and the same period a year before.
    const panels: Array<[string, number, boolean]> = [
      ['two years, by whole months and days', 730, false],
      ['four weeks, by days', 28, false],
      ['a quarter in a view across both towns, the cut cells from the incidents', 91, true],
    ];
    for (const [name, days, view] of panels) {
      for (const key of ['category_id', 'organisation_id'] as const) {
        test(`the panel's counts per ${key} over ${name}, sent whole to each shard, the incidents' counts`, async () => {
          // Whole Swedish days, 23 or 25 hours long across a clock change.
          const day = (d: Date, n: number) => new Date(stockholmDayStart(+d, n));
          const from = day(END, -days), before = day(from, -days);
          const yearAgo = (d: Date) => day(d, -364);
          const ws = { current: window(from, END), previous: window(before, from), lastYear: window(yearAgo(from), yearAgo(END)) };
          const a = toSweref99tm(POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat), b = toSweref99tm(POINTS.vargardaCentrum.lon, POINTS.vargardaCentrum.lat);
          // A box from one town's middle to the other's: each town's incidents partly inside, partly cut.
          const sw = fromSweref99tm(Math.min(a.e, b.e), Math.min(a.n, b.n)), ne = fromSweref99tm(Math.max(a.e, b.e), Math.max(a.n, b.n));
          const bbox = view ? [sw.lon, sw.lat, ne.lon, ne.lat] as [number, number, number, number] : undefined;
          const f: IncidentFilter = { from, to: END, bbox };
          const { q, sent } = recording(t.db);
          const rows = await rollupCountsByKey(q, actor, f, key, ws, bbox && innerCells(bbox));
          const expected = await sqlSource(t.db, actor, f).countsByKey(key === 'category_id' ? 'category' : 'organisation',
            { current: ws.current.at, previous: ws.previous.at, lastYear: ws.lastYear.at });
          assert.ok(rows.some((r) => r.current > 0) && rows.some((r) => r.previous > 0), `counts in both windows (${rows.length} keys)`);
          assert.deepEqual(byKey(rows), byKey(expected.filter((r) => r.current + r.previous + r.lastYear > 0)));
          if (engine === 'citus') {
            const explained = await plan(t.db, sent.at(-1)!);
            assert.doesNotMatch(explained, /Distributed Subplan/, explained);
            assert.match(explained, /Task Count: 2/, explained);
          }
        });
      }
    }
  });
}

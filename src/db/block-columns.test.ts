/**
 * A small view over a long period reads each block of months of the category totals column by column
 * where their primary key reads them (inInner's seek in rollups.ts): the index's condition names the
 * view's columns, so it reads each from the view's lowest row to its highest rather than the whole
 * municipality's height. A street filtered by category does so over a whole year; over a few months it
 * reads the daily rows of its categories. The monthly totals and wider views read their columns as one
 * range. Either way, the counts are those of the incidents.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../test/support/api.ts';
import { FX } from '../../test/support/fixtures.ts';
import { transform } from '../core/geo/index.ts';
import type { Actor } from '../core/access/roles.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';
import { localMidnightDate } from '../core/incidents/rollup-range.ts';
import { getUser } from './repositories/users.ts';
import { actorOf } from '../services/auth.ts';
import { sqlSource } from '../services/aggregate-source.ts';
import { settleRollupQueue } from '../services/rollup-applier.ts';
import { rollupGridCells, rollupGridCounts } from './repositories/rollups.ts';
import { plan, recording } from '../../test/support/explain.ts';

/** 2026-11-25 00:00 in Stockholm: the periods end there. */
const END = new Date('2026-11-24T23:00:00Z');
const DAY = 86_400_000;
/** A 12 km × 2 km strip of Alingsås, SWEREF 99 TM. */
const E0 = 345_000, N0 = 6_419_000;

/** A view in WGS 84 of [e0, n0, e1, n1] in SWEREF 99 TM. */
function view(e0: number, n0: number, e1: number, n1: number): [number, number, number, number] {
  const [w, s] = transform(3006, 4326, e0, n0), [e, n] = transform(3006, 4326, e1, n1);
  return [w, s, e, n];
}

const byCell = (cells: Array<{ col: number; row: number; count: number }>) =>
  cells.map((c) => `${c.col}:${c.row}:${c.count}`).sort();

for (const engine of testEngines({ citus: true })) {
  describe(`blocks of months read by column on ${engine}`, () => {
    let t: TestApp;
    let actor: Actor;
    let litter: string;
    before(async () => {
      t = await startTestApp(engine, { rollupApplier: false });
      actor = actorOf((await getUser(t.db, FX.users.coordinator.id, [FX.alingsas]))!);
      const ids = await t.db.query<{ id: string; code: string }>(`SELECT id, code FROM categories WHERE municipality_id = '1489' AND code IN ('nedskrapning', 'skadegorelse.klotter')`);
      litter = ids.rows.find((r) => r.code === 'nedskrapning')!.id;
      const graffiti = ids.rows.find((r) => r.code === 'skadegorelse.klotter')!.id;
      // 20,000 incidents over three years in the strip, two categories, a few with windows of weeks.
      await t.db.query(
        `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, organisation_id, visibility, review_status, source)
         SELECT gen_random_uuid(), '1489', CASE WHEN g % 3 = 0 THEN $5::uuid ELSE $6::uuid END,
                t.at, t.at + CASE WHEN g % 40 = 0 THEN interval '20 days' ELSE interval '0' END, t.at,
                ST_SetSRID(ST_MakePoint($1::float8 + (g * 7919 % 12000), $2::float8 + (g * 104729 % 2000)), 3006), $3, 'normal', 'new', 'test'
           FROM generate_series(1::bigint, 20000) g, LATERAL (SELECT $4::timestamptz - (g * 2654435761 % (1095 * 86400)) * interval '1 second' AS at) t`,
        [E0, N0, FX.orgs.kommun, END, litter, graffiti]);
      await settleRollupQueue(t.db);
      await t.db.exec('ANALYZE incidents, incident_cells, incident_category_totals, incident_category_totals_50m, incident_month_totals');
    });
    after(() => t.close());

    /** The rollups' grid of the filter, its statement's plan, and the incidents' grid. */
    async function grid(f: IncidentFilter, size: number) {
      const { q, sent } = recording(t.db);
      const cells = await rollupGridCounts(q, actor, f, { from: localMidnightDate(f.from!)!, to: localMidnightDate(f.to!)! }, size);
      return { cells, explained: await plan(t.db, sent.at(-1)!), expected: await sqlSource(t.db, actor, f).gridCounts(size) };
    }

    test('a street over two years, one category, 50 m cells: the category totals, column by column', async () => {
      const f = { from: new Date(+END - 730 * DAY), to: END, bbox: view(E0 + 5000, N0 + 800, E0 + 5450, N0 + 1080), categories: [litter] };
      const { cells, explained, expected } = await grid(f, 50);
      assert.match(explained, /incident_category_totals/, explained);
      assert.match(explained, /Index Cond: .*cell_x = ANY/, explained);
      assert.ok(cells.length > 10, `the street has cells with incidents (${cells.length})`);
      assert.deepEqual(byCell(cells), byCell(expected));
    });

    test('a street over two years, every category, 100 m cells: the monthly totals, the columns as a range', async () => {
      const f = { from: new Date(+END - 730 * DAY), to: END, bbox: view(E0 + 5000, N0 + 800, E0 + 5450, N0 + 1080) };
      const { cells, explained, expected } = await grid(f, 100);
      assert.match(explained, /incident_month_totals/, explained);
      assert.doesNotMatch(explained, /cell_x = ANY/, explained);
      assert.deepEqual(byCell(cells), byCell(expected));
    });

    test('a neighbourhood over two years, its clusters of 200 m: the 100 m category totals of every category, column by column', async () => {
      const f = { from: new Date(+END - 730 * DAY), to: END, bbox: view(E0 + 4000, N0 + 200, E0 + 7000, N0 + 1800) };
      const { q, sent } = recording(t.db);
      const cells = await rollupGridCells(q, actor, f, { from: localMidnightDate(f.from)!, to: localMidnightDate(f.to)! }, 200);
      const explained = await plan(t.db, sent.at(-1)!);
      assert.match(explained, /incident_category_totals/, explained);
      assert.match(explained, /Index Cond: .*cell_x = ANY/, explained);
      const expected = await sqlSource(t.db, actor, f).gridCells(200);
      assert.ok(cells.length > 50, `the view has clusters (${cells.length})`);
      assert.deepEqual(byCell(cells), byCell(expected));
    });

    test('the whole municipality over two years, one category, 100 m cells (the hotspots): the category totals through their category index', async () => {
      // The rows of one category of a block lie together in the table in that index's order
      // (migration 0040); through the primary key the read would fetch every category's rows.
      const f = { from: new Date(+END - 730 * DAY), to: END, categories: [litter] };
      const { q, sent } = recording(t.db);
      const cells = await rollupGridCounts(q, actor, f, { from: localMidnightDate(f.from)!, to: localMidnightDate(f.to)! }, 100);
      const explained = await plan(t.db, sent.at(-1)!);
      assert.match(explained, /incident_category_totals_category_idx/, explained);
      assert.doesNotMatch(explained, /incident_category_totals_pkey/, explained);
      assert.ok(cells.length > 1000, `the municipality has cells with incidents (${cells.length})`);
      assert.deepEqual(byCell(cells), byCell(await sqlSource(t.db, actor, f).gridCounts(100)));
    });

    test('a street over three months, one category: the daily rows of the category', async () => {
      // From 25 August (summer time): three whole months, no whole year.
      const f = { from: new Date('2026-08-24T22:00:00Z'), to: END, bbox: view(E0 + 5000, N0 + 800, E0 + 5450, N0 + 1080), categories: [litter] };
      const { cells, explained, expected } = await grid(f, 50);
      assert.match(explained, /incident_cells/, explained);
      assert.doesNotMatch(explained, /incident_category_totals/, explained);
      assert.deepEqual(byCell(cells), byCell(expected));
    });

    test('a view of more columns than are sought one by one reads them as a range', async () => {
      // 7 km wide: 141 columns of 50 m. Its clusters of 50 m read the 50 m category totals, which a
      // street's view would seek column by column.
      const f = { from: new Date(+END - 365 * DAY), to: END, bbox: view(E0 + 2000, N0 + 200, E0 + 9000, N0 + 1800) };
      const { q, sent } = recording(t.db);
      const cells = await rollupGridCells(q, actor, f, { from: localMidnightDate(f.from)!, to: localMidnightDate(f.to)! }, 50);
      const explained = await plan(t.db, sent.at(-1)!);
      assert.match(explained, /incident_category_totals/, explained);
      assert.doesNotMatch(explained, /cell_x = ANY/, explained);
      assert.ok(cells.length > 1000, `the view has cells with incidents (${cells.length})`);
      assert.deepEqual(byCell(cells), byCell(await sqlSource(t.db, actor, f).gridCells(50)));
    });
  });
}

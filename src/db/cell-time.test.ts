/**
 * A small map view over a period, and the cells of one of a clustered view, are read through
 * incidents_cell_time_idx (migration 0027): the planner must see that the index answers the cell
 * expressions cell-time.ts writes, and the answers must be those of testing every incident.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../test/support/db.ts';
import { startTestApp, type TestApp } from '../../test/support/api.ts';
import { FX } from '../../test/support/fixtures.ts';
import { transform } from '../core/geo/index.ts';
import type { Actor } from '../core/access/roles.ts';
import { getUser } from './repositories/users.ts';
import { actorOf } from '../services/auth.ts';
import { incidentPoints } from './repositories/aggregates.ts';
import { cellMembers, rollupGridCells } from './repositories/rollups.ts';
import { localMidnightDate } from '../core/incidents/rollup-range.ts';
import { cellsOf, CELL_TIME_M } from './cell-time.ts';
import { plan, recording } from '../../test/support/explain.ts';

const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 24);
/** A 2 km square of Alingsås, SWEREF 99 TM. */
const E0 = 350_000, N0 = 6_419_000;

for (const engine of testEngines({ citus: true })) {
  describe(`incidents by 250 m cell and time on ${engine}`, () => {
    let t: TestApp;
    let actor: Actor;
    before(async () => {
      t = await startTestApp(engine, { rollupApplier: false });
      actor = actorOf((await getUser(t.db, FX.users.coordinator.id, [FX.alingsas]))!);
      // 20,000 incidents over three years in 2 km × 2 km, a few with windows of weeks.
      await t.db.query(
        `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, organisation_id, visibility, review_status, source)
         SELECT gen_random_uuid(), '1489', (SELECT id FROM categories WHERE municipality_id = '1489' AND code = 'nedskrapning'),
                t.at, t.at + CASE WHEN g % 50 = 0 THEN interval '20 days' ELSE interval '0' END, t.at,
                ST_SetSRID(ST_MakePoint($1::float8 + (g * 7919 % 2000), $2::float8 + (g * 104729 % 2000)), 3006), $3, 'normal', 'new', 'test'
           FROM generate_series(1, 20000) g, LATERAL (SELECT $4::timestamptz - (g * 2654435761 % (1095 * 86400)) * interval '1 second' AS at) t`,
        [E0, N0, FX.orgs.kommun, new Date(END)]);
      await t.db.exec('ANALYZE incidents');
    });
    after(() => t.close());

    /** A street-sized view (about 450 m × 280 m) in the middle of the square, in WGS 84. */
    const view = (): [number, number, number, number] => {
      const [w, s] = transform(3006, 4326, E0 + 800, N0 + 800), [e, n] = transform(3006, 4326, E0 + 1250, N0 + 1080);
      return [w, s, e, n];
    };

    test('a street view over four weeks reads its cells, and finds what testing every incident finds', async () => {
      const f = { from: new Date(END - 28 * DAY), to: new Date(END + DAY), bbox: view() };
      const { q, sent } = recording(t.db);
      const rows = await incidentPoints(q, actor, f, 5000);
      const explained = await plan(t.db, sent.at(-1)!);
      assert.match(explained, /incidents_cell_time_idx/, explained);
      assert.doesNotMatch(explained, /incidents_geom_idx/, explained);
      const [w, s, e, n] = f.bbox;
      const expected = await t.db.query<{ id: string }>(
        `SELECT id FROM incidents WHERE municipality_id = '1489' AND occurred_to >= $1 AND occurred_from < $2
            AND ST_Intersects(geom, ST_Transform(ST_Segmentize(ST_MakeEnvelope($3, $4, $5, $6, 4326), 0.01), 3006)) ORDER BY occurred_from DESC`,
        [f.from, f.to, w, s, e, n]);
      assert.ok(expected.rows.length > 5, `the view holds incidents of the period (${expected.rows.length})`);
      assert.deepEqual(rows.map((r) => r.id).sort(), expected.rows.map((r) => r.id).sort());
    });

    test('a street view filtered by category tests the category in the index (migration 0037)', async () => {
      const category = (await t.db.query<{ id: string }>(`SELECT id FROM categories WHERE municipality_id = '1489' AND code = 'nedskrapning'`)).rows[0].id;
      const f = { from: new Date(END - 28 * DAY), to: new Date(END + DAY), bbox: view(), categories: [category] };
      const { q, sent } = recording(t.db);
      const rows = await incidentPoints(q, actor, f, 5000);
      const explained = await plan(t.db, sent.at(-1)!);
      assert.match(explained, /incidents_cell_time_idx/, explained);
      assert.match(explained, /Index Cond: .*category_id = ANY/, explained);
      assert.deepEqual(rows.map((r) => r.id).sort(), (await incidentPoints(t.db, actor, { ...f, categories: undefined }, 5000)).map((r) => r.id).sort());
    });

    test('the newest of a street view over three years are looked for from its end, and are those of sorting every incident', async () => {
      const f = { from: new Date(END - 1095 * DAY), to: new Date(END + DAY), bbox: view() };
      const [w, s, e, n] = f.bbox;
      const sorted = await t.db.query<{ id: string; long: boolean }>(
        `SELECT id, occurred_to > occurred_from AS long FROM incidents WHERE municipality_id = '1489' AND occurred_to >= $1 AND occurred_from < $2
            AND ST_Intersects(geom, ST_Transform(ST_Segmentize(ST_MakeEnvelope($3, $4, $5, $6, 4326), 0.01), 3006)) ORDER BY occurred_from DESC, id DESC`,
        [f.from, f.to, w, s, e, n]);
      assert.ok(sorted.rows.length > 400, `the view holds incidents of three years (${sorted.rows.length})`);
      for (const limit of [1, 30, 200, sorted.rows.length - 1, sorted.rows.length + 10]) {
        const { q, sent } = recording(t.db);
        const rows = await incidentPoints(q, actor, f, limit);
        assert.deepEqual(rows.map((r) => r.id), sorted.rows.slice(0, limit).map((r) => r.id), `limit ${limit}`);
        // The windows: the first reads the last days alone, each next one only the incidents that
        // start before the one before it; a limit beyond them ends on the whole period before them.
        const reads = sent.filter((x) => /ORDER BY i\.occurred_from DESC/.test(x.sql))
          .map((x) => x.params.filter((v): v is Date => v instanceof Date && +v > +f.from && +v < +f.to).map(Number));
        reads.forEach((dates, i) => {
          if (i > 0) assert.ok(dates.includes(Math.min(...reads[i - 1])), `limit ${limit}: read ${i} starts where read ${i - 1} did`);
        });
        const own = reads.map((dates, i) => dates.length - (i > 0 ? 1 : 0));
        if (limit <= 30) assert.ok(own.every((n) => n === 1), `limit ${limit}: windows only`);
        if (limit >= sorted.rows.length) assert.equal(own.at(-1), 0, `limit ${limit}: the whole period at last`);
      }
      // Incidents of long windows among the newest: they end in a window that starts after them.
      assert.ok(sorted.rows.slice(0, 200).some((r) => r.long), 'some of the newest 200 have windows of weeks');
    });

    test('the cells of one are looked up through the 250 m cells they cover', async () => {
      const f = { from: new Date(END - 7 * DAY), to: new Date(END + DAY) };
      // 200 m cells (zoom 14): each covers parts of up to four 250 m cells.
      const size = 200;
      const found = await t.db.query<{ col: number; row: number; n: number }>(
        `SELECT floor(ST_X(geom) / $1)::int AS col, floor(ST_Y(geom) / $1)::int AS row, count(*)::int AS n FROM incidents
          WHERE municipality_id = '1489' AND occurred_to >= $2 AND occurred_from < $3 GROUP BY 1, 2`, [size, f.from, f.to]);
      const single = found.rows.filter((c) => c.n === 1).map(({ col, row }) => ({ col, row }));
      assert.ok(single.length >= 3, `some cells hold one incident of the week (${single.length})`);
      assert.ok(single.some((c) => cellsOf([c.col * size, c.row * size, (c.col + 1) * size - 1e-6, (c.row + 1) * size - 1e-6]).cols.length > 1
        || Math.floor(c.row * size / CELL_TIME_M) !== Math.floor(((c.row + 1) * size - 1) / CELL_TIME_M)), 'a cell straddles two 250 m cells');
      const { q, sent } = recording(t.db);
      const members = await cellMembers(q, actor, f, size, single);
      const explained = await plan(t.db, sent.at(-1)!);
      assert.match(explained, /incidents_cell_time_idx/, explained);
      const expected = await t.db.query<{ col: number; row: number; id: string }>(
        `SELECT floor(ST_X(geom) / $1)::int AS col, floor(ST_Y(geom) / $1)::int AS row, id FROM incidents
          WHERE municipality_id = '1489' AND occurred_to >= $2 AND occurred_from < $3`, [size, f.from, f.to]);
      const key = (c: { col: number; row: number }) => `${c.col}:${c.row}`;
      const byCell = new Map(expected.rows.map((r) => [key(r), r.id]));
      assert.equal(members.length, single.length);
      for (const m of members) assert.equal(m.id, byCell.get(key(m)), key(m));
    });

    test('the clusters\' cells of one carry their incidents, looked up in the same statement through the 250 m cells', async () => {
      // Whole Swedish days (23:00 UTC in November), as the rollups take them.
      const f = { from: new Date(END - 7 * DAY - 3_600_000), to: new Date(END + DAY - 3_600_000) };
      const size = 200;
      const { q, sent } = recording(t.db);
      const cells = await rollupGridCells(q, actor, f, { from: localMidnightDate(f.from)!, to: localMidnightDate(f.to)! }, size, true);
      assert.equal(sent.length, 1);
      assert.match(await plan(t.db, sent[0]), /incidents_cell_time_idx/);
      const expected = await t.db.query<{ col: number; row: number; id: string; n: number }>(
        `SELECT floor(ST_X(geom) / $1)::int AS col, floor(ST_Y(geom) / $1)::int AS row, min(id::text) AS id, count(*)::int AS n FROM incidents
          WHERE municipality_id = '1489' AND occurred_to >= $2 AND occurred_from < $3 GROUP BY 1, 2`, [size, f.from, f.to]);
      const key = (c: { col: number; row: number }) => `${c.col}:${c.row}`;
      const single = new Map(expected.rows.filter((c) => c.n === 1).map((c) => [key(c), c.id]));
      assert.ok(single.size >= 3, `some cells hold one incident of the week (${single.size})`);
      assert.deepEqual(new Map(cells.filter((c) => c.count === 1).map((c) => [key(c), c.id])), single);
      assert.ok(cells.filter((c) => c.count > 1).every((c) => c.id === ''));
      assert.equal(cells.reduce((n, c) => n + c.count, 0), expected.rows.reduce((n, c) => n + c.n, 0));
    });

    test('a window that holds enough incidents but not enough that start in it is widened', async () => {
      // 3 km east of the square: three incidents of the last days, one of weeks that ends in the first
      // window (it is in it, the fourth newest there), and one of 20 days ago, newer than it but outside.
      const at = (days: number) => new Date(END - days * DAY);
      const rows: Array<[Date, Date, string]> = [[at(1), at(1), 'a'], [at(2), at(2), 'b'], [at(3), at(3), 'c'], [at(30), at(5), 'long'], [at(20), at(20), 'outside']];
      const ids = new Map<string, string>();
      // The category first: Citus takes no subquery in an INSERT … VALUES.
      const category = (await t.db.query<{ id: string }>(`SELECT id FROM categories WHERE municipality_id = '1489' AND code = 'nedskrapning'`)).rows[0].id;
      for (const [from, to, name] of rows) {
        const r = await t.db.query<{ id: string }>(
          `INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, reported_at, geom, organisation_id, visibility, review_status, source)
           VALUES (gen_random_uuid(), '1489', $6, $1, $2, $1,
                   ST_SetSRID(ST_MakePoint($3, $4), 3006), $5, 'normal', 'new', 'test') RETURNING id`, [from, to, E0 + 3100, N0 + 100, FX.orgs.kommun, category]);
        ids.set(r.rows[0].id, name);
      }
      const [w, s] = transform(3006, 4326, E0 + 3000, N0), [e, n] = transform(3006, 4326, E0 + 3200, N0 + 200);
      const found = await incidentPoints(t.db, actor, { from: at(365), to: new Date(END + DAY), bbox: [w, s, e, n] }, 4);
      assert.deepEqual(found.map((r) => ids.get(r.id)), ['a', 'b', 'c', 'outside']);
    });
  });
}

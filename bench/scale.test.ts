/**
 * The scale bench's pieces at a tiny size (2,000 incidents over 3 municipalities), so that CI proves
 * `npm run bench -- scale` still works without running it: the plan, the generation by COPY, the
 * reuse of a kept data set, the server started as a black box with its /ready time and memory, the
 * map's and the panel's requests for both users, and both load loops with every accepted report
 * counted by the side panel. No timing is asserted: figures live in bench/README.md.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { allocate, createDatabase, dropDatabase, ensureDataset, planDataset, readMarker, SCALE_SOURCE, USERS, type DatasetPlan } from './scale/dataset.ts';
import { openEngine, type EngineEnv } from './scale/engine.ts';
import { closedLoop, coarserHotspotCell, ENDPOINTS, memoryOf, openLoop, quantile, reportSender, timedGet, viewCycle, viewUrl } from './scale/measure.ts';

test('allocate shares a total by weight, exactly', () => {
  assert.deepEqual(allocate(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(allocate(2000, [1_617_407, 692_915, 358_495]).reduce((a, b) => a + b, 0), 2000);
  assert.deepEqual(allocate(7, [0, 1]), [0, 7]);
  assert.throws(() => allocate(5, [0, 0]), /sum to 0/);
});

test('quantile is the nearest rank', () => {
  const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(quantile(xs, 0.5), 50);
  assert.equal(quantile(xs, 0.99), 99);
  assert.equal(quantile([7], 0.99), 7);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test('the views ask what the web app asks', () => {
  const vs = viewCycle({ e: 674_000, n: 6_580_000 }, new Date('2026-12-04T00:00:00Z'), { one: 'a', two: ['b', 'c'] });
  assert.equal(vs.length, 35);
  const v = vs.find((x) => x.zoom === 14 && x.from === '2026-11-06')!;
  assert.equal(v.to, '2026-12-04');
  const points = new URL(viewUrl('points', v), 'http://x');
  assert.equal(points.pathname, '/api/map/points');
  assert.equal(points.searchParams.get('zoom'), '14');
  const [w, s, e, n] = points.searchParams.get('bbox')!.split(',').map(Number);
  // A 1280-px-wide viewport at zoom 14 of 512-px tiles spans 360 / 2^14 × 2.5 degrees.
  assert.ok(Math.abs(e - w - (360 / 2 ** 14) * 2.5) < 1e-4 && n > s);
  const grid = new URL(viewUrl('grid', v), 'http://x');
  assert.ok(['50', '100', '200'].includes(grid.searchParams.get('cellSize')!), grid.search);
  const hot = new URL(viewUrl('hotspots', v), 'http://x');
  assert.equal(Number(hot.searchParams.get('distance')), 2 * Number(hot.searchParams.get('cellSize')));
  assert.equal(hot.searchParams.get('bbox'), null);
  assert.equal(new URL(viewUrl('stats', v), 'http://x').pathname, '/api/stats');
  assert.equal(coarserHotspotCell(JSON.stringify({ error: { fields: [{ field: 'cellSize', code: 'too_small', params: { min: 281 } }] } })), 500);
  assert.equal(coarserHotspotCell('{"error":{"fields":[]}}'), null);
});

test('the plan takes the most populous municipalities, sized by their tätort population', () => {
  const plan = planDataset({ incidents: 2000, municipalities: 3, seed: 1, end: new Date('2026-12-04T00:00:00Z') });
  assert.deepEqual(plan.municipalities.map((m) => m.code), ['0180', '1480', '1280']);
  assert.equal(plan.municipalities.reduce((s, m) => s + m.count, 0), 2000);
  assert.ok(plan.municipalities[0].count > plan.municipalities[1].count);
  assert.equal(plan.largest, '0180');
  assert.ok(plan.municipalities.every((m) => m.centres.length > 0 && m.hotspots.length > 0));
});

const skip = process.env.LB_PG_SKIP ?? (process.env.LB_PG_ADMIN_URL ? false : 'run through `npm test` (PostgreSQL)');

describe('the scale bench on PostgreSQL at 2,000 incidents', { skip }, () => {
  let url: string;
  let plan: DatasetPlan;
  let x: EngineEnv | undefined;
  const log = () => {};

  before(async () => {
    const u = new URL(process.env.LB_PG_ADMIN_URL!);
    u.pathname = `/lb_test_scale_${randomBytes(5).toString('hex')}`;
    url = u.toString();
    await createDatabase(url);
    plan = planDataset({ incidents: 2000, municipalities: 3, seed: 3, end: new Date('2026-12-04T00:00:00Z') });
  });

  after(async () => {
    await x?.server.stop();
    await dropDatabase(url);
  });

  test('generates, is reused, serves both users and takes in the reports', { timeout: 60_000 }, async () => {
    x = await openEngine('PostgreSQL', url, plan, log);
    assert.equal(x.info.reused, false);
    assert.equal(x.info.generated, 2000);
    assert.equal((await readMarker(url))?.complete, true);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // A restricted report is its organisation's and the coordinators' (core/access/policy.ts).
    const count = async (codes: string[], seesRestricted = true) => Number((await c.query(
      `SELECT count(*) AS n FROM incidents i WHERE municipality_id = ANY($1) AND source = $2
         AND ($5 OR visibility <> 'restricted' OR organisation_id = (SELECT organisation_id FROM users WHERE email = $6)) 
         AND occurred_to >= ($3::date::timestamp AT TIME ZONE 'Europe/Stockholm') AND occurred_from < ($4::date::timestamp AT TIME ZONE 'Europe/Stockholm')`,
      [codes, SCALE_SOURCE, '2024-12-04', '2026-12-04', seesRestricted, USERS.policeArea(plan.largest)])).rows[0].n);
    try {
      const perMunicipality = (await c.query<{ m: string; n: string }>('SELECT municipality_id AS m, count(*) AS n FROM incidents GROUP BY 1 ORDER BY 1')).rows;
      assert.deepEqual(Object.fromEntries(perMunicipality.map((r) => [r.m, Number(r.n)])), Object.fromEntries(plan.municipalities.map((m) => [m.code, m.count])));
      // A second run finds the data set and leaves it as it is.
      assert.equal((await ensureDataset(url, plan, log)).reused, true);

      assert.ok(x.server.readyMs > 0 && memoryOf(x.server.proc.pid!).rssMB > 20);
      for (const ep of ENDPOINTS) {
        for (const [views, headers] of [[x.views.municipality, x.headers.coordinator], [x.views.policeArea, x.headers.policeArea]] as const) {
          for (const v of [views[0], views[views.length - 1]]) {
            const r = await timedGet(`${x.server.url}${viewUrl(ep, v)}`, headers, ep === 'hotspots' ? [422] : []);
            assert.ok(r.status === 200 || coarserHotspotCell(r.body) !== null, `${viewUrl(ep, v)}: ${r.status} ${r.body.slice(0, 200)}`);
          }
        }
      }
      // Two years of local days: the side panel counts what the database holds, for one municipality and for the police area.
      const twoYears = '?from=2024-12-04&to=2026-12-04';
      const total = async (h: Record<string, string>) => (JSON.parse((await timedGet(`${x!.server.url}/api/stats${twoYears}`, h)).body) as { total: number }).total;
      assert.equal(await total(x.headers.coordinator), await count([plan.largest]));
      assert.equal(await total(x.headers.policeArea), await count([plan.largest, plan.partner], false));

      const now = Date.now(), day = (d: number) => new Date(now + d * 86_400_000).toISOString().slice(0, 10);
      const recent = async () => (JSON.parse((await timedGet(`${x!.server.url}/api/stats?from=${day(-2)}&to=${day(2)}`, x!.headers.coordinator)).body) as { total: number }).total;
      const before = await recent();
      const send = reportSender(x.server.url, x.headers.reporter, x.positions);
      const open = await openLoop(send, 20, 1);
      const closed = await closedLoop(send, 2, 1);
      for (const r of [open, closed]) {
        assert.equal(r.errors, 0);
        assert.equal(r.created.length, r.latencies.length);
        x.posted.push(...r.created);
      }
      assert.equal(open.latencies.length, 20);
      assert.ok(closed.latencies.length > 0);
      const posted = x.posted.length;
      // Every accepted report is in the side panel's count.
      assert.equal(await recent() - before, posted);
      assert.equal(Number((await c.query(`SELECT count(*) AS n FROM incidents WHERE municipality_id = $1 AND source <> $2`, [plan.largest, SCALE_SOURCE])).rows[0].n), posted);
      assert.equal(Number((await c.query(`SELECT count(*) AS n FROM incidents`)).rows[0].n), 2000 + posted);

      // The next run takes them out before its server starts: the data set as generated, its rollups too.
      await x.server.stop();
      x = await openEngine('PostgreSQL', url, plan, log);
      assert.equal(x.info.reused, true);
      assert.equal(x.removedAtStart, posted);
      assert.equal(Number((await c.query(`SELECT count(*) AS n FROM incidents`)).rows[0].n), 2000);
      assert.equal(await recent(), before);
      assert.equal(await total(x.headers.coordinator), await count([plan.largest]));
    } finally {
      await c.end();
    }
  });
});

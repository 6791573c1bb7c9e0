/**
 * The in-memory index must give exactly the numbers the database gives, for every role and
 * filter, and must follow changes at once. Compared on random data, both engines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../test/support/db.ts';
import { categoryId, insertIncidents, startTestApp, type TestApp } from '../../test/support/api.ts';
import { FX, POINTS } from '../../test/support/fixtures.ts';
import { createRandom } from '../core/random/index.ts';
import { getUser } from '../db/repositories/users.ts';
import { actorOf } from './auth.ts';
import { indexSource, sqlSource, type AggregateSource } from './aggregate-source.ts';
import { IncidentIndexStore } from './incident-index.ts';
import { comparisonWindows } from './lagesbild.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);
const CODES = ['skadegorelse.klotter', 'skadegorelse.krossat_glas', 'nedskrapning', 'narkotika', 'ordningsstorning'];
const ORGS = ['alingsashem', 'bevakning', 'polisen', 'kommun'] as const;

const sortBy = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

async function snapshot(src: AggregateSource, w: ReturnType<typeof comparisonWindows>) {
  const cells = await src.gridCells(500);
  return {
    count: await src.count(),
    // The newest incidents (close zoom), and "more than 50?" as the map asks it.
    newest: (await src.points(40)).map((r) => `${r.id} ${r.occurredFrom.toISOString()} ${Math.round(r.x * 100)} ${Math.round(r.y * 100)} ${r.categoryId} ${r.reviewStatus}`),
    moreThan50: (await src.points(51, 51)).length,
    cells: sortBy(cells.map((c) => ({ col: c.col, row: c.row, count: c.count, x: Math.round(c.x * 100), y: Math.round(c.y * 100) })), (c) => `${c.col}:${c.row}`),
    byCategory: sortBy((await src.countsByKey('category', w)).filter((r) => r.current + r.previous + r.lastYear > 0), (r) => String(r.key)),
    byOrganisation: sortBy((await src.countsByKey('organisation', w)).filter((r) => r.current + r.previous + r.lastYear > 0), (r) => String(r.key)),
    weekly: await src.weekly(),
    hourWeekday: await src.hourWeekday(),
    topPlaces: await src.topPlaces(w.previous),
    areas: (await src.areaCounts('district', w)).map((a) => ({ id: a.id, current: a.current, previous: a.previous })),
    summary: await (async () => {
      const s = await src.summary(w);
      return { ...s, byCategory: sortBy(s.byCategory, (r) => r.key), byOrganisation: sortBy(s.byOrganisation, (r) => r.key) };
    })(),
  };
}

for (const engine of testEngines({ citus: true })) {
  describe(`incident index agrees with SQL on ${engine}`, () => {
    let t: TestApp;
    let store: IncidentIndexStore;
    before(async () => {
      t = await startTestApp(engine);
      const rnd = createRandom(7);
      const rows: Parameters<typeof insertIncidents>[1] = [];
      for (let i = 0; i < 600; i++) {
        rows.push({
          categoryCode: CODES[rnd.int(CODES.length)],
          e: 350_000 + rnd.next() * 9000, n: 6_419_000 + rnd.next() * 9000,
          // Spread over 15 months, some at local midnight and at the turn of daylight saving time.
          at: new Date(NOW - rnd.next() * 450 * DAY),
          org: ORGS[rnd.int(ORGS.length)],
          visibility: rnd.next() < 0.15 ? 'restricted' : 'normal',
          placeName: rnd.next() < 0.3 ? ['Stora torget', 'Resecentrum', 'Nolhaga'][rnd.int(3)] : undefined,
          reporterId: rnd.next() < 0.3 ? FX.users.reporter.id : undefined,
        });
      }
      rows.push({ categoryCode: 'nedskrapning', e: 354_000, n: 6_423_000, at: new Date('2026-03-29T01:30:00Z'), org: 'bevakning' });
      rows.push({ categoryCode: 'nedskrapning', e: 354_000, n: 6_423_000, at: new Date('2026-10-24T23:30:00Z'), org: 'bevakning' });
      const ids = await insertIncidents(t, rows);
      // Chosen here, not by random() in SQL: Citus runs no volatile function in a distributed UPDATE.
      await t.db.query(`UPDATE incidents SET review_status = 'reviewed' WHERE id = ANY($1::uuid[])`, [ids.filter(() => rnd.next() < 0.4)]);
      const coord = await t.as('coordinator');
      const ring = (lon: number, lat: number, d: number) => [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]];
      await coord.post('/api/areas', { kind: 'district', geojson: { type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: [ring(12.53, 57.93, 0.01)] } },
        { type: 'Feature', properties: { name: 'B' }, geometry: { type: 'Polygon', coordinates: [ring(12.50, 57.91, 0.02)] } },
      ] } });
      store = new IncidentIndexStore(t.db);
    });
    after(() => t.close());

    const filters = async (): Promise<Array<[string, IncidentFilter]>> => {
      const klotter = await categoryId(t, 'skadegorelse');
      const area = (await t.db.query<{ id: string }>(`SELECT id FROM areas WHERE name = 'A'`)).rows[0].id;
      const from = new Date(NOW - 60 * DAY), to = new Date(NOW + DAY);
      return [
        ['period', { from, to }],
        ['no period', {}],
        ['category with subcategories', { from, to, categories: [klotter] }],
        ['organisations', { from, to, organisations: [FX.orgs.bevakning, FX.orgs.polisen] }],
        ['status', { from, to, reviewStatus: ['reviewed'] }],
        ['restricted', { from, to, visibility: 'restricted' }],
        ['area', { from, to, areaId: area }],
        ['bbox', { from, to, bbox: [12.50, 57.90, 12.54, 57.94] }],
        ['mine', { from, to, reporterId: FX.users.reporter.id }],
        ['municipality', { from, to, municipalities: [FX.alingsas] }],
      ];
    };

    for (const role of ['coordinator', 'reporter', 'areaGroup', 'viewer', 'police'] as const) {
      test(`every aggregate, every filter, as ${role}`, async () => {
        const actor = actorOf((await getUser(t.db, FX.users[role].id, [FX.alingsas]))!);
        for (const [name, f] of await filters()) {
          const from = f.from ?? new Date(NOW - 28 * DAY), to = f.to ?? new Date(NOW + DAY);
          const w = comparisonWindows(from, to);
          const viaSql = await snapshot(sqlSource(t.db, actor, f), w);
          const viaIndex = await snapshot(await indexSource(t.db, store, actor, f), w);
          assert.deepEqual(viaIndex, viaSql, `${role}, ${name}`);
          if (name === 'period' && role === 'coordinator') assert.ok(viaSql.count > 50, 'the comparison is not vacuous');
        }
      });
    }

    test('changes are visible at once: a new report, a moved one, a review', async () => {
      const actor = actorOf((await getUser(t.db, FX.users.coordinator.id, [FX.alingsas]))!);
      const f = { from: new Date(Date.now() - 2 * DAY), to: new Date(Date.now() + DAY) };
      const count = async () => (await indexSource(t.db, store, actor, f)).count();
      const before = await count();
      const rep = await t.as('reporter');
      const created = (await rep.post('/api/incidents', { categoryId: await categoryId(t, 'nedskrapning'), occurredAt: new Date(Date.now() - 60_000).toISOString(), location: POINTS.alingsasCentrum })).json();
      assert.equal(await count(), before + 1);
      await rep.patch(`/api/incidents/${created.id}`, { occurredAt: new Date(Date.now() - 10 * DAY).toISOString() });
      assert.equal(await count(), before, 'moved out of the period: counted nowhere twice');
      const reviewed = await (await t.as('coordinator')).post(`/api/incidents/${created.id}/review`, { status: 'rejected' });
      assert.equal(reviewed.statusCode, 200);
      const rejected = await (await indexSource(t.db, store, actor, { reviewStatus: ['rejected'] })).count();
      const sqlRejected = await sqlSource(t.db, actor, { reviewStatus: ['rejected'] }).count();
      assert.equal(rejected, sqlRejected);
      assert.ok(rejected >= 1);
    });
  });
}

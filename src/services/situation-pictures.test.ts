import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { localDate, parsePeriod } from '../core/situation-picture/period.ts';
import { computeSituationPictureContent } from './edition-content.ts';
import { hotspotNameOf } from '../core/situation-picture/hotspot-name.ts';
import { createSituationPicture, systemActor } from './situation-pictures.ts';

const DAY = 86_400_000;
/**
 * A fixed "today" and the demo's end at its start, as `seed-demo` would make them on that day: the
 * four weeks before it are 2026-10-27 – 2026-11-23 (the README's example), whatever the wall clock says.
 */
const END = new Date('2026-11-24T00:00:00Z');
const today = localDate(END.getTime());
const day = (offset: number) => new Date(Date.parse(today + 'T12:00:00Z') + offset * DAY).toISOString().slice(0, 10);

for (const engine of testEngines({ citus: true })) {
  describe(`lägesbild edition content on the demo data (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(engine);
      await seedDemo(t.db, { count: 8000, end: END });
    });
    after(() => t.drop());

    test('four weeks of 8,000 incidents over two years: rollups and incidents agree; time logged', async () => {
      const actor = systemActor('1489');
      const { from, to } = parsePeriod(day(-28), day(-1));
      let t0 = Date.now();
      const viaRollups = await computeSituationPictureContent(t.db, actor, { from, to }, 'rollups');
      const msIndex = Date.now() - t0;
      t0 = Date.now();
      const viaSql = await computeSituationPictureContent(t.db, actor, { from, to }, 'incidents');
      console.log(`# ${engine}: edition content for 4 weeks of the demo data in ${msIndex} ms (rollups), ${Date.now() - t0} ms (incidents); ${viaRollups.totals.count} incidents, ${viaRollups.hotspots.cells.length} hotspot cells, near-repeat ${viaRollups.nearRepeat ? 'computed' : 'skipped'}`);
      assert.ok(viaRollups.totals.count > 100);
      assert.deepEqual(viaRollups.totals, viaSql.totals);
      assert.deepEqual(viaRollups.byCategory, viaSql.byCategory);
      assert.deepEqual(viaRollups.byArea, viaSql.byArea);
      assert.deepEqual(viaRollups.hotspots.cells.map((c) => c.cellId), viaSql.hotspots.cells.map((c) => c.cellId));
      assert.ok(viaRollups.byArea.length > 0, 'the demo districts');
      assert.ok(viaRollups.nearRepeat);
      assert.ok(viaRollups.hotspots.cells.length > 0);
      assert.ok(viaRollups.hotspots.cells.some((c) => c.placeName), 'hotspots named after the demo places');
    });

    test('every hotspot cell and zone is named by its district and nearest place, never by its grid id (issue 12 item 12)', async () => {
      const { from, to } = parsePeriod(day(-28), day(-1));
      const c = await computeSituationPictureContent(t.db, systemActor('1489'), { from, to });
      const districts = new Set(c.byArea.filter((a) => a.kind === 'district').map((a) => a.name));
      const all = [...c.hotspots.cells, ...(c.hotspots.zones ?? [])];
      assert.ok(all.length > 0);
      for (const h of all) {
        assert.ok(h.where?.place, `a nearest place for ${JSON.stringify(h).slice(0, 120)}`);
        assert.ok(h.where.place.distance >= 0 && h.where.place.distance < 60_000, `${h.where.place.distance} m, within the municipality`);
        if (h.where.area !== null) assert.ok(districts.has(h.where.area), `${h.where.area} is a demo district`);
        for (const lang of ['sv', 'en'] as const) assert.doesNotMatch(hotspotNameOf(h, lang), /\d+:\d+:\d+/);
      }
      assert.ok(all.some((h) => h.where?.area), 'hotspots in the built-up areas carry the district');
    });

    test('police events from the shared Polisen file are in the period that holds them', async () => {
      const { from, to } = parsePeriod('2026-06-01', '2026-08-31');
      const c = await computeSituationPictureContent(t.db, systemActor('1489'), { from, to });
      assert.ok(c.policeEvents.total > 0);
      assert.equal(c.policeEvents.newestHeld, '2026-08-21T17:14:52.000Z');
      assert.ok(c.policeEvents.byType[0].count >= c.policeEvents.byType.at(-1)!.count);
    });

    test('a scheduled draft is made once per period, by nobody', async () => {
      const actor = systemActor('1489');
      const input = { from: day(-14), to: day(-1), origin: 'scheduled' as const };
      const [a, b] = await Promise.all([createSituationPicture(t.db, actor, input), createSituationPicture(t.db, actor, input)]);
      assert.equal(a.id, b.id);
      assert.equal(a.origin, 'scheduled');
      const rows = await t.db.query<{ n: number; by: string | null }>(`SELECT count(*)::int AS n, max(created_by::text) AS by FROM situation_pictures WHERE origin = 'scheduled'`);
      assert.deepEqual(rows.rows[0], { n: 1, by: null });
      const audit = await t.db.query<{ user_id: string | null }>(`SELECT user_id FROM audit_log WHERE action = 'situation_picture.create'`);
      assert.deepEqual(audit.rows, [{ user_id: null }]);
    });
  });
}

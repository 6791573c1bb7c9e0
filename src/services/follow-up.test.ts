import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { FX } from '../../test/support/fixtures.ts';
import type { Actor } from '../core/access/roles.ts';
import { centresFromTatortPoints, generateIncidents } from '../core/demo/index.ts';
import { boundaryRings } from '../core/geo/index.ts';
import { municipalityBoundary } from '../setup/boundaries.ts';
import { readSharedJson } from '../setup/shared-data.ts';
import { addDays, stockholmDay } from '../core/measures/follow-up.ts';
import { seedDemo } from '../demo/seed.ts';
import { computeFollowUp } from './follow-up.ts';
import { createMeasure } from './measures.ts';

const END = new Date('2026-09-07T00:00:00Z');
const coordinator: Actor = { userId: FX.users.coordinator.id, organisationId: FX.orgs.kommun, municipalityId: FX.alingsas, municipalities: [FX.alingsas], roles: ['coordinator'] };

/** The demo generator's trend places, from the same options seedDemo uses. */
function demoTrends() {
  const centres = centresFromTatortPoints(readSharedJson('boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson'));
  return generateIncidents({ seed: 1489, count: 10, end: END, boundary: boundaryRings(municipalityBoundary(FX.alingsas).geometry3006), centres }).metadata.trends;
}

for (const engine of testEngines({ citus: true })) {
  describe(`follow-up on the demo data (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(engine);
      await seedDemo(t.db, { seed: 1489, count: 8000, end: END });
    });
    after(() => t.drop());

    test('the demo measures at the places that got better show an effect', async () => {
      const done = await t.db.query<{ id: string; place: string; start: string }>(
        `SELECT m.id, p.name AS place, m.actual_start::text AS start FROM measures m JOIN places p ON p.municipality_id = m.municipality_id AND p.id = m.place_id WHERE m.status = 'done' ORDER BY p.name`);
      const improving = demoTrends().filter((x) => x.kind === 'improving');
      assert.equal(done.rows.length, 2);
      assert.deepEqual(done.rows.map((r) => r.place).sort(), improving.map((x) => x.placeName).sort());
      for (const m of done.rows) {
        const trend = improving.find((x) => x.placeName === m.place)!;
        assert.equal(m.start, stockholmDay(trend.measureDate!));
        const fu = await computeFollowUp(t.db, coordinator, m.id, { today: stockholmDay(END) });
        assert.equal(fu.weeks, 26);
        const { counts: c, result: r } = fu;
        assert.ok(c.Rb >= 40, `${m.place}: enough incidents before (${JSON.stringify(c)})`);
        assert.ok(r.grossPercentChange.value! < -40, `${m.place}: clearly fewer after (${JSON.stringify(c)})`);
        assert.ok(r.netEffect.value! > 0.3 * c.Rb, `${m.place}: net effect positive (${r.netEffect.value}, ${JSON.stringify(c)})`);
        assert.ok(r.successMeasure.value! < 0);
      }
    });

    test('a measure at a place that got worse shows the opposite', async () => {
      const worse = demoTrends().filter((x) => x.kind === 'worsening');
      for (const w of worse) {
        const place = await t.db.query<{ id: string }>('SELECT id FROM places WHERE name = $1', [w.placeName]);
        const start = addDays(stockholmDay(END), -26 * 7);
        const m = await createMeasure(t.db, coordinator, { type: 'vaktrond', term: 'short', title: `Väktarronder ${w.placeName}`, organisationId: FX.orgs.bevakning, placeId: place.rows[0].id, status: 'ongoing', actualStart: start });
        const fu = await computeFollowUp(t.db, coordinator, m.id, { today: stockholmDay(END) });
        const { counts: c, result: r } = fu;
        assert.ok(r.grossEffect > 0, `${w.placeName}: more after (${JSON.stringify(c)})`);
        assert.ok(r.netEffect.value! < 0, `${w.placeName}: net effect negative (${r.netEffect.value}, ${JSON.stringify(c)})`);
      }
    });
  });
}

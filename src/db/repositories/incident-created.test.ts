/**
 * A new report's two forms, the one statement (PostgreSQL, PGlite) and the transaction of routed
 * statements (Citus), store the same rows and answer the same incident as getIncident reads it, on
 * every engine: each form is run on each engine whatever the engine would choose.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/support/db.ts';
import { FX } from '../../../test/support/fixtures.ts';
import type { Actor } from '../../core/access/roles.ts';
import type { IncidentRecord } from '../../core/incidents/types.ts';
import { getIncident, insertIncidentCreated } from './incidents.ts';

const coordinator: Actor = { userId: FX.users.coordinator.id, organisationId: FX.orgs.kommun, municipalityId: FX.alingsas, municipalities: [FX.alingsas], roles: ['coordinator'] };

for (const engine of testEngines({ citus: true })) {
  describe(`a new report's insert on ${engine}`, () => {
    let t: TestDatabase;
    let record: (id: string) => IncidentRecord;
    before(async () => {
      t = await createTestDatabase(engine);
      const category = (await t.db.query<{ id: string }>(`SELECT id FROM categories WHERE municipality_id = $1 AND code = 'skadegorelse.klotter'`, [FX.alingsas])).rows[0].id;
      record = (id) => ({
        id, municipalityId: FX.alingsas, categoryId: category, occurredFrom: new Date('2026-11-02T21:15:00Z'), occurredTo: new Date('2026-11-02T21:45:00Z'),
        reportedAt: new Date('2026-11-03T07:00:00Z'), e: 343512.25, n: 6422034.5, positionPrecision: 'map', precisionM: 12, placeId: null,
        placeName: 'Stora torget', description: 'Klotter på busskuren', organisationId: FX.orgs.alingsashem, reporterId: FX.users.reporter.id,
        reportedToPolice: true, assessment: null, source: 'app', reviewStatus: 'new', duplicateOf: null, visibility: 'normal', outsideBoundaryM: null,
      });
    });
    after(() => t.drop());

    const history = async (id: string) => (await t.db.query<{ action: string; user_id: string; changes: unknown }>(
      'SELECT action, user_id, changes FROM incident_history WHERE municipality_id = $1 AND incident_id = $2', [FX.alingsas, id])).rows;

    for (const distributed of [false, true]) {
      const form = distributed ? 'the routed statements' : 'the one statement';
      test(`${form}: the incident as getIncident reads it, and one history entry`, async () => {
        const id = randomUUID();
        const stored = await insertIncidentCreated({ ...t.db, distributed }, record(id), FX.users.reporter.id, { categoryId: record(id).categoryId });
        assert.ok(stored);
        assert.deepEqual(stored, await getIncident(t.db, coordinator, id));
        assert.equal(stored.categoryCode, 'skadegorelse.klotter');
        assert.equal(stored.organisationName !== null && stored.organisationName.length > 0, true);
        assert.equal(stored.importFileName, null);
        assert.deepEqual(await history(id), [{ action: 'create', user_id: FX.users.reporter.id, changes: { categoryId: record(id).categoryId } }]);
      });

      test(`${form}: an id already taken in the municipality stores nothing and answers null`, async () => {
        const id = randomUUID();
        await insertIncidentCreated({ ...t.db, distributed }, record(id), FX.users.reporter.id, {});
        const again = await insertIncidentCreated({ ...t.db, distributed }, { ...record(id), description: 'En annan rapport' }, FX.users.reporter.id, {});
        assert.equal(again, null);
        assert.equal((await history(id)).length, 1);
        assert.equal((await getIncident(t.db, coordinator, id))?.description, 'Klotter på busskuren');
      });
    }

    test('both forms answer the same incident for the same report', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const one = await insertIncidentCreated({ ...t.db, distributed: false }, record(a), FX.users.reporter.id, {});
      const routed = await insertIncidentCreated({ ...t.db, distributed: true }, record(b), FX.users.reporter.id, {});
      const same = (i: typeof one) => ({ ...i!, id: undefined, createdAt: undefined, updatedAt: undefined });
      assert.deepEqual(same(routed), same(one));
    });
  });
}

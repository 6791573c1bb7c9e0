/**
 * The access policy's derivations agree with it: for every action, every combination of roles and
 * every kind of record, the SQL predicate (db/access.ts) selects exactly the records `can` allows,
 * on both engines (the rollup tables are read through the same predicate, under the same column
 * names). db/access.test.ts proves the same through the HTTP API.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines, createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { ACTIONS, can, type RecordFacts } from '../core/access/policy.ts';
import { ROLES, type Actor, type Role } from '../core/access/roles.ts';
import { allowedRows } from './access.ts';
import { Params } from './sql.ts';

const OWN = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const records: Array<RecordFacts & { id: number }> = [];
for (const municipalityId of ['1489', '1442']) {
  for (const organisationId of [OWN, OTHER]) {
    for (const visibility of ['normal', 'restricted'] as const) records.push({ id: records.length, municipalityId, organisationId, visibility });
  }
}

// Every single role, every pair, none, and a user granted a second municipality.
const roleSets: Role[][] = [[], ...ROLES.map((r) => [r]), ...ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [a, b]))];
const actors: Actor[] = roleSets.flatMap((roles) => [
  { userId: 'u', organisationId: OWN, municipalityId: '1489', municipalities: ['1489'], roles },
  { userId: 'u', organisationId: OWN, municipalityId: '1489', municipalities: ['1489', '1442'], roles },
]);

for (const engine of testEngines({ citus: true })) {
  describe(`the access policy in SQL on ${engine}`, () => {
    let t: TestDatabase;
    before(async () => { t = await createTestDatabase(engine); });
    after(() => t.drop());

    test('every action × role set × record: the SQL predicate selects what `can` allows', async () => {
      const values = records.map((r) => `(${r.id}, '${r.municipalityId}', '${r.organisationId}'::uuid, '${r.visibility}')`).join(', ');
      let checked = 0;
      for (const action of ACTIONS) {
        for (const a of actors) {
          const p = new Params();
          const where = allowedRows(a, action, p, 'r');
          const res = await t.db.query<{ id: number }>(
            `SELECT id FROM (VALUES ${values}) AS r(id, municipality_id, organisation_id, visibility) WHERE ${where} ORDER BY id`, p.values);
          const expected = records.filter((r) => can(a, action, r)).map((r) => r.id);
          assert.deepEqual(res.rows.map((r) => r.id), expected, `${action} × [${a.roles.join(',')}] in ${a.municipalities.join(',')}`);
          checked++;
        }
      }
      assert.equal(checked, ACTIONS.length * actors.length);
    });
  });
}

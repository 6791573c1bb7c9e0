/**
 * Every rollup table is vacuumed after a fixed number of changed rows (migration 0038), on Citus in
 * every shard: the map's index-only scans need the pages the applier changes to be all-visible again
 * soon, not once a fifth of a table of tens of millions of rows has changed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { BLOCK_TABLES, ROLLUP_TABLES } from './repositories/rollups.ts';

const VACUUM = ['autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=20000', 'autovacuum_vacuum_insert_scale_factor=0', 'autovacuum_vacuum_insert_threshold=20000'];
/** The totals change their counts in place (migration 0040): a fifth of each page is left for the new versions. */
const wanted = (table: string) => [...VACUUM, ...(BLOCK_TABLES.includes(table) ? ['fillfactor=80'] : [])].sort();

for (const engine of testEngines({ citus: true })) {
  describe(`the rollup tables' autovacuum on ${engine}`, () => {
    let t: TestDatabase;
    before(async () => { t = await createTestDatabase(engine); });
    after(() => t.drop());

    test('each rollup table is vacuumed after 20,000 changed rows, whatever its size, and the totals keep room for their changes', async () => {
      const r = await t.db.query<{ table: string; options: string[] | null }>(
        `SELECT relname::text AS table, reloptions AS options FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1::text[])`, [ROLLUP_TABLES]);
      assert.equal(r.rows.length, ROLLUP_TABLES.length);
      for (const row of r.rows) assert.deepEqual([...(row.options ?? [])].sort(), wanted(row.table), row.table);
    });

    test('no index of the totals holds their counts, so the applier\'s changes are HOT updates', async () => {
      // A count in an index's columns, INCLUDE or predicate makes every change write every index
      // again (migration 0040 took them out).
      const r = await t.db.query<{ index: string; definition: string }>(
        `SELECT indexrelid::regclass::text AS index, pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid::regclass::text = ANY($1::text[])`, [BLOCK_TABLES]);
      assert.ok(r.rows.length >= BLOCK_TABLES.length, 'each table has its primary key');
      for (const row of r.rows) assert.doesNotMatch(row.definition, /[(, ](n|sum_dx|sum_dy)[,) ]/, row.index);
    });

    if (engine === 'citus') {
      test('every shard of every rollup table has the same settings', async () => {
        for (const table of ROLLUP_TABLES) {
          const r = await t.db.query<{ success: boolean; result: string }>(
            `SELECT success, result FROM run_command_on_shards($1, $$SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = '%s'::regclass$$)`, [table]);
          assert.ok(r.rows.length > 1, `${table} has shards`);
          for (const s of r.rows) {
            assert.ok(s.success, `${table}: ${s.result}`);
            assert.deepEqual(s.result.split(',').sort(), wanted(table), table);
          }
        }
      });
    }
  });
}

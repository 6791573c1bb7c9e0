/**
 * The one-round-trip checks of a new report give what the careful path works out in three: the
 * municipality municipalityAt finds, and the category checkCategory would store, or nothing where
 * the careful path would name an error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/support/db.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';
import { toSweref99tm } from '../../core/geo/index.ts';
import { municipalityAt } from './municipalities.ts';
import { reportChecks } from './report-checks.ts';

const BOTH = [FX.alingsas, FX.vargarda];

for (const engine of testEngines({ citus: true })) {
  describe(`report checks on ${engine}`, () => {
    let t: TestDatabase;
    const category = async (m: string, code: string) =>
      (await t.db.query<{ id: string }>('SELECT id FROM categories WHERE municipality_id = $1 AND code = $2', [m, code])).rows[0].id;
    before(async () => { t = await createTestDatabase(engine); });
    after(() => t.drop());

    test('the municipality at the point, as municipalityAt finds it, with the category sent from its tree', async () => {
      const p = toSweref99tm(POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat);
      const klotter = await category(FX.alingsas, 'skadegorelse.klotter');
      const checked = await reportChecks(t.db, p.e, p.n, BOTH, 50, klotter);
      const m = await municipalityAt(t.db, p.e, p.n, BOTH, 50);
      assert.deepEqual(checked, { municipalityId: m!.id, outsideM: m!.outsideM, categoryId: klotter });
      assert.equal(checked?.municipalityId, FX.alingsas);
    });

    test("a category from another municipality's tree stands for the one with its code where the point is", async () => {
      const p = toSweref99tm(POINTS.vargardaCentrum.lon, POINTS.vargardaCentrum.lat);
      const checked = await reportChecks(t.db, p.e, p.n, BOTH, 50, await category(FX.alingsas, 'skadegorelse.klotter'));
      assert.equal(checked?.municipalityId, FX.vargarda);
      assert.equal(checked?.categoryId, await category(FX.vargarda, 'skadegorelse.klotter'));
    });

    test('no category where the careful path names an error: unknown, inactive, or from a tree out of reach', async () => {
      const p = toSweref99tm(POINTS.alingsasCentrum.lon, POINTS.alingsasCentrum.lat);
      const nedskrapning = await category(FX.alingsas, 'nedskrapning');
      assert.equal((await reportChecks(t.db, p.e, p.n, BOTH, 50, '00000000-0000-4000-8000-00000000dead'))?.categoryId, null, 'unknown');
      assert.equal((await reportChecks(t.db, p.e, p.n, [FX.alingsas], 50, await category(FX.vargarda, 'nedskrapning')))?.categoryId, null,
        "from the tree of a municipality the caller does not reach (the careful path's getCategory finds nothing)");
      const inactive = await t.db.transaction(async (tx) => {
        await tx.query('UPDATE categories SET active = false WHERE id = $1', [nedskrapning]);
        const r = await reportChecks(tx, p.e, p.n, BOTH, 50, nedskrapning);
        await tx.query('UPDATE categories SET active = true WHERE id = $1', [nedskrapning]);
        return r;
      });
      assert.equal(inactive?.categoryId, null, 'inactive');
    });

    test('none outside every municipality given, or outside the tolerance', async () => {
      const klotter = await category(FX.alingsas, 'skadegorelse.klotter');
      const gbg = toSweref99tm(POINTS.goteborg.lon, POINTS.goteborg.lat);
      assert.equal(await reportChecks(t.db, gbg.e, gbg.n, BOTH, 50, klotter), null);
      const vg = toSweref99tm(POINTS.vargardaCentrum.lon, POINTS.vargardaCentrum.lat);
      assert.equal(await reportChecks(t.db, vg.e, vg.n, [FX.alingsas], 50, klotter), null, 'in a municipality the caller does not reach');
    });
  });
}

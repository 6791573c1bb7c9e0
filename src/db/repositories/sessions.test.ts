/**
 * A session's idle expiry slides forward when it is used, but reading pages is not a write each
 * time: the slide is stored at most once a minute.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/support/db.ts';
import { FX } from '../../../test/support/fixtures.ts';
import { findSession, insertSession } from './sessions.ts';
import { getUser } from './users.ts';

const IDLE = 12 * 3_600_000;

for (const engine of testEngines({ citus: true })) {
  describe(`sessions on ${engine}`, () => {
    let t: TestDatabase;
    before(async () => { t = await createTestDatabase(engine); });
    after(() => t.drop());
    const seen = async (id: string) => (await t.db.query<{ at: Date; until: Date }>('SELECT last_seen_at AS at, expires_at AS until FROM sessions WHERE id = $1', [id])).rows[0];

    test('used within a minute: no write; used after a minute: the expiry slides; expired: gone', async () => {
      const id = `test-${engine}-${Date.now()}`;
      await insertSession(t.db, { idHash: id, municipalityId: FX.alingsas, userId: FX.users.coordinator.id, csrfToken: 'c', expiresAt: new Date(Date.now() + IDLE) });
      const first = await seen(id);
      const found = await findSession(t.db, id, IDLE);
      assert.equal(found?.userId, FX.users.coordinator.id);
      assert.deepEqual(await seen(id), first, 'read again at once: nothing written');
      await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '2 minutes', expires_at = now() + interval '1 hour' WHERE id = $1`, [id]);
      const slid = await findSession(t.db, id, IDLE);
      const after = await seen(id);
      assert.ok(after.until.getTime() > Date.now() + IDLE - 60_000, 'the idle expiry slid forward');
      assert.equal(slid?.expiresAt.getTime(), after.until.getTime());
      await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
      assert.equal(await findSession(t.db, id, IDLE), null);
    });

    test('the session comes with its user, as getUser reads it, in the same round trip; a user moved elsewhere since is none', async () => {
      const id = `test-user-${engine}-${Date.now()}`;
      await insertSession(t.db, { idHash: id, municipalityId: FX.alingsas, userId: FX.users.coordinator.id, csrfToken: 'c', expiresAt: new Date(Date.now() + IDLE) });
      const found = await findSession(t.db, id, IDLE);
      assert.ok(found?.user);
      assert.deepEqual(found.user, await getUser(t.db, FX.users.coordinator.id, [FX.alingsas]));
      assert.ok(found.user.municipalities.includes(FX.alingsas));
      const moved = `test-moved-${engine}-${Date.now()}`;
      await insertSession(t.db, { idHash: moved, municipalityId: FX.vargarda, userId: FX.users.coordinator.id, csrfToken: 'c', expiresAt: new Date(Date.now() + IDLE) });
      const orphan = await findSession(t.db, moved, IDLE);
      assert.equal(orphan?.userId, FX.users.coordinator.id);
      assert.equal(orphan?.user, null);
    });
  });
}

/**
 * The first start's one-time link (issue 13, item 2), on both engines: issued only to a deployment
 * without a municipality, stored as a hash, replaced by a later start while unused; two set-ups
 * sent at once with it make one deployment and one refusal; a deployment set up another way in the
 * meantime refuses it. Every refusal leaves the database as it was.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../core/errors/index.ts';
import type { SetupInput } from '../core/setup/input.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/db.ts';
import { completeSetup, issueSetupLink, setupState } from './first-start.ts';
import { hashToken } from './auth.ts';
import { addMunicipality } from './municipality-setup.ts';

async function emptyDatabase(engine: Parameters<typeof createTestDatabase>[0]): Promise<TestDatabase> {
  const t = await createTestDatabase(engine);
  await t.db.query('TRUNCATE municipalities CASCADE');
  return t;
}

async function written(t: TestDatabase) {
  const r = await t.db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM municipalities) AS municipalities, (SELECT count(*) FROM categories) AS categories,
            (SELECT count(*) FROM organisations) AS organisations, (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM audit_log) AS audit`);
  return r.rows[0];
}

const input = (token: string): SetupInput & { token: string } => ({
  token,
  municipalities: ['1489', '1442'],
  organisations: [
    { name: 'Kommunledningskontoret', shortName: 'KLK', kind: 'forvaltning', municipalities: ['1489', '1442'] },
    { name: 'Polisen lokalpolisområde Alingsås', shortName: 'Polisen', kind: 'polis', municipalities: ['1489', '1442'] },
  ],
  administrator: { name: 'Ada Admin', email: 'ada@alingsas.se', password: 'ett-långt-lösenord', organisation: 0 },
});

const refusedWith = (code: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.code, code);
  return true;
};

for (const engine of testEngines()) {
  describe(`the first start's set-up link on ${engine}`, () => {
    const dbs: TestDatabase[] = [];
    const fresh = async () => { const t = await emptyDatabase(engine); dbs.push(t); return t; };
    after(async () => { for (const t of dbs) await t.drop(); });

    test('a deployment with a municipality gets no link; an empty one does, stored only as its hash', async () => {
      const setUp = await createTestDatabase(engine);
      dbs.push(setUp);
      assert.equal(await issueSetupLink(setUp.db), null);
      assert.equal((await setUp.db.query('SELECT * FROM setup_token')).rows.length, 0);

      const t = await fresh();
      const token = await issueSetupLink(t.db);
      assert.ok(token && token.length >= 43, 'a long random token');
      const stored = await t.db.query<{ token_hash: string; used_at: Date | null }>('SELECT token_hash, used_at FROM setup_token');
      assert.deepEqual(stored.rows, [{ token_hash: hashToken(token), used_at: null }]);
      assert.equal(await setupState(t.db, token), 'ready');
    });

    test('a later start replaces a link not yet used: the old one no longer works, the new one does', async () => {
      const t = await fresh();
      const first = (await issueSetupLink(t.db))!;
      const second = (await issueSetupLink(t.db))!;
      assert.notEqual(first, second);
      assert.equal(await setupState(t.db, first), 'invalid');
      assert.equal(await setupState(t.db, second), 'ready');
      await assert.rejects(completeSetup(t.db, input(first)), refusedWith('setup_token_invalid'));
      assert.equal((await written(t)).municipalities, 0);
    });

    test('two set-ups sent at once with the same link: one deployment, and the other is told the link was used', async () => {
      const t = await fresh();
      const token = (await issueSetupLink(t.db))!;
      const results = await Promise.allSettled([completeSetup(t.db, input(token)), completeSetup(t.db, input(token))]);
      const done = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(done.length, 1, JSON.stringify(results.map((r) => r.status === 'rejected' ? String(r.reason) : 'ok')));
      assert.equal(failed.length, 1);
      refusedWith('setup_token_used')(failed[0].reason);
      assert.equal((failed[0].reason as DomainError).status, 410);
      const w = await written(t);
      assert.deepEqual([w.municipalities, w.organisations, w.users], [2, 2, 1]);
      assert.equal(await setupState(t.db, token), 'used');
      // A start after the set-up issues nothing and keeps the used link, which still says so.
      assert.equal(await issueSetupLink(t.db), null);
      assert.equal(await setupState(t.db, token), 'used');
    });

    test('a deployment set up another way since the link was printed refuses it (409), changing nothing', async () => {
      const t = await fresh();
      const token = (await issueSetupLink(t.db))!;
      await addMunicipality(t.db, { code: '1441' });
      assert.equal(await setupState(t.db, token), 'done');
      const before = await written(t);
      await assert.rejects(completeSetup(t.db, input(token)), (e: unknown) => {
        refusedWith('setup_done')(e);
        assert.equal((e as DomainError).status, 409);
        return true;
      });
      assert.deepEqual(await written(t), before);
      assert.equal(await setupState(t.db, token), 'done', 'the link was not used up');
    });
  });
}

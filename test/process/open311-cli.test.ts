/**
 * `lagesbild open311 key add|list|revoke` and `open311 contacts purge` as an operator runs them on
 * a new deployment (PostgreSQL; each command opens the database afresh): the key printed once on
 * stdout works against `lagesbild serve`, the list never shows it, a revoked key is refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testEngines } from '../support/db.ts';
import { exited, run, startServer } from '../support/process.ts';

for (const engine of testEngines().filter((e) => e === 'postgres')) {
  describe(`open311 keys from the command line on ${engine}`, () => {
    const work = mkdtempSync(join(tmpdir(), 'lb-open311-'));
    const name = `lb_open311_${randomBytes(6).toString('hex')}`;
    let env: Record<string, string>;
    before(async () => {
      const admin = new pg.Client({ connectionString: process.env.LB_PG_ADMIN_URL! });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(process.env.LB_PG_ADMIN_URL!);
      url.pathname = `/${name}`;
      env = { DATABASE_URL: url.toString(), DATA_DIR: join(work, 'unused'), LAGESBILD_SHARED_DATA: join(work, 'no-shared-data') };
    });
    after(async () => {
      const admin = new pg.Client({ connectionString: process.env.LB_PG_ADMIN_URL! });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(work, { recursive: true, force: true });
    });

    test('key add prints a key that works, key list never shows it, key revoke stops it', async () => {
      assert.equal((await run(['migrate'], env)).code, 0);
      assert.equal((await run(['municipality', 'add', '1489'], env)).code, 0);
      const org = await run(['organisation', 'add', '--municipality', '1489', '--name', 'Kommunledningskontoret', '--kind', 'forvaltning'], env);
      assert.equal(org.code, 0, org.stderr);

      const added = await run(['open311', 'key', 'add', '--municipality', '1489', '--name', 'FixMyStreet'], env);
      assert.equal(added.code, 0, added.stderr);
      const apiKey = added.stdout.trim();
      assert.match(apiKey, /^lb311_1489_[A-Za-z0-9_-]{43}$/);
      assert.match(added.stderr, /Kommunledningskontoret/);
      const elsewhere = await run(['open311', 'key', 'add', '--municipality', '1442', '--name', 'X'], env);
      assert.equal(elsewhere.code, 1);
      assert.match(elsewhere.stderr, /1442/);

      const listed = await run(['open311', 'key', 'list', '--json'], env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.ok(!listed.stdout.includes(apiKey));
      const [key] = listed.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual([key.name, key.municipalityId, key.revokedAt], ['FixMyStreet', '1489', null]);

      const { proc, url } = await startServer({ ...env, LAGESBILD_SCHEDULER: 'off' });
      try {
        const tip = () => fetch(`${url}/open311/v2/requests.xml`, {
          method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ api_key: apiKey, service_code: 'skadegorelse.klotter', lat: '57.9301', long: '12.5326', email: 'a@example.org' }),
        });
        assert.equal((await tip()).status, 201);
        const revoked = await run(['open311', 'key', 'revoke', key.id], env);
        assert.equal(revoked.code, 0, revoked.stderr);
        assert.match(revoked.stderr, /återkallad/);
        const refused = await tip();
        assert.equal(refused.status, 403);
        assert.match(await refused.text(), /<errors><error><code>403<\/code><description>api_key: /);
      } finally {
        proc.kill('SIGTERM');
        await exited(proc);
      }
      const purged = await run(['open311', 'contacts', 'purge'], env);
      assert.equal(purged.code, 0, purged.stderr);
      assert.match(purged.stderr, /raderade kontaktuppgifter för 0 tips/);
    });
  });
}

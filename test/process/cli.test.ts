import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { FX } from '../support/fixtures.ts';
import { run } from '../support/process.ts';

test('every command has --help', async () => {
  const top = await run(['--help'], {});
  assert.equal(top.code, 0);
  for (const cmd of ['serve', 'demo', 'migrate', 'seed-demo', 'user', 'analyze']) assert.match(top.stdout, new RegExp(`\\b${cmd}\\b`), cmd);
  for (const args of [['serve', '--help'], ['migrate', '--help'], ['seed-demo', '--help'], ['user', 'add', '--help'], ['demo', '--help']]) {
    const r = await run(args, {});
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /Usage: lagesbild/);
  }
  const serveHelp = await run(['serve', '--help'], {});
  for (const v of ['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL']) assert.match(serveHelp.stdout, new RegExp(v));
});

test('an unknown command or a bad PORT fails with a message', async () => {
  const r = await run(['frobnicate'], {});
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /unknown command/);
  const p = await run(['serve'], { PORT: 'abc', DATA_DIR: '/nonexistent/x' });
  assert.equal(p.code, 1);
  assert.match(p.stderr, /PORT must be a port number/);
});

test('migrate creates a new embedded database in DATA_DIR, and again is a no-op', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lb-cli-'));
  try {
    const first = await run(['migrate'], { DATA_DIR: join(dir, 'data'), DATABASE_URL: '' });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /schemaversion 0 → \d+/);
    const second = await run(['migrate'], { DATA_DIR: join(dir, 'data'), DATABASE_URL: '' });
    assert.match(second.stderr, /\(aktuell\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const engine of testEngines()) {
  describe(`user add and seed-demo on ${engine}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    before(async () => {
      t = await createTestDatabase(engine);
      await t.db.close();
      env = { DATA_DIR: t.location.dataDir, DATABASE_URL: t.location.databaseUrl ?? '' };
    });
    after(() => t.drop());

    test('user add reads the password from stdin and refuses bad input with a message', async () => {
      const ok = await run(['user', 'add', '--email', 'Ny@Alingsas.test', '--name', 'Ny Person', '--org', 'Alingsåshem', '--role', 'reporter', 'areaGroup', '--password-stdin'], env, 'ett-långt-lösenord\n');
      assert.equal(ok.code, 0, ok.stderr);
      const created = JSON.parse(ok.stdout);
      assert.equal(created.email, 'ny@alingsas.test');
      assert.deepEqual(created.roles, ['reporter', 'areaGroup']);
      // The data-protection officer by its Swedish name: the role and the database's check on it (migration 0020).
      const dso = await run(['user', 'add', '--email', 'dso@alingsas.test', '--name', 'Dana Dataskydd', '--org', 'Alingsåshem', '--role', 'dataskyddsombud', '--password-stdin'], env, 'ett-långt-lösenord\n');
      assert.equal(dso.code, 0, dso.stderr);
      assert.deepEqual(JSON.parse(dso.stdout).roles, ['dataProtection']);
      const dup = await run(['user', 'add', '--email', 'ny@alingsas.test', '--name', 'X', '--org', 'Alingsåshem', '--role', 'reporter', '--password-stdin'], env, 'ett-långt-lösenord');
      assert.equal(dup.code, 1);
      assert.match(dup.stderr, /email: The value is already in use/);
      const noOrg = await run(['user', 'add', '--email', 'a@b.se', '--name', 'X', '--org', 'Finns inte', '--role', 'reporter', '--password-stdin'], env, 'ett-långt-lösenord');
      assert.equal(noOrg.code, 1);
      assert.match(noOrg.stderr, /no organisation "Finns inte"[\s\S]*Alingsåshem/);
      const badRole = await run(['user', 'add', '--email', 'a@b.se', '--name', 'X', '--org', 'Alingsåshem', '--role', 'chef', '--password-stdin'], env, 'ett-långt-lösenord');
      assert.match(badRole.stderr, /unknown role chef/);
      const short = await run(['user', 'add', '--email', 'a@b.se', '--name', 'X', '--org', 'Alingsåshem', '--role', 'reporter', '--password-stdin'], env, 'kort');
      assert.match(short.stderr, /password: Too short/);
      const noStdin = await run(['user', 'add', '--email', 'a@b.se', '--name', 'X', '--org', 'Alingsåshem', '--role', 'reporter'], env);
      assert.match(noStdin.stderr, /--password-stdin/);
      const missing = await run(['user', 'add', '--email', 'a@b.se'], env);
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr, /required option/);
    });

    test('seed-demo is idempotent and deterministic for a seed', async () => {
      const first = await run(['seed-demo', '--count', '400', '--seed', '7', '--end', '2026-06-01'], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stderr, /samordnare@demo\.lagesbild\.se\s+samordnare\s+lösenord: lagesbild-demo/);
      const count = async () => {
        const { openDatabase } = await import('../../src/db/open.ts');
        const db = await openDatabase(t.location);
        try {
          const r = await db.query<{ n: number; vargarda: number; ids: string; orgs: number; shared: string[]; users: number; places: number; areas: number }>(
            `SELECT (SELECT count(*) FROM incidents WHERE source = 'demo' AND municipality_id = '1489') AS n,
                    (SELECT count(*) FROM incidents WHERE source = 'demo' AND municipality_id = '1442') AS vargarda,
                    (SELECT md5(string_agg(id::text, ',' ORDER BY id)) FROM incidents WHERE source = 'demo' AND municipality_id = '1489') AS ids,
                    (SELECT count(*) FROM organisations WHERE municipality_id = '1489') AS orgs,
                    ARRAY(SELECT o.name FROM organisations o JOIN organisation_municipalities om ON om.organisation_id = o.id
                           WHERE om.municipality_id = '1442' AND o.municipality_id = '1489' ORDER BY 1) AS shared,
                    (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM places) AS places, (SELECT count(*) FROM areas) AS areas`);
          return r.rows[0];
        } finally {
          await db.close();
        }
      };
      const a = await count();
      assert.equal(a.n, 400);
      // Vårgårda beside it, about a quarter the size, sharing the police area and the rescue services.
      assert.equal(a.vargarda, 108);
      assert.deepEqual(a.shared, ['Polisen lokalpolisområde Alingsås', 'Södra Älvsborgs Räddningstjänstförbund']);
      const second = await run(['seed-demo', '--count', '400', '--seed', '7', '--end', '2026-06-01'], env);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stderr, /finns redan/);
      assert.deepEqual(await count(), a, 'a second run changes nothing');
      // The generator behind it is deterministic: the same seed and period give the same ids.
      const { generateIncidents, centresFromTatortPoints } = await import('../../src/core/demo/index.ts');
      const { boundaryRings } = await import('../../src/core/geo/index.ts');
      const { municipalityBoundary } = await import('../../src/setup/boundaries.ts');
      const { readSharedJson } = await import('../../src/setup/shared-data.ts');
      const opts = { seed: 7, count: 400, end: new Date('2026-06-01'), boundary: boundaryRings(municipalityBoundary('1489').geometry3006), centres: centresFromTatortPoints(readSharedJson('boundaries/alingsas_1489_tatorter_scb2020_points_wgs84.geojson')) };
      const { createHash } = await import('node:crypto');
      const ids = generateIncidents(opts).incidents.map((i) => i.id).sort().join(',');
      assert.equal(createHash('md5').update(ids).digest('hex'), a.ids);
      const bad = await run(['seed-demo', '--count', 'många'], env);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /--count must be an integer/);
      // The demo users log in against the seeded organisations.
      assert.ok(a.orgs >= 13 + (engine ? 0 : 0));
      void FX;
    });
  });
}

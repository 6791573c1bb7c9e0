/**
 * `lagesbild backup` and `lagesbild restore` as the README tells a user to run them, through the
 * real entry point (issue 13 item 5): a backup of an embedded database (DATA_DIR), restored into a
 * new data directory and into a new PostgreSQL database, where the municipalities, users and
 * reports are all there and the users log in. Each bad input exits non-zero with a message that
 * says what is wrong, Swedish first, and changes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/db.ts';
import { FX } from '../support/fixtures.ts';
import { exited, httpLogin, run, startServer } from '../support/process.ts';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const json = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: process.env.LB_PG_ADMIN_URL! });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe('backup of an embedded database, restored into a new data directory and into PostgreSQL', () => {
  const work = mkdtempSync(join(tmpdir(), 'lb-backup-cli-'));
  const backups = join(work, 'backups');
  const file = join(backups, 'lagesbild-2026-12-03.backup.gz');
  let source: TestDatabase;
  let laptop: Record<string, string>;
  let listed: unknown[];
  const pgDatabases: string[] = [];

  before(async () => {
    source = await createTestDatabase('pglite');
    await source.db.close();
    laptop = { DATA_DIR: source.location.dataDir!, DATABASE_URL: '' };
    mkdirSync(backups);
    const seeded = await run(['seed-demo', '--count', '200', '--end', '2026-06-01'], laptop);
    assert.equal(seeded.code, 0, seeded.stderr);
    listed = json((await run(['municipality', 'list', '--json'], laptop)).stdout);
  });
  after(async () => {
    await source.drop();
    for (const name of pgDatabases) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(work, { recursive: true, force: true });
  });

  test('lagesbild backup --out FILE writes the file; a second time it needs --force; a missing folder or database is refused', async () => {
    const r = await run(['backup', '--out', file], laptop);
    assert.equal(r.code, 0, r.stderr);
    const made = json(r.stdout)[0];
    assert.equal(made.file, file);
    assert.match(r.stderr, /^säkerhetskopian .*lagesbild-2026-12-03\.backup\.gz är skriven: \d+ tabeller, \d+ rader, schema \d{4}_\w+, [\d.]+ MB, SHA-256 [0-9a-f]{64}$/m);
    assert.equal(made.sha256.length, 64);
    const before = sha(file);

    const refusals: Array<[string[], Record<string, string>, RegExp]> = [
      [['backup', '--out', file], laptop, /^lagesbild: Filen .* finns redan och skrivs inte över\. Ange ett nytt filnamn, eller lägg till --force för att ersätta den\.\nThe file .* already exists/],
      [['backup', '--out', join(work, 'saknas', 'x.backup.gz')], laptop, /^lagesbild: Katalogen .*saknas för säkerhetskopian finns inte\. Skapa den först/],
      [['backup', '--out', join(backups, 'y.backup.gz')], { DATA_DIR: join(work, 'ingen-databas'), DATABASE_URL: '' }, /^lagesbild: Det finns ingen inbäddad databas i .*ingen-databas \(DATA_DIR\)/],
      [['backup'], laptop, /required option '--out <file>'/],
    ];
    for (const [args, env, message] of refusals) {
      const x = await run(args, env);
      assert.notEqual(x.code, 0, args.join(' '));
      assert.match(x.stderr, message, args.join(' '));
      assert.equal(x.stdout, '');
    }
    assert.equal(sha(file), before, 'the existing backup is untouched');
    assert.equal(existsSync(join(work, 'ingen-databas')), false, 'no database was created where there was none');
    assert.deepEqual(readdirSync(backups), ['lagesbild-2026-12-03.backup.gz']);

    const again = await run(['backup', '--out', file, '--force'], laptop);
    assert.equal(again.code, 0, again.stderr);
    assert.notEqual(sha(file), before, 'replaced by a new backup (its time and audit differ)');
  });

  test('bad backup files are refused and change nothing: missing, not a backup, truncated, corrupt, from a newer version, into a database with data', async () => {
    const bad = (name: string, bytes: Buffer | string) => { writeFileSync(join(work, name), bytes); return join(work, name); };
    const good = readFileSync(file);
    const lines = gunzipSync(good).toString('utf8').split('\n').filter(Boolean);
    const header = JSON.parse(lines[0]!);
    const last = header.migrations.at(-1);
    header.migrations.push({ version: last.version + 1, name: 'from_the_future', appliedAt: last.appliedAt });
    const future = [JSON.stringify(header), ...lines.slice(1, -1)];
    const h = createHash('sha256');
    for (const l of future) h.update(`${l}\n`);
    future.push(JSON.stringify({ end: 'lagesbild-backup', lines: future.length, sha256: h.digest('hex') }));
    const target = { DATA_DIR: join(work, 'restored-bad'), DATABASE_URL: '' };
    const corruptAt = lines.findIndex((l, i) => i > 0 && i < lines.length - 1 && /\d/.test(l));
    const cases: Array<[string, RegExp]> = [
      [join(work, 'finns-inte.backup.gz'), /^lagesbild: Säkerhetskopian .*finns-inte\.backup\.gz finns inte\./],
      [bad('anteckningar.txt', 'inte en kopia\n'), /^lagesbild: .*anteckningar\.txt är inte en säkerhetskopia från Lägesbild \(den är inte gzip-komprimerad\)/],
      [bad('avkortad.backup.gz', good.subarray(0, Math.floor(good.length / 2))), /^lagesbild: Säkerhetskopian .*avkortad\.backup\.gz är avkortad: filen tar slut innan den är färdig/],
      // One digit changed in the first line between the header and the end that has one (which line
      // that is depends on the tables the schema has).
      [bad('skadad.backup.gz', gzipSync(lines.map((l, i) => (i === corruptAt ? l.replace(/\d/, (d) => String((Number(d) + 1) % 10)) : l)).map((l) => `${l}\n`).join(''))),
        /^lagesbild: Säkerhetskopian .*skadad\.backup\.gz är skadad: kontrollsumman \(SHA-256\) stämmer inte med innehållet\. Ingenting har ändrats; använd en annan kopia\.\nThe backup .* is corrupt/],
      [bad('framtid.backup.gz', gzipSync(future.map((l) => `${l}\n`).join(''))), new RegExp(`^lagesbild: Säkerhetskopian .*framtid\\.backup\\.gz kommer från en nyare version av Lägesbild: dess databas har migreringen ${String(last.version + 1).padStart(4, '0')}_from_the_future`)],
    ];
    for (const [path, message] of cases) {
      const x = await run(['restore', '--file', path], target);
      assert.equal(x.code, 1, `${path}: ${x.stderr}`);
      assert.match(x.stderr, message, path);
      assert.equal(existsSync(target.DATA_DIR), false, `${path}: no data directory was made`);
    }

    // The laptop's own database holds data: refused, and afterwards exactly as before.
    const into = await run(['restore', '--file', file], laptop);
    assert.equal(into.code, 1, into.stderr);
    assert.match(into.stderr, /^lagesbild: Måldatabasen är inte tom: municipalities \(2 rader\), users \(\d+ rader\), incidents \(\d+ rader\).*lägg till --force.*Ingenting har ändrats\.\nThe target database is not empty/m);
    assert.deepEqual(json((await run(['municipality', 'list', '--json'], laptop)).stdout), listed);
  });

  test('lagesbild restore --file FILE into a new data directory: everything is there', async () => {
    const restored = { DATA_DIR: join(work, 'restored'), DATABASE_URL: '' };
    const r = await run(['restore', '--file', file], restored);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^säkerhetskopian .* är hel: skapad .* av Lägesbild [\d.]+ \(pglite\), \d+ rader i \d+ tabeller/m);
    assert.match(r.stderr, /^återställde \d+ rader i \d+ tabeller från /m);
    assert.deepEqual(json(r.stdout)[0].replaced, []);
    assert.deepEqual(json((await run(['municipality', 'list', '--json'], restored)).stdout), listed);
  });

  test('lagesbild restore --file FILE into a new PostgreSQL database: everything is there, and users log in', { skip: testEngines().includes('postgres') ? false : 'PostgreSQL is not available' }, async () => {
    const name = `lb_restore_cli_${randomBytes(5).toString('hex')}`;
    pgDatabases.push(name);
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.LB_PG_ADMIN_URL!);
    url.pathname = `/${name}`;
    const server = { DATABASE_URL: url.toString() };
    const r = await run(['restore', '--file', file], server);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(json((await run(['municipality', 'list', '--json'], server)).stdout), listed);
    const again = await run(['restore', '--file', file], server);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /Måldatabasen är inte tom/);
    const forced = await run(['restore', '--file', file, '--force'], server);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(json(forced.stdout)[0].replaced.some((t: { name: string }) => t.name === 'municipalities'));

    const { proc, url: app } = await startServer({ ...server, LAGESBILD_SCHEDULER: 'off' });
    try {
      const h = await httpLogin(app, FX.users.coordinator.email, FX.password);
      const page = (await (await fetch(`${app}/api/incidents?limit=1`, { headers: h })).json()) as { items: unknown[] };
      assert.equal(page.items.length, 1, 'the restored reports are served');
    } finally {
      proc.kill('SIGTERM');
      await exited(proc);
    }
  });
});

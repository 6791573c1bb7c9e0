/**
 * Backup and restore on both engines and across them (issue 13 item 5): a round trip of the demo
 * database with photos, history, audit entries, sessions, a published edition and a municipality
 * with a precise boundary keeps every row of every table — compared with queries of the test's
 * own, geometry by ST_AsEWKB and bytea by SHA-256 — and the restored database works. Every bad
 * input is refused with its message and changes nothing; a restore that fails half-way leaves the
 * target as it was.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import proj4 from 'proj4';
import sharp from 'sharp';
import type { MultiPolygon } from 'geojson';
import { createTestDatabase, testEngines } from '../../test/support/db.ts';
import { FX, POINTS } from '../../test/support/fixtures.ts';
import { BackupRefusal, type BackupRefusalCode } from '../core/backup/refusal.ts';
import type { Database, EngineName } from '../db/engine.ts';
import { listMigrations } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { insertPhoto } from '../db/repositories/photos.ts';
import { seedDemo } from '../demo/seed.ts';
import { municipalityBoundary } from '../setup/boundaries.ts';
import { login, resume } from './auth.ts';
import { checkBackupOutput, createBackup, prepareEmbeddedTarget, restoreBackup, verifyBackup, type RestoreResult, type VerifiedBackup } from './backup.ts';
import { createIncident, reviewIncident, updateIncident } from './incidents.ts';
import { addMunicipality } from './municipality-setup.ts';
import { addPhoto, readPhoto } from './photos.ts';
import { createSituationPicture, publishSituationPicture } from './situation-pictures.ts';

const engines = testEngines();
const END = new Date('2026-06-01T00:00:00Z');
const work = mkdtempSync(join(tmpdir(), 'lb-backup-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

const refusal = (code: BackupRefusalCode, message: RegExp) => (e: unknown) => {
  assert.ok(e instanceof BackupRefusal, String((e as Error)?.stack ?? e));
  assert.equal(e.code, code, e.message);
  assert.match(e.message, message);
  return true;
};

async function adminQuery(sql: string, url = process.env.LB_PG_ADMIN_URL!): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

interface Target { db: Database; drop(): Promise<void> }

/**
 * A new PGlite database with PostGIS and nothing else, made once and copied: making one costs
 * seconds to tens of seconds. (The process test restores into a folder that does not exist yet.)
 */
let emptyPglite: Promise<string> | null = null;
function emptyPgliteTemplate(): Promise<string> {
  return (emptyPglite ??= (async () => {
    const dir = join(work, 'empty-pglite');
    const db = await openPglite(dir);
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    await db.close();
    return dir;
  })());
}

/** A new, empty database: a fresh PGlite folder or a new PostgreSQL database (without PostGIS: the restore creates it). */
async function emptyTarget(engine: EngineName): Promise<Target & { dataDir?: string }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'lb-restore-'));
    cpSync(await emptyPgliteTemplate(), join(dir, 'data'), { recursive: true });
    const db = await openPglite(join(dir, 'data'));
    return { db, dataDir: join(dir, 'data'), async drop() { await db.close().catch(() => undefined); rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `lb_restore_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.LB_PG_ADMIN_URL!);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  return { db, async drop() { await db.close().catch(() => undefined); await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };
}

type Dump = Map<string, string[]>;

/**
 * Every row of every table of the public schema but PostGIS' own, as sorted JSON lines: read with
 * expressions of the test's own, not the backup's — geometry as ST_AsEWKB, bytea as its SHA-256 and
 * length, the rest as text in UTC.
 */
async function dump(db: Database): Promise<Dump> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true)`);
    const cols = await tx.query<{ table: string; column: string; type: string }>(
      `SELECT c.relname::text AS table, a.attname::text AS column, t.typname::text AS type
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname <> 'spatial_ref_sys'
        ORDER BY c.relname, a.attnum`);
    const exprs = new Map<string, string[]>();
    for (const c of cols.rows) {
      const q = `"${c.column}"`;
      const e = c.type === 'geometry' ? `encode(ST_AsEWKB(${q}), 'hex')` : c.type === 'bytea' ? `encode(sha256(${q}), 'hex') || ' ' || length(${q})` : `${q}::text`;
      exprs.set(c.table, [...(exprs.get(c.table) ?? []), `${e} AS ${q}`]);
    }
    const out: Dump = new Map();
    for (const [table, list] of exprs) {
      const r = await tx.query(`SELECT ${list.join(', ')} FROM "${table}"`);
      out.set(table, r.rows.map((row) => JSON.stringify(row)).sort());
    }
    return out;
  });
}

const isRestoreEntry = (line: string) => JSON.parse(line).action === 'database.restore';

/** Table by table, row by row; the restore's own audit entries aside. */
function assertSameRows(actual: Dump, expected: Dump): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), 'the same tables');
  for (const [table, rows] of expected) {
    const got = actual.get(table)!.filter((l) => table !== 'audit_log' || !isRestoreEntry(l));
    assert.equal(got.length, rows.length, `${table}: number of rows`);
    assert.deepEqual(got, rows, `${table}: every row`);
  }
}

/** Lerum as its GIS might export it: SWEREF 99 12 00 (EPSG:3007), many decimals, no crs member. */
function lerum3007(): MultiPolygon {
  const g = municipalityBoundary('1441').geometry3006 as MultiPolygon;
  const c = proj4('+proj=utm +zone=33 +ellps=GRS80 +units=m +no_defs', '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=150000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map((pt) => c.forward([pt[0]!, pt[1]!])))) };
}

/** A session of a fixture user (who has no second factor). */
async function sessionToken(db: Database, email: string): Promise<string> {
  const outcome = await login(db, email, FX.password);
  assert.equal(outcome.kind, 'session');
  return outcome.kind === 'session' ? outcome.token : '';
}

/** The demo, and one of everything a round trip must keep. */
async function fillSource(db: Database): Promise<void> {
  await seedDemo(db, { count: 300, end: END });
  await addMunicipality(db, { code: '1441', boundary: { text: JSON.stringify(lerum3007()), file: 'lerum.geojson' } });
  const coordinator = (await resume(db, await sessionToken(db, FX.users.coordinator.email)))!.actor;
  const reporter = (await resume(db, await sessionToken(db, FX.users.reporter.email)))!.actor;
  const category = (await listCategories(db, [FX.alingsas])).find((c) => c.parentId)!;
  const at = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
  const a = (await createIncident(db, reporter, { categoryId: category.id, occurredAt: at(5), location: POINTS.alingsasCentrum, description: 'Klotter på "väggen" – citat, \\ och\nen ny rad' })).incident;
  const b = (await createIncident(db, reporter, { categoryId: category.id, occurredAt: at(4), location: POINTS.alingsasNolby, assessment: 4 })).incident;
  await updateIncident(db, reporter, a.id, { description: 'ändrad beskrivning' });
  await reviewIncident(db, coordinator, b.id, { status: 'duplicate', duplicateOf: a.id });
  const photo = await addPhoto(db, reporter, a.id, await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 40, b: 40 } } }).jpeg().toBuffer());
  await readPhoto(db, coordinator, a.id, photo.id);
  // More photos than one page of a bytea table holds, one of them large: every byte value, many times.
  for (let i = 0; i < 11; i++) {
    await insertPhoto(db, { municipalityId: FX.alingsas, incidentId: i % 2 ? a.id : b.id, width: 10, height: 10, bytes: randomBytes(i === 0 ? 3_000_000 : 40_000), createdBy: reporter.userId });
  }
  const draft = await createSituationPicture(db, coordinator, { from: '2026-05-01', to: '2026-05-28' });
  await publishSituationPicture(db, coordinator, draft.id, draft.rowVersion);
}

/** The restored database is whole and works: rows, audit, log-in, a new report, the triggers and foreign keys back. */
async function assertRestored(db: Database, expected: Dump, r: RestoreResult, verified: VerifiedBackup): Promise<void> {
  assertSameRows(await dump(db), expected);
  const entries = await db.query<{ municipalityId: string; details: { sha256: string; rows: number } }>(
    `SELECT municipality_id AS "municipalityId", details FROM audit_log WHERE action = 'database.restore' ORDER BY municipality_id`);
  assert.deepEqual(entries.rows.map((e) => e.municipalityId), ['1441', '1442', '1489'], 'one entry per municipality, after the restore');
  assert.ok(entries.rows.every((e) => e.details.sha256 === verified.sha256 && e.details.rows === r.rows));

  const token = await sessionToken(db, FX.users.coordinator.email);
  const reporter = (await resume(db, await sessionToken(db, FX.users.reporter.email)))!.actor;
  assert.ok(await resume(db, token), 'a session in the restored database');
  const category = (await listCategories(db, [FX.alingsas]))[0]!;
  const before = (await db.query<{ n: number }>('SELECT count(*) AS n FROM incidents')).rows[0]!.n;
  // A new report writes incident_history: its bigserial must go on after the restored ids.
  await createIncident(db, reporter, { categoryId: category.id, occurredAt: new Date(Date.now() - 60_000).toISOString(), location: POINTS.alingsasCentrum });
  assert.equal((await db.query<{ n: number }>('SELECT count(*) AS n FROM incidents')).rows[0]!.n, before + 1);
  assert.equal(before, expected.get('incidents')!.length);

  await assert.rejects(db.query(`UPDATE situation_pictures SET title = 'ändrad' WHERE status = 'published'`), /immutable/, 'a published edition is immutable again');
  await assert.rejects(db.query(`DELETE FROM audit_log`), /append-only/, 'the audit log is append-only again');
  await assert.rejects(db.query(`UPDATE incident_history SET action = 'update'`), /append-only/);
  await assert.rejects(db.query(`INSERT INTO incident_photos (municipality_id, incident_id, content_type, width, height, bytes) VALUES ('1489', gen_random_uuid(), 'image/jpeg', 1, 1, '\\x00')`), /foreign key/);
}

/** Rewrites a backup file: `edit` changes its lines; the trailer is recomputed (a well-formed file with other content) unless `keepTrailer`. */
function rewrite(from: string, to: string, edit: (lines: string[]) => string[], keepTrailer = false): void {
  const lines = gunzipSync(readFileSync(from)).toString('utf8').split('\n').filter(Boolean);
  const trailer = lines.pop()!;
  const changed = edit(lines);
  const sha = createHash('sha256');
  for (const l of changed) sha.update(`${l}\n`);
  const end = keepTrailer ? trailer : JSON.stringify({ end: 'lagesbild-backup', lines: changed.length, sha256: sha.digest('hex') });
  writeFileSync(to, gzipSync([...changed, end].map((l) => `${l}\n`).join('')));
}

/** The index of the first row line of a table in a backup's lines. */
const firstRow = (lines: string[], table: string) => lines.indexOf(JSON.stringify({ table })) + 1;

for (const engine of engines) {
  describe(`backup and restore on ${engine}`, () => {
    const other: EngineName = engine === 'pglite' ? 'postgres' : 'pglite';
    let source: Awaited<ReturnType<typeof createTestDatabase>>;
    let expected: Dump;
    let file: string;
    let verified: VerifiedBackup;
    before(async () => {
      source = await createTestDatabase(engine);
      await fillSource(source.db);
      expected = await dump(source.db);
      file = join(work, `${engine}.backup.gz`);
    });
    after(() => source.drop());

    test('a backup is one file, readable by its owner only, recorded in the source\'s audit log', async () => {
      const made = await createBackup(source.db, { out: file });
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(made.file, file);
      assert.equal(made.rows, [...expected].filter(([t]) => t !== 'schema_migrations').reduce((s, [, rows]) => s + rows.length, 0));
      assert.ok(expected.get('incident_photos')!.length > 8 && expected.get('incident_history')!.length > 300 && expected.get('audit_log')!.length > 2);
      assert.deepEqual(readdirSync(work).filter((f) => f.includes('partial')), [], 'no partial file left');
      const audit = await source.db.query<{ m: string; sha: string }>(`SELECT municipality_id AS m, details->>'sha256' AS sha FROM audit_log WHERE action = 'backup.create' ORDER BY 1`);
      assert.deepEqual(audit.rows, ['1441', '1442', '1489'].map((m) => ({ m, sha: made.sha256 })));
      verified = await verifyBackup(file);
      assert.equal(verified.sha256, made.sha256);
      assert.deepEqual(verified.newer, []);
    });

    test('a backup restores into a new, empty database of the same engine: every row of every table, and it works', async () => {
      const target = await emptyTarget(engine);
      try {
        const r = await restoreBackup(target.db, verified);
        assert.deepEqual(r.replaced, []);
        await assertRestored(target.db, expected, r, verified);
      } finally {
        await target.drop();
      }
    });

    test(`a backup of ${engine} restores into ${other}: every row of every table, and it works`, { skip: engines.includes(other) ? false : 'PostgreSQL is not available' }, async () => {
      const target = await emptyTarget(other);
      try {
        await assertRestored(target.db, expected, await restoreBackup(target.db, verified), verified);
      } finally {
        await target.drop();
      }
    });

    test('a database that holds data is refused, named, and left as it was; --force replaces it, triggers and all', async () => {
      const target = await createTestDatabase(engine);
      try {
        await recordAudit(target.db, { municipalityId: FX.alingsas, userId: null, action: 'test.entry' });
        const held = await dump(target.db);
        await assert.rejects(restoreBackup(target.db, verified), refusal('target_not_empty',
          /^Måldatabasen är inte tom: municipalities \(2 rader\), users \(\d+ rader\), audit_log \(1 rad\), categories \(\d+ rader\).* och \d+ tabell(er)? till\. .*lägg till --force.*Ingenting har ändrats\.\nThe target database is not empty: municipalities \(2 rows\)/));
        assertSameRows(await dump(target.db), held);
        const r = await restoreBackup(target.db, verified, { force: true });
        assert.ok(r.replaced.some((t) => t.name === 'users' && t.rows === Object.keys(FX.users).length));
        assertSameRows(await dump(target.db), expected);
        // Again, over a database with a published edition and append-only rows the triggers guard.
        await restoreBackup(target.db, verified, { force: true });
        assertSameRows(await dump(target.db), expected);
      } finally {
        await target.drop();
      }
    });

    test('a restore that fails half-way leaves the target as it was; an older backup gets the newer migrations after its rows', async () => {
      const badValue = join(work, `${engine}-bad-value.backup.gz`);
      rewrite(file, badValue, (lines) => {
        const i = firstRow(lines, 'incident_history') + 5;
        const row = JSON.parse(lines[i]!);
        row[2] = 'inte-ett-uuid';
        lines[i] = JSON.stringify(row);
        return lines;
      });
      const danglingReference = join(work, `${engine}-dangling.backup.gz`);
      rewrite(file, danglingReference, (lines) => {
        const i = firstRow(lines, 'incidents') + 3;
        const row = JSON.parse(lines[i]!);
        row[2] = '00000000-0000-4000-8000-00000000dead';
        lines[i] = JSON.stringify(row);
        return lines;
      });
      const full = await createTestDatabase(engine);
      const empty = await emptyTarget(engine);
      try {
        const held = await dump(full.db);
        await assert.rejects(restoreBackup(full.db, await verifyBackup(badValue), { force: true }), /invalid input syntax for type uuid/);
        assertSameRows(await dump(full.db), held);
        await assert.rejects(restoreBackup(empty.db, await verifyBackup(danglingReference)), /foreign key/);
        const tables = await empty.db.query<{ n: number }>(`SELECT count(*) AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'spatial_ref_sys'`);
        assert.equal(tables.rows[0]!.n, 0, 'not even the schema was left behind');
        await assert.rejects(createBackup(empty.db, { out: join(work, 'of-nothing.backup.gz') }), refusal('no_schema', /inget schema från Lägesbild/));
        assert.equal(existsSync(join(work, 'of-nothing.backup.gz')), false);

        // This build's migrations and one more: the backup is one migration behind it.
        const newer = { version: 9999, name: 'after_restore', sql: 'CREATE TABLE after_restore AS SELECT count(*)::int AS incidents, min(version) AS first FROM incidents' };
        const older = await verifyBackup(file, { migrations: [...listMigrations(), newer] });
        assert.deepEqual(older.newer.map((m) => m.name), ['after_restore']);
        const r = await restoreBackup(empty.db, older);
        assert.deepEqual(r.migrated, ['9999_after_restore']);
        const made = await empty.db.query<{ incidents: number }>('SELECT incidents FROM after_restore');
        assert.equal(made.rows[0]!.incidents, expected.get('incidents')!.length, 'the newer migration ran after the rows were in');
        const applied = await empty.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
        assert.deepEqual(applied.rows.map((m) => m.version), [...listMigrations().map((m) => m.version), 9999]);
      } finally {
        await full.drop();
        await empty.drop();
      }
    });

    test('a table a later migration adds is covered as it is: no primary key, identity, generated column, its own trigger and rule, several pages', async () => {
      // A migration this build does not ship, as if it were the next one: the schema it makes…
      const later = { version: 9998, name: 'later_table', sql: `
        CREATE TABLE later_table (
          n integer GENERATED ALWAYS AS IDENTITY, label text, amount numeric(12, 3), span interval, day date, tags text[],
          doc jsonb, raw bytea, at timestamptz, f float8, doubled integer GENERATED ALWAYS AS (n * 2) STORED);
        CREATE TABLE later_log (what text);
        CREATE FUNCTION later_table_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.label := 'set by the trigger'; RETURN NEW; END $$;
        CREATE TRIGGER later_table_stamp BEFORE INSERT ON later_table FOR EACH ROW EXECUTE FUNCTION later_table_stamp();
        CREATE RULE later_table_log AS ON INSERT TO later_table DO ALSO INSERT INTO later_log VALUES ('the rule fired')` };
      const src = await createTestDatabase(engine);
      const to: EngineName = engines.includes(other) ? other : engine;
      const target = await emptyTarget(to);
      try {
        // …made in the source with rows the trigger and the rule never saw, and ids the sequence went past.
        await src.db.exec(`${later.sql.replace(/CREATE TABLE later_log[\s\S]*$/, '')};
          INSERT INTO later_table (label, amount, span, day, tags, doc, raw, at, f)
            SELECT 'rad ' || i, i / 7.0, make_interval(days => i, secs => i / 3.0), date '2026-01-01' + i, ARRAY['a,b', 'c"d', NULL, 'é ' || i],
                   jsonb_build_object('i', i, 'nested', jsonb_build_array(1.5, 'x', NULL)), decode(md5(i::text), 'hex'),
                   timestamptz '2026-01-01 00:00:00.123456+00' + i * interval '1 second', i / 3.0::float8
              FROM generate_series(1, 2500) AS i;
          DELETE FROM later_table WHERE n > 2490;
          ${later.sql.replace(/^[\s\S]*?(?=CREATE TABLE later_log)/, '')};
          INSERT INTO schema_migrations (version, name) VALUES (9998, 'later_table')`);
        const expectedHere = await dump(src.db);
        const out = join(work, `${engine}-later.backup.gz`);
        await createBackup(src.db, { out });
        const r = await restoreBackup(target.db, await verifyBackup(out, { migrations: [...listMigrations(), later] }));
        assert.equal(r.migration, '9998_later_table');
        assertSameRows(await dump(target.db), expectedHere);
        assert.equal(expectedHere.get('later_table')!.length, 2490);
        assert.ok(expectedHere.get('later_table')!.every((l) => JSON.parse(l).label.startsWith('rad ')), 'the trigger did not touch the restored rows');
        await target.db.query(`INSERT INTO later_table (label) VALUES ('ny')`);
        const added = await target.db.query<{ n: number; label: string; doubled: number }>(`SELECT n, label, doubled FROM later_table WHERE n > 2490`);
        assert.deepEqual(added.rows, [{ n: 2501, label: 'set by the trigger', doubled: 5002 }], 'the identity goes on where the source\'s did; the trigger is back');
        assert.deepEqual((await target.db.query('SELECT what FROM later_log')).rows, [{ what: 'the rule fired' }], 'the rule is back');
      } finally {
        await src.drop();
        await target.drop();
      }
    });

    test('a backup over an existing file needs --force, and replaces it whole', async () => {
      const out = join(work, `${engine}-again.backup.gz`);
      writeFileSync(out, 'an older backup');
      await assert.rejects(createBackup(source.db, { out }), refusal('output_exists', /Filen .* finns redan och skrivs inte över.*--force/));
      assert.equal(readFileSync(out, 'utf8'), 'an older backup');
      await createBackup(source.db, { out, force: true });
      assert.equal((await verifyBackup(out)).header.tables.length, verified.header.tables.length);
    });
  });
}

describe('restore on PostgreSQL as the owner role of docs/production.md, not a superuser', { skip: engines.includes('postgres') ? false : 'PostgreSQL is not available' }, () => {
  test('the owner restores (triggers disabled and enabled, foreign keys dropped and re-added) and the serving role can use the tables', async () => {
    const suffix = randomBytes(4).toString('hex');
    const [owner, app, name] = [`lb_owner_${suffix}`, `lb_app_${suffix}`, `lb_owned_${suffix}`];
    const source = await createTestDatabase('postgres');
    const out = join(work, 'owner.backup.gz');
    await createBackup(source.db, { out });
    await source.drop();
    await adminQuery(`CREATE ROLE ${owner} LOGIN PASSWORD 'owner-pw'`);
    await adminQuery(`CREATE ROLE ${app} LOGIN PASSWORD 'app-pw'`);
    await adminQuery(`CREATE DATABASE ${name} OWNER ${owner}`);
    const url = (user: string, password: string) => {
      const u = new URL(process.env.LB_PG_ADMIN_URL!);
      u.username = user;
      u.password = password;
      u.pathname = `/${name}`;
      return u.toString();
    };
    const superUrl = new URL(process.env.LB_PG_ADMIN_URL!);
    superUrl.pathname = `/${name}`;
    await adminQuery(`CREATE EXTENSION IF NOT EXISTS postgis; GRANT USAGE ON SCHEMA public TO ${app};
      ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app};
      ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`, superUrl.toString());
    const db = await openPostgres(url(owner, 'owner-pw'));
    try {
      const super_ = (await db.query<{ s: boolean }>('SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user')).rows[0]!.s;
      assert.equal(super_, false);
      const r = await restoreBackup(db, await verifyBackup(out));
      assert.ok(r.rows > 0);
      await assert.rejects(db.query(`DELETE FROM audit_log`), /append-only/);
      const asApp = await openPostgres(url(app, 'app-pw'));
      try {
        assert.equal(Number((await asApp.query<{ n: number }>('SELECT count(*) AS n FROM users')).rows[0]!.n), Object.keys(FX.users).length);
        await recordAudit(asApp, { municipalityId: FX.alingsas, userId: null, action: 'test.after_restore' });
      } finally {
        await asApp.close();
      }
    } finally {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await adminQuery(`DROP ROLE IF EXISTS ${app}`);
      await adminQuery(`DROP ROLE IF EXISTS ${owner}`);
    }
  });
});

describe('bad input, refused before any database is opened', () => {
  /** A small, valid backup written by hand from the format's description, at this build's schema. */
  function handMade(path: string, change: (lines: string[]) => string[] = (l) => l, header: Record<string, unknown> = {}): void {
    const lines = [
      JSON.stringify({
        format: 'lagesbild-backup', formatVersion: 1, app: { name: 'lagesbild', version: '0.1.0' }, createdAt: '2026-12-03T10:00:00.000Z',
        source: { engine: 'pglite', server: '18.3' },
        migrations: listMigrations().map((m) => ({ version: m.version, name: m.name, appliedAt: '2026-12-01 08:00:00+00' })),
        tables: [{ name: 'municipalities', columns: [{ name: 'id', type: 'text', encoding: 'text' }, { name: 'name', type: 'text', encoding: 'text' }], primaryKey: ['id'], rows: 2 }],
        sequences: [],
        ...header,
      }),
      JSON.stringify({ table: 'municipalities' }), JSON.stringify(['1442', 'Vårgårda']), JSON.stringify(['1489', 'Alingsås']),
    ];
    const sha = createHash('sha256');
    for (const l of lines) sha.update(`${l}\n`);
    const all = change([...lines, JSON.stringify({ end: 'lagesbild-backup', lines: lines.length, sha256: sha.digest('hex') })]);
    writeFileSync(path, gzipSync(all.map((l) => `${l}\n`).join('')));
  }

  test('a file that is missing, not a backup, truncated, corrupt, or from a newer version', async () => {
    const dir = join(work, 'bad');
    mkdirSync(dir);
    const p = (n: string) => join(dir, n);
    handMade(p('good.gz'));
    assert.equal((await verifyBackup(p('good.gz'))).header.tables[0]!.rows, 2, 'the hand-made file itself is good');
    writeFileSync(p('text.txt'), 'municipality,name\n1442,Vårgårda\n');
    writeFileSync(p('empty'), '');
    writeFileSync(p('other.json.gz'), gzipSync('{"type":"FeatureCollection","features":[]}\n'));
    const good = readFileSync(p('good.gz'));
    writeFileSync(p('cut.gz'), good.subarray(0, Math.floor(good.length * 0.6)));
    handMade(p('no-end.gz'), (l) => l.slice(0, -1));
    handMade(p('changed.gz'), (l) => l.map((x) => x.replace('Vårgårda', 'Vargarda')));
    const flipped = Buffer.from(good);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    writeFileSync(p('flipped.gz'), flipped);
    handMade(p('format-2.gz'), (l) => l, { formatVersion: 2, app: { name: 'lagesbild', version: '2.0.0' } });
    const shipped = listMigrations();
    const cases: Array<[string, BackupRefusalCode, RegExp]> = [
      ['missing.gz', 'file_missing', /^Säkerhetskopian .*missing\.gz finns inte\.[\s\S]*\nThe backup .*missing\.gz does not exist/],
      ['.', 'file_unreadable', /går inte att läsa: det är en katalog/],
      ['text.txt', 'not_backup', /text\.txt är inte en säkerhetskopia från Lägesbild \(den är inte gzip-komprimerad\)/],
      ['empty', 'not_backup', /\(filen är tom\)/],
      ['other.json.gz', 'not_backup', /är inte en säkerhetskopia från Lägesbild \(första raden är inte ett huvud/],
      ['cut.gz', 'truncated', /cut\.gz är avkortad: filen tar slut innan den är färdig/],
      ['no-end.gz', 'truncated', /är avkortad/],
      ['changed.gz', 'corrupt', /changed\.gz är skadad: kontrollsumman \(SHA-256\) stämmer inte med innehållet\. Ingenting har ändrats/],
      ['flipped.gz', 'corrupt', /flipped\.gz är skadad/],
      ['format-2.gz', 'format_newer', /formatversion 2 \(skriven av Lägesbild 2\.0\.0\)/],
    ];
    for (const [name, code, message] of cases) await assert.rejects(verifyBackup(name === '.' ? dir : p(name)), refusal(code, message), name);
    const last = shipped.at(-1)!;
    const label = `${String(last.version).padStart(4, '0')}_${last.name}`;
    await assert.rejects(verifyBackup(p('good.gz'), { migrations: shipped.slice(0, -1) }),
      refusal('schema_newer', new RegExp(`nyare version av Lägesbild: dess databas har migreringen ${label} som den här versionen inte har`)));
  });

  test('the backup\'s output: a missing folder, a folder, an existing file', () => {
    assert.throws(() => checkBackupOutput(join(work, 'no-such-folder', 'x.backup.gz'), false), refusal('output_dir_missing', /^Katalogen .*no-such-folder för säkerhetskopian finns inte\. Skapa den först/));
    assert.throws(() => checkBackupOutput(work, true), refusal('output_is_directory', /är en katalog\. Ange filnamnet/));
    writeFileSync(join(work, 'exists.gz'), '');
    assert.throws(() => checkBackupOutput(join(work, 'exists.gz'), false), refusal('output_exists', /finns redan/));
    assert.equal(checkBackupOutput(join(work, 'exists.gz'), true), join(work, 'exists.gz'));
  });

  test('an embedded target: a folder of other files is refused; a new or empty one is put back as it was found', () => {
    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    assert.throws(() => prepareEmbeddedTarget(foreign), refusal('target_not_data_dir', /innehåller filer men ingen databas \(notes\.txt\)/));
    const fresh = join(work, 'fresh');
    const t = prepareEmbeddedTarget(fresh);
    mkdirSync(join(fresh, 'base'), { recursive: true });
    t.undo();
    assert.equal(existsSync(fresh), false);
    const empty = join(work, 'empty-dir');
    mkdirSync(empty);
    const e = prepareEmbeddedTarget(empty);
    writeFileSync(join(empty, 'PG_VERSION'), '18');
    e.undo();
    assert.deepEqual(readdirSync(empty), []);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines, createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { applicationTables, distributeOnCitus, DISTRIBUTION_COLUMN, isCitus, LOCAL_TABLES, municipalTables, REFERENCE_TABLES } from './distribution.ts';
import { listMigrations, MIGRATION_LOCK } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { FX } from '../../test/support/fixtures.ts';
import type { Queryable } from './engine.ts';

/**
 * The rule of issue 14 item 4, read from the catalog of a migrated database: every table is shared
 * (REFERENCE_TABLES), coordinator-only (LOCAL_TABLES) or municipal, and a municipal table carries
 * municipality_id (never null) in its primary key, in every unique key and in every foreign key to
 * another municipal table, matched to the other table's municipality_id; a shared table points at
 * no municipal table, and only at shared tables listed before it (the order the Citus step needs).
 * Returns the violations, one line each.
 */
async function distributionViolations(q: Queryable): Promise<string[]> {
  const out: string[] = [];
  const tables = await applicationTables(q);
  for (const t of [...REFERENCE_TABLES, ...LOCAL_TABLES]) if (!tables.includes(t)) out.push(`${t}: listed in src/db/distribution.ts but not in the schema`);
  const municipal = new Set(municipalTables(tables));
  const cols = await q.query<{ table: string; notNull: boolean }>(
    `SELECT c.relname::text AS table, a.attnotnull AS "notNull" FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'public'::regnamespace AND a.attname = $1 AND NOT a.attisdropped`, [DISTRIBUTION_COLUMN]);
  const column = new Map(cols.rows.map((r) => [r.table, r.notNull]));
  for (const t of municipal) {
    if (!column.has(t)) out.push(`${t}: municipal table without ${DISTRIBUTION_COLUMN} (or list it as shared in src/db/distribution.ts)`);
    else if (!column.get(t)) out.push(`${t}: ${DISTRIBUTION_COLUMN} may be null`);
  }
  // Primary keys, unique constraints and unique indexes (partial ones too): their columns by name.
  const keys = await q.query<{ table: string; name: string; primary: boolean; columns: Array<string | null> }>(
    `SELECT c.relname::text AS table, ic.relname::text AS name, i.indisprimary AS primary,
            array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(n, o) LEFT JOIN pg_attribute a
                   ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE c.relnamespace = 'public'::regnamespace AND i.indisunique`);
  const hasPrimary = new Set(keys.rows.filter((k) => k.primary).map((k) => k.table));
  for (const t of municipal) if (!hasPrimary.has(t)) out.push(`${t}: no primary key`);
  for (const k of keys.rows) {
    if (municipal.has(k.table) && !k.columns.includes(DISTRIBUTION_COLUMN)) out.push(`${k.table}: unique key ${k.name} (${k.columns.join(', ')}) without ${DISTRIBUTION_COLUMN}`);
  }
  const fks = await q.query<{ table: string; name: string; target: string; pairs: Array<[string, string]> }>(
    `SELECT c.relname::text AS table, k.conname::text AS name, t.relname::text AS target,
            array(SELECT json_build_array(a.attname, b.attname) FROM unnest(k.conkey, k.confkey) AS p(f, r)
                   JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = p.f
                   JOIN pg_attribute b ON b.attrelid = k.confrelid AND b.attnum = p.r) AS pairs
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid
      WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace`);
  for (const f of fks.rows) {
    const pairs = f.pairs.map((p) => (typeof p === 'string' ? JSON.parse(p) : p) as [string, string]);
    if (municipal.has(f.table) && municipal.has(f.target)) {
      if (!pairs.some(([a, b]) => a === DISTRIBUTION_COLUMN && b === DISTRIBUTION_COLUMN)) {
        out.push(`${f.table}: foreign key ${f.name} to ${f.target} does not match ${DISTRIBUTION_COLUMN} to ${DISTRIBUTION_COLUMN}`);
      }
    } else if (REFERENCE_TABLES.includes(f.table)) {
      if (municipal.has(f.target) || LOCAL_TABLES.includes(f.target)) out.push(`${f.table}: shared table with foreign key ${f.name} to ${f.target}, which is not shared`);
      else if (f.target !== f.table && REFERENCE_TABLES.indexOf(f.target) > REFERENCE_TABLES.indexOf(f.table)) {
        out.push(`${f.table}: foreign key ${f.name} to ${f.target}, listed after it in REFERENCE_TABLES`);
      }
    }
  }
  return out.sort();
}

for (const engine of testEngines({ citus: true })) {
  describe(`a schema that distributes, on ${engine}`, () => {
    let t: TestDatabase;
    before(async () => { t = await createTestDatabase(engine); });
    after(async () => { await t?.drop(); });

    test('every table follows the rule: shared, coordinator-only, or keyed by municipality', async () => {
      assert.deepEqual(await distributionViolations(t.db), []);
      const municipal = municipalTables(await applicationTables(t.db));
      for (const table of ['incidents', 'places', 'areas', 'audit_log', 'measures', 'notifications']) assert.ok(municipal.includes(table), table);
    });

    // The check itself, on probe tables rolled back afterwards (Citus refuses a plain table's foreign
    // key to a distributed one before the check could see it, so this runs on the other engines).
    if (engine !== 'citus') {
      test('the check finds a table that breaks it', async () => {
        const probe = new Error('probe done');
        await assert.rejects(t.db.transaction(async (tx) => {
          await tx.exec(`
            CREATE TABLE lb_rule_probe (id uuid PRIMARY KEY, municipality_id text REFERENCES municipalities(id), code text UNIQUE);
            CREATE TABLE lb_rule_probe2 (id uuid PRIMARY KEY, name text, place_id uuid, FOREIGN KEY (name, place_id) REFERENCES places (municipality_id, id));
            CREATE TABLE lb_rule_probe3 (municipality_id text NOT NULL, id uuid, incident_id uuid, PRIMARY KEY (municipality_id, id),
              FOREIGN KEY (municipality_id, incident_id) REFERENCES incidents (municipality_id, id));
            ALTER TABLE users ADD COLUMN lb_probe_place uuid, ADD COLUMN lb_probe_m text,
              ADD FOREIGN KEY (lb_probe_m, lb_probe_place) REFERENCES places (municipality_id, id)`);
          assert.deepEqual(await distributionViolations(tx), [
            'lb_rule_probe2: foreign key lb_rule_probe2_name_place_id_fkey to places does not match municipality_id to municipality_id',
            'lb_rule_probe2: municipal table without municipality_id (or list it as shared in src/db/distribution.ts)',
            'lb_rule_probe2: unique key lb_rule_probe2_pkey (id) without municipality_id',
            'lb_rule_probe: municipality_id may be null',
            'lb_rule_probe: unique key lb_rule_probe_code_key (code) without municipality_id',
            'lb_rule_probe: unique key lb_rule_probe_pkey (id) without municipality_id',
            'users: shared table with foreign key users_lb_probe_m_lb_probe_place_fkey to places, which is not shared',
          ].sort());
          throw probe;
        }), probe);
        assert.deepEqual(await distributionViolations(t.db), []);
      });
    }

    if (engine === 'citus') {
      test('on Citus the municipal tables are distributed by municipality_id, co-located, and the shared ones are reference tables', async () => {
        assert.ok(await isCitus(t.db));
        assert.equal(t.db.distributed, true, 'the database knows it is distributed from its opening');
        const r = await t.db.query<{ table: string; method: string; column: string | null; group: number }>(
          // 'n' with replication model 't' is a reference table; 'n' with 's' a table Citus keeps on the coordinator.
          `SELECT logicalrelid::regclass::text AS table, partmethod::text || repmodel::text AS method,
                  CASE WHEN partmethod = 'h' THEN column_to_column_name(logicalrelid, partkey) END AS column, colocationid AS group
             FROM pg_dist_partition`);
        const placed = new Map(r.rows.map((x) => [x.table, x]));
        const municipal = municipalTables(await applicationTables(t.db));
        for (const table of municipal) {
          assert.equal(placed.get(table)?.method[0], 'h', `${table} is hash-distributed`);
          assert.equal(placed.get(table)?.column, DISTRIBUTION_COLUMN, table);
        }
        assert.equal(new Set(municipal.map((x) => placed.get(x)?.group)).size, 1, 'one co-location group');
        for (const table of REFERENCE_TABLES) assert.equal(placed.get(table)?.method, 'nt', `${table} is a reference table`);
        for (const table of LOCAL_TABLES) assert.equal(placed.has(table), false, `${table} stays on the coordinator`);
        assert.deepEqual(await distributeOnCitus(t.db, MIGRATION_LOCK), { reference: [], distributed: [] }, 'a second run places nothing');
        // The workers' sessions for the app compile no query either (a copied test database has not
        // inherited its template's settings, so this is the second run's doing).
        const settings = await t.db.query<{ success: boolean; result: string }>(
          `SELECT success, result FROM run_command_on_workers($$SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting
              WHERE setrole = 0 AND setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())$$)`);
        assert.ok(settings.rows.length >= 1, 'the cluster has workers');
        for (const w of settings.rows) assert.deepEqual([w.success, w.result.split(',').includes('jit=off')], [true, true], w.result);
      });

      test('logins at the same moment: sessions written beside changes of users do not deadlock', async () => {
        const users = Object.values(FX.users).map((u) => u.id);
        const results = await Promise.allSettled(users.flatMap((id, i) => [
          t.db.query(`INSERT INTO sessions (id, municipality_id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, 'x', now() + interval '1 hour')`,
            [`probe-${i}`, FX.alingsas, id]),
          t.db.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id]),
          t.db.query('UPDATE sessions SET last_seen_at = now() WHERE user_id = $1', [id]),
        ]));
        assert.deepEqual(results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as Error).message), []);
      });
    } else {
      test('without Citus nothing is distributed', async () => {
        assert.equal(await isCitus(t.db), false);
        assert.equal(t.db.distributed, false);
        assert.deepEqual(await distributeOnCitus(t.db, MIGRATION_LOCK), { reference: [], distributed: [] });
      });
    }
  });
}

test('migration 0013 keeps the rows: ids, references, and an audit entry of no municipality moves to the deployment log', async () => {
  const db = await openPglite(undefined);
  try {
    const before = listMigrations().filter((m) => m.version < 13);
    for (const m of before) await db.exec(m.sql);
    await db.exec(`
      INSERT INTO municipalities (id, name, geom) VALUES ('1489', 'Alingsås', ST_Multi(ST_MakeEnvelope(0, 0, 1000, 1000, 3006)));
      INSERT INTO organisations (id, municipality_id, name, kind) VALUES ('00000000-0000-4000-8000-000000000001', '1489', 'Kommunen', 'forvaltning');
      INSERT INTO categories (id, municipality_id, code, name_sv, name_en, colour, icon)
        VALUES ('00000000-0000-4000-a000-000000000001', '1489', 'klotter', 'Klotter', 'Graffiti', '#123456', 'spray');
      INSERT INTO places (id, municipality_id, name, geom) VALUES ('00000000-0000-4000-b000-000000000001', '1489', 'Torget', ST_SetSRID(ST_MakePoint(10, 10), 3006));
      INSERT INTO incidents (id, municipality_id, category_id, occurred_from, occurred_to, geom, organisation_id, place_id)
        VALUES ('00000000-0000-4000-c000-000000000001', '1489', '00000000-0000-4000-a000-000000000001', now(), now(),
                ST_SetSRID(ST_MakePoint(10, 10), 3006), '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-b000-000000000001');
      INSERT INTO audit_log (municipality_id, action) VALUES ('1489', 'login'), (NULL, 'login.failed'), ('1489', 'incident.read');`);
    await db.exec(listMigrations().find((m) => m.version === 13)!.sql);
    const incident = await db.query<{ id: string; place: string }>('SELECT i.id, p.name AS place FROM incidents i JOIN places p ON p.municipality_id = i.municipality_id AND p.id = i.place_id');
    assert.deepEqual(incident.rows, [{ id: '00000000-0000-4000-c000-000000000001', place: 'Torget' }]);
    assert.deepEqual((await db.query('SELECT id, action FROM audit_log ORDER BY id')).rows, [{ id: 1, action: 'login' }, { id: 3, action: 'incident.read' }]);
    assert.deepEqual((await db.query('SELECT id, action FROM deployment_audit_log')).rows, [{ id: 2, action: 'login.failed' }]);
    // The deployment log goes on from the id it was given, and stays append-only.
    await db.query(`INSERT INTO deployment_audit_log (action) VALUES ('login.failed')`);
    assert.deepEqual((await db.query<{ id: number }>('SELECT max(id) AS id FROM deployment_audit_log')).rows[0].id, 3);
    await assert.rejects(db.query('DELETE FROM deployment_audit_log'), /append-only/);
    // A reference now stays within its municipality.
    await db.exec(`INSERT INTO municipalities (id, name, geom) VALUES ('1442', 'Vårgårda', ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 3006)))`);
    await assert.rejects(db.query(`INSERT INTO incident_photos (municipality_id, incident_id, content_type, width, height, bytes)
        VALUES ('1442', '00000000-0000-4000-c000-000000000001', 'image/jpeg', 1, 1, '\\x00')`), /foreign key/);
  } finally {
    await db.close();
  }
});

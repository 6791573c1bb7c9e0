import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { testEngines, createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { FX } from '../../test/support/fixtures.ts';
import { openPostgres } from './postgres.ts';
import type { Database, Queryable } from './engine.ts';

// Issue 16 item 9, migration 0019: the serving role (docs/production.md, `lagesbild_app`) may add
// to the audit logs and read them, but not empty, change or unguard them; the owner role may still
// do everything it did (migrate, restore). The app role gets the rights the documentation grants
// it and, to prove the triggers hold without the revoked rights, every right on the tables.
const AUDIT_TABLES = ['audit_log', 'deployment_audit_log'] as const;
const TRIGGERS = { audit_log: 'audit_log_append_only', deployment_audit_log: 'deployment_audit_log_append_only' } as const;

for (const engine of testEngines().filter((e) => e === 'postgres')) {
  describe(`the audit trail as the serving role, on ${engine}`, () => {
    let t: TestDatabase;
    let app: Database;
    const role = `lb_test_app_${randomBytes(4).toString('hex')}`;
    const m = FX.alingsas;

    async function refusedTo(q: Queryable, sql: string, params: unknown[] = []): Promise<void> {
      await assert.rejects(q.query(sql, params), (e: Error & { code?: string }) => {
        assert.equal(e.code, '42501', `${sql}: ${e.message}`);
        return true;
      }, sql);
    }
    const refused = (sql: string, params: unknown[] = []) => refusedTo(app, sql, params);

    before(async () => {
      t = await createTestDatabase(engine);
      // As docs/production.md set it up before migration 0019 (rows of every table, never the
      // schema) and then as an upgrade meets it: 0019's grants step runs again over these rights.
      await t.db.exec(`CREATE ROLE ${role} LOGIN PASSWORD 'app-secret';
        GRANT USAGE ON SCHEMA public TO ${role};
        GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${role};
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      const migration = readFileSync(new URL('./migrations/0019_audit_trail_guard.sql', import.meta.url), 'utf8');
      await t.db.exec(migration.slice(0, migration.indexOf('CREATE FUNCTION refuse_unless_owner')));
      // Old rows for the purge, written as the owner (the guard lets it set any time).
      await t.db.query(`INSERT INTO audit_log (municipality_id, at, action) VALUES ($1, now() - interval '3 years', 'old.read'), ($1, now() - interval '2 years', 'old.read'), ($1, now() - interval '6 months', 'recent.read')`, [m]);
      await t.db.query(`INSERT INTO deployment_audit_log (at, action) VALUES (now() - interval '3 years', 'old.login'), (now() - interval '1 day', 'recent.login')`);
      const url = new URL(t.location.databaseUrl!);
      url.username = role;
      url.password = 'app-secret';
      app = await openPostgres(url.toString());
    });
    after(async () => {
      await app?.close();
      await t.drop();
      const admin = new pg.Client({ connectionString: process.env.LB_PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    });

    test('it may add to both audit logs and read them', async () => {
      await app.query(`INSERT INTO audit_log (municipality_id, user_id, action) VALUES ($1, $2, 'test.insert')`, [m, FX.users.coordinator.id]);
      await app.query(`INSERT INTO deployment_audit_log (action) VALUES ('test.insert')`);
      assert.equal((await app.query(`SELECT 1 FROM audit_log WHERE action = 'test.insert'`)).rows.length, 1);
      assert.equal((await app.query(`SELECT 1 FROM deployment_audit_log WHERE action = 'test.insert'`)).rows.length, 1);
    });

    test('the migration took UPDATE, DELETE and TRUNCATE on the audit tables back, and only there', async () => {
      for (const table of AUDIT_TABLES) {
        for (const right of ['UPDATE', 'DELETE', 'TRUNCATE']) {
          const r = await t.db.query<{ has: boolean }>(`SELECT has_table_privilege($1, $2, $3) AS has`, [role, table, right]);
          assert.equal(r.rows[0].has, false, `${right} on ${table}`);
        }
        const r = await t.db.query<{ has: boolean }>(`SELECT has_table_privilege($1, $2, 'INSERT') AND has_table_privilege($1, $2, 'SELECT') AS has`, [role, table]);
        assert.equal(r.rows[0].has, true, `INSERT and SELECT on ${table}`);
      }
      const incidents = await t.db.query<{ has: boolean }>(`SELECT has_table_privilege($1, 'incidents', 'DELETE') AS has`, [role]);
      assert.equal(incidents.rows[0].has, true);
    });

    for (const table of AUDIT_TABLES) {
      test(`TRUNCATE, DELETE, UPDATE, DROP TRIGGER and DISABLE TRIGGER on ${table} are refused`, async () => {
        const before = Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
        assert.ok(before > 0);
        await refused(`TRUNCATE ${table}`);
        await refused(`DELETE FROM ${table}`);
        await refused(`UPDATE ${table} SET action = 'forged'`);
        await refused(`DROP TRIGGER ${TRIGGERS[table]} ON ${table}`);
        await refused(`ALTER TABLE ${table} DISABLE TRIGGER ${TRIGGERS[table]}`);
        await refused(`ALTER TABLE ${table} DISABLE TRIGGER ALL`);
        await refused(`DROP TABLE ${table}`);
        assert.equal(Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n), before);
      });

      test(`with every right granted again by mistake, the triggers still refuse on ${table}`, async () => {
        await t.db.exec(`GRANT ALL ON ${table} TO ${role}`);
        try {
          await refused(`TRUNCATE ${table}`);
          await refused(`DELETE FROM ${table}`);
          await refused(`UPDATE ${table} SET action = 'forged'`);
        } finally {
          await t.db.exec(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM ${role}`);
        }
      });
    }

    test('the purge removes only rows older than the date, and refuses a date within the last year', async () => {
      await refused(`SELECT purge_audit_log($1, now() - interval '11 months')`, [m]);
      await refused(`SELECT purge_deployment_audit_log(now())`);
      const r = await app.query<{ n: string }>(`SELECT purge_audit_log($1, now() - interval '1 year') AS n`, [m]);
      assert.equal(Number(r.rows[0].n), 2);
      const left = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE municipality_id = $1 AND action LIKE '%.read'`, [m]);
      assert.deepEqual(left.rows.map((x) => x.action), ['recent.read']);
      const d = await app.query<{ n: string }>(`SELECT purge_deployment_audit_log(now() - interval '2 years') AS n`);
      assert.equal(Number(d.rows[0].n), 1);
      assert.deepEqual((await t.db.query<{ action: string }>(`SELECT action FROM deployment_audit_log WHERE action LIKE '%.login'`)).rows.map((x) => x.action), ['recent.login']);
    });

    test('the owner may still truncate (a reset), but changes rows only through the purge', async () => {
      await refusedTo(t.db, `DELETE FROM audit_log WHERE municipality_id = '${m}'`);
      await refusedTo(t.db, `UPDATE deployment_audit_log SET action = 'forged'`);
      await t.db.transaction(async (tx) => {
        await tx.exec(`TRUNCATE audit_log, deployment_audit_log`);
        await tx.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
        throw new Error('rollback');
      }).catch((e: Error) => { if (e.message !== 'rollback') throw e; });
      assert.ok(Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log`)).rows[0].n) > 0);
    });

    test('after a purge the flag it raised is down again: the rest of the transaction is append-only', async () => {
      await t.db.transaction(async (tx) => {
        await tx.query(`SELECT purge_audit_log($1, now() - interval '5 years')`, [m]);
        await refusedTo(tx, `DELETE FROM audit_log WHERE municipality_id = '${m}'`);
      }).catch((e: Error) => { if (!/append-only/.test(e.message)) throw e; });
    });
  });
}

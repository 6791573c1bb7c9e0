/**
 * The SQL of `lagesbild backup` and `lagesbild restore` (src/services/backup.ts; the file format is
 * src/core/backup/format.ts). Everything is found in the catalogue rather than named here — the
 * tables of the `public` schema, their columns, keys, references, triggers, rules and sequences —
 * so a table a later migration adds is backed up and restored without a change to this file.
 * Values travel as PostgreSQL's own text form (bytea as base64), which both engines read back
 * exactly: timestamps with their offset, geometry as hex EWKB with its SRID, jsonb, arrays, numerics.
 */
import type { BackupColumn, BackupMigration, BackupSequence, BackupTable, RowValue } from '../core/backup/format.ts';
import type { Queryable } from './engine.ts';
import { MIGRATION_LOCK, SCHEMA_MIGRATIONS_DDL, type Migration } from './migrate.ts';

/** An identifier, quoted for SQL. */
const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const qualified = (table: string): string => `public.${ident(table)}`;

/** Not part of an extension (PostGIS' spatial_ref_sys and its views are PostGIS', not ours). */
const NOT_EXTENSION = (catalog: string, alias: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass AND e.objid = ${alias}.oid AND e.deptype = 'e')`;

/** The session settings under which values are written and read as text: the same on both engines. */
async function textSettings(tx: Queryable): Promise<void> {
  await tx.query(`SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true),
    set_config('IntervalStyle', 'postgres', true), set_config('extra_float_digits', '1', true),
    set_config('statement_timeout', '0', true), set_config('idle_in_transaction_session_timeout', '0', true)`);
}

/**
 * Makes the transaction one consistent snapshot of the whole database, read-only, however long the
 * backup takes and whatever the server writes meanwhile. Must be the transaction's first statement.
 */
export async function beginSnapshot(tx: Queryable): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  await textSettings(tx);
}

/** The tables of the public schema that are the application's (not an extension's, not schema_migrations). */
async function appTables(tx: Queryable): Promise<string[]> {
  const r = await tx.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> 'schema_migrations' AND ${NOT_EXTENSION('pg_class', 'c')}
      ORDER BY c.relname`);
  return r.rows.map((x) => x.name);
}

/** Columns (stored ones, in their order), with their type as PostgreSQL writes it. */
async function appColumns(tx: Queryable): Promise<Map<string, BackupColumn[]>> {
  const r = await tx.query<{ table: string; name: string; type: string; bytea: boolean }>(
    `SELECT c.relname::text AS table, a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
            (a.atttypid = 'bytea'::regtype) AS bytea
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0
        AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`);
  const out = new Map<string, BackupColumn[]>();
  for (const c of r.rows) {
    const list = out.get(c.table) ?? [];
    list.push({ name: c.name, type: c.type, encoding: c.bytea ? 'base64' : 'text' });
    out.set(c.table, list);
  }
  return out;
}

export interface SchemaCatalog {
  tables: Array<Omit<BackupTable, 'rows'>>;
  /** Foreign keys, table to table. */
  references: Array<{ from: string; to: string }>;
}

/** The application's tables with their columns, primary keys and references. */
export async function readSchemaCatalog(tx: Queryable): Promise<SchemaCatalog> {
  const names = await appTables(tx);
  const columns = await appColumns(tx);
  const pk = await tx.query<{ table: string; columns: string[] }>(
    `SELECT c.relname::text AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indisprimary AND c.relnamespace = 'public'::regnamespace
      GROUP BY c.relname`);
  const keys = new Map(pk.rows.map((r) => [r.table, r.columns]));
  const refs = await tx.query<{ from: string; to: string }>(
    `SELECT c.relname::text AS "from", r.relname::text AS "to"
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
      WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace`);
  return {
    tables: names.map((name) => ({ name, columns: columns.get(name) ?? [], primaryKey: keys.get(name) ?? [] })),
    references: refs.rows,
  };
}

export async function countRows(tx: Queryable, table: string): Promise<number> {
  const r = await tx.query<{ n: number }>(`SELECT count(*) AS n FROM ${qualified(table)}`);
  return r.rows[0]!.n;
}

/** The schema's own sequences (the bigserial ids) and where each stands. */
export async function readSequences(tx: Queryable): Promise<BackupSequence[]> {
  const r = await tx.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND ${NOT_EXTENSION('pg_class', 'c')}
      ORDER BY c.relname`);
  const out: BackupSequence[] = [];
  for (const { name } of r.rows) {
    const s = await tx.query<{ lastValue: string; isCalled: boolean }>(`SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${qualified(name)}`);
    out.push({ name, lastValue: s.rows[0]!.lastValue, isCalled: s.rows[0]!.isCalled });
  }
  return out;
}

/** The rows of schema_migrations; empty when the database has no schema. */
export async function readAppliedMigrations(tx: Queryable): Promise<BackupMigration[]> {
  const exists = await tx.query<{ t: string | null }>(`SELECT to_regclass('public.schema_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return [];
  const r = await tx.query<BackupMigration>(`SELECT version, name, applied_at::text AS "appliedAt" FROM schema_migrations ORDER BY version`);
  return r.rows;
}

export async function serverVersion(tx: Queryable): Promise<string> {
  const r = await tx.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  return r.rows[0]!.v;
}

/** How a value leaves the database: its text form, bytea as base64 on one line. */
const outputExpr = (c: BackupColumn): string => c.encoding === 'base64' ? `translate(encode(${ident(c.name)}, 'base64'), E'\\n', '')` : `${ident(c.name)}::text`;
/** How a value from the file goes back in, as the column's type. */
const inputExpr = (encoding: BackupColumn['encoding'], type: string, param: string): string => encoding === 'base64' ? `decode(${param}::text, 'base64')` : `${param}::text::${type}`;

/**
 * A table's rows as text values in the order of `table.columns`, a page at a time in primary-key
 * order (a keyset: each page starts after the last key of the one before), so a table of any size
 * passes through in bounded memory. A table without a primary key goes in storage order (ctid),
 * stable within the snapshot.
 */
export async function* readRowPages(tx: Queryable, table: Omit<BackupTable, 'rows'>, pageSize: number): AsyncGenerator<RowValue[][]> {
  // Named by position: two expressions (two bytea columns) would otherwise get the same name.
  const cols = table.columns.map((c, i) => `${outputExpr(c)} AS c${i}`);
  const keyed = table.primaryKey.length > 0;
  const keyCols = keyed ? table.primaryKey.map((k) => table.columns.find((c) => c.name === k)!) : [];
  const select = `SELECT ${cols.join(', ')}${keyed ? '' : `, ctid::text AS c${cols.length}`} FROM ${qualified(table.name)}`;
  const order = keyed ? keyCols.map((c) => ident(c.name)).join(', ') : 'ctid';
  let after: RowValue[] | null = null;
  for (;;) {
    let where = '';
    if (after) {
      where = keyed
        ? `WHERE (${order}) > (${keyCols.map((c, i) => inputExpr(c.encoding, c.type, `$${i + 2}`)).join(', ')})`
        : 'WHERE ctid > $2::text::tid';
    }
    const r: { rows: Array<Record<string, RowValue>> } = await tx.query<Record<string, RowValue>>(`${select} ${where} ORDER BY ${order} LIMIT $1`, [pageSize, ...(after ?? [])]);
    if (!r.rows.length) return;
    const width = cols.length + (keyed ? 0 : 1);
    const rows: RowValue[][] = r.rows.map((row) => Array.from({ length: width }, (_, i) => row[`c${i}`] ?? null));
    const last: RowValue[] = rows.at(-1)!;
    after = keyed ? keyCols.map((c) => last[table.columns.indexOf(c)]!) : [last[cols.length]!];
    yield keyed ? rows : rows.map((row) => row.slice(0, cols.length));
    if (rows.length < pageSize) return;
  }
}

// ---------------------------------------------------------------------------------------------
// Restore

/**
 * Starts a restore's transaction: waits for (and then holds off) any `migrate` or starting server
 * on this database, and reads values as the backup wrote them.
 */
export async function beginRestore(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await textSettings(tx);
}

export interface TargetState {
  /** Whether the target has Lägesbild's schema_migrations. */
  migrated: boolean;
  /** Every application table with its number of rows. */
  tables: Array<{ name: string; rows: number }>;
}

export async function inspectTarget(tx: Queryable): Promise<TargetState> {
  const migrated = !!(await tx.query<{ t: string | null }>(`SELECT to_regclass('public.schema_migrations')::text AS t`)).rows[0]?.t;
  const tables: TargetState['tables'] = [];
  for (const name of await appTables(tx)) tables.push({ name, rows: await countRows(tx, name) });
  return { migrated, tables };
}

/**
 * Removes everything of the application's from the public schema — tables (schema_migrations
 * too), views, sequences, functions, types — but nothing of an extension's (PostGIS stays, and with
 * it what only a superuser may create). DROP fires no row triggers, so the append-only tables and
 * the published editions go with the rest. The caller has checked that this is wanted.
 */
export async function clearSchema(tx: Queryable): Promise<void> {
  const rels = await tx.query<{ name: string; kind: string }>(
    `SELECT c.relname::text AS name, c.relkind::text AS kind FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
        AND NOT (c.relkind = 'r' AND c.relispartition) AND ${NOT_EXTENSION('pg_class', 'c')}`);
  const statement: Record<string, string> = { r: 'TABLE', p: 'TABLE', v: 'VIEW', m: 'MATERIALIZED VIEW', f: 'FOREIGN TABLE', S: 'SEQUENCE' };
  // Tables first: their own sequences and the views on them go with them.
  for (const kind of ['r', 'p', 'v', 'm', 'f', 'S']) {
    for (const r of rels.rows.filter((x) => x.kind === kind)) await tx.exec(`DROP ${statement[kind]} IF EXISTS ${qualified(r.name)} CASCADE`);
  }
  const routines = await tx.query<{ signature: string; aggregate: boolean }>(
    `SELECT p.oid::regprocedure::text AS signature, p.prokind = 'a' AS aggregate FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace AND ${NOT_EXTENSION('pg_proc', 'p')}`);
  for (const r of routines.rows) await tx.exec(`DROP ${r.aggregate ? 'AGGREGATE' : 'ROUTINE'} IF EXISTS ${r.signature} CASCADE`);
  const types = await tx.query<{ name: string; domain: boolean }>(
    `SELECT t.oid::regtype::text AS name, t.typtype = 'd' AS domain FROM pg_type t
      WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r', 'c')
        AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
        AND ${NOT_EXTENSION('pg_type', 't')}`);
  for (const t of types.rows) await tx.exec(`DROP ${t.domain ? 'DOMAIN' : 'TYPE'} IF EXISTS ${t.name} CASCADE`);
}

/**
 * Applies migrations inside the caller's transaction, each recorded in schema_migrations with the
 * time the source database applied it (`appliedAt`) or now.
 */
export async function applyMigrations(tx: Queryable, migrations: ReadonlyArray<Migration & { appliedAt?: string }>): Promise<void> {
  await tx.exec(SCHEMA_MIGRATIONS_DDL);
  for (const m of migrations) {
    await tx.exec(m.sql);
    await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, coalesce($3::text::timestamptz, now()))', [m.version, m.name, m.appliedAt ?? null]);
  }
}

/** Column types of the application's tables, as the target has them. */
export async function targetColumns(tx: Queryable): Promise<Map<string, Map<string, string>>> {
  const names = new Set(await appTables(tx));
  const out = new Map<string, Map<string, string>>();
  for (const [table, cols] of await appColumns(tx)) if (names.has(table)) out.set(table, new Map(cols.map((c) => [c.name, c.type])));
  return out;
}

export interface SuspendedChecks {
  foreignKeys: Array<{ table: string; name: string; definition: string }>;
  triggers: Array<{ table: string; name: string; enabled: string }>;
  rules: Array<{ table: string; name: string; enabled: string }>;
}

const ENABLE: Record<string, string> = { O: 'ENABLE', A: 'ENABLE ALWAYS', R: 'ENABLE REPLICA' };

/**
 * Lets rows go in as they were: the foreign keys are dropped (rows of a table may refer to rows of
 * the same table further on, and to tables that come later) and the application's triggers and
 * rules disabled (an append-only or published-edition trigger, or one that stamps updated_at, must
 * neither refuse nor change a restored row). Needs only ownership of the tables — not a superuser,
 * whom `session_replication_role` would need on PostgreSQL. resumeChecks puts everything back
 * before the transaction ends, and re-adding a foreign key checks every row against it.
 */
export async function suspendChecks(tx: Queryable): Promise<SuspendedChecks> {
  const tables = new Set(await appTables(tx));
  const fks = await tx.query<{ table: string; name: string; definition: string }>(
    `SELECT c.relname::text AS table, k.conname::text AS name, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace
      ORDER BY c.relname, k.conname`);
  const triggers = await tx.query<{ table: string; name: string; enabled: string }>(
    `SELECT c.relname::text AS table, t.tgname::text AS name, t.tgenabled::text AS enabled
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relnamespace = 'public'::regnamespace`);
  const rules = await tx.query<{ table: string; name: string; enabled: string }>(
    `SELECT c.relname::text AS table, r.rulename::text AS name, r.ev_enabled::text AS enabled
       FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
      WHERE r.rulename <> '_RETURN' AND r.ev_enabled <> 'D' AND c.relnamespace = 'public'::regnamespace`);
  const s: SuspendedChecks = {
    foreignKeys: fks.rows.filter((x) => tables.has(x.table)),
    triggers: triggers.rows.filter((x) => tables.has(x.table)),
    rules: rules.rows.filter((x) => tables.has(x.table)),
  };
  for (const k of s.foreignKeys) await tx.exec(`ALTER TABLE ${qualified(k.table)} DROP CONSTRAINT ${ident(k.name)}`);
  for (const t of s.triggers) await tx.exec(`ALTER TABLE ${qualified(t.table)} DISABLE TRIGGER ${ident(t.name)}`);
  for (const r of s.rules) await tx.exec(`ALTER TABLE ${qualified(r.table)} DISABLE RULE ${ident(r.name)}`);
  return s;
}

export async function resumeChecks(tx: Queryable, s: SuspendedChecks): Promise<void> {
  for (const k of s.foreignKeys) await tx.exec(`ALTER TABLE ${qualified(k.table)} ADD CONSTRAINT ${ident(k.name)} ${k.definition}`);
  for (const t of s.triggers) await tx.exec(`ALTER TABLE ${qualified(t.table)} ${ENABLE[t.enabled] ?? 'ENABLE'} TRIGGER ${ident(t.name)}`);
  for (const r of s.rules) await tx.exec(`ALTER TABLE ${qualified(r.table)} ${ENABLE[r.enabled] ?? 'ENABLE'} RULE ${ident(r.name)}`);
}

/**
 * Inserts rows given as the backup's text values. `types` are the target's column types; identity
 * columns take the stored value (OVERRIDING SYSTEM VALUE), not a new one.
 */
export async function insertRows(tx: Queryable, table: string, columns: readonly BackupColumn[], types: ReadonlyMap<string, string>, rows: readonly RowValue[][]): Promise<void> {
  if (!rows.length) return;
  const params: RowValue[] = [];
  const tuples = rows.map((row) => `(${columns.map((c, j) => {
    params.push(row[j]!);
    return inputExpr(c.encoding, types.get(c.name)!, `$${params.length}`);
  }).join(', ')})`);
  await tx.query(`INSERT INTO ${qualified(table)} (${columns.map((c) => ident(c.name)).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`, params);
}

/**
 * Puts each sequence where the backup had it, or past the highest value of the column it feeds if
 * that is higher (a row written after the sequence was read), so the next id never repeats one.
 * Returns the names the target does not have.
 */
export async function restoreSequences(tx: Queryable, sequences: readonly BackupSequence[]): Promise<string[]> {
  const owners = await tx.query<{ name: string; table: string | null; column: string | null }>(
    `SELECT s.relname::text AS name, t.relname::text AS table, a.attname::text AS column
       FROM pg_class s
       LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class t ON t.oid = d.refobjid
       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE s.relnamespace = 'public'::regnamespace AND s.relkind = 'S'`);
  const byName = new Map(owners.rows.map((o) => [o.name, o]));
  const missing: string[] = [];
  for (const s of sequences) {
    const o = byName.get(s.name);
    if (!o) { missing.push(s.name); continue; }
    let value = BigInt(s.lastValue);
    let called = s.isCalled;
    if (o.table && o.column) {
      const max = (await tx.query<{ m: string | null }>(`SELECT max(${ident(o.column)})::text AS m FROM ${qualified(o.table)}`)).rows[0]?.m;
      if (max !== null && max !== undefined && BigInt(max) >= value) { value = BigInt(max); called = true; }
    }
    await tx.query('SELECT setval($1::text::regclass, $2::text::bigint, $3)', [qualified(s.name), value.toString(), called]);
  }
  return missing;
}

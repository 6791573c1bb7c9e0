import type { Database, Queryable } from './engine.ts';

/**
 * How the schema spreads over a Citus cluster (issue 14 item 4; migration 0013 explains the
 * choice). Every table of the public schema is one of three kinds:
 *
 * - shared (REFERENCE_TABLES): read everywhere, copied whole to every worker;
 * - coordinator-only (LOCAL_TABLES): bookkeeping no query joins;
 * - municipal: every other table. It carries municipality_id in its primary key, in every unique key
 *   and in every foreign key to another municipal table, and Citus distributes it by that column,
 *   all in one co-location group, so the rows of one municipality of every table sit on one shard.
 *
 * A table a later migration adds is municipal unless it is named here: src/db/distribution.test.ts
 * checks the rule on the migrated catalog, and the Citus step below reads the same lists.
 */
export const DISTRIBUTION_COLUMN = 'municipality_id';

/** Shared tables, in an order where each one's foreign keys point only at tables before it. */
export const REFERENCE_TABLES: readonly string[] = [
  'municipalities',
  // A small lookup read with every incident; a category stands for its code in every municipality.
  'categories',
  // Who the users are: logging in finds a user by e-mail and a session by its token without knowing
  // the municipality, and users and organisations reach several municipalities.
  'organisations', 'organisation_municipalities', 'users', 'user_municipality_grants', 'sessions',
  // Events of the deployment, not of a municipality (a failed login for an unknown address).
  'deployment_audit_log',
  // The one-row set-up token of a new installation.
  'setup_token',
  // Invitation and password-reset links, found by their token before any municipality is known.
  'account_links',
  // A user's second factor, a login awaiting it and the failed attempts per address (migration 0016).
  'user_mfa', 'user_recovery_codes', 'pending_logins', 'login_throttle',
  // Personal API tokens (migration 0022): found by their hash alone, like sessions.
  'api_tokens',
];

/**
 * Tables that stay on the coordinator: the migration bookkeeping, and the police poller's state and
 * calls, the deployment's and read by no query of a municipality (PostGIS's spatial_ref_sys is an
 * extension's, never listed).
 */
export const LOCAL_TABLES: readonly string[] = ['schema_migrations', 'police_poller', 'police_poller_calls',
  // Single sign-on logins under way (migration 0017): the deployment's, found by the state's hash alone.
  'oidc_logins'];

/** The application's tables in the public schema (not an extension's), by name. */
export async function applicationTables(q: Queryable): Promise<string[]> {
  const r = await q.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
      ORDER BY c.relname`);
  return r.rows.map((x) => x.name);
}

/** The municipal tables among `tables`: neither shared nor coordinator-only. */
export function municipalTables(tables: string[]): string[] {
  return tables.filter((t) => !REFERENCE_TABLES.includes(t) && !LOCAL_TABLES.includes(t));
}

/** Whether the database is a Citus coordinator (the extension is installed). */
export async function isCitus(q: Queryable): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
  return r.rows.length > 0;
}

/**
 * On a Citus coordinator: makes the shared tables reference tables and distributes every municipal
 * table by municipality_id, co-located; tables already placed are left alone, so a second run does
 * nothing. On PostgreSQL and PGlite it does nothing at all. Returns what it placed.
 *
 * All in one transaction, under the migrations' advisory lock. Making municipalities a reference
 * table turns the plain tables that point at it into Citus "local" tables, and Citus distributes
 * such a table only while no other local table points at it: so the foreign keys between municipal
 * tables are dropped first and added again once both sides are distributed.
 */
export async function distributeOnCitus(db: Database, lock: number, log: (msg: string) => void = () => {}): Promise<{ reference: string[]; distributed: string[] }> {
  if (!(await isCitus(db))) return { reference: [], distributed: [] };
  const placed = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [lock]);
    const tables = await applicationTables(tx);
    const missing = REFERENCE_TABLES.filter((t) => !tables.includes(t));
    if (missing.length) throw new Error(`reference tables missing from the schema: ${missing.join(', ')}`);
    const known = await tx.query<{ table: string; kind: string }>(
      // Replicated to every node (repmodel 't') is a reference table, hashed ('h') a distributed one.
      `SELECT logicalrelid::regclass::text AS table, CASE WHEN partmethod = 'h' THEN 'distributed' WHEN repmodel = 't' THEN 'reference' END AS kind
         FROM pg_dist_partition`);
    const kind = new Map(known.rows.map((r) => [r.table, r.kind]));
    const reference = REFERENCE_TABLES.filter((t) => kind.get(t) !== 'reference');
    const municipal = municipalTables(tables);
    const distributed = municipal.filter((t) => kind.get(t) !== 'distributed');
    if (!reference.length && !distributed.length) return { reference, distributed };
    // Citus runs the DDL of one transaction over one connection per node in this mode, so later
    // steps see what earlier ones made. The append-only and immutability triggers run on the
    // shards: each only looks at its own row.
    await tx.query(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`);
    await tx.query('SET LOCAL citus.enable_unsafe_triggers = on');
    const fks = (await tx.query<{ table: string; name: string; target: string; definition: string }>(
      `SELECT conrelid::regclass::text AS table, conname::text AS name, confrelid::regclass::text AS target, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY 1, 2`))
      .rows.filter((f) => municipal.includes(f.table) && municipal.includes(f.target) && (distributed.includes(f.table) || distributed.includes(f.target)));
    for (const f of fks) await tx.query(`ALTER TABLE ${ident(f.table)} DROP CONSTRAINT ${ident(f.name)}`);
    for (const t of reference) await tx.query('SELECT create_reference_table($1)', [t]);
    // The first municipal table distributed starts the co-location group; every later one joins it.
    let anchor = municipal.find((t) => kind.get(t) === 'distributed');
    for (const t of distributed) {
      await tx.query(`SELECT create_distributed_table($1, '${DISTRIBUTION_COLUMN}', colocate_with => $2)`, [t, anchor ?? 'none']);
      anchor ??= t;
    }
    for (const f of fks) await tx.query(`ALTER TABLE ${ident(f.table)} ADD CONSTRAINT ${ident(f.name)} ${f.definition}`);
    return { reference, distributed };
  });
  if (placed.reference.length || placed.distributed.length) {
    log(`citus: ${placed.reference.length} reference tables, ${placed.distributed.length} tables distributed by ${DISTRIBUTION_COLUMN}`);
  }
  await workersWithoutJit(db);
  return placed;
}

/**
 * The app's own sessions compile no query (src/db/postgres.ts): compiling cost more than the
 * aggregates' whole run (bench/README.md). The sessions Citus opens on the workers for the app's
 * queries take each worker's setting for the database instead, and Citus 12.1 does not pass
 * ALTER DATABASE … SET on to them: so it is set on every worker, on every run (a worker added since
 * gets it too). Sessions the workers already hold keep theirs until they are opened again.
 */
async function workersWithoutJit(db: Database): Promise<void> {
  const r = await db.query<{ node: string; success: boolean; result: string }>(
    `SELECT nodename || ':' || nodeport AS node, success, result FROM run_command_on_workers(format('ALTER DATABASE %I SET jit = off', current_database()))`);
  const failed = r.rows.filter((x) => !x.success);
  if (failed.length) throw new Error(`citus: jit could not be turned off on ${failed.map((x) => `${x.node} (${x.result})`).join(', ')}`);
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

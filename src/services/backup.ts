/**
 * `lagesbild backup` and `lagesbild restore`: a logical copy of the whole database in the format of
 * src/core/backup/format.ts, the same on both engines, so a backup of the embedded database (a
 * laptop) restores into PostgreSQL (a server) and back. The SQL is in src/db/backup.ts, the file's
 * bytes in ./backup-file.ts.
 *
 * A backup reads one consistent snapshot while the server keeps running (on PostgreSQL), writes a
 * new file beside the target and renames it into place only when it is complete. A restore checks
 * the whole file before it opens the database, then rebuilds the schema at the backup's migration
 * level, loads every row, applies this build's newer migrations and records itself in the audit
 * log — all in one transaction, so a failure leaves the target as it was.
 */
import { existsSync, readdirSync, rmSync, statSync, unlinkSync, renameSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  BACKUP_FORMAT, BACKUP_FORMAT_VERSION, corrupt, headerLine, migrationLabel, rowLine, tableLine, totalRows,
  type BackupHeader, type BackupLine, type BackupTable, type RowValue,
} from '../core/backup/format.ts';
import { planRestoreMigrations } from '../core/backup/migrations.ts';
import { dependencyOrder } from '../core/backup/order.ts';
import { BackupRefusal } from '../core/backup/refusal.ts';
import {
  applyMigrations, beginRestore, beginSnapshot, clearSchema, countRows, insertRows, inspectTarget, readAppliedMigrations,
  readRowPages, readSchemaCatalog, readSequences, restoreSequences, resumeChecks, serverVersion, suspendChecks, targetColumns,
} from '../db/backup.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { listMigrations, type Migration } from '../db/migrate.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { packageVersion } from '../setup/resources.ts';
import { readBackupFile, writeBackupFile } from './backup-file.ts';

/** Rows per page read from a table; a table with bytea (photos, up to 10 MB each) takes few at a time. */
const PAGE_ROWS = 1000;
const PAGE_ROWS_WITH_BYTES = 8;
/** A restore inserts this many rows per statement, or fewer when their values pass INSERT_BYTES. */
const INSERT_ROWS = 500;
const INSERT_BYTES = 8 * 1024 * 1024;
/** PostgreSQL's limit of parameters per statement is 65535. */
const INSERT_PARAMS = 30_000;

/** Tables whose rows are not the municipality's data: a restore target holding only these counts as empty. */
const TRANSIENT_TABLES = new Set(['setup_token']);

const rader = (n: number) => `${n} ${n === 1 ? 'rad' : 'rader'}`;

// ---------------------------------------------------------------------------------------------
// Backup

/**
 * Where a backup may be written: the folder must exist, and an existing file is replaced only with
 * --force (the new file is complete before it takes the old one's place). Returns the absolute
 * path. Checked before the database is opened.
 */
export function checkBackupOutput(out: string, force: boolean): string {
  const path = resolve(out);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new BackupRefusal('output_dir_missing',
      `Katalogen ${dirname(out)} för säkerhetskopian finns inte. Skapa den först (mkdir -p ${dirname(out)}) eller ange en annan sökväg med --out.`,
      `The directory ${dirname(out)} for the backup does not exist. Create it first (mkdir -p ${dirname(out)}) or give another path with --out.`, { file: out });
  }
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) {
      throw new BackupRefusal('output_is_directory', `${out} är en katalog. Ange filnamnet för säkerhetskopian med --out, t.ex. --out ${join(out, 'lagesbild.backup.gz')}.`,
        `${out} is a directory. Give the backup's file name with --out, e.g. --out ${join(out, 'lagesbild.backup.gz')}.`, { file: out });
    }
    if (!force) {
      throw new BackupRefusal('output_exists', `Filen ${out} finns redan och skrivs inte över. Ange ett nytt filnamn, eller lägg till --force för att ersätta den.`,
        `The file ${out} already exists and is not overwritten. Give a new file name, or add --force to replace it.`, { file: out });
    }
  }
  return path;
}

/** The embedded database to back up must exist: opening an empty folder would create one. */
export function checkEmbeddedSource(dataDir: string): void {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new BackupRefusal('no_database', `Det finns ingen inbäddad databas i ${dataDir} (DATA_DIR). Ange rätt DATA_DIR, eller DATABASE_URL för en PostgreSQL-databas.`,
      `There is no embedded database in ${dataDir} (DATA_DIR). Set the right DATA_DIR, or DATABASE_URL for a PostgreSQL database.`, { dataDir });
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  sha256: string;
  createdAt: string;
  /** The schema the rows fit: the last migration applied in the source. */
  migration: string;
  tables: number;
  rows: number;
}

/**
 * Writes a backup of the whole database to `out` (checked with checkBackupOutput) and records it in
 * the audit log of every municipality (a backup is an export of all their data).
 */
export async function createBackup(db: Database, opts: { out: string; force?: boolean; now?: Date; log?: (m: string) => void }): Promise<BackupResult> {
  const path = checkBackupOutput(opts.out, !!opts.force);
  const log = opts.log ?? (() => {});
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    const { written, header: h } = await db.transaction(async (tx) => {
      await beginSnapshot(tx);
      const migrations = await readAppliedMigrations(tx);
      if (!migrations.length) {
        throw new BackupRefusal('no_schema', 'Databasen har inget schema från Lägesbild (tabellen schema_migrations saknas): det finns inget att säkerhetskopiera. Är DATABASE_URL eller DATA_DIR rätt?',
          'The database has no Lägesbild schema (no schema_migrations table): there is nothing to back up. Are DATABASE_URL or DATA_DIR right?');
      }
      const catalog = await readSchemaCatalog(tx);
      const byName = new Map(catalog.tables.map((t) => [t.name, t]));
      const tables: BackupTable[] = [];
      for (const name of dependencyOrder([...byName.keys()], catalog.references)) tables.push({ ...byName.get(name)!, rows: await countRows(tx, name) });
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        app: { name: 'lagesbild', version: packageVersion() },
        createdAt: (opts.now ?? new Date()).toISOString(),
        source: { engine: db.engine, server: await serverVersion(tx) },
        migrations,
        tables,
        sequences: await readSequences(tx),
      };
      async function* lines(): AsyncGenerator<string> {
        yield headerLine(header);
        for (const t of header.tables) {
          yield tableLine(t.name);
          const pageSize = t.columns.some((c) => c.encoding === 'base64') ? PAGE_ROWS_WITH_BYTES : PAGE_ROWS;
          let n = 0;
          for await (const page of readRowPages(tx, t, pageSize)) {
            for (const row of page) yield rowLine(row);
            n += page.length;
          }
          // The count and the rows come from one snapshot; a difference is a bug, not a race.
          if (n !== t.rows) throw new Error(`${t.name}: read ${n} rows, counted ${t.rows}`);
          log(`${t.name}: ${rader(t.rows)}`);
        }
      }
      return { written: await writeBackupFile(partial, lines()), header };
    });
    renameSync(partial, path);
    const result: BackupResult = {
      file: path, bytes: written.bytes, sha256: written.sha256, createdAt: h.createdAt,
      migration: migrationLabel(h.migrations.at(-1)!), tables: h.tables.length, rows: totalRows(h),
    };
    await auditEach(db, 'backup.create', { file: result.file, bytes: result.bytes, sha256: result.sha256, createdAt: result.createdAt, migration: result.migration, tables: result.tables, rows: result.rows });
    return result;
  } finally {
    if (existsSync(partial)) unlinkSync(partial);
  }
}

async function auditEach(db: Queryable, action: string, details: Record<string, unknown>): Promise<void> {
  const municipalities = await listMunicipalities(db);
  if (!municipalities.length) await recordAudit(db, { municipalityId: null, userId: null, action, subjectType: 'database', details });
  for (const m of municipalities) await recordAudit(db, { municipalityId: m.id, userId: null, action, subjectType: 'database', details });
}

// ---------------------------------------------------------------------------------------------
// Restore

export interface VerifiedBackup {
  /** Absolute path, and the name as given (for messages). */
  path: string;
  file: string;
  header: BackupHeader;
  sha256: string;
  /** Migrations to apply before the rows go in, and after. */
  atBackup: Migration[];
  newer: Migration[];
}

/**
 * Reads the whole backup and checks it — gzip, header, every row, the SHA-256 — and that this build
 * can restore it (its migrations are this build's first ones). Runs before the target is opened:
 * a file that fails here changes nothing anywhere. `migrations` are this build's (a test gives others).
 */
export async function verifyBackup(file: string, opts: { migrations?: Migration[] } = {}): Promise<VerifiedBackup> {
  const path = resolve(file);
  const { header, sha256 } = await readBackupFile(path, file);
  const { atBackup, newer } = planRestoreMigrations(header.migrations, opts.migrations ?? listMigrations(), file);
  return { path, file, header, sha256, atBackup, newer };
}

/**
 * Where the embedded target stands before a restore, and how to put it back when the restore
 * fails: a folder that did not exist, or was empty, is left as it was found (opening it created a
 * database in it). A folder with other files in it is not a database and is refused.
 */
export function prepareEmbeddedTarget(dataDir: string): { undo(): void } {
  const existed = existsSync(dataDir);
  if (existed && !statSync(dataDir).isDirectory()) {
    throw new BackupRefusal('target_not_data_dir', `${dataDir} (DATA_DIR) är en fil, inte en katalog för den inbäddade databasen.`,
      `${dataDir} (DATA_DIR) is a file, not a directory for the embedded database.`, { dataDir });
  }
  const before = existed ? readdirSync(dataDir) : [];
  if (before.length && !before.includes('PG_VERSION')) {
    throw new BackupRefusal('target_not_data_dir',
      `${dataDir} (DATA_DIR) innehåller filer men ingen databas (${before.slice(0, 5).join(', ')}${before.length > 5 ? ', …' : ''}). Ange en ny eller tom katalog.`,
      `${dataDir} (DATA_DIR) holds files but no database (${before.slice(0, 5).join(', ')}${before.length > 5 ? ', …' : ''}). Give a new or empty directory.`, { dataDir });
  }
  return {
    undo() {
      if (before.length) return;
      if (!existed) rmSync(dataDir, { recursive: true, force: true });
      else for (const f of readdirSync(dataDir)) rmSync(join(dataDir, f), { recursive: true, force: true });
    },
  };
}

export interface RestoreResult {
  file: string;
  sha256: string;
  createdAt: string;
  source: BackupHeader['source'] & { app: string };
  /** The backup's schema, and the migrations applied after its rows. */
  migration: string;
  migrated: string[];
  tables: number;
  rows: number;
  /** What the target held and --force replaced. */
  replaced: Array<{ name: string; rows: number }>;
}

/** What a person recognises first: the municipalities, the users and the reports. */
const FIRST = ['municipalities', 'users', 'incidents'];

/** Tables and their rows for a message: "municipalities (2 rader), users (9 rader) och 3 tabeller till". */
function tableList(tables: Array<{ name: string; rows: number }>, lang: 'sv' | 'en'): string {
  const rank = (n: string) => (FIRST.includes(n) ? FIRST.indexOf(n) : FIRST.length);
  const sorted = [...tables].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  const rows = (n: number) => (lang === 'sv' ? (n === 1 ? 'rad' : 'rader') : n === 1 ? 'row' : 'rows');
  const shown = sorted.slice(0, 6).map((t) => `${t.name} (${t.rows} ${rows(t.rows)})`).join(', ');
  const more = sorted.length - 6;
  if (more <= 0) return shown;
  return lang === 'sv' ? `${shown} och ${more} ${more === 1 ? 'tabell' : 'tabeller'} till` : `${shown} and ${more} more ${more === 1 ? 'table' : 'tables'}`;
}

/**
 * Restores a verified backup into `db`, in one transaction. The target must hold no rows (any
 * table with rows makes it not empty, and the refusal names them) unless `force`, which replaces
 * everything of Lägesbild's in it. A database with tables but no Lägesbild schema is refused even
 * then: it is someone else's.
 */
export async function restoreBackup(db: Database, v: VerifiedBackup, opts: { force?: boolean; log?: (m: string) => void } = {}): Promise<RestoreResult> {
  const log = opts.log ?? (() => {});
  const { header } = v;
  try {
    return await db.transaction(async (tx) => {
      await beginRestore(tx);
      const target = await inspectTarget(tx);
      if (!target.migrated && target.tables.length) {
        throw new BackupRefusal('target_foreign',
          `Måldatabasen har tabeller men inget schema från Lägesbild (${target.tables.slice(0, 8).map((t) => t.name).join(', ')}): den används till något annat och ändras inte, inte heller med --force. Återställ till en ny, tom databas.`,
          `The target database has tables but no Lägesbild schema (${target.tables.slice(0, 8).map((t) => t.name).join(', ')}): it is used for something else and is not changed, not even with --force. Restore into a new, empty database.`);
      }
      // A set-up link printed by a `serve` that found no municipality is no data to lose.
      const holding = target.tables.filter((t) => t.rows > 0 && !TRANSIENT_TABLES.has(t.name));
      if (holding.length && !opts.force) {
        throw new BackupRefusal('target_not_empty',
          `Måldatabasen är inte tom: ${tableList(holding, 'sv')}. Återställ till en ny, tom databas eller datakatalog, eller lägg till --force för att ersätta allt som finns där med säkerhetskopians innehåll. Ingenting har ändrats.`,
          `The target database is not empty: ${tableList(holding, 'en')}. Restore into a new, empty database or data directory, or add --force to replace everything in it with the backup's content. Nothing was changed.`,
          { tables: holding.map((t) => t.name).join(',') });
      }
      if (holding.length) log(`ersätter ${tableList(holding, 'sv')}`);
      // The schema the rows were taken from, exactly: whatever the target had goes first.
      await clearSchema(tx);
      await applyMigrations(tx, v.atBackup.map((m, i) => ({ ...m, appliedAt: header.migrations[i]!.appliedAt })));
      const types = await targetColumns(tx);
      for (const t of header.tables) {
        const have = types.get(t.name);
        const missing = have ? t.columns.filter((c) => !have.has(c.name)).map((c) => `${t.name}.${c.name}`) : [t.name];
        if (missing.length) {
          throw new BackupRefusal('schema_mismatch',
            `Säkerhetskopian har ${missing.join(', ')}, som migreringarna till och med ${migrationLabel(header.migrations.at(-1)!)} inte skapar: källdatabasens schema var ändrat för hand. Ingenting har ändrats.`,
            `The backup has ${missing.join(', ')}, which the migrations up to ${migrationLabel(header.migrations.at(-1)!)} do not create: the source database's schema had been changed by hand. Nothing was changed.`);
        }
      }
      const suspended = await suspendChecks(tx);
      const load = { table: null as BackupTable | null, batch: [] as RowValue[][], bytes: 0 };
      const flush = async () => {
        if (load.table && load.batch.length) await insertRows(tx, load.table.name, load.table.columns, types.get(load.table.name)!, load.batch);
        load.batch = [];
        load.bytes = 0;
      };
      const loaded = await readBackupFile(v.path, v.file, async (line: BackupLine) => {
        if (line.kind === 'table') {
          await flush();
          if (load.table) log(`${load.table.name}: ${rader(load.table.rows)}`);
          load.table = line.table;
        } else if (line.kind === 'row') {
          load.batch.push(line.values);
          for (const x of line.values) load.bytes += x?.length ?? 0;
          if (load.batch.length >= INSERT_ROWS || load.bytes >= INSERT_BYTES || (load.batch.length + 1) * line.values.length > INSERT_PARAMS) await flush();
        }
      });
      await flush();
      if (load.table) log(`${load.table.name}: ${rader(load.table.rows)}`);
      // The file was checked before; this is the same file, not one that changed in between.
      if (loaded.sha256 !== v.sha256) throw corrupt(v.file, 'filen ändrades medan den lästes', 'the file changed while it was read');
      await resumeChecks(tx, suspended);
      const missingSequences = await restoreSequences(tx, header.sequences);
      if (missingSequences.length) {
        throw new BackupRefusal('schema_mismatch', `Säkerhetskopian har sekvenserna ${missingSequences.join(', ')}, som schemat inte har. Ingenting har ändrats.`,
          `The backup has the sequences ${missingSequences.join(', ')}, which the schema does not have. Nothing was changed.`);
      }
      await applyMigrations(tx, v.newer);
      for (const m of v.newer) log(`migrerade till ${migrationLabel(m)}`);
      const result: RestoreResult = {
        file: v.path, sha256: v.sha256, createdAt: header.createdAt,
        source: { ...header.source, app: header.app.version },
        migration: migrationLabel(header.migrations.at(-1)!), migrated: v.newer.map(migrationLabel),
        tables: header.tables.length, rows: totalRows(header), replaced: holding,
      };
      await auditEach(tx, 'database.restore', { ...result });
      return result;
    });
  } catch (e) {
    // insufficient_privilege: dropping or creating the schema needs its owner.
    if ((e as { code?: string }).code === '42501') {
      throw new BackupRefusal('not_owner',
        `Återställningen får inte ändra databasens schema: ${(e as Error).message}. Kör lagesbild restore som databasens ägarroll (den som kör lagesbild migrate, se docs/production.md); PostGIS skapas av en superanvändare i förväg. Ingenting har ändrats.`,
        `The restore may not change the database's schema: ${(e as Error).message}. Run lagesbild restore as the database's owner role (the one that runs lagesbild migrate, see docs/production.md); PostGIS is created by a superuser beforehand. Nothing was changed.`);
    }
    throw e;
  }
}

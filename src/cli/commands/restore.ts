import type { Command } from 'commander';
import type { Database } from '../../db/engine.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** `lagesbild restore --file FILE [--force]`. */
export function register(program: Command): void {
  program
    .command('restore')
    .description('Restore a backup into an empty database (DATA_DIR or DATABASE_URL)')
    .requiredOption('--file <file>', 'a file written by lagesbild backup')
    .option('--force', 'replace what the database holds with the backup (otherwise a database with data is refused)')
    .addHelpText('after', `
The whole file is checked (its checksum included) before the database is opened. The restore runs
in one transaction: the schema as the backup had it, every row, then this version's newer
migrations and an entry in the audit log; if anything fails, the database is left as it was. A
backup of either engine restores into either. On PostgreSQL run it as the database's owner role
(the one that runs migrate); stop \`serve\` first.

Examples:
  DATA_DIR=./data-restored lagesbild restore --file lagesbild-2026-12-03.backup.gz
  DATABASE_URL=postgres://lagesbild_owner:…@127.0.0.1/lagesbild lagesbild restore --file lagesbild-2026-12-03.backup.gz`)
    .action(async (o: { file: string; force?: boolean }) => {
      // Loaded when the command runs, not by every call (`lagesbild --help` stays quick).
      const { migrationLabel, totalRows } = await import('../../core/backup/format.ts');
      const { prepareEmbeddedTarget, restoreBackup, verifyBackup } = await import('../../services/backup.ts');
      const { openDatabase } = await import('../../db/open.ts');
      const { databaseConfig, describeDatabase } = await import('../config.ts');
      // The whole file is checked before the database is opened: a bad one changes nothing anywhere.
      const v = await verifyBackup(o.file);
      log(`säkerhetskopian ${o.file} är hel: skapad ${v.header.createdAt} av Lägesbild ${v.header.app.version} (${v.header.source.engine}), ${totalRows(v.header)} rader i ${v.header.tables.length} tabeller, schema ${migrationLabel(v.header.migrations.at(-1)!)}`);
      const config = databaseConfig();
      const embedded = config.databaseUrl ? null : prepareEmbeddedTarget(config.dataDir!);
      log(`databas: ${describeDatabase(config)}`);
      let db: Database | null = null;
      try {
        db = await openDatabase(config);
        const r = await restoreBackup(db, v, { force: !!o.force, log });
        await db.close();
        db = null;
        out(JSON.stringify(r));
        log(`återställde ${r.rows} rader i ${r.tables} tabeller från ${r.file}${r.migrated.length ? `; migrerade sedan till ${r.migrated.at(-1)}` : ''}`);
      } catch (e) {
        await db?.close().catch(() => undefined);
        embedded?.undo();
        throw e;
      }
    });
}

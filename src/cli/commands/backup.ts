import type { Command } from 'commander';

const out = (line: string) => process.stdout.write(`${line}\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** `lagesbild backup --out FILE [--force]`. */
export function register(program: Command): void {
  program
    .command('backup')
    .description('Write a backup of the whole database (DATA_DIR or DATABASE_URL) to one file')
    .requiredOption('--out <file>', 'the file to write, e.g. lagesbild-2026-12-03.backup.gz; its folder must exist')
    .option('--force', 'replace the file if it exists (the new one takes its place only when complete)')
    .addHelpText('after', `
The backup is one gzip-compressed file with every table, photo, history and audit entry, and a
checksum; it restores on either engine with \`lagesbild restore --file FILE\`. On PostgreSQL it is a
consistent snapshot taken while the server runs (any role that may read the tables will do); the
embedded database (DATA_DIR) serves one process at a time, so stop \`serve\` first. The file holds
personal data and password hashes: it is written readable by its owner only; keep it so.

Examples:
  lagesbild backup --out /var/backups/lagesbild/lagesbild-$(date +%F).backup.gz
  DATA_DIR=./data lagesbild backup --out ~/lagesbild.backup.gz --force`)
    .action(async (o: { out: string; force?: boolean }) => {
      // Loaded when the command runs, not by every call (`lagesbild --help` stays quick).
      const { checkBackupOutput, checkEmbeddedSource, createBackup } = await import('../../services/backup.ts');
      const { openDatabase } = await import('../../db/open.ts');
      const { databaseConfig, describeDatabase } = await import('../config.ts');
      // Everything that needs no database is checked before it is opened.
      checkBackupOutput(o.out, !!o.force);
      const config = databaseConfig();
      if (!config.databaseUrl) checkEmbeddedSource(config.dataDir!);
      log(`databas: ${describeDatabase(config)}`);
      const db = await openDatabase(config);
      try {
        const r = await createBackup(db, { out: o.out, force: !!o.force, log });
        out(JSON.stringify(r));
        log(`säkerhetskopian ${r.file} är skriven: ${r.tables} tabeller, ${r.rows} rader, schema ${r.migration}, ${(r.bytes / 1024 / 1024).toFixed(1)} MB, SHA-256 ${r.sha256}`);
      } finally {
        await db.close();
      }
    });
}

import type { Command } from 'commander';
import { databaseConfig } from '../config.ts';
import { openMigrated } from '../open-migrated.ts';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (DATA_DIR or DATABASE_URL)')
    .action(async () => {
      const db = await openMigrated(databaseConfig(), (m) => process.stderr.write(`${m}\n`));
      await db.close();
    });
}

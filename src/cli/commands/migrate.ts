import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (DATA_DIR or DATABASE_URL)')
    .action(async () => {
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const db = await openMigrated(databaseConfig(), (m) => process.stderr.write(`${m}\n`));
      await db.close();
    });
}

import type { Command } from 'commander';

const log = (m: string) => process.stderr.write(`${m}\n`);

export function register(program: Command): void {
  program
    .command('demo')
    .description('Migrate, load the Alingsås demo data if it is not there, and serve (what `npm start` runs)')
    .action(async () => {
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { seedDemo } = await import('../../demo/seed.ts');
      const { serverConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const { printCredentials } = await import('./seed-demo.ts');
      const { serve } = await import('./serve.ts');
      const config = serverConfig();
      // The demo's users and their password are printed for anyone to try: a second factor is
      // required of nobody unless MFA_REQUIRED_ROLES says so.
      if (!process.env.MFA_REQUIRED_ROLES?.trim()) config.signIn = { ...config.signIn, mfaRequiredRoles: [] };
      const db = await openMigrated(config, log);
      const { settleRollupQueue } = await import('../../services/rollup-applier.ts');
      const r = await seedDemo(db, { log });
      await settleRollupQueue(db);
      printCredentials(r);
      await serve(db, config, r.users);
    });
}

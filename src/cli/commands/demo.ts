import type { Command } from 'commander';
import { seedDemo } from '../../demo/seed.ts';
import { serverConfig } from '../config.ts';
import { openMigrated } from '../open-migrated.ts';
import { printCredentials } from './seed-demo.ts';
import { serve } from './serve.ts';

const log = (m: string) => process.stderr.write(`${m}\n`);

export function register(program: Command): void {
  program
    .command('demo')
    .description('Migrate, load the Alingsås demo data if it is not there, and serve (what `npm start` runs)')
    .action(async () => {
      const config = serverConfig();
      const db = await openMigrated(config, log);
      const r = await seedDemo(db, { log });
      printCredentials(r);
      await serve(db, config, r.users);
    });
}

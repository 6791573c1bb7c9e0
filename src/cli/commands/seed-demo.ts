import type { Command } from 'commander';
import type { SeedDemoResult } from '../../demo/seed.ts';
import { credentialLines } from '../start-message.ts';

const log = (m: string) => process.stderr.write(`${m}\n`);

export function printCredentials(r: SeedDemoResult): void {
  log('');
  for (const line of credentialLines(r.users)) log(line);
}

export function parseSeedOptions(o: { seed?: string; count?: string; end?: string }) {
  const seed = o.seed === undefined ? undefined : Number(o.seed);
  const count = o.count === undefined ? undefined : Number(o.count);
  const end = o.end === undefined ? undefined : new Date(o.end);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${o.seed}"`);
  if (count !== undefined && (!Number.isInteger(count) || count < 0 || count > 2_000_000)) throw new Error(`--count must be an integer 0–2000000, got "${o.count}"`);
  if (end !== undefined && Number.isNaN(end.getTime())) throw new Error(`--end must be a date (YYYY-MM-DD), got "${o.end}"`);
  return { seed, count, end };
}

export function register(program: Command): void {
  program
    .command('seed-demo')
    .description('Load the Alingsås demo: boundary, organisations, one user per role, two years of synthetic incidents (idempotent)')
    .option('--seed <n>', 'seed of the synthetic incidents (deterministic)', '1489')
    .option('--count <n>', 'number of incidents over the two years', '8000')
    .option('--end <date>', 'end of the two-year period (default: today)')
    .action(async (o) => {
      const options = parseSeedOptions(o);
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { seedDemo } = await import('../../demo/seed.ts');
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const { settleRollupQueue } = await import('../../services/rollup-applier.ts');
      const db = await openMigrated(databaseConfig(), log);
      try {
        const r = await seedDemo(db, { ...options, log });
        // The new incidents into the rollups now, not by the first server that starts.
        log(`rollups: ${await settleRollupQueue(db)} changes applied`);
        printCredentials(r);
      } finally {
        await db.close();
      }
    });
}

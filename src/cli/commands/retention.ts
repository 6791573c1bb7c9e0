import type { Command } from 'commander';
import { parseNow } from './jobs.ts';
import { municipalityCode } from '../options.ts';

const log = (m: string) => process.stderr.write(`${m}\n`);

export function register(program: Command): void {
  const retention = program.command('retention').description('Retention rules: remove old free text and photos, coarsen old positions, erase closed accounts, delete old audit entries');
  retention
    .command('run')
    .description('Apply a municipality\'s retention rules now (as set in the web app, Administration → Lagring och gallring) and print what was removed, per rule')
    .requiredOption('--municipality <code>', 'the municipality\'s code (SCB kommunkod), e.g. 1489')
    .option('--dry-run', 'change nothing; print what a run would remove')
    .option('--now <time>', 'act as if it were this time (ISO 8601); default now')
    .addHelpText('after', `
Every run and dry run is logged (job_runs, job "retention") and audited. The scheduler applies the
rules once a day by itself for municipalities whose rules are set to run automatically.`)
    .action(async (o: { municipality: string; dryRun?: boolean; now?: string }) => {
      municipalityCode(o.municipality);
      const now = parseNow(o.now);
      const { runRetention } = await import('../../services/retention.ts');
      const { describeCounts } = await import('../../jobs/retention.ts');
      const { listMunicipalities } = await import('../../db/repositories/municipalities.ts');
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const db = await openMigrated(databaseConfig(), log);
      try {
        if (!(await listMunicipalities(db, [o.municipality])).length) throw new Error(`no municipality ${o.municipality} in the database`);
        const r = await runRetention(db, { municipalityId: o.municipality, dryRun: !!o.dryRun, now, trigger: 'command', userId: null });
        const head = `${r.dryRun ? 'provkörning (inget ändrades)' : 'gallring'} ${r.municipalityId} ${r.at}`;
        process.stdout.write(`${[head, ...describeCounts(r.counts, r.dryRun)].join('\n')}\n`);
      } finally {
        await db.close();
      }
    });
}

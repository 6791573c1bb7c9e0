import type { Command } from 'commander';
import { municipalityCode } from '../options.ts';

const log = (m: string) => process.stderr.write(`${m}\n`);

export function register(program: Command): void {
  const rollups = program.command('rollups').description('The aggregates the map, the side panel and the documents read (rollup tables)');
  rollups
    .command('rebuild')
    .description('Build the rollups again from the incidents: after a restore or a bulk load, or to repair them')
    .option('--municipality <code>', 'only this municipality (SCB kommunkod), e.g. 1489; default every municipality')
    .addHelpText('after', `
Running servers keep serving meanwhile: each municipality is rebuilt in one transaction, and until it
commits every read counts the rollups as they were. The servers' own appliers rebuild a municipality
by themselves when a bulk load leaves it a long queue; this command is for doing it now.`)
    .action(async (o: { municipality?: string }) => {
      if (o.municipality !== undefined) municipalityCode(o.municipality);
      const { rebuildMunicipalities } = await import('../../services/rollup-applier.ts');
      const { listMunicipalities } = await import('../../db/repositories/municipalities.ts');
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const db = await openMigrated(databaseConfig(), log);
      try {
        const found = await listMunicipalities(db, o.municipality ? [o.municipality] : undefined);
        if (o.municipality && !found.length) throw new Error(`no municipality ${o.municipality} in the database`);
        const names = new Map(found.map((m) => [m.id, m.name]));
        await rebuildMunicipalities(db, found.map((m) => m.id).sort(), (r) => {
          process.stdout.write(`${r.municipality} ${names.get(r.municipality)}: ${r.incidents} händelser i sammanställningarna, ${r.queued} köade ändringar intagna (${(r.ms / 1000).toFixed(1)} s)\n`);
        });
      } finally {
        await db.close();
      }
    });
}

import type { Command } from 'commander';

const log = (m: string) => process.stderr.write(`${m}\n`);

/** `lagesbild import police --municipality 1489 --file events.json`: Polisen's public events for a municipality. */
export function register(program: Command): void {
  const group = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('Import external data');
  group
    .command('police')
    .description("Import Polisen's public events (a JSON array as polisen.se/api/events returns it) for a municipality; events already held are skipped")
    .requiredOption('--municipality <code>', 'municipality code, e.g. 1489')
    .requiredOption('--file <path>', 'JSON file of events')
    .action(async (o: { municipality: string; file: string }) => {
      if (!/^\d{4}$/.test(o.municipality)) throw new Error(`--municipality must be a four-digit code, got "${o.municipality}"`);
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { listMunicipalities } = await import('../../db/repositories/municipalities.ts');
      const { importPoliceEventsFile } = await import('../../io/polisen/events.ts');
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const db = await openMigrated(databaseConfig(), log);
      try {
        if (!(await listMunicipalities(db, [o.municipality])).length) throw new Error(`municipality ${o.municipality} is not set up in this database`);
        const r = await importPoliceEventsFile(db, o.municipality, o.file);
        log(`${r.read} polishändelser lästa, ${r.imported} nya sparade för ${o.municipality}`);
      } finally {
        await db.close();
      }
    });
}

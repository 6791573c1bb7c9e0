import type { Command } from 'commander';
import { listMunicipalities } from '../../db/repositories/municipalities.ts';
import { importPoliceEventsFile } from '../../io/polisen/events.ts';
import { databaseConfig } from '../config.ts';
import { openMigrated } from '../open-migrated.ts';

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

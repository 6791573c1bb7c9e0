import type { Command } from 'commander';

const log = (m: string) => process.stderr.write(`${m}\n`);

/**
 * `lagesbild import police --file events.json [--municipality 1489]`: Polisen's public events, split
 * by municipality as the web app's upload and the poller split them (src/core/police-events/split.ts).
 */
export function register(program: Command): void {
  const group = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('Import external data');
  group
    .command('police')
    .description("Import Polisen's public events (a JSON array as polisen.se/api/events returns it): each event is stored for the municipality it names, a county-wide one for every municipality of the county; events already held are skipped, all or nothing")
    .requiredOption('--file <path>', 'JSON file of events')
    .option('--municipality <code>', 'store for this municipality only, e.g. 1489 (default: every municipality of the deployment)')
    .action(async (o: { municipality?: string; file: string }) => {
      if (o.municipality !== undefined && !/^\d{4}$/.test(o.municipality)) throw new Error(`--municipality must be a four-digit code, got "${o.municipality}"`);
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { readFile } = await import('node:fs/promises');
      const { listMunicipalities } = await import('../../db/repositories/municipalities.ts');
      const { parsePoliceEventsText } = await import('../../io/polisen/events.ts');
      const { storePoliceEvents } = await import('../../services/police-events.ts');
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const events = parsePoliceEventsText(await readFile(o.file, 'utf8').catch((e: Error) => { throw new Error(`${o.file}: ${e.message}`); }));
      const db = await openMigrated(databaseConfig(), log);
      try {
        const deployment = await listMunicipalities(db);
        if (o.municipality !== undefined && !deployment.some((m) => m.id === o.municipality)) throw new Error(`municipality ${o.municipality} is not set up in this database`);
        const r = await db.transaction((tx) => storePoliceEvents(tx, events, deployment, o.municipality === undefined ? undefined : [o.municipality]));
        log(`${r.read} polishändelser lästa`);
        for (const m of r.municipalities) log(`  ${m.name} (${m.municipalityId}): ${m.events} hör dit, ${m.new} nya sparade, ${m.alreadyHeld} fanns redan`);
        if (r.notStored) log(`  ${r.notStored} hör till installationens andra kommuner och sparades inte`);
        if (r.outside) log(`  ${r.outside} hör inte till någon av installationens kommuner och hoppades över`);
      } finally {
        await db.close();
      }
    });
}

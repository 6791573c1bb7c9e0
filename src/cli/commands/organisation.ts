import type { Command } from 'commander';
import { ORGANISATION_KINDS } from '../../core/organisations/types.ts';
import { endQuietlyOnClosedPipe } from '../pipe.ts';

// What the commands run is loaded when they run, not by every call (`lagesbild --help` stays quick).
const setup = () => import('../../services/municipality-setup.ts');
const database = async () => ({ ...(await import('../config.ts')), ...(await import('../open-migrated.ts')) });

const out = (line: string) => process.stdout.write(`${line}\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** `lagesbild organisation add --municipality 1489[,1442] --name … --kind …` and `organisation list`. */
export function register(program: Command): void {
  const organisation = program.command('organisation').description('Set up the organisations that report and act');
  organisation
    .command('add')
    .description('Create an organisation in one or more municipalities of this deployment')
    .requiredOption('--municipality <codes>', 'municipality code, or several comma-separated (e.g. 1489,1442 for a police area); the first is its home')
    .requiredOption('--name <name>', 'full name, e.g. "Kommunledningskontoret"')
    .requiredOption('--kind <kind>', `one of ${ORGANISATION_KINDS.join(', ')} (or the Swedish word, e.g. "kommunalt bolag")`)
    .option('--short <name>', 'short name, e.g. KLK')
    .addHelpText('after', `
An organisation works in every municipality given; the first is its home, whose administrators
manage it. Its users report and read in each with their role's rules.

Example:
  lagesbild organisation add --municipality 1489,1442 --name "Polisen lokalpolisområde Alingsås" --kind polis --short Polisen`)
    .action(async (o: { municipality: string; name: string; kind: string; short?: string }) => {
      const input = { municipalities: o.municipality.split(','), name: o.name, shortName: o.short, kind: o.kind };
      const { addOrganisation, readOrganisationInput } = await setup();
      const { databaseConfig, openMigrated } = await database();
      // Everything that needs no database is checked before the database is opened.
      readOrganisationInput(input);
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        const { organisation: org } = await addOrganisation(db, input);
        out(JSON.stringify(org));
        log(`skapade ${org.name}${org.shortName ? ` (${org.shortName})` : ''}, ${org.kind}, i ${org.municipalities.join(', ')}`);
      } finally {
        await db.close();
      }
    });

  organisation
    .command('list')
    .description('The organisations of this deployment, by municipality')
    .option('--municipality <code>', 'only those that work in this municipality')
    .option('--json', 'one JSON object per line')
    .action(async (o: { municipality?: string; json?: boolean }) => {
      endQuietlyOnClosedPipe();
      const { listDeploymentMunicipalities, listDeploymentOrganisations } = await setup();
      const { databaseConfig, openMigrated } = await database();
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        if (o.municipality && !(await listDeploymentMunicipalities(db)).some((m) => m.id === o.municipality)) {
          throw new Error(`municipality ${o.municipality} is not set up in this deployment; \`lagesbild municipality list\` shows those that are`);
        }
        const all = (await listDeploymentOrganisations(db)).filter((x) => !o.municipality || x.municipalities.includes(o.municipality));
        if (o.json) { for (const x of all) out(JSON.stringify(x)); return; }
        if (!all.length) { log('inga organisationer ännu: lagesbild organisation add --municipality KOD --name NAMN --kind SLAG'); return; }
        for (const x of all) out(`${x.municipalities.join(',')}  ${x.name}${x.shortName ? ` (${x.shortName})` : ''}  ${x.kind}${x.active ? '' : '  (inaktiv)'}`);
      } finally {
        await db.close();
      }
    });
}

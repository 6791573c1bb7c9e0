import type { Command } from 'commander';
import { ORGANISATION_KINDS } from '../../core/organisations/types.ts';
import { addOrganisation, listDeploymentMunicipalities, listDeploymentOrganisations, readOrganisationInput } from '../../services/municipality-setup.ts';
import { databaseConfig } from '../config.ts';
import { openMigrated } from '../open-migrated.ts';
import { endQuietlyOnClosedPipe } from '../pipe.ts';

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
An organisation belongs to one municipality, the first code given. Its users work in the others
through grants: lagesbild user add … --grant 1442.

Example:
  lagesbild organisation add --municipality 1489,1442 --name "Polisen lokalpolisområde Alingsås" --kind polis --short Polisen`)
    .action(async (o: { municipality: string; name: string; kind: string; short?: string }) => {
      const input = { municipalities: o.municipality.split(','), name: o.name, shortName: o.short, kind: o.kind };
      // Everything that needs no database is checked before the database is opened.
      readOrganisationInput(input);
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        const { organisation: org, others } = await addOrganisation(db, input);
        out(JSON.stringify({ ...org, grantUsers: others }));
        log(`skapade ${org.name}${org.shortName ? ` (${org.shortName})` : ''}, ${org.kind}, i ${org.municipalityId}`);
        if (others.length) log(`dess användare arbetar även i ${others.join(', ')} med: lagesbild user add … --org "${org.name}" --grant ${others.join(',')}`);
      } finally {
        await db.close();
      }
    });

  organisation
    .command('list')
    .description('The organisations of this deployment, by municipality')
    .option('--municipality <code>', 'only those of this municipality')
    .option('--json', 'one JSON object per line')
    .action(async (o: { municipality?: string; json?: boolean }) => {
      endQuietlyOnClosedPipe();
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        if (o.municipality && !(await listDeploymentMunicipalities(db)).some((m) => m.id === o.municipality)) {
          throw new Error(`municipality ${o.municipality} is not set up in this deployment; \`lagesbild municipality list\` shows those that are`);
        }
        const all = (await listDeploymentOrganisations(db)).filter((x) => !o.municipality || x.municipalityId === o.municipality);
        if (o.json) { for (const x of all) out(JSON.stringify(x)); return; }
        if (!all.length) { log('inga organisationer ännu: lagesbild organisation add --municipality KOD --name NAMN --kind SLAG'); return; }
        for (const x of all) out(`${x.municipalityId}  ${x.name}${x.shortName ? ` (${x.shortName})` : ''}  ${x.kind}${x.active ? '' : '  (inaktiv)'}`);
      } finally {
        await db.close();
      }
    });
}

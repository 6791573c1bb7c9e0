import type { Command } from 'commander';
import { ROLE_CHOICES, parseRoleList } from '../../core/access/role-names.ts';
import { DomainError } from '../../core/errors/index.ts';
import { fieldMessage } from '../../core/i18n/errors.ts';
import type { Database } from '../../db/engine.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Finds an organisation by id, name or short name; ambiguous or unknown names are errors that list the choices. */
async function resolveOrganisation(db: Database, org: string, municipality?: string): Promise<string> {
  const { listMunicipalities } = await import('../../db/repositories/municipalities.ts');
  const { listOrganisations } = await import('../../db/repositories/organisations.ts');
  const municipalities = municipality ? [municipality] : (await listMunicipalities(db)).map((m) => m.id);
  if (!municipalities.length) throw new Error('no municipality is set up yet: start with `lagesbild municipality add CODE`, then `lagesbild organisation add`');
  const rows = (await listOrganisations(db, municipalities)).sort((a, b) => a.municipalityId.localeCompare(b.municipalityId));
  const hit = UUID.test(org) ? rows.filter((o) => o.id === org)
    : rows.filter((o) => o.name.toLowerCase() === org.toLowerCase() || o.shortName?.toLowerCase() === org.toLowerCase());
  if (hit.length === 1) return hit[0].id;
  const choices = rows.map((o) => `  ${o.municipalityId}  ${o.name}${o.shortName ? ` (${o.shortName})` : ''}`).join('\n');
  throw new Error(hit.length > 1
    ? `organisation "${org}" is ambiguous; add --municipality CODE. Organisations:\n${choices}`
    : `no organisation "${org}"${municipality ? ` in ${municipality}` : ''}. Organisations:\n${choices || '  (none yet: create one with `lagesbild organisation add --municipality CODE --name NAME --kind KIND`)'}`);
}

export function register(program: Command): void {
  const user = program.command('user').description('Manage users');
  user
    .command('add')
    .description('Create a user; the password is read from standard input (never from the command line)')
    .requiredOption('--email <email>', 'e-mail address (the login)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--org <organisation>', 'organisation: id, name or short name')
    .requiredOption('--role <role...>', `one or more of: ${ROLE_CHOICES.join(', ')}`)
    .option('--municipality <code>', 'municipality of the organisation, when its name is ambiguous')
    .option('--grant <codes>', 'further municipalities the user may work in, comma-separated')
    .option('--password-stdin', 'read the password from standard input (required)')
    .action(async (o: { email: string; name: string; org: string; role: string[]; municipality?: string; grant?: string; passwordStdin?: boolean }) => {
      const { roles, unknown } = parseRoleList(o.role);
      if (unknown.length || !roles.length) throw new Error(`unknown role ${unknown.join(', ') || '(none given)'}; choose from ${ROLE_CHOICES.join(', ')}`);
      if (!o.passwordStdin) throw new Error('give the password on standard input with --password-stdin, e.g. `echo "$PW" | lagesbild user add … --password-stdin`');
      const password = await readStdin();
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { listMunicipalities } = await import('../../db/repositories/municipalities.ts');
      const { createUser } = await import('../../services/users.ts');
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        const organisationId = await resolveOrganisation(db, o.org, o.municipality);
        const grants = o.grant?.split(',').map((s) => s.trim()).filter(Boolean);
        const u = await createUser(db, null, { email: o.email, name: o.name, organisationId, roles, password, municipalities: grants });
        const names = (await listMunicipalities(db, u.municipalities)).map((m) => m.name).join(', ');
        process.stdout.write(`${JSON.stringify({ id: u.id, email: u.email, name: u.name, organisation: u.organisationName, roles: u.roles, municipalities: u.municipalities })}\n`);
        process.stderr.write(`skapade ${u.email} (${u.roles.join(', ')}) i ${u.organisationName}, ${names}\n`);
      } catch (e) {
        if (e instanceof DomainError) {
          throw new Error(e.fields.map((f) => `${f.field}: ${fieldMessage('en', f)}`).join('\n') || e.code);
        }
        throw e;
      } finally {
        await db.close();
      }
    });
  user
    .command('reset-mfa')
    .description('Turn off a user\'s two-step verification (lost phone and recovery codes); they log in with the password next')
    .requiredOption('--email <email>', 'the user\'s e-mail address')
    .action(async (o: { email: string }) => {
      const { resetMfaFromCommandLine } = await import('../../services/mfa.ts');
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        if (!(await resetMfaFromCommandLine(db, o.email))) throw new Error(`no user has the e-mail address ${o.email}`);
        process.stderr.write(`tvåstegsverifiering avstängd för ${o.email.trim().toLowerCase()}; nästa inloggning med lösenordet\n`);
      } finally {
        await db.close();
      }
    });
}

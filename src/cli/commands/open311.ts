import type { Command } from 'commander';
import { endQuietlyOnClosedPipe } from '../pipe.ts';

// What the commands run is loaded when they run, not by every call (`lagesbild --help` stays quick).
const service = () => import('../../services/open311.ts');
const database = async () => ({ ...(await import('../config.ts')), ...(await import('../open-migrated.ts')) });

const out = (line: string) => process.stdout.write(`${line}\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A refusal of the service, in words for the operator (the service's errors name the field). */
async function explain<T>(run: () => Promise<T>): Promise<T> {
  const { DomainError } = await import('../../core/errors/index.ts');
  const { labelledFieldMessage, errorMessage } = await import('../../core/i18n/errors.ts');
  try {
    return await run();
  } catch (e) {
    if (e instanceof DomainError) {
      const what = e.fields.length ? e.fields.map((f) => labelledFieldMessage('sv', f)).join(' ') : errorMessage('sv', e.code, e.params);
      throw new Error(what);
    }
    throw e;
  }
}

/**
 * `lagesbild open311 key add|list|revoke` and `open311 contacts purge`: the api_keys of the systems
 * that send tips to /open311/v2 (src/services/open311.ts), as an administrator manages them in
 * the web app, and deleting the senders' contact details kept longer than needed.
 */
export function register(program: Command): void {
  const open311 = program.command('open311').description('Open311 GeoReport v2: the api_keys of the systems that send tips');
  const key = open311.command('key').description('Create, list and revoke api_keys');
  key
    .command('add')
    .description('Create an api_key for a client system and print it (shown this once; only its hash is kept)')
    .requiredOption('--municipality <code>', 'the municipality the system sends tips for (SCB code, e.g. 1489)')
    .requiredOption('--name <system>', 'the client system, e.g. FixMyStreet')
    .option('--organisation <name>', 'the organisation its tips are filed under (name, short name or id); default the municipality\'s own administration')
    .addHelpText('after', `
The key goes into the client system's configuration as its api_key; its tips land in the review
queue (Granska) marked with the system's name.

Example:
  lagesbild open311 key add --municipality 1489 --name FixMyStreet`)
    .action(async (o: { municipality: string; name: string; organisation?: string }) => {
      const { createOpen311Key } = await service();
      const { databaseConfig, openMigrated } = await database();
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        const created = await explain(() => createOpen311Key(db, null, { municipalityId: o.municipality, name: o.name, organisation: o.organisation }));
        out(created.apiKey);
        log(`skapade nyckel ${created.key.id} för ${created.key.name} i ${created.key.municipalityId}; tipsen hamnar hos ${created.key.organisationName}. Nyckeln visas bara nu.`);
      } finally {
        await db.close();
      }
    });
  key
    .command('list')
    .description('The api_keys of this deployment (never the keys themselves), active first')
    .option('--municipality <code>', 'only this municipality\'s')
    .option('--json', 'one JSON object per line')
    .action(async (o: { municipality?: string; json?: boolean }) => {
      endQuietlyOnClosedPipe();
      const { listKeys } = await service();
      const { databaseConfig, openMigrated } = await database();
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        const keys = await listKeys(db, null, o.municipality);
        if (o.json) { for (const k of keys) out(JSON.stringify(k)); return; }
        if (!keys.length) { log('inga nycklar ännu: lagesbild open311 key add --municipality KOD --name SYSTEM'); return; }
        const at = (d: Date | null) => (d ? new Date(d).toISOString() : '–');
        for (const k of keys) {
          out(`${k.id}  ${k.municipalityId}  ${k.name}  ${k.organisationName}  skapad ${at(k.createdAt)}  senast använd ${at(k.lastUsedAt)}  ${k.tips} tips${k.revokedAt ? `  ÅTERKALLAD ${at(k.revokedAt)}` : ''}`);
        }
      } finally {
        await db.close();
      }
    });
  key
    .command('revoke')
    .description('Revoke an api_key: the system\'s next request is refused')
    .argument('<id>', 'the key\'s id (open311 key list)')
    .action(async (id: string) => {
      const { revokeKey } = await service();
      const { databaseConfig, openMigrated } = await database();
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new Error(`${id} is no key id; \`lagesbild open311 key list\` shows them`);
        const k = await explain(() => revokeKey(db, null, id));
        log(`nyckeln för ${k.name} i ${k.municipalityId} är återkallad sedan ${new Date(k.revokedAt!).toISOString()}`);
      } finally {
        await db.close();
      }
    });
  open311
    .command('contacts')
    .description('The senders\' contact details')
    .command('purge')
    .description('Delete contact details kept longer than needed (30 days after review, 180 days at most); the server does it at every tip too')
    .action(async () => {
      const { purgeContacts } = await service();
      const { databaseConfig, openMigrated } = await database();
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        log(`raderade kontaktuppgifter för ${await purgeContacts(db)} tips`);
      } finally {
        await db.close();
      }
    });
}

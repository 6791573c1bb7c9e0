/**
 * `lagesbild export incidents`: the export of GET /api/incidents/export from the command line, for
 * scheduled deliveries (a nightly GeoPackage to the GIS unit). It acts for the deployment as a
 * coordinator of the municipality — it reads everything there — and is recorded in the municipality's
 * audit log as made from the command line, with the operating-system user who ran it. Bad arguments
 * end with exit status 2 and a message in Swedish naming the option; nothing is written then, and a
 * failed export leaves no half-written file.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors/index.ts';
import { fieldMessage } from '../../core/i18n/errors.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/incidents/export-formats.ts';

const log = (m: string) => process.stderr.write(`${m}\n`);
const USAGE = 2;

interface Options {
  municipality?: string;
  format: string;
  out?: string;
  from?: string;
  to?: string;
  categories?: string;
  organisations?: string;
  reviewStatus?: string;
  visibility?: string;
  area?: string;
  text?: string;
  edition?: string;
}

/** The options as named on the command line, for messages about the query's fields. */
const OPTION_OF: Record<string, string> = {
  from: '--from', to: '--to', municipality: '--municipality', categories: '--categories', organisations: '--organisations',
  reviewStatus: '--review-status', visibility: '--visibility', area: '--area', q: '--text', format: '--format', edition: '--edition',
};

const usage = (cmd: Command, message: string): never => cmd.error(`fel: ${message}`, { exitCode: USAGE, code: 'lagesbild.usage' });
const list = (s: string | undefined) => s?.split(',').map((x) => x.trim()).filter(Boolean);
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Domain errors about the query, each in its option's name, in Swedish. */
function explain(cmd: Command, e: unknown): never {
  if (e instanceof DomainError && e.code === 'validation_failed') {
    usage(cmd, e.fields.map((f) => `${OPTION_OF[f.field] ?? f.field}: ${fieldMessage('sv', f)}`).join('\n'));
  }
  if (e instanceof DomainError && e.code === 'not_found') usage(cmd, '--edition: lägesbilden finns inte i kommunen');
  throw e;
}

/**
 * Names on the command line to ids: each value is an id or a name (code for categories), matched
 * without regard to case and diacritics; an unknown one is named with what there is.
 */
function resolve<T extends { id: string }>(cmd: Command, option: string, values: string[] | undefined, rows: T[], keys: (r: T) => string[], what: string): string[] | undefined {
  if (!values) return undefined;
  return values.map((v) => {
    const hit = rows.find((r) => r.id === v || keys(r).some((k) => fold(k) === fold(v)));
    if (!hit) usage(cmd, `${option}: ${what} "${v}"; kommunen har: ${rows.map((r) => keys(r)[0]).join(', ') || 'inga'}`);
    return hit!.id;
  });
}

export function register(program: Command): void {
  const group = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('Export data to files');
  const cmd = group
    .command('incidents')
    .description('the incidents of a municipality, with the filters of the table, as CSV, CSV for Excel, XLSX, GeoJSON or GeoPackage')
    .option('--municipality <code>', 'municipality code, e.g. 1489')
    .option('--format <format>', `${EXPORT_FORMATS.join(', ')}`, 'csv')
    .option('--out <file>', 'the file to write')
    .option('--from <date>', 'start of the period, YYYY-MM-DD (Swedish time) or RFC 3339')
    .option('--to <date>', 'end of the period, exclusive, written as --from')
    .option('--categories <codes>', 'comma-separated category codes, e.g. skadegorelse.klotter (subcategories included)')
    .option('--organisations <names>', 'comma-separated organisation names or ids')
    .option('--review-status <statuses>', 'comma-separated: new, reviewed, rejected, duplicate')
    .option('--visibility <visibility>', 'normal or restricted')
    .option('--area <name>', 'an area\'s name or id: the incidents inside it')
    .option('--text <text>', 'free text in the description and the place name')
    .option('--edition <id>', 'gpkg: a lägesbild edition whose hotspot cells and zones the file carries')
    .addHelpText('after', '\nExample: lagesbild export incidents --municipality 1489 --format gpkg --from 2026-01-01 --to 2027-01-01 --out alingsas-2026.gpkg\n'
      + 'Database: DATA_DIR or DATABASE_URL, as for serve. Recorded in the audit log. Exit status 2 on bad arguments.')
    .action(async (o: Options) => {
      const missing = (['municipality', 'out'] as const).filter((n) => !o[n]);
      if (missing.length) usage(cmd, `${missing.map((n) => `--${n}`).join(' och ')} saknas`);
      if (!(EXPORT_FORMATS as readonly string[]).includes(o.format)) usage(cmd, `--format ska vara en av ${EXPORT_FORMATS.join(', ')}, inte "${o.format}"`);
      if (!/^\d{4}$/.test(o.municipality!)) usage(cmd, `--municipality ska vara en kommunkod med fyra siffror, inte "${o.municipality}"`);
      if (o.edition !== undefined && !UUID.test(o.edition)) usage(cmd, `--edition ska vara en lägesbilds id (uuid), inte "${o.edition}"`);
      const format = o.format as ExportFormat;
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { parseIncidentQuery } = await import('../../server/query.ts');
      const query = {
        municipality: o.municipality, from: o.from, to: o.to, reviewStatus: o.reviewStatus,
        visibility: o.visibility as 'normal' | 'restricted' | undefined, q: o.text,
      };
      if (o.visibility !== undefined && !['normal', 'restricted'].includes(o.visibility)) usage(cmd, `--visibility ska vara normal eller restricted, inte "${o.visibility}"`);
      let filter;
      try { ({ filter } = parseIncidentQuery(query)); } catch (e) { explain(cmd, e); }

      const { listMunicipalities } = await import('../../db/repositories/municipalities.ts');
      const { listCategories } = await import('../../db/repositories/categories.ts');
      const { listOrganisations } = await import('../../db/repositories/organisations.ts');
      const { listAreas } = await import('../../db/repositories/areas.ts');
      const { exportIncidents } = await import('../../services/incident-reads.ts');
      const { systemActor } = await import('../../services/situation-pictures.ts');
      const { databaseConfig } = await import('../config.ts');
      const { openMigrated } = await import('../open-migrated.ts');
      const code = o.municipality!;
      const db = await openMigrated(databaseConfig(), log);
      const partial = `${o.out}.part`;
      try {
        const all = await listMunicipalities(db);
        const municipality = all.find((m) => m.id === code);
        if (!municipality) usage(cmd, `--municipality: kommunen ${code} finns inte i databasen; den har: ${all.map((m) => `${m.id} (${m.name})`).join(', ') || 'inga'}`);
        const [categories, organisations, areas] = await Promise.all([listCategories(db, [code]), listOrganisations(db, [code]), listAreas(db, [code])]);
        filter!.categories = resolve(cmd, '--categories', list(o.categories), categories, (c) => [c.code, c.nameSv], 'okänd kategori');
        filter!.organisations = resolve(cmd, '--organisations', list(o.organisations), organisations, (x) => [x.name, ...(x.shortName ? [x.shortName] : [])], 'okänd organisation');
        filter!.areaId = resolve(cmd, '--area', o.area === undefined ? undefined : [o.area], areas, (a) => [a.name, ...(a.code ? [a.code] : [])], 'okänt område')?.[0];

        const actor = systemActor(code);
        let operator: string | undefined;
        try { operator = userInfo().username; } catch { operator = undefined; }
        const started = Date.now();
        // On a terminal, one line rewritten as the pages are read; in a log, only the summary.
        const progress = process.stderr.isTTY ? (read: number) => process.stderr.write(`\r  ${read} händelser lästa`) : undefined;
        log(`exporterar händelserna i ${municipality!.name} (${code}) som ${format} …`);
        let result;
        try {
          result = await exportIncidents(db, actor, filter!, format, { ...query, categories: o.categories, organisations: o.organisations, area: o.area, edition: o.edition }, { edition: o.edition, cli: { via: 'cli', operator }, progress });
        } catch (e) { explain(cmd, e); }
        await pipeline(Readable.from(result!.chunks), createWriteStream(partial));
        if (progress) process.stderr.write('\n');
        await rename(partial, o.out!);
        log(`skrev ${o.out} (${result!.count} händelser, ${((Date.now() - started) / 1000).toFixed(1)} s); exporten är loggad i kommunens granskningslogg`);
      } catch (e) {
        await rm(partial, { force: true });
        throw e;
      } finally {
        await db.close();
      }
    });
}

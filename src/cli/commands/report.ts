/**
 * `lagesbild report lagesbild|action-plan`: the documents from the command line, for scheduled use
 * (cron) on the configured database, acting as a coordinator of the municipality. Bad arguments end
 * with exit status 2 and a message naming the option; nothing is written then.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DomainError } from '../../core/errors/index.ts';
import { fieldMessage } from '../../core/i18n/errors.ts';
import { parsePeriod } from '../../core/situation-picture/period.ts';
import type { Database } from '../../db/engine.ts';
import type { RenderedDocument } from '../../services/documents.ts';
import { IssueCollector } from '../../core/errors/index.ts';

const log = (m: string) => process.stderr.write(`${m}\n`);
const USAGE = 2;

/** Fails the command with exit status 2 (bad arguments), the way commander reports its own errors. */
const usage = (cmd: Command, message: string): never => cmd.error(`error: ${message}`, { exitCode: USAGE, code: 'lagesbild.usage' });

function need(cmd: Command, o: Record<string, unknown>, names: string[]): void {
  const missing = names.filter((n) => o[n] === undefined || o[n] === '');
  if (missing.length) usage(cmd, `required option${missing.length > 1 ? 's' : ''} ${missing.map((n) => `--${n}`).join(', ')} not specified`);
}

function format<T extends string>(cmd: Command, value: string, allowed: readonly T[], option = '--format'): T {
  if (!(allowed as readonly string[]).includes(value)) usage(cmd, `${option} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/** Domain errors about the options, in the options' names. */
function explain(cmd: Command, e: unknown, options: Record<string, string>): never {
  if (e instanceof DomainError && e.code === 'validation_failed') {
    usage(cmd, e.fields.map((f) => `${options[f.field] ?? f.field}: ${fieldMessage('en', f)}`).join('\n'));
  }
  throw e;
}

async function withMunicipality(cmd: Command, code: string, work: (db: Database) => Promise<RenderedDocument>, out: string): Promise<void> {
  const { listMunicipalities } = await import('../../db/repositories/municipalities.ts');
  const { databaseConfig } = await import('../config.ts');
  const { openMigrated } = await import('../open-migrated.ts');
  const db = await openMigrated(databaseConfig(), log);
  let doc: RenderedDocument;
  try {
    const all = await listMunicipalities(db);
    if (!all.some((m) => m.id === code)) {
      usage(cmd, `unknown municipality "${code}"; the database has: ${all.map((m) => `${m.id} (${m.name})`).join(', ') || 'none (run seed-demo or migrate with boundaries)'}`);
    }
    doc = await work(db);
  } finally {
    await db.close();
  }
  writeFileSync(out, doc.body);
  log(`skrev ${out} (${Math.round(doc.body.length / 1024)} kB)`);
}

export function register(program: Command): void {
  const report = program.command('report').description('write a document: the lägesbild (PDF/HTML) or the yearly lägesbild och åtgärdsplan (PDF/DOCX)');

  const lagesbild = report
    .command('lagesbild')
    .description('the lägesbild of a municipality for a period, computed now (draft), as PDF or HTML')
    .option('--municipality <code>', 'municipality code, e.g. 1489')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD')
    .option('--to <date>', 'last day of the period (inclusive), YYYY-MM-DD')
    .option('--format <format>', 'pdf or html', 'pdf')
    .option('--lang <lang>', 'the language of the document: sv or en', 'sv')
    .option('--out <file>', 'the file to write')
    .addHelpText('after', '\nExample: lagesbild report lagesbild --municipality 1489 --from 2026-10-27 --to 2026-11-23 --format pdf --out lagesbild.pdf\nDatabase: DATA_DIR or DATABASE_URL, as for serve. Exit status 2 on bad arguments.')
    .action(async (o: { municipality?: string; from?: string; to?: string; format: string; lang: string; out?: string }) => {
      need(lagesbild, o, ['municipality', 'from', 'to', 'out']);
      const f = format(lagesbild, o.format, ['pdf', 'html'] as const);
      const lang = format(lagesbild, o.lang, ['sv', 'en'] as const, '--lang');
      try { parsePeriod(o.from!, o.to!); } catch (e) { explain(lagesbild, e, { from: '--from', to: '--to' }); }
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { liveLagesbildDocument } = await import('../../services/documents.ts');
      const { systemActor } = await import('../../services/situation-pictures.ts');
      await withMunicipality(lagesbild, o.municipality!, (db) =>
        liveLagesbildDocument(db, systemActor(o.municipality!), { municipalityId: o.municipality!, from: o.from!, to: o.to!, format: f, lang }), o.out!);
    });

  const plan = report
    .command('action-plan')
    .description('the yearly "Lägesbild och åtgärdsplan" (lag 2023:196) of a municipality, as PDF or DOCX')
    .option('--municipality <code>', 'municipality code, e.g. 1489')
    .option('--year <year>', 'the year, e.g. 2026')
    .option('--format <format>', 'pdf or docx', 'pdf')
    .option('--lang <lang>', 'the language of the document: sv or en', 'sv')
    .option('--out <file>', 'the file to write')
    .addHelpText('after', '\nExample: lagesbild report action-plan --municipality 1489 --year 2026 --format docx --out atgardsplan.docx\nDatabase: DATA_DIR or DATABASE_URL, as for serve. Exit status 2 on bad arguments.')
    .action(async (o: { municipality?: string; year?: string; format: string; lang: string; out?: string }) => {
      need(plan, o, ['municipality', 'year', 'out']);
      const f = format(plan, o.format, ['pdf', 'docx'] as const);
      const lang = format(plan, o.lang, ['sv', 'en'] as const, '--lang');
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { checkYear } = await import('../../services/action-plans.ts');
      const { actionPlanDocumentFile } = await import('../../services/documents.ts');
      const { systemActor } = await import('../../services/situation-pictures.ts');
      const issues = new IssueCollector();
      checkYear(o.year, issues);
      try { issues.throwIfAny(); } catch (e) { explain(plan, e, { year: '--year' }); }
      await withMunicipality(plan, o.municipality!, (db) =>
        actionPlanDocumentFile(db, systemActor(o.municipality!), o.year!, f, o.municipality!, lang), o.out!);
    });
}

/**
 * What `lagesbild import incidents` does once its options are read: in Swedish, on stderr — what
 * was detected, then the errors by row (and nothing stored) or what was imported, with a progress
 * bar on a terminal. Returns the exit code.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ImportMappingBody } from '../contract/imports.ts';
import { DomainError } from '../core/errors/index.ts';
import { fieldMessage } from '../core/i18n/errors.ts';
import type { Cell, Detection, ImportMapping } from '../core/import/types.ts';
import { crsName } from '../core/import/crs.ts';
import { MAX_IMPORT_BYTES } from '../io/import/read-source.ts';
import { databaseConfig } from './config.ts';
import { openMigrated } from './open-migrated.ts';

const FIELD_NAMES_SV: Record<string, string> = {
  externalId: 'id', dateTime: 'tidpunkt', date: 'datum', time: 'klockslag', dateTimeTo: 'tidpunkt till', category: 'kategori',
  x: 'X/öst/longitud', y: 'Y/nord/latitud', place: 'plats', description: 'beskrivning', organisation: 'organisation', reportedToPolice: 'polisanmäld',
};

const PartialMapping = Type.Partial(ImportMappingBody);

function describe(d: Detection, rows: number, log: (m: string) => void): void {
  log(`${rows} rader.`);
  log('Kolumner:');
  for (const [field, header] of Object.entries(d.mapping.columns)) log(`  ${FIELD_NAMES_SV[field] ?? field}: ${header}`);
  if (d.unmappedHeaders.length) log(`  används inte: ${d.unmappedHeaders.join(', ')}`);
  log(`Koordinatsystem: ${d.mapping.crs ? crsName(d.mapping.crs) : 'okänt'}${d.crsSource === 'guessed' ? ' (gissat av värdena)' : d.crsSource === 'given' ? ' (angivet)' : ''}`);
  if (d.dateFormat) log(`Datumformat: ${d.dateFormat}${d.mapping.dateOrder === 'mdy' ? ' (månad före dag)' : ''}`);
  if (d.categoryValues.length) {
    log('Kategorier:');
    for (const c of d.categoryValues) log(`  ${c.value} (${c.rows} rader) → ${c.code ?? 'ingen träff'}`);
  }
}

const csvCell = (v: Cell | string): string => {
  if (v === null) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function runImportCommand(o: { municipality: string; file: string; mapping?: string; organisation?: string; sheet?: string; dryRun?: boolean; skipInvalid?: boolean }, log: (m: string) => void): Promise<number> {
  const size = (await stat(o.file).catch(() => { throw new Error(`--file: filen ${o.file} finns inte`); })).size;
  if (size > MAX_IMPORT_BYTES) throw new Error(`--file: filen är ${Math.round(size / 1e6)} MB; högst ${MAX_IMPORT_BYTES / 1e6} MB kan importeras åt gången. Dela filen i mindre delar.`);
  let mapping: Partial<ImportMapping> | undefined;
  if (o.mapping) {
    let json: unknown;
    try { json = JSON.parse(await readFile(o.mapping, 'utf8')); } catch (e) { throw new Error(`--mapping: ${o.mapping} är ingen läsbar JSON-fil (${(e as Error).message})`); }
    if (!Value.Check(PartialMapping, json)) {
      const first = Value.Errors(PartialMapping, json).First();
      throw new Error(`--mapping: ${o.mapping}, ${first?.path || 'roten'}: ${first?.message}`);
    }
    mapping = json as Partial<ImportMapping>;
  }
  const bytes = await readFile(o.file);
  const db = await openMigrated(databaseConfig(), log);
  try {
    const { listMunicipalities } = await import('../db/repositories/municipalities.ts');
    const { listOrganisations } = await import('../db/repositories/organisations.ts');
    const { systemActor } = await import('../services/situation-pictures.ts');
    const { previewImport, startImport } = await import('../services/incident-import.ts');
    if (!(await listMunicipalities(db, [o.municipality])).length) throw new Error(`--municipality: kommunen ${o.municipality} är inte uppsatt i databasen`);
    const organisations = (await listOrganisations(db, [o.municipality])).filter((x) => x.active && x.municipalities.includes(o.municipality));
    let organisationId: string | undefined;
    if (o.organisation) {
      const want = o.organisation.trim().toLocaleLowerCase('sv');
      organisationId = organisations.find((x) => x.id === o.organisation || x.name.toLocaleLowerCase('sv') === want || x.shortName?.toLocaleLowerCase('sv') === want)?.id;
      if (!organisationId) throw new Error(`--organisation: "${o.organisation}" är ingen organisation i kommunen ${o.municipality} (finns: ${organisations.map((x) => x.name).join(', ')})`);
    } else {
      // Without a choice: the municipality's only organisation, if it has one; else rows must name theirs.
      organisationId = organisations.length === 1 ? organisations[0].id : undefined;
    }
    const actor = { ...systemActor(o.municipality), organisationId: organisationId ?? systemActor(o.municipality).organisationId };
    const input = { municipalityId: o.municipality, fileName: basename(o.file), bytes, mapping, sheet: o.sheet, organisationId, skipInvalid: o.skipInvalid };
    try {
      const preview = await previewImport(db, actor, input, { lang: 'sv' });
      describe({ ...preview, problems: [] }, preview.rowCount, log);
      for (const p of preview.problems) log(`Fel: ${p.message}`);
      if (preview.problems.length) return 1;
      if (o.dryRun) {
        for (const e of preview.errors) log(e.message);
        if (preview.invalid > preview.errors.length) log(`… och fler: ${preview.invalid} rader har fel.`);
        log(`Provkörning: ${preview.valid} rader skulle importeras, ${preview.alreadyImported} finns redan, ${preview.invalid} har fel. Inget sparades.`);
        return preview.invalid && !o.skipInvalid ? 1 : 0;
      }
      let bar: { update(n: number): void; stop(): void } | null = null;
      if (process.stderr.isTTY && preview.valid >= 1000) {
        const { SingleBar, Presets } = await import('cli-progress');
        const b = new SingleBar({ format: 'Importerar [{bar}] {value}/{total} rader', stream: process.stderr }, Presets.shades_classic);
        b.start(preview.valid, 0);
        bar = b;
      }
      let lastLine = 0;
      const started = await startImport(db, actor, input, {
        lang: 'sv',
        onProgress: (done, total) => {
          if (bar) bar.update(done);
          else if (total >= 10_000 && done - lastLine >= 10_000) { lastLine = done; log(`  ${done} av ${total} rader …`); }
        },
      });
      const result = await started.done;
      bar?.stop();
      if (result.status !== 'done') {
        log(`Importen misslyckades och inget sparades: ${result.errors.map((e) => e.message).join('; ')}`);
        return 1;
      }
      if (started.rejected.length) {
        const out = join(dirname(o.file), `${basename(o.file, extname(o.file))}.avvisade.csv`);
        const byRow = new Map(started.table.rowNumbers.map((n, i) => [n, started.table.rows[i]]));
        const reasons = new Map<number, string[]>();
        for (const e of started.rejected) reasons.set(e.row, [...(reasons.get(e.row) ?? []), e.message]);
        const lines = [['Rad', ...started.table.headers, 'Fel'].map(csvCell).join(';')];
        for (const [row, why] of reasons) lines.push([String(row), ...(byRow.get(row) ?? []), why.join(' | ')].map(csvCell).join(';'));
        await writeFile(out, '\ufeff' + lines.join('\r\n') + '\r\n');
        log(`${reasons.size} rader avvisades; de finns med skälen i ${out}`);
      }
      log(`Importerade ${result.rowsImported} händelser från ${input.fileName} till ${o.municipality}; ${result.rowsAlreadyImported} fanns redan och hoppades över. Import-id: ${result.id}`);
      return 0;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'validation_failed') {
        for (const f of e.fields) log(fieldMessage('sv', f));
        if (e.params.invalid) log(`${e.params.invalid} rader har fel. Inget importerades (--skip-invalid importerar de giltiga raderna).`);
        return 1;
      }
      throw e;
    }
  } finally {
    await db.close();
  }
}

/** `lagesbild import undo`: an import removed as a whole, as the web's "Ångra import" does. */
export async function runUndoCommand(o: { municipality: string; id: string }, log: (m: string) => void): Promise<number> {
  const db = await openMigrated(databaseConfig(), log);
  try {
    const { systemActor } = await import('../services/situation-pictures.ts');
    const { undoImport } = await import('../services/incident-import.ts');
    try {
      const r = await undoImport(db, systemActor(o.municipality), o.id, 'sv');
      log(`Importen ${r.id} av ${r.fileName} är ångrad: dess händelser är borttagna.`);
      return 0;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'not_found') { log(`--id: ingen import ${o.id} i kommunen ${o.municipality}`); return 1; }
      if (e instanceof DomainError && e.code === 'validation_failed') { log(`Importen ${o.id} kan inte ångras: den är inte klar, eller redan ångrad.`); return 1; }
      throw e;
    }
  } finally {
    await db.close();
  }
}

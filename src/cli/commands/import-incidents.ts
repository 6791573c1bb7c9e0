import type { Command } from 'commander';

const log = (m: string) => process.stderr.write(`${m}\n`);

interface Options {
  municipality: string;
  file: string;
  mapping?: string;
  organisation?: string;
  sheet?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
}

/**
 * `lagesbild import incidents --municipality 1489 --file rapporter.csv`: a municipality's own file of
 * incidents (CSV, XLSX, GeoJSON). Prints what it detected, then the errors by row or what it
 * imported. All or nothing unless --skip-invalid, which writes the rejected rows with their reasons
 * beside the input.
 */
export function register(program: Command): void {
  const group = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('Import external data');
  group
    .command('incidents')
    .description('Import incidents from a CSV, XLSX or GeoJSON file; columns, coordinate system, dates and categories are detected (override with --mapping)')
    .requiredOption('--municipality <code>', 'municipality code, e.g. 1489')
    .requiredOption('--file <path>', 'the file: .csv (; , or tab; UTF-8 or Windows-1252), .xlsx or .geojson')
    .option('--mapping <path>', 'JSON mapping: {"columns": {"dateTime": "Tidpunkt", …}, "crs": 3006, "dateOrder": "dmy", "categories": {"Sprayfärg": "klotter"}, "sheet": "Blad1"}; what it names overrides detection')
    .option('--organisation <name or id>', 'the organisation rows without one of their own are reported by')
    .option('--sheet <name>', 'XLSX: the sheet to read (default the first)')
    .option('--dry-run', 'check the file and show what would be imported; store nothing')
    .option('--skip-invalid', 'import the valid rows and write the rejected ones, with their reasons, beside the input')
    .action(async (o: Options) => {
      if (!/^\d{4}$/.test(o.municipality)) throw new Error(`--municipality: väntade en fyrsiffrig kommunkod, fick "${o.municipality}"`);
      // What the command runs is loaded when it runs, not by every call (`lagesbild --help` stays quick).
      const { runImportCommand } = await import('../import-incidents-run.ts');
      process.exitCode = await runImportCommand(o, log);
    });
  group
    .command('undo')
    .description('Undo an import of incidents as a whole: its incidents are removed (recorded on the import and in the audit log)')
    .requiredOption('--municipality <code>', 'municipality code, e.g. 1489')
    .requiredOption('--id <import id>', 'the import, as `import incidents` printed it')
    .action(async (o: { municipality: string; id: string }) => {
      if (!/^\d{4}$/.test(o.municipality)) throw new Error(`--municipality: väntade en fyrsiffrig kommunkod, fick "${o.municipality}"`);
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(o.id)) throw new Error(`--id: väntade ett import-id (uuid), fick "${o.id}"`);
      const { runUndoCommand } = await import('../import-incidents-run.ts');
      process.exitCode = await runUndoCommand(o, log);
    });
}

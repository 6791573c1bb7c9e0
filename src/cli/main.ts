import { Command, CommanderError } from 'commander';
import { register as analyze } from './commands/analyze.ts';
import { register as backup } from './commands/backup.ts';
import { register as demo } from './commands/demo.ts';
import { register as exportData } from './commands/export.ts';
import { register as importPolice } from './commands/import-police.ts';
import { register as importIncidents } from './commands/import-incidents.ts';
import { register as jobs } from './commands/jobs.ts';
import { register as migrate } from './commands/migrate.ts';
import { register as municipality } from './commands/municipality.ts';
import { register as open311 } from './commands/open311.ts';
import { register as organisation } from './commands/organisation.ts';
import { register as policePoller } from './commands/police-poller.ts';
import { register as report } from './commands/report.ts';
import { register as restore } from './commands/restore.ts';
import { register as retention } from './commands/retention.ts';
import { register as rollups } from './commands/rollups.ts';
import { register as seedDemo } from './commands/seed-demo.ts';
import { register as serve } from './commands/serve.ts';
import { register as user } from './commands/user.ts';

/** Builds the `lagesbild` command; each sub-command lives in its own module under ./commands. */
export function buildProgram(): Command {
  const program = new Command('lagesbild')
    .description('Lägesbild – gemensam lägesbild över brott och otrygghet (EST)')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [serve, demo, migrate, municipality, organisation, user, seedDemo, analyze, jobs, importPolice, importIncidents, policePoller, exportData, report, backup, restore, retention, rollups, open311]) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    process.stderr.write(`lagesbild: ${(e as Error).message}\n`);
    process.exit(1);
  }
}

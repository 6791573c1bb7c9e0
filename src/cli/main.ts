import { Command } from 'commander';

/** Builds the `lagesbild` command. Each sub-command lives in its own module under ./commands. */
export async function buildProgram(): Promise<Command> {
  const program = new Command('lagesbild')
    .description('Lägesbild – gemensam lägesbild över brott och otrygghet (EST)')
    .showHelpAfterError();
  const modules = await Promise.all([
    import('./commands/analyze.ts').catch(() => null),
  ]);
  for (const m of modules) m?.register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = await buildProgram();
  await program.parseAsync(argv);
}

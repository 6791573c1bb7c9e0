/** The options every `analyze <method>` shares, and the action that runs a method. */
import type { Command} from 'commander';
import { Option } from 'commander';
import { readInput, InputError } from '../../io/analysis-input/index.ts';
import { emit, toCsv, toJson } from './output.ts';
import type { CommonOptions, MethodSpec } from './types.ts';

/** Long flags of the common options, so the method list can leave them out. */
export const COMMON_FLAGS = ['--input', '--format', '--no-header', '--delimiter', '--input-format', '--output', '--pretty', '--help'];

export function addCommonOptions(cmd: Command): void {
  cmd
    .requiredOption('-i, --input <file>', "CSV or GeoJSON points file ('-' reads standard input)")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .option('--no-header', 'the CSV has no header line: give columns by 1-based number')
    .option('--delimiter <char>', "CSV field separator (default ',' or, if the first line has only semicolons, ';')")
    .addOption(new Option('--input-format <format>', 'input format (default: by file extension, .geojson/.json → geojson)').choices(['csv', 'geojson']))
    .option('-o, --output <file>', 'write the result to a file instead of standard output')
    .option('--pretty', 'indent the JSON output');
}

/** Prints the message of bad input or a failed analysis on stderr and sets exit status 1. */
export function fail(err: unknown, source?: string): void {
  const e = err instanceof Error ? err : new Error(String(err));
  let msg = e.message;
  // Messages from the core methods do not know the file; InputError messages already name it.
  if (!(e instanceof InputError) && source && !msg.startsWith(source)) msg = `${source}: ${msg}`;
  process.stderr.write(`error: ${msg}\n`);
  if (process.env.LAGESBILD_DEBUG && e.stack) process.stderr.write(`${e.stack}\n`);
  process.exitCode = 1;
}

/** Adds `analyze <spec.name>` with its options and action. */
export function addMethod(parent: Command, spec: MethodSpec): Command {
  const cmd = parent.command(spec.name).description(spec.summary);
  addCommonOptions(cmd);
  spec.options(cmd);
  if (spec.help) cmd.addHelpText('after', `\n${spec.help.trim()}\n`);
  cmd.showHelpAfterError('(add --help for the options)');
  cmd.action(async (opts: CommonOptions) => {
    try {
      if (opts.delimiter !== undefined && [...opts.delimiter].length !== 1) {
        throw new InputError(`--delimiter must be one character, got ${JSON.stringify(opts.delimiter)}`);
      }
      const table = await readInput(opts.input, { header: opts.header, delimiter: opts.delimiter, format: opts.inputFormat });
      const result = await spec.run(table, opts);
      const text = opts.format === 'csv' ? toCsv(spec.csv(result, opts)) : toJson(result, opts.pretty);
      await emit(text, opts.output);
    } catch (e) {
      fail(e, opts.input === '-' ? 'stdin' : opts.input);
    }
  });
  return cmd;
}

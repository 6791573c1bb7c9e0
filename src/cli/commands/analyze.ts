/**
 * `lagesbild analyze <method> --input FILE [options] --format json|csv`: runs one analysis method on a
 * CSV or GeoJSON points file and writes the result (JSON with "method", or a CSV table) to stdout.
 * Bad input ends with exit status 1 and a message naming the line (or feature) and column on stderr.
 * The methods live in ../analyze/methods; see docs/analysis.md.
 */
import type { Command, Option } from 'commander';
import { addMethod, COMMON_FLAGS } from '../analyze/common.ts';
import { methods } from '../analyze/methods/index.ts';

function describeOption(o: Option): string {
  const def = o.defaultValue !== undefined && o.defaultValue !== false && !o.negate ? ` (default: ${o.defaultValueDescription ?? JSON.stringify(o.defaultValue)})` : '';
  const choices = o.argChoices ? ` [${o.argChoices.join('|')}]` : '';
  return `${(o.description ?? '').replace(' (name or 1-based number)', '')}${choices}${def}`;
}

/** The method list for `lagesbild analyze --help`: each method, its summary and its own options. */
export function methodList(analyze: Command): string {
  const lines = [
    'Methods (common options: --input FILE, --format json|csv, --no-header, --delimiter, --input-format, --output, --pretty;',
    'a <column> is a name, matched ignoring case, or a 1-based column number):',
  ];
  for (const cmd of analyze.commands) {
    lines.push('', `  ${cmd.name()}  –  ${cmd.description()}`);
    const own = cmd.options.filter((o) => !COMMON_FLAGS.includes(o.long ?? '') && !o.hidden);
    const width = Math.max(0, ...own.map((o) => o.flags.length));
    for (const o of own) lines.push(`      ${o.flags.padEnd(width)}  ${describeOption(o)}`);
  }
  lines.push('', "Each method has its own help: lagesbild analyze <method> --help. Rows in error messages are 1-based line numbers of the CSV file (feature numbers for GeoJSON).");
  return lines.join('\n');
}

export function register(program: Command): void {
  const analyze = program
    .command('analyze')
    .description('run an analysis method (Gi*, near-repeat, Mann–Kendall, KDE, …) on a CSV or GeoJSON points file')
    .usage('<method> --input FILE [options] [--format json|csv]')
    .configureHelp({ visibleCommands: () => [] })
    .showHelpAfterError();
  for (const spec of methods) addMethod(analyze, spec);
  analyze.addHelpText('after', () => `\n${methodList(analyze)}\n`);
}

import type { Command } from 'commander';
import type { Table } from '../../io/analysis-input/index.ts';

/** A table for `--format csv`: a header and rows of plain values (null/NaN print as empty cells). */
export interface CsvTable {
  header: string[];
  rows: (string | number | boolean | null | undefined)[][];
}

/** Options every method has (see common.ts). */
export interface CommonOptions {
  input: string;
  format: 'json' | 'csv';
  header: boolean;
  delimiter?: string;
  inputFormat?: 'csv' | 'geojson';
  output?: string;
  pretty?: boolean;
}

/**
 * One `lagesbild analyze <method>`: its options, how it turns the input table into a result (which
 * carries `method`), and how that result is written as a CSV table.
 */
export interface MethodSpec<O = any, R extends { method: string } = any> {
  name: string;
  /** One line for the method list. */
  summary: string;
  /** Adds the method's own options (the common ones are added by the caller). */
  options(cmd: Command): void;
  /** Longer help, shown after the options with `analyze <method> --help` (example, notes). */
  help?: string;
  run(table: Table, opts: O & CommonOptions): R | Promise<R>;
  /** The result as a table for `--format csv` (options such as --nonzero may shape it). */
  csv(result: R, opts: O & CommonOptions): CsvTable;
}

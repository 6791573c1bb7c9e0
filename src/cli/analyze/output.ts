/** Writing results: JSON (one document) or CSV (a header and rows), to stdout or a file. */
import { writeFile } from 'node:fs/promises';
import type { CsvTable } from './types.ts';

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? '' : v > 0 ? 'Infinity' : '-Infinity';
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV text with a trailing newline. */
export function toCsv(t: CsvTable): string {
  const lines = [t.header.map(cell).join(',')];
  for (const r of t.rows) lines.push(r.map(cell).join(','));
  return lines.join('\n') + '\n';
}

const WIDTH = 120;

const plain = (_k: string, v: unknown) =>
  ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v;

/**
 * JSON text: typed arrays become plain arrays; NaN and ±Infinity become null (JSON has neither).
 * `pretty` indents by two spaces but keeps any object or array that fits on one line of WIDTH (120) characters
 * on that line (so matrices and cells stay readable).
 */
export function toJson(value: unknown, pretty = false): string {
  if (!pretty) return JSON.stringify(value, plain) + '\n';
  const data = JSON.parse(JSON.stringify(value, plain)) as unknown;
  const fmt = (v: unknown, indent: string, prefixLength: number): string => {
    const flat = JSON.stringify(v);
    if (v === null || typeof v !== 'object' || indent.length + prefixLength + flat.length <= WIDTH) return flat;
    const inner = indent + '  ';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      if (v.every((x) => x === null || typeof x !== 'object')) {
        // Long lists of numbers: as many per line as fit.
        const lines: string[] = [];
        let line = '';
        for (const x of v.map((e) => JSON.stringify(e))) {
          if (line && inner.length + line.length + x.length + 1 > WIDTH) { lines.push(line); line = ''; }
          line += (line ? ',' : '') + x;
        }
        lines.push(line);
        return `[\n${lines.map((l) => inner + l).join(',\n')}\n${indent}]`;
      }
      return `[\n${v.map((x) => inner + fmt(x, inner, 0)).join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => {
      const key = `${JSON.stringify(k)}: `;
      return inner + key + fmt(x, inner, key.length);
    }).join(',\n')}\n${indent}}`;
  };
  return fmt(data, '', 0) + '\n';
}

/** A one-row table of the scalar fields of a result (the method's name first). */
export function scalarRow(result: Record<string, unknown>, keys?: string[]): CsvTable {
  const header = keys ?? Object.keys(result).filter((k) => {
    const v = result[k];
    return v === null || ['string', 'number', 'boolean'].includes(typeof v);
  });
  return { header, rows: [header.map((k) => result[k] as string | number | boolean | null)] };
}

/**
 * Matrices with row and column labels as a long table: one line per cell, `row,col,<name>…`.
 * `rows`/`cols` are the labels (or band limits) of the matrices' first and second index.
 */
export function matrixLong(
  rows: (string | number)[],
  cols: (string | number)[],
  matrices: Record<string, ArrayLike<ArrayLike<number>>>,
  labels: [string, string] = ['row', 'col'],
): CsvTable {
  const names = Object.keys(matrices);
  const out: CsvTable = { header: [...labels, ...names], rows: [] };
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < cols.length; j++) out.rows.push([rows[i], cols[j], ...names.map((n) => matrices[n][i][j])]);
  }
  return out;
}

let stdoutGuarded = false;

/** Writes text to stdout (waiting for it to drain) or to a file. */
export async function emit(text: string, file?: string): Promise<void> {
  if (file) {
    await writeFile(file, text);
    return;
  }
  if (!stdoutGuarded) {
    // A reader that stops early (`| head`) closes the pipe: not an error of the analysis.
    stdoutGuarded = true;
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  await new Promise<void>((resolve, reject) => {
    process.stdout.write(text, (err) => {
      if (err && (err as NodeJS.ErrnoException).code !== 'EPIPE') reject(err); else resolve();
    });
  });
}

import type { Benchmark } from '../../../bench/lib.ts';
import { createRandom } from '../../core/random/index.ts';
import { parseCsv } from './csv.ts';
import { numberColumn, dateColumn } from './table.ts';

/** 200,000 incidents as the command line reads them: x,y in SWEREF 99 TM metres and an ISO date. */
function incidentsCsv(rows: number): string {
  const rnd = createRandom(3006);
  const lines = ['x,y,date'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + rnd.int(365) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${(674_000 + rnd.next() * 20_000).toFixed(2)},${(6_580_000 + rnd.next() * 20_000).toFixed(2)},${day}`);
  }
  return lines.join('\n') + '\n';
}

const ROWS = 200_000;
const NAME = `analysis-input: split and Number() ${ROWS.toLocaleString('en')} CSV rows (no quoting, no checks)`;

const benchmarks: Benchmark<string>[] = [
  {
    suite: 'analysis',
    name: NAME,
    setup: () => incidentsCsv(ROWS),
    run: (text) => {
      const lines = text.split('\n');
      const x = new Float64Array(lines.length), y = new Float64Array(lines.length), t = new Float64Array(lines.length);
      for (let i = 1; i < lines.length - 1; i++) {
        const f = lines[i].split(',');
        x[i] = Number(f[0]); y[i] = Number(f[1]); t[i] = Date.parse(f[2]);
      }
      return t;
    },
  },
  {
    suite: 'analysis',
    name: `analysis-input: read ${ROWS.toLocaleString('en')} CSV rows with csv-parse, check x, y and dates`,
    setup: () => incidentsCsv(ROWS),
    run: (text) => {
      const t = parseCsv(text, { source: 'bench.csv' });
      return [numberColumn(t, 'x'), numberColumn(t, 'y'), dateColumn(t, 'date')];
    },
    baseline: NAME,
    iterations: 3,
    target: { ms: 2000, description: 'under 2 s (a year of a large municipality’s incidents)' },
  },
];
export default benchmarks;

/**
 * Benchmark runner: `npm run bench -- <suite> [name filter] [--list]`.
 *
 * Collects every `bench.ts` under src/ and every bench/*.bench.ts, keeps the benchmarks of the suite
 * (and, with a filter, those whose name contains it, case-insensitive, plus the baselines they refer to),
 * runs each one (untimed setup, one warm-up, `iterations` timed runs, untimed teardown), prints a table
 * (median, min, heap, ratio against the baseline measured in this run, target ✓/✗) and writes
 * artifacts/bench-<suite>.json (a filtered run updates its own entries there). Exit status 1 when a
 * benchmark failed (a target missed is not a failure).
 */
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { measuredMs, type Benchmark } from './lib.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface Loaded {
  bench: Benchmark<any>;
  file: string;
}

export interface Result {
  name: string;
  file: string;
  iterations: number;
  /** Median and minimum of the timed runs, milliseconds. */
  medianMs: number;
  minMs: number;
  /** Every timed run, milliseconds. */
  samplesMs: number[];
  /** Largest heapUsed right after a timed run (MB; collected before each run), setup data included. */
  heapMB: number;
  baseline?: string;
  /** medianMs / the baseline's medianMs. */
  ratio?: number;
  target?: Benchmark['target'];
  /** true/false when a target is set and could be checked. */
  met?: boolean;
  error?: string;
}

/** Every bench.ts below src/ and bench/*.bench.ts, sorted, relative to the repository root. */
export function findBenchFiles(base = root): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'bench.ts') out.push(p);
    }
  };
  if (existsSync(join(base, 'src'))) walk(join(base, 'src'));
  const b = join(base, 'bench');
  if (existsSync(b)) for (const name of readdirSync(b)) if (name.endsWith('.bench.ts')) out.push(join(b, name));
  return out.map((p) => relative(base, p)).sort();
}

/** Imports the files; each default-exports Benchmark[] (a single Benchmark is accepted too). */
export async function loadBenchmarks(files: string[], base = root): Promise<Loaded[]> {
  const all: Loaded[] = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(base, file)).href);
    const exported = mod.default ?? mod.benchmarks;
    if (exported === undefined) throw new Error(`${file}: no default export (expected an array of Benchmark)`);
    const list = Array.isArray(exported) ? exported : [exported];
    for (const bench of list) {
      if (!bench || typeof bench.name !== 'string' || typeof bench.run !== 'function' || typeof bench.suite !== 'string') {
        throw new Error(`${file}: every entry needs suite, name and run()`);
      }
      all.push({ bench, file });
    }
  }
  return all;
}

/**
 * The benchmarks to run, in order: those of `suite` whose name contains `filter`, plus the baselines
 * they name; each baseline is moved before the first benchmark that refers to it. Throws on duplicate
 * names or a baseline that does not exist.
 */
export function select(all: Loaded[], suite: string, filter?: string): Loaded[] {
  const inSuite = all.filter((l) => l.bench.suite === suite);
  const byName = new Map<string, Loaded>();
  for (const l of inSuite) {
    if (byName.has(l.bench.name)) {
      throw new Error(`two benchmarks are called "${l.bench.name}" (${byName.get(l.bench.name)!.file}, ${l.file})`);
    }
    byName.set(l.bench.name, l);
  }
  for (const l of inSuite) {
    if (l.bench.baseline !== undefined && !byName.has(l.bench.baseline)) {
      throw new Error(`${l.file}: "${l.bench.name}" names baseline "${l.bench.baseline}", which is not in suite "${suite}"`);
    }
  }
  const f = filter?.toLowerCase();
  const wanted = new Set(inSuite.filter((l) => !f || l.bench.name.toLowerCase().includes(f)).map((l) => l.bench.name));
  const order: Loaded[] = [];
  const placed = new Set<string>();
  const place = (l: Loaded, chain: string[]) => {
    if (placed.has(l.bench.name)) return;
    if (chain.includes(l.bench.name)) throw new Error(`baseline cycle: ${[...chain, l.bench.name].join(' → ')}`);
    if (l.bench.baseline !== undefined) place(byName.get(l.bench.baseline)!, [...chain, l.bench.name]);
    placed.add(l.bench.name);
    order.push(l);
  };
  for (const l of inSuite) if (wanted.has(l.bench.name)) place(l, []);
  return order;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The garbage collector, exposed at run time when node was not started with --expose-gc. */
function exposeGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
const gc = exposeGc();

/** Runs one benchmark: setup (untimed), one warm-up, `iterations` timed runs, teardown (untimed). */
export async function runOne(l: Loaded): Promise<Result> {
  const b = l.bench;
  const iterations = Math.max(1, Math.floor(b.iterations ?? 5));
  const base: Result = {
    name: b.name, file: l.file, iterations, medianMs: NaN, minMs: NaN, samplesMs: [], heapMB: NaN,
    baseline: b.baseline, target: b.target,
  };
  let ctx: unknown;
  try {
    ctx = b.setup ? await b.setup() : undefined;
    gc?.();
    await b.run(ctx);
    let heap = 0;
    for (let i = 0; i < iterations; i++) {
      gc?.();
      const t0 = performance.now();
      const out = await b.run(ctx);
      base.samplesMs.push(measuredMs(out) ?? performance.now() - t0);
      heap = Math.max(heap, process.memoryUsage().heapUsed);
    }
    base.medianMs = median(base.samplesMs);
    base.minMs = Math.min(...base.samplesMs);
    base.heapMB = heap / 2 ** 20;
  } catch (e) {
    base.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  } finally {
    try {
      if (b.teardown && ctx !== undefined) await b.teardown(ctx);
    } catch (e) {
      base.error ??= `teardown: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return base;
}

/** Fills in ratio and met from the results measured so far. */
export function judge(r: Result, done: Map<string, Result>): Result {
  if (r.error) return r;
  if (r.baseline !== undefined) {
    const b = done.get(r.baseline);
    if (b && !b.error && b.medianMs > 0) r.ratio = r.medianMs / b.medianMs;
  }
  const t = r.target;
  if (t) {
    const checks: boolean[] = [];
    if (t.ms !== undefined) checks.push(r.medianMs <= t.ms);
    if (t.ratio !== undefined && r.ratio !== undefined) checks.push(r.ratio <= t.ratio);
    if (checks.length) r.met = checks.every(Boolean);
  }
  return r;
}

function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

/** One table row; `index` maps benchmark names to their row numbers (#) for the ratio column. */
export function formatRow(r: Result, index: Map<string, number> = new Map()): string[] {
  const no = `${index.get(r.name) ?? ''}`;
  if (r.error) return [no, r.name, '✗ failed', '', '', '', r.error.split('\n')[0]];
  const ref = r.baseline !== undefined && index.has(r.baseline) ? `#${index.get(r.baseline)}` : r.baseline;
  const ratio = r.ratio === undefined ? ''
    : r.ratio < 0.1 ? `${r.ratio.toPrecision(2)}× ${ref} (1/${Math.round(1 / r.ratio)})`
    : `${r.ratio.toFixed(2)}× ${ref}`;
  const mark = r.met === undefined ? '' : r.met ? '✓ ' : '✗ ';
  const target = r.target ? `${mark}${r.target.description}` : '';
  return [no, r.name, fmtMs(r.medianMs), fmtMs(r.minMs), `${r.heapMB.toFixed(0)} MB`, ratio, target];
}

export function formatTable(rows: string[][]): string {
  const head = ['#', 'benchmark', 'median', 'min', 'heap', 'ratio', 'target'];
  const all = [head, ...rows];
  const w = head.map((_, j) => Math.max(...all.map((r) => [...(r[j] ?? '')].length)));
  const line = (r: string[]) => r.map((c, j) => c + ' '.repeat(w[j] - [...c].length)).join('  ').trimEnd();
  return [line(head), w.map((n) => '─'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * A filtered run replaces its own benchmarks in the suite's file and keeps the others (each result
 * carries the date it was measured; ratios are always from one run, as a baseline runs with its
 * dependants).
 */
export function mergeResults(file: string, suite: string, fresh: (Result & { date: string })[]): (Result & { date?: string })[] {
  let old: (Result & { date?: string })[] = [];
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { suite?: string; results?: (Result & { date?: string })[] };
    if (doc.suite === suite && Array.isArray(doc.results)) old = doc.results;
  } catch {
    // no earlier results (or unreadable): just the fresh ones
  }
  const byName = new Map(fresh.map((r) => [r.name, r]));
  const merged = old.map((r) => byName.get(r.name) ?? r);
  for (const r of fresh) if (!old.some((o) => o.name === r.name)) merged.push(r);
  return merged;
}

async function main(argv: string[]): Promise<number> {
  const list = argv.includes('--list');
  const args = argv.filter((a) => !a.startsWith('--'));
  const [suite, filter] = args;
  if (!suite) {
    console.error('usage: npm run bench -- <suite> [name filter] [--list]   (suites: analysis, db, web, …)');
    return 2;
  }
  const all = await loadBenchmarks(findBenchFiles());
  const chosen = select(all, suite, filter);
  if (chosen.length === 0) {
    const suites = [...new Set(all.map((l) => l.bench.suite))].sort().join(', ') || 'none';
    console.error(`no benchmarks in suite "${suite}"${filter ? ` matching "${filter}"` : ''} (suites found: ${suites})`);
    return 2;
  }
  if (list) {
    for (const l of chosen) console.log(`${l.bench.name}\t${l.file}${l.bench.baseline ? `\tbaseline: ${l.bench.baseline}` : ''}`);
    return 0;
  }
  console.log(`suite ${suite}: ${chosen.length} benchmark(s), node ${process.version}, ${cpus().length} cores${gc ? '' : ' (no gc: heap figures include garbage)'}\n`);
  const done = new Map<string, Result>();
  const index = new Map(chosen.map((l, i) => [l.bench.name, i + 1]));
  const rows: string[][] = [];
  for (const l of chosen) {
    process.stderr.write(`  running ${l.bench.name} …\n`);
    const r = judge(await runOne(l), done);
    done.set(r.name, r);
    rows.push(formatRow(r, index));
  }
  const results = [...done.values()];
  console.log(formatTable(rows));
  const failed = results.filter((r) => r.error);
  for (const r of failed) console.error(`\n${r.name} (${r.file}) failed:\n${r.error}`);
  const out = join(root, 'artifacts', `bench-${suite}.json`);
  mkdirSync(join(root, 'artifacts'), { recursive: true });
  const date = new Date().toISOString();
  const stamped = results.map((r) => ({ ...r, date }));
  writeFileSync(out, JSON.stringify({
    suite, date, node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length, memoryGB: +(totalmem() / 2 ** 30).toFixed(1),
    results: filter ? mergeResults(out, suite, stamped) : stamped,
  }, null, 2) + '\n');
  console.log(`\nwritten: ${relative(process.cwd(), out)}`);
  return failed.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  });
}

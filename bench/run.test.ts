import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './lib.ts';
import { findBenchFiles, loadBenchmarks, select, runOne, judge, formatRow, formatTable, mergeResults, type Loaded, type Result } from './run.ts';

const createLoaded = (b: Partial<Benchmark> & { name: string }): Loaded => ({
  file: 'x/bench.ts', bench: { suite: 'analysis', run: () => 0, ...b },
});

test('finds bench.ts under src and bench/*.bench.ts, and loads their default exports', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'));
  try {
    mkdirSync(join(dir, 'src/core/a'), { recursive: true });
    mkdirSync(join(dir, 'bench'));
    writeFileSync(join(dir, 'src/core/a/bench.ts'), "export default [{ suite: 'analysis', name: 'a', run: () => 1 }];\n");
    writeFileSync(join(dir, 'src/core/a/other.ts'), 'export {};\n');
    writeFileSync(join(dir, 'bench/b.bench.ts'), "export default { suite: 'db', name: 'b', run: () => 2 };\n");
    const files = findBenchFiles(dir);
    assert.deepEqual(files, ['bench/b.bench.ts', 'src/core/a/bench.ts']);
    const loaded = await loadBenchmarks(files, dir);
    assert.deepEqual(loaded.map((l) => [l.bench.suite, l.bench.name]), [['db', 'b'], ['analysis', 'a']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('select keeps the suite, filters by name and puts each baseline first', () => {
  const all = [
    createLoaded({ name: 'gistar: fast', baseline: 'gistar: naive' }),
    createLoaded({ name: 'gistar: naive' }),
    createLoaded({ name: 'kde: grid' }),
    createLoaded({ name: 'db thing', suite: 'db' }),
  ];
  assert.deepEqual(select(all, 'analysis').map((l) => l.bench.name), ['gistar: naive', 'gistar: fast', 'kde: grid']);
  assert.deepEqual(select(all, 'analysis', 'FAST').map((l) => l.bench.name), ['gistar: naive', 'gistar: fast']);
  assert.deepEqual(select(all, 'db').map((l) => l.bench.name), ['db thing']);
  assert.throws(() => select([createLoaded({ name: 'a', baseline: 'nope' })], 'analysis'), /baseline "nope"/);
  assert.throws(() => select([createLoaded({ name: 'a' }), createLoaded({ name: 'a' })], 'analysis'), /two benchmarks are called "a"/);
});

test('runOne: setup once, a warm-up and the timed runs, teardown; errors are caught', async () => {
  const calls: string[] = [];
  const r = await runOne(createLoaded({
    name: 'counted', iterations: 3,
    setup: () => { calls.push('setup'); return { n: 0 }; },
    run: (c) => { (c as { n: number }).n++; calls.push('run'); },
    teardown: () => { calls.push('teardown'); },
  }));
  assert.deepEqual(calls, ['setup', 'run', 'run', 'run', 'run', 'teardown']);
  assert.equal(r.samplesMs.length, 3);
  assert.ok(r.minMs <= r.medianMs);
  assert.equal(r.error, undefined);
  // A run that times itself (a page's navigation without opening the page) reports its own figure.
  let k = 0;
  const self = await runOne(createLoaded({ name: 'self-timed', iterations: 3, run: async () => { await new Promise((r) => setTimeout(r, 5)); return { measuredMs: [0, 10, 20, 30][k++] }; } }));
  assert.deepEqual(self.samplesMs, [10, 20, 30]);
  assert.equal(self.medianMs, 20);
  const bad = await runOne(createLoaded({ name: 'bad', run: () => { throw new Error('boom'); } }));
  assert.match(bad.error!, /boom/);
  assert.match(formatRow(bad).join(' '), /✗ failed/);
});

test('judge computes the ratio against the baseline and checks the target', () => {
  const r = (name: string, medianMs: number, extra: Partial<Result> = {}): Result => ({
    name, file: 'f', iterations: 1, medianMs, minMs: medianMs, samplesMs: [medianMs], heapMB: 1, ...extra,
  });
  const done = new Map([['base', r('base', 100)]]);
  const fast = judge(r('fast', 25, { baseline: 'base', target: { ratio: 0.5, description: '2× faster' } }), done);
  assert.equal(fast.ratio, 0.25);
  assert.equal(fast.met, true);
  const slow = judge(r('slow', 2000, { target: { ms: 1000, description: 'under 1 s' } }), done);
  assert.equal(slow.met, false);
  const row = formatRow(fast, new Map([['base', 1], ['fast', 2]]));
  assert.equal(row[0], '2');
  assert.equal(row[5], '0.25× #1');
  assert.equal(row[6], '✓ 2× faster');
  assert.match(formatTable([row, formatRow(slow)]), /✗ under 1 s/);
  const tiny = judge(r('tiny', 0.5, { baseline: 'base' }), done);
  assert.equal(formatRow(tiny, new Map([['base', 1]]))[5], '0.0050× #1 (1/200)');
});

test('a filtered run replaces its own results in the suite file and keeps the rest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-merge-'));
  try {
    const file = join(dir, 'bench-analysis.json');
    const r = (name: string, medianMs: number, date: string) => ({ name, file: 'f', iterations: 1, medianMs, minMs: medianMs, samplesMs: [medianMs], heapMB: 1, date });
    writeFileSync(file, JSON.stringify({ suite: 'analysis', results: [r('a', 1, 'old'), r('b', 2, 'old')] }));
    assert.deepEqual(mergeResults(file, 'analysis', [r('b', 3, 'new'), r('c', 4, 'new')]).map((x) => [x.name, x.medianMs, x.date]),
      [['a', 1, 'old'], ['b', 3, 'new'], ['c', 4, 'new']]);
    assert.deepEqual(mergeResults(file, 'db', [r('b', 3, 'new')]).map((x) => x.name), ['b']);
    assert.deepEqual(mergeResults(join(dir, 'none.json'), 'analysis', [r('b', 3, 'new')]).map((x) => x.name), ['b']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

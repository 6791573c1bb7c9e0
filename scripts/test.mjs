#!/usr/bin/env node
// The README's test command. Finds every *.test.ts beside the code (and test/**), prepares the
// database templates once (PGlite directory, PostgreSQL template database), then runs them all with
// node's own test runner. Arguments narrow the run: `npm test -- src/core` or a file path.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const roots = args.length ? args : ['src', 'web/src', 'test', 'bench'].filter((d) => existsSync(join(root, d)));

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) walk(p, out);
    else if (/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

const files = [];
for (const r of roots) {
  const p = join(root, r);
  if (!existsSync(p)) { console.error(`no such test path: ${r}`); process.exit(2); }
  if (statSync(p).isDirectory()) walk(p, files); else files.push(p);
}
files.sort();
if (files.length === 0) { console.error('no test files found'); process.exit(2); }

const env = { ...process.env };
// No test reaches the internet: the servers the tests start fetch map tiles from a port on this
// machine where nothing listens (tests that need tiles start their own tile server on 127.0.0.1).
env.LAGESBILD_TILE_UPSTREAM = 'http://127.0.0.1:9/{z}/{x}/{y}.png';
const prepare = join(root, 'test/support/prepare.ts');
if (existsSync(prepare) && files.some((f) => !f.includes('/src/core/'))) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', prepare], { stdio: ['ignore', 'pipe', 'inherit'], env, cwd: root });
  if (r.status !== 0) { console.error('test database preparation failed'); process.exit(r.status ?? 1); }
  // prepare.ts prints KEY=VALUE lines for the test processes (template locations).
  for (const line of r.stdout.toString().split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
}

const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files.map((f) => relative(root, f))],
  { stdio: 'inherit', env, cwd: root },
);
process.exit(result.status ?? 1);

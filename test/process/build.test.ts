/**
 * The production build (issue 13 item 4): `npm run build` compiles the server and the command line
 * to dist/ (scripts/build-server.mjs), and bin/lagesbild.mjs runs that JavaScript, without tsx,
 * while it was built from the sources as they are; otherwise the sources through tsx, never a stale
 * build. Built once, in a copy of the package in a temporary folder (its own src/, bin/, scripts/
 * and configuration; node_modules and resources/ linked), so the work tree's dist/ is left alone
 * and the stale-build checks can change the copy's sources.
 *
 * Which code ran is read from the modules the process loaded: each run gets a module hook (node
 * --import) that writes every URL it loads to a file.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../support/process.ts';

interface Run { code: number | null; stdout: string; stderr: string; loaded: string[]; ms: number }

/** Packages only the server and the commands' work need: `--help` must load none of them. */
const HEAVY = ['fastify', '@fastify/', 'pdfkit', 'docx', 'exceljs', 'sql.js', 'sharp', 'pg', '@electric-sql/', 'argon2', 'nodemailer', '@sinclair/typebox'];

const work = mkdtempSync(join(tmpdir(), 'lb-build-'));
const pkg = join(work, 'lagesbild');
const dist = join(pkg, 'dist');
const probe = join(work, 'probe');
let probes = 0;

/**
 * `node --import probe <pkg>/bin/lagesbild.mjs …` in the copy; resolves with the output and the
 * modules it loaded. `timed`: without the probe, whose hook slows the loading down.
 */
function lagesbild(args: string[], env: Record<string, string> = {}, timed = false): Promise<Run> {
  const log = join(probe, `loaded-${++probes}.txt`);
  writeFileSync(log, '');
  const hook = timed ? [] : ['--import', pathToFileURL(join(probe, 'register.mjs')).href];
  return new Promise((ok) => {
    const started = performance.now();
    const p = spawn(process.execPath, [...hook, join(pkg, 'bin/lagesbild.mjs'), ...args], {
      cwd: work,
      env: { ...process.env, LAGESBILD_PROBE: log, LAGESBILD_SHARED_DATA: join(work, 'no-shared-data'), ...env },
    });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => ok({ code, stdout, stderr, ms: performance.now() - started, loaded: readFileSync(log, 'utf8').split('\n').filter(Boolean) }));
    p.stdin.end();
  });
}

const inPackage = (r: Run, path: string) => r.loaded.includes(pathToFileURL(join(pkg, path)).href);
const tsxLoaded = (r: Run) => r.loaded.some((u) => u.includes('/node_modules/tsx/'));
const sourcesLoaded = (r: Run) => r.loaded.filter((u) => u.startsWith(pathToFileURL(join(pkg, 'src')).href));
const packagesLoaded = (r: Run) => [...new Set(r.loaded.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => !!p))];

/** The compiled build ran: its entry, no TypeScript source, no tsx. */
function assertCompiled(r: Run, what: string): void {
  assert.ok(inPackage(r, 'dist/cli/main.js'), `${what}: the build's dist/cli/main.js was not loaded`);
  assert.deepEqual(sourcesLoaded(r), [], `${what}: TypeScript sources were loaded`);
  assert.ok(!tsxLoaded(r), `${what}: tsx was loaded`);
}

/** The sources ran through tsx and nothing of the build. */
function assertSources(r: Run, what: string): void {
  assert.ok(tsxLoaded(r), `${what}: tsx was not loaded`);
  assert.ok(inPackage(r, 'src/cli/main.ts'), `${what}: src/cli/main.ts was not loaded`);
  assert.ok(!r.loaded.some((u) => u.startsWith(pathToFileURL(dist).href)), `${what}: something of the build was loaded`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('the production build (npm run build)', () => {
  const data = join(work, 'data');
  const pglite = { DATA_DIR: data, DATABASE_URL: '' };

  before(async () => {
    // What a clone holds that the build and the CLI read; the tests of src/ are not needed.
    cpSync(join(ROOT, 'src'), join(pkg, 'src'), { recursive: true, filter: (p) => !p.endsWith('.test.ts') });
    for (const f of ['bin/lagesbild.mjs', 'scripts/build-server.mjs', 'scripts/build-stamp.mjs', 'package.json', 'tsconfig.base.json', 'tsconfig.build.json']) {
      cpSync(join(ROOT, f), join(pkg, f));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
    symlinkSync(join(ROOT, 'resources'), join(pkg, 'resources'));
    mkdirSync(probe);
    writeFileSync(join(probe, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
    writeFileSync(join(probe, 'hooks.mjs'), [
      "import { appendFileSync } from 'node:fs';",
      'export async function load(url, context, next) {',
      "  if (process.env.LAGESBILD_PROBE) appendFileSync(process.env.LAGESBILD_PROBE, url + '\\n');",
      '  return next(url, context);',
      '}',
      '',
    ].join('\n'));
    const r = await new Promise<{ code: number | null; output: string }>((ok) => {
      const p = spawn(process.execPath, [join(pkg, 'scripts/build-server.mjs')], { cwd: pkg });
      let output = '';
      p.stdout.on('data', (d) => (output += d));
      p.stderr.on('data', (d) => (output += d));
      p.on('close', (code) => ok({ code, output }));
    });
    assert.equal(r.code, 0, `the build failed:\n${r.output}`);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('dist/ holds the compiled server and CLI, the worker threads\' entry and the migrations; no tests, no TypeScript', () => {
    const files = filesUnder(dist).map((f) => relative(dist, f).split('\\').join('/'));
    for (const f of ['cli/main.js', 'server/app.js', 'node/analysis/near-repeat-worker.js', 'db/postgres.js', 'db/pglite.js', 'build-stamp.json']) assert.ok(files.includes(f), f);
    assert.deepEqual(files.filter((f) => f.endsWith('.ts') || /\.test\.js$/.test(f) || f.includes('/fixtures/')), []);
    const migrations = readdirSync(join(pkg, 'src/db/migrations')).filter((f) => f.endsWith('.sql')).sort();
    assert.ok(migrations.length > 0);
    assert.deepEqual(files.filter((f) => f.startsWith('db/migrations/')).map((f) => f.slice('db/migrations/'.length)).sort(), migrations);
  });

  test('lagesbild --help runs the build, without tsx, and loads none of the server\'s packages', async (t) => {
    const r = await lagesbild(['--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: lagesbild/);
    for (const cmd of ['serve', 'migrate', 'municipality', 'organisation', 'user', 'analyze', 'report']) assert.match(r.stdout, new RegExp(`\\n  ${cmd}\\b`), cmd);
    assertCompiled(r, '--help');

    const times = async (env: Record<string, string>) => {
      const ms: number[] = [];
      for (let i = 0; i < 5; i++) {
        const timed = await lagesbild(['--help'], env, true);
        assert.equal(timed.code, 0, timed.stderr);
        ms.push(timed.ms);
      }
      return ms.sort((a, b) => a - b).map((m) => Math.round(m));
    };
    t.diagnostic(`--help from the build: ${(await times({})).join(', ')} ms; from the sources through tsx: ${(await times({ LAGESBILD_DIST: join(work, 'no-build') })).join(', ')} ms (5 runs each, sorted)`);

    // What keeps --help well under half a second: each command loads what it runs only when it runs.
    const heavy = packagesLoaded(r).filter((p) => HEAVY.some((h) => (h.endsWith('/') ? p.startsWith(h) : p === h)));
    assert.deepEqual(heavy, [], `--help loaded ${heavy.join(', ')}: a command module imports its work at the top instead of in its action`);
  });

  test('from the build, a fresh data directory is migrated and set up: migrate, municipality add, municipality list', async () => {
    const migrated = await lagesbild(['migrate'], pglite);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stderr, /schemaversion 0 → \d+/);
    assertCompiled(migrated, 'migrate');
    assert.ok(inPackage(migrated, 'dist/db/pglite.js'));

    const added = await lagesbild(['municipality', 'add', '1442'], pglite);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(JSON.parse(added.stdout).name, 'Vårgårda');
    assertCompiled(added, 'municipality add');

    const listed = await lagesbild(['municipality', 'list', '--json'], pglite);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(listed.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id), ['1442']);
    assertCompiled(listed, 'municipality list');
  });

  test('the near-repeat analysis runs its worker threads from the build and gives the sources\' result', async () => {
    const csv = join(work, 'points.csv');
    const rows = ['x,y,date'];
    for (let i = 0; i < 40; i++) rows.push(`${320000 + ((i * 7919) % 900)},${6420000 + ((i * 104729) % 700)},2026-0${1 + (i % 6)}-${String(1 + ((i * 13) % 27)).padStart(2, '0')}`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const args = ['analyze', 'near-repeat', '--input', csv, '--x', 'x', '--y', 'y', '--date', 'date', '--spatial-bandwidth', '200', '--spatial-bands', '3',
      '--temporal-bandwidth', '14', '--temporal-bands', '3', '--iterations', '39', '--seed', '7', '--workers', '2'];
    const compiled = await lagesbild(args);
    assert.equal(compiled.code, 0, compiled.stderr);
    assertCompiled(compiled, 'analyze near-repeat');
    assert.ok(inPackage(compiled, 'dist/node/analysis/near-repeat-parallel.js'));
    const result = JSON.parse(compiled.stdout) as { method: string; iterations: number; p: number[][] };
    assert.equal(result.method, 'near-repeat');
    assert.equal(result.iterations, 39);
    const sources = await lagesbild(args, { LAGESBILD_DIST: join(work, 'no-build') });
    assert.equal(sources.code, 0, sources.stderr);
    assertSources(sources, 'analyze near-repeat without a build');
    assert.deepEqual(JSON.parse(sources.stdout), result);
  });

  test('a build that does not match the sources is not run: the CLI runs the sources through tsx', async () => {
    const { buildIsCurrent } = (await import(pathToFileURL(join(pkg, 'scripts/build-stamp.mjs')).href)) as { buildIsCurrent: (root: string, out: string) => boolean };
    const current = () => buildIsCurrent(pkg, dist);
    assert.ok(current(), 'the fresh build is current');

    // A test beside the code is no input of the build.
    writeFileSync(join(pkg, 'src/cli/new.test.ts'), 'export {};\n');
    assert.ok(current(), 'a new test file made the build stale');
    rmSync(join(pkg, 'src/cli/new.test.ts'));

    // A new source file, a source file deleted, a migration touched: stale until undone.
    writeFileSync(join(pkg, 'src/cli/new.ts'), 'export {};\n');
    assert.ok(!current(), 'a new source file');
    rmSync(join(pkg, 'src/cli/new.ts'));
    assert.ok(current());
    renameSync(join(pkg, 'src/cli/pipe.ts'), join(work, 'pipe.ts'));
    assert.ok(!current(), 'a deleted source file');
    renameSync(join(work, 'pipe.ts'), join(pkg, 'src/cli/pipe.ts'));
    assert.ok(current());

    // A build without its stamp (cut short, or none at all in a fresh clone): the sources run.
    const stamp = join(dist, 'build-stamp.json');
    renameSync(stamp, `${stamp}.aside`);
    try {
      const r = await lagesbild(['--help']);
      assert.equal(r.code, 0, r.stderr);
      assertSources(r, 'no stamp');
    } finally {
      renameSync(`${stamp}.aside`, stamp);
    }
    assert.ok(current());

    // Last: a modification time cannot be put back to the nanosecond.
    const migration = join(pkg, 'src/db/migrations', readdirSync(join(pkg, 'src/db/migrations')).sort()[0]);
    const { atime, mtime } = statSync(migration);
    utimesSync(migration, atime, new Date(mtime.getTime() + 1000));
    assert.ok(!current(), 'a changed migration');
  });

  test('after a source changes, the change runs (through tsx), not the build made before it', async () => {
    // The sources as the previous test left them, stamped as the build stamps them (building again takes too long).
    const { sourceFingerprint, STAMP_FILE } = (await import(pathToFileURL(join(pkg, 'scripts/build-stamp.mjs')).href)) as { sourceFingerprint: (root: string) => string; STAMP_FILE: string };
    writeFileSync(join(dist, STAMP_FILE), JSON.stringify({ sources: sourceFingerprint(pkg) }));
    assertCompiled(await lagesbild(['--help']), 'before the change');
    const main = join(pkg, 'src/cli/main.ts');
    writeFileSync(main, `${readFileSync(main, 'utf8')}\nprocess.stderr.write('edited after the build\\n');\n`);
    const r = await lagesbild(['--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^edited after the build$/m);
    assertSources(r, 'an edited source');
  });
});

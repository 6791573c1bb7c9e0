#!/usr/bin/env node
// The production build of the server and the command line (`npm run build`, `npm run build:server`):
// compiles src/ with tsconfig.build.json to JavaScript in dist/ (or --out DIR), copies the files the
// code reads beside itself (the migrations), and writes the stamp bin/lagesbild.mjs checks before it
// runs the build (./build-stamp.mjs). The stamp is of the sources as they were when the build began,
// so a file changed while tsc runs leaves the new build stale, not wrongly current.
//
// The build is made in .cache/ and swapped in whole at the end: a command started meanwhile runs the
// previous build or, while the folder is missing or stale, the sources; never half a build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFingerprint, STAMP_FILE } from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const outArg = args[0] === '--out' && args[1] ? args[1] : args.length === 0 ? 'dist' : null;
if (outArg == null || args.length > 2) {
  process.stderr.write('usage: node scripts/build-server.mjs [--out DIR]   (default dist/)\n');
  process.exit(2);
}
const out = resolve(root, outArg);
// The compiled files import the packages in node_modules and find resources/ and web/dist by
// walking up to the package folder (src/setup/resources.ts): they work only inside it.
const inside = relative(root, out);
if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(/[\\/]/)[0] === 'src') {
  process.stderr.write(`build-server: the output folder must be a folder inside ${root} (not src/ or the package folder itself): ${out}\n`);
  process.exit(2);
}

// The folder is replaced whole: only an earlier build (it has a stamp) or an empty folder.
if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, STAMP_FILE))) {
  process.stderr.write(`build-server: ${out} exists and holds no build (no ${STAMP_FILE}); remove it or choose another --out\n`);
  process.exit(2);
}

const tscBin = join(root, 'node_modules/typescript/bin/tsc');
if (!existsSync(tscBin)) {
  process.stderr.write('build-server: TypeScript is not installed: run `npm ci` (with the development dependencies, which --omit=dev leaves out) first\n');
  process.exit(1);
}

const started = Date.now();
const sources = sourceFingerprint(root);
const work = join(root, '.cache', `build-${process.pid}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
try {
  process.stderr.write(`compiling the server and the command line (${relative(root, out) || '.'}/) …\n`);
  const tsc = spawnSync(process.execPath, [tscBin, '-p', join(root, 'tsconfig.build.json'), '--outDir', work], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('tsc failed; the previous build (if any) is left as it was');
  // Read at run time from beside the module (src/db/migrate.ts): the build ships its own migrations.
  const migrations = join(root, 'src/db/migrations');
  mkdirSync(join(work, 'db/migrations'), { recursive: true });
  for (const f of readdirSync(migrations)) if (f.endsWith('.sql')) cpSync(join(migrations, f), join(work, 'db/migrations', f));
  writeFileSync(join(work, STAMP_FILE), `${JSON.stringify({ sources, builtAt: new Date().toISOString() }, null, 2)}\n`);

  const old = join(root, '.cache', `build-old-${process.pid}`);
  if (existsSync(out)) renameSync(out, old);
  mkdirSync(resolve(out, '..'), { recursive: true });
  renameSync(work, out);
  rmSync(old, { recursive: true, force: true });
  process.stderr.write(`built ${relative(root, out)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
} catch (e) {
  process.stderr.write(`build-server: ${e.message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

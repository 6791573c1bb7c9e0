#!/usr/bin/env node
// Builds the browser app (web/dist) when it is missing or older than its sources, so `npm start`
// and `npm test` always serve the current app without rebuilding every time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'web/dist/index.html');

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules') continue;
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(join(root, 'web')), newest(join(root, 'src/core')));
if (existsSync(dist) && statSync(dist).mtimeMs >= sources && !process.argv.includes('--force')) process.exit(0);
process.stderr.write('building the web app (web/dist) …\n');
const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);

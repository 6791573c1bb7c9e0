#!/usr/bin/env node
// Entry point for `npx lagesbild …`. Runs the compiled build in dist/ (`npm run build`) when it was
// made from the sources as they are now; otherwise — a fresh clone, or sources changed since the
// build — the TypeScript sources through tsx, so a clone runs as it is and never a stale build
// (scripts/build-stamp.mjs). LAGESBILD_DIST names another build folder (the build's test uses one).
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIsCurrent } from '../scripts/build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = process.env.LAGESBILD_DIST ? resolve(process.env.LAGESBILD_DIST) : join(root, 'dist');
let main;
if (buildIsCurrent(root, dist)) {
  ({ main } = await import(pathToFileURL(join(dist, 'cli/main.js')).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
await main(process.argv);

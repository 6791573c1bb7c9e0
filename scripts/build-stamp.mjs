// What a compiled build (dist/, scripts/build-server.mjs) was made from. The build records a
// fingerprint of its inputs in dist/build-stamp.json; bin/lagesbild.mjs runs the build only while the
// inputs still have that fingerprint, so a developer who edits, adds or deletes a source file after
// building gets the sources (through tsx), never the stale build. Each CLI call pays for the check:
// it hashes names, sizes and modification times (one stat per file, a few milliseconds), not contents.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP_FILE = 'build-stamp.json';

/** Files of the package, besides src/, whose change changes what the build emits. */
const BUILD_FILES = ['tsconfig.build.json', 'tsconfig.base.json', 'scripts/build-server.mjs'];

/**
 * Not inputs of the build: tests (excluded by tsconfig.build.json), and editors' swap and backup
 * files, whose coming and going would otherwise make the build look stale.
 */
function ignored(name) {
  return name.startsWith('.') || name.endsWith('~') || /\.test\.tsx?$/.test(name);
}

/** The fingerprint of the build's inputs under the package folder `root`, as hex. */
export function sourceFingerprint(root) {
  const hash = createHash('sha256');
  const add = (rel) => {
    const s = statSync(join(root, rel), { throwIfNoEntry: false });
    hash.update(s ? `${rel}\0${s.size}\0${s.mtimeMs}\n` : `${rel}\0missing\n`);
  };
  const walk = (rel) => {
    const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (ignored(e.name)) continue;
      if (e.isDirectory()) walk(`${rel}/${e.name}`);
      else add(`${rel}/${e.name}`);
    }
  };
  walk('src');
  for (const f of BUILD_FILES) add(f);
  return hash.digest('hex');
}

/** Whether the build in `out` exists and was made from the inputs under `root` as they are now. */
export function buildIsCurrent(root, out) {
  const stamp = join(out, STAMP_FILE);
  if (!existsSync(stamp)) return false;
  try {
    return JSON.parse(readFileSync(stamp, 'utf8')).sources === sourceFingerprint(root);
  } catch {
    return false;
  }
}

/**
 * Every installed package supports the Node the project declares (issue 12, item 15): `npm ci`
 * printed 20 EBADENGINE warnings because cookie, content-disposition, nanoid and a MapLibre parser
 * had moved to Node 22 while package.json says >=20.19 and the machines run Node 20. The versions
 * are now chosen (package.json `overrides`, a pinned @fastify/cookie) so that none asks for more;
 * this reads the lock file, which records each package's `engines`, so an update that brings such a
 * package back fails here instead of warning on every install.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (name: string) => JSON.parse(readFileSync(ROOT + name, 'utf8'));

test('every package in the lock file runs on the oldest Node the project declares', () => {
  const declared: string = read('package.json').engines.node;
  const oldest = semver.minVersion(declared);
  assert.ok(oldest, `package.json engines.node "${declared}" is not a range`);
  const lock = read('package-lock.json') as { packages: Record<string, { version?: string; engines?: unknown; dev?: boolean; optional?: boolean }> };
  const wrong: string[] = [];
  for (const [path, pkg] of Object.entries(lock.packages)) {
    if (path === '') continue;
    // engines is sometimes an array (an old npm format) or has no node entry: nothing is asked then.
    const engines = pkg.engines as { node?: string } | undefined;
    const wanted = engines && !Array.isArray(engines) ? engines.node : undefined;
    if (!wanted) continue;
    if (!semver.satisfies(oldest, wanted, { includePrerelease: true })) {
      wrong.push(`${path.replace(/^.*node_modules\//, '')}@${pkg.version} wants node ${wanted} (at ${path})`);
    }
  }
  assert.deepEqual(wrong, [], `packages that need a newer Node than ${declared}:\n${wrong.join('\n')}`);
});

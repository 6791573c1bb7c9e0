/**
 * The suite typechecks (issue 11, item 9): `tsc -b` builds the solution tsconfig.json — src/core
 * without DOM or Node types, web/src with the DOM and without Node types, the contract, the Node
 * code, and the browser tests — and every TypeScript file of the repository belongs to exactly one
 * of its projects (a file in none would never be checked).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const rel = (abs: string): string => relative(ROOT, abs).split(sep).join('/');

/** The projects of the solution, from tsconfig.json's references. */
function projects(): string[] {
  const { config, error } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  assert.ok(!error, error && ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return (config.references as { path: string }[]).map((r) => resolve(ROOT, r.path));
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name)) out.push(rel(p));
  }
  return out;
}

test('every TypeScript file belongs to exactly one project of the solution', () => {
  const owners = new Map<string, string[]>();
  for (const project of projects()) {
    const parsed = ts.getParsedCommandLineOfConfigFile(project, {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    });
    assert.ok(parsed, `cannot read ${rel(project)}`);
    for (const f of parsed.fileNames) owners.set(rel(f), [...(owners.get(rel(f)) ?? []), rel(project)]);
  }
  const files = [...['src', 'web/src', 'test', 'bench', 'scripts'].flatMap((d) => walk(join(ROOT, d))), 'web/vite.config.ts'];
  const problems = files
    .filter((f) => (owners.get(f)?.length ?? 0) !== 1)
    .map((f) => `${f}: ${owners.get(f)?.join(', ') ?? 'in no project (add it to an include of a tsconfig.*.json)'}`);
  assert.deepEqual(problems, [], `files not in exactly one project:\n  ${problems.join('\n  ')}`);
});

test('tsc -b: the solution typechecks', { timeout: 600_000 }, () => {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-b', '--pretty', 'false'], { cwd: ROOT, encoding: 'utf8' });
  const output = (r.stdout + r.stderr).trim();
  assert.equal(r.status, 0, `tsc -b failed (exit ${r.status ?? r.signal}):\n${output}`);
});

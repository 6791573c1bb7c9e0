import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { municipalityBoundary, shippedBoundary, shippedMunicipalities } from './boundaries.ts';
import { packageRoot, resourcePath } from './resources.ts';

test('the product ships SCB\'s 290 municipalities with their boundaries', () => {
  const all = shippedMunicipalities();
  assert.equal(all.length, 290);
  assert.equal(new Set(all.map((m) => m.code)).size, 290);
  assert.ok(all.every((m) => /^\d{4}$/.test(m.code) && m.name.length > 0));
  assert.deepEqual(all.find((m) => m.code === '1442'), { code: '1442', name: 'Vårgårda' });
  const alingsas = shippedBoundary('1489')!;
  assert.equal(alingsas.name, 'Alingsås');
  assert.equal(alingsas.geometry3006.type, 'MultiPolygon');
  assert.equal(alingsas.geometry3006.coordinates.flat(2).length, 37, 'SCB\'s generalised Alingsås');
  assert.equal(shippedBoundary('9999'), null);
  assert.throws(() => municipalityBoundary('9999'), /no municipality with code 9999/);
});

test('the shipped files are found from the package\'s own folder, whatever the working directory', () => {
  const root = packageRoot();
  assert.equal(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name, 'lagesbild');
  const before = process.cwd();
  const elsewhere = mkdtempSync(join(tmpdir(), 'lb-cwd-'));
  try {
    process.chdir(elsewhere);
    assert.equal(packageRoot(), root);
    assert.ok(existsSync(resourcePath('scb', 'se_kommuner_scb2024_sweref99tm.geojson')));
    assert.ok(existsSync(resourcePath('scb', 'README.md')));
  } finally {
    process.chdir(before);
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

/** Production code: not tests, benchmarks or fixtures. */
function productionFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'fixtures') productionFiles(p, out); } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== 'bench.ts') out.push(p);
  }
  return out;
}

test('nothing the product runs reads ../shared: only the demo\'s synthetic data reads the shared reference data', () => {
  const src = join(packageRoot(), 'src');
  const offenders: string[] = [];
  for (const f of productionFiles(src)) {
    const rel = relative(src, f);
    const text = readFileSync(f, 'utf8');
    if (rel.startsWith('demo/') || rel === 'setup/shared-data.ts') continue;
    if (/from\s+['"][^'"]*\/shared-data(\.ts)?['"]/.test(text)) offenders.push(`${rel} imports setup/shared-data.ts`);
    for (const m of text.matchAll(/(?:new URL|readFileSync|resolve|join)\([^)\n]*shared\/data[^)\n]*\)/g)) offenders.push(`${rel}: ${m[0]}`);
  }
  assert.deepEqual(offenders, []);
});

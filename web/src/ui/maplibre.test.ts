import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every MapLibre map comes from ui/maplibre.ts, the module that sets the worker's address before any
 * map exists (issue 12: pages that made their own maps showed nothing when opened directly, because
 * only the main map and the report form set it). A page that imports MapLibre's runtime, constructs
 * a map or sets the worker itself would bring that back.
 */
const WEB_SRC = fileURLToPath(new URL('..', import.meta.url));
const SHARED = 'ui/maplibre.ts';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

test('only ui/maplibre.ts makes MapLibre maps, sets the worker and imports MapLibre at run time', () => {
  const offenders: string[] = [];
  for (const file of sources(WEB_SRC)) {
    const rel = relative(WEB_SRC, file).split('\\').join('/');
    if (rel === SHARED) continue;
    const text = readFileSync(file, 'utf8');
    const rules: Array<[RegExp, string]> = [
      [/\bnew\s+(maplibregl\.Map|MapLibreMap)\s*\(/, 'constructs a map'],
      [/\bsetWorkerUrl\b|maplibre-gl-worker/, 'sets the worker'],
      [/^\s*import\s+(?!type\b)[^;]*from\s+['"]maplibre-gl(\/[^'"]*)?['"]/m, "imports 'maplibre-gl' at run time"],
      [/\bimport\(\s*['"]maplibre-gl['"]\s*\)/, "imports 'maplibre-gl' at run time"],
    ];
    for (const [re, what] of rules) if (re.test(text)) offenders.push(`${rel} ${what}`);
  }
  assert.deepEqual(offenders, [], `use createMap and the controls from ${SHARED}`);
});

test('ui/maplibre.ts sets the worker address when it loads, before it can make a map', () => {
  const text = readFileSync(join(WEB_SRC, SHARED), 'utf8');
  const set = text.search(/^maplibregl\.setWorkerUrl\(workerUrl\);$/m);
  const make = text.indexOf('new maplibregl.Map(');
  assert.ok(set > 0, 'setWorkerUrl at the top level of the module');
  assert.ok(make > set, 'the only map constructor comes after it');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { counted, periodText } from './format.ts';

test('a count and its noun in the form the number needs, in both languages', () => {
  assert.equal(counted(1, 'incidents', 'sv'), '1 händelse');
  assert.equal(counted(0, 'incidents', 'sv'), '0 händelser');
  assert.equal(counted(12345, 'incidents', 'sv').replace(/\s/g, ' '), '12 345 händelser');
  assert.equal(counted(1, 'incidents', 'en'), '1 incident');
  assert.equal(counted(2, 'cells', 'en'), '2 cells');
  assert.equal(counted(1, 'weeks', 'sv'), '1 vecka');
  assert.equal(counted(1, 'days', 'en'), '1 day');
  assert.equal(periodText({ from: '2026-11-23T23:00:00.000Z', to: '2026-11-24T23:00:00.000Z', days: 1 }, 'sv'), '2026-11-24 – 2026-11-24 (1 dag)');
});

/**
 * The documents and the agenda write a number before a noun only through `counted` (or a plural
 * catalogue entry): a template literal "${n(x)} händelser" reads "1 händelser" for one, the defect
 * issue 12 item 12 names. This scan keeps it from coming back.
 */
test('no document text puts a count before a plural noun without choosing the form', () => {
  const NOUN = /\$\{[^`]*?\}\s+(händelser|rutor|hotspotrutor|coldspotrutor|dagar|veckor|områden|hotspotområden|platser|åtgärder|rapporter|kategorier|beslut|incidents|events|cells|hotspot cells|coldspot cells|days|weeks|areas|zones|hotspot zones|places|measures|reports|categories|decisions|metres)\b/;
  const root = fileURLToPath(new URL('../', import.meta.url));
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) { if (name !== 'fixtures') walk(p); continue; }
      if (!p.endsWith('.ts') || p.endsWith('.test.ts')) continue;
      readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
        // Only interpolations that are not a `counted(...)` call already.
        for (const m of line.matchAll(/\$\{((?:[^{}]|\{[^{}]*\})*)\}\s+(\p{L}+(?: (?:cells|zones))?)/gu)) {
          if (/^counted\(/.test(m[1])) continue;
          if (NOUN.test(`\${${m[1]}} ${m[2]}`)) offenders.push(`${p.slice(root.length)}:${i + 1}: \${${m[1]}} ${m[2]}`);
        }
      });
    }
  };
  walk(join(root, 'reports'));
  walk(join(root, 'core/meetings'));
  assert.deepEqual(offenders, [], 'write these with counted(n, noun, lang)');
});

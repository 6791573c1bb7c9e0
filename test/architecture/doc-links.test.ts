/**
 * The guides point at real files: every relative link in the README, docs/ and the READMEs beside
 * the code resolves, so a moved or renamed file cannot leave a guide pointing nowhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) markdownFiles(p, out);
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

test('every relative link in the guides resolves to a file or folder', () => {
  const files = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs')), ...markdownFiles(join(ROOT, 'src')), ...markdownFiles(join(ROOT, 'bench'))];
  const broken: string[] = [];
  let links = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (!target || /^[a-z]+:/i.test(target)) continue;
      links++;
      if (!existsSync(resolve(dirname(f), decodeURI(target)))) broken.push(`${relative(ROOT, f)} → ${m[1]}`);
    }
  }
  assert.ok(links > 20, `only ${links} links found`);
  assert.deepEqual(broken, [], `broken links:\n${broken.join('\n')}`);
});

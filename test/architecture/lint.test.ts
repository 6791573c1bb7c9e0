/**
 * The linter passes (issue 11, item 9): ESLint with eslint.config.js over the repository, as
 * `npm run lint` runs it. Fails listing every finding as `file:line:column rule — message`, and a
 * count per rule. Cached in .cache/eslint (keyed by file content and configuration), so a second run
 * lints only what changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

test('eslint finds nothing', { timeout: 180_000 }, async () => {
  const eslint = new ESLint({ cwd: ROOT, cache: true, cacheLocation: resolve(ROOT, '.cache/eslint/'), cacheStrategy: 'content' });
  const results = await eslint.lintFiles(['.']);
  const findings: string[] = [];
  const perRule = new Map<string, number>();
  for (const r of results) {
    for (const m of r.messages) {
      const rule = m.ruleId ?? (m.fatal ? 'parse error' : 'eslint');
      perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
      findings.push(`${relative(ROOT, r.filePath).split(sep).join('/')}:${m.line}:${m.column} ${rule} — ${m.message}`);
    }
  }
  assert.ok(results.length > 100, `eslint linted only ${results.length} files`);
  const counts = [...perRule].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${n} ${rule}`).join(', ');
  assert.equal(findings.length, 0, `${findings.length} eslint finding(s) (${counts}):\n  ${findings.join('\n  ')}`);
});

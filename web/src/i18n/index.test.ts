import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, sv } from './catalogue.ts';

function keys(o: unknown, prefix = ''): string[] {
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

test('English has exactly the Swedish keys, none empty, placeholders alike', () => {
  assert.deepEqual(keys(en).sort(), keys(sv).sort());
  const get = (o: any, k: string) => k.split('.').reduce((a, p) => a[p], o) as string;
  for (const k of keys(sv)) {
    assert.ok(get(sv, k).trim() && get(en, k).trim(), `empty string at ${k}`);
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    assert.equal(ph(get(en, k)), ph(get(sv, k)), `placeholders differ at ${k}`);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, sv } from './catalogue.ts';
import { fmt, lang } from './index.ts';

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

test('fmt: Swedish and English numbers and dates, the cached formatters follow the language', () => {
  const before = lang.value;
  try {
    lang.value = 'sv';
    assert.equal(fmt.number(1234.5, 1).replace(/\s/g, ' '), '1 234,5');
    assert.equal(fmt.number(1234.5), fmt.number(1235));
    assert.equal(fmt.date('2026-11-23T23:30:00Z'), '2026-11-24'); // Stockholm's calendar day
    assert.equal(fmt.percent(0.284), '28 %');
    lang.value = 'en';
    assert.equal(fmt.number(1234.5, 1), '1,234.5');
    assert.equal(fmt.date('2026-11-23T23:30:00Z'), '24/11/2026');
  } finally {
    lang.value = before;
  }
});

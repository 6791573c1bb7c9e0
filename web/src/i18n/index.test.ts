import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, sv } from './catalogue.ts';
import { isPluralForms } from '../../../src/core/i18n/plural.ts';
import { fmt, lang, tn } from './index.ts';

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
    // One date format per language, never a numeric day/month order (issue 12 item 13).
    assert.equal(fmt.date('2026-11-23T23:30:00Z'), '24 Nov 2026');
    assert.equal(fmt.date('2026-11-05'), '5 Nov 2026');
    assert.equal(fmt.dateTime('2026-12-02T20:02:15Z'), '2 Dec 2026, 21:02');
    assert.equal(fmt.dateRange('2026-11-05', '2026-12-02'), '5 Nov 2026 – 2 Dec 2026');
  } finally {
    lang.value = before;
  }
});

test('tn: the plural form the number needs, in Swedish and English, the count written as the language writes it', () => {
  const before = lang.value;
  try {
    lang.value = 'sv';
    assert.equal(tn('map.announce', 1), 'Kartan visar 1 händelse.');
    assert.equal(tn('map.announce', 0), 'Kartan visar 0 händelser.');
    assert.equal(tn('map.announce', 1234).replace(/\s/g, ' '), 'Kartan visar 1 234 händelser.');
    assert.equal(tn('report.position.results', 1), '1 träff');
    assert.equal(tn('admin.areas.uploaded', 1), '1 område sparades.');
    lang.value = 'en';
    assert.equal(tn('map.announce', 1), 'The map shows 1 incident.');
    assert.equal(tn('map.announce', 2), 'The map shows 2 incidents.');
  } finally {
    lang.value = before;
  }
});

/**
 * Placeholders that stand for a number of things. A text that puts one before a word ("{count}
 * händelser") must give both plural forms; a text where the number stands alone ("Nya: {count}")
 * or is an ordinal ("Rad {n}") is named here with the reason, so a new count string cannot slip in.
 */
const COUNT_PLACEHOLDERS = /\{(count|n|total|shown|days|weeks|incidents|seconds)\}/;
const NUMBER_STANDS_ALONE: Record<string, string> = {
  'actionPlan.rowLabel': 'an ordinal: row 3',
  'actionPlan.removeRow': 'an ordinal',
  'admin.areas.inFeature': 'an ordinal: feature 3',
  'admin.areas.oneFeature': 'the number alone in brackets',
  'admin.places.vertices': 'the number alone after a colon',
  'audit.table.count': 'the number alone after a colon',
  'map.layers.metres': 'a unit, not a noun',
  'map.slider.position': 'an ordinal of a total: week 3 of 26',
  'map.details.showing': 'numbers alone: 50 of 120',
  'report.description.count': 'a limit: "12 av 2000 tecken" reads right for any number',
  'report.photos.preview': 'an ordinal',
  'report.photos.remove': 'an ordinal',
  'reviewQueue.listTitle': 'the number alone in brackets',
  'reviewQueue.positionValue': 'n is the northing',
  'reviewQueue.announceNext': '"3 kvar i kön" / "3 left in the queue" has no noun to inflect',
  'situationPictures.create.computing': 'a unit (s)',
  'situationPictures.police.more': '"… och 3 till" / "… and 3 more" has no noun',
  'situationPictures.narrative.problem': 'an ordinal',
  'situationPictures.narrative.removeProblem': 'an ordinal',
  'situationPictures.compare.hotspotsNew': 'the number alone after a colon',
  'situationPictures.compare.hotspotsPersisting': 'the number alone after a colon',
  'situationPictures.compare.hotspotsGone': 'the number alone after a colon',
  'table.panel.counts': 'numbers alone: 12 against 10',
  'table.panel.showAll': 'the number alone in brackets',
  'table.panel.previousShort': 'the number alone',
  'table.panel.heatCell': 'the number alone after a colon',
  'table.list.positionValue': 'n is the northing',
};

test('no count placeholder before a word without plural forms: "1 händelser" cannot come back', () => {
  const offenders: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      const key = `${prefix}${k}`;
      if (isPluralForms(v)) continue;
      if (typeof v === 'string') {
        if (COUNT_PLACEHOLDERS.test(v) && !(key in NUMBER_STANDS_ALONE)) offenders.push(`${key}: ${v}`);
      } else walk(v as Record<string, unknown>, `${key}.`);
    }
  };
  walk(sv as unknown as Record<string, unknown>, '');
  walk(en as unknown as Record<string, unknown>, '');
  assert.deepEqual(offenders, [], 'give these { one, other } forms and use tn(), or say here why the number stands alone');
  // The allowance names only keys that exist, so it cannot hide a renamed string.
  const all = new Set(keys(sv));
  for (const k of Object.keys(NUMBER_STANDS_ALONE)) assert.ok(all.has(k), `no catalogue entry ${k}`);
});

test('plural entries give both forms in both languages, with the same placeholders', () => {
  const forms: Array<[string, unknown, unknown]> = [];
  const walk = (s: Record<string, unknown>, e: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(s)) {
      if (isPluralForms(v) || isPluralForms(e[k])) forms.push([`${prefix}${k}`, v, e[k]]);
      else if (v && typeof v === 'object') walk(v as Record<string, unknown>, e[k] as Record<string, unknown>, `${prefix}${k}.`);
    }
  };
  walk(sv as unknown as Record<string, unknown>, en as unknown as Record<string, unknown>, '');
  assert.ok(forms.length >= 20, `plural entries found: ${forms.length}`);
  for (const [key, s, e] of forms) {
    assert.ok(isPluralForms(s) && isPluralForms(e), `${key}: both languages give { one, other }`);
  }
});

test('no text writes "p = {p}" itself: the formatter writes "p = 0,031" or "p < 0,001", so "p = < 0,05" cannot come back', () => {
  const offenders = keys(sv).concat(keys(en).map((k) => `en:${k}`)).filter((k) => {
    const [o, key] = k.startsWith('en:') ? [en, k.slice(3)] : [sv, k];
    return /p\s*[=<]\s*\{/.test(key.split('.').reduce((a: any, p) => a[p], o) as string);
  });
  assert.deepEqual(offenders, []);
});

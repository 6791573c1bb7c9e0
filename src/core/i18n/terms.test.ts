import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMERGING_PATTERNS } from '../analysis/emerging-hotspots/classify.ts';
import { REVIEW_STATUSES } from '../incidents/rules.ts';
import { MEASURE_KINDS } from '../measures/catalogue.ts';
import { MEASURE_STATUSES } from '../measures/rules.ts';
import { AGENDA_KINDS } from '../meetings/agenda.ts';
import { LANGUAGES } from './errors.ts';
import { confidenceTerm, DOMAIN_TERMS, emergingTerm, fill } from './terms.ts';

/** Every leaf of a catalogue as [path, value]; arrays by index. */
function leaves(v: unknown, path = ''): Array<[string, unknown]> {
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k));
  return [[path, v]];
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('issue 12 item 13: the domain terms have every key in both languages, none empty, with the same {params}', () => {
  const sv = new Map(leaves(DOMAIN_TERMS.sv)), en = new Map(leaves(DOMAIN_TERMS.en));
  assert.deepEqual([...en.keys()].sort(), [...sv.keys()].sort(), 'the same keys in sv and en');
  for (const [key, s] of sv) {
    const e = en.get(key);
    assert.equal(typeof s, 'string', `sv ${key}`);
    assert.equal(typeof e, 'string', `en ${key}`);
    assert.ok((s as string).trim() && (e as string).trim(), `${key} is not empty`);
    assert.deepEqual(placeholders(e as string), placeholders(s as string), `${key}: the same parameters`);
  }
  // Each language names every value of the domain's own lists, so a new status cannot go unnamed.
  for (const lang of LANGUAGES) {
    const t = DOMAIN_TERMS[lang];
    assert.deepEqual(Object.keys(t.emerging).sort(), [...EMERGING_PATTERNS].sort(), `${lang} emerging classes`);
    assert.deepEqual(Object.keys(t.reviewStatus).sort(), [...REVIEW_STATUSES].sort(), `${lang} review statuses`);
    assert.deepEqual(Object.keys(t.measureStatus).sort(), [...MEASURE_STATUSES].sort(), `${lang} measure statuses`);
    assert.deepEqual(Object.keys(t.measureKind).sort(), [...MEASURE_KINDS].sort(), `${lang} measure kinds`);
    assert.deepEqual(Object.keys(t.agendaKind).sort(), [...AGENDA_KINDS].sort(), `${lang} agenda kinds`);
    assert.equal(t.weekdays.length, 7);
    assert.equal(t.weekdaysShort.length, 7);
  }
});

test('emerging classes: one name each, the same word for hot and cold spots throughout a language', () => {
  for (const lang of LANGUAGES) {
    const names = Object.values(DOMAIN_TERMS[lang].emerging);
    assert.equal(new Set(names).size, names.length, `${lang}: two classes share a name`);
  }
  assert.equal(emergingTerm('sv', 'New Cold Spot'), 'Ny coldspot');
  assert.equal(emergingTerm('en', 'Intensifying Hot Spot'), 'Intensifying hotspot');
  assert.equal(emergingTerm('sv', null), 'För få veckor');
  // The agenda kinds of the two rising classes are the classes' own names.
  for (const lang of LANGUAGES) {
    const t = DOMAIN_TERMS[lang];
    assert.equal(t.agendaKind['new-hotspot'], t.emerging['New Hot Spot']);
    assert.equal(t.agendaKind['intensifying-hotspot'], t.emerging['Intensifying Hot Spot']);
  }
  assert.equal(confidenceTerm('sv', -2), 'Coldspot, 95 % konfidens');
  assert.equal(confidenceTerm('en', 3), 'Hotspot, 99% confidence');
  assert.equal(fill('{a} och {b}', { a: 1 }), '1 och {b}');
});

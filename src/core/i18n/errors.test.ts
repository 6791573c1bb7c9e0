import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage, FORMAT_EXPECTATIONS, fieldMessage, labelledFieldMessage, LANGUAGES, REFERENCE_NAMES_EN } from './errors.ts';
import { fieldLabel } from './fields.ts';

test('a field path in words: the leaf\'s name, a parent-qualified name first, the row of a list', () => {
  assert.equal(fieldLabel('sv', 'heldAt'), 'Datum för mötet');
  assert.equal(fieldLabel('en', 'heldAt'), 'Date of the meeting');
  assert.equal(fieldLabel('sv', 'survey[2].value'), 'Värde (rad 3)');
  assert.equal(fieldLabel('sv', 'survey[0].comparison.value'), 'Jämförelsevärde (rad 1)');
  assert.equal(fieldLabel('en', 'narrative.priorities[1].title'), 'Title (problem 2)');
  assert.equal(fieldLabel('sv', 'geojson.features[4].geometry'), 'Geometri (objekt 5)');
  assert.equal(fieldLabel('sv', 'body'), null);
  assert.equal(fieldLabel('sv', 'nosuchfield'), null);
});

test('type and format errors say what to enter with an example, in Swedish and English', () => {
  const cases: Array<[Parameters<typeof fieldMessage>[1], string, string]> = [
    [{ field: 'heldAt', code: 'format', params: { format: 'date-time' } }, 'Datum för mötet: ange datum och klockslag, t.ex. 2026-12-03 14:30.', 'Date of the meeting: enter a date and time, e.g. 2026-12-03 14:30.'],
    [{ field: 'adoptedAt', code: 'format', params: { format: 'ÅÅÅÅ-MM-DD' } }, 'Antagen datum: ange ett datum, t.ex. 2026-12-03.', 'Date adopted: enter a date, e.g. 2026-12-03.'],
    [{ field: 'survey[0].value', code: 'type', params: { expected: 'number' } }, 'Värde (rad 1): ange ett tal, t.ex. 12,5.', 'Value (row 1): enter a number, e.g. 12.5.'],
    // A union with null names the other type.
    [{ field: 'costSek', code: 'type', params: { expected: 'null,number' } }, 'Kostnad (kr): ange ett tal, t.ex. 12,5.', 'Cost (SEK): enter a number, e.g. 12.5.'],
    [{ field: 'sortOrder', code: 'type', params: { expected: 'integer' } }, 'Ordning: ange ett heltal, t.ex. 12.', 'Order: enter a whole number, e.g. 12.'],
    [{ field: 'areaId', code: 'format', params: { format: 'uuid' } }, 'Område: välj ett av alternativen.', 'Area: choose one of the options.'],
  ];
  for (const [issue, sv, en] of cases) {
    assert.equal(labelledFieldMessage('sv', issue), sv);
    assert.equal(labelledFieldMessage('en', issue), en);
  }
  // Without a known field the message stands alone, capitalised; an unknown field is named by its path.
  assert.equal(labelledFieldMessage('sv', { field: 'body', code: 'type', params: { expected: 'object' } }), 'Uppgiften har fel form.');
  assert.equal(labelledFieldMessage('sv', { field: 'colour', code: 'unknown_field' }), 'Okänt fält: colour.');
  // An acronym keeps its capitals after the label.
  assert.equal(labelledFieldMessage('sv', { field: 'body', code: 'invalid_json' }), 'Innehållet är inte giltig JSON och kunde inte läsas.');
});

test('no message shows a schema type, a format name or the parser\'s words', () => {
  for (const lang of LANGUAGES) {
    for (const expected of ['number', 'integer', 'string', 'boolean', 'array', 'object', 'null,number', 'integer,null']) {
      assert.doesNotMatch(fieldMessage(lang, { field: 'x', code: 'type', params: { expected } }), /\bnull\b|integer|string|boolean|förväntade|expected/);
    }
    for (const format of Object.keys(FORMAT_EXPECTATIONS)) {
      const m = fieldMessage(lang, { field: 'x', code: 'format', params: { format } });
      assert.doesNotMatch(m, /date-time|uuid|ÅÅÅÅ|YYYY|\^|\$|förväntade|expected/, `${format}: ${m}`);
    }
  }
});

test('every format name and reference name the schemas and the services give has words (the class of defect stays fixed)', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.push(p);
    }
  };
  walk(root);
  const found = new Set<string>();
  const references = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    // A service's issue: add(field, 'format', { format: '…' }) / invalid(field, 'format', { format: '…' }).
    for (const m of text.matchAll(/'format',\s*\{\s*format:\s*'((?:[^'\\]|\\.)*)'/g)) found.add(m[1].replace(/\\\\/g, '\\'));
    for (const m of text.matchAll(/'unknown_reference',\s*\{\s*what:\s*'([^']+)'/g)) references.add(m[1]);
    // A schema's format or pattern.
    for (const m of text.matchAll(/\b(?:format|pattern):\s*'((?:[^'\\]|\\.)*)'/g)) if (/contract\//.test(f)) found.add(m[1].replace(/\\\\/g, '\\'));
  }
  assert.ok(found.has('date-time') && found.has('ÅÅÅÅ-MM-DD'), `the scan finds formats: ${[...found].join(' | ')}`);
  const missing = [...found].filter((f) => !(f in FORMAT_EXPECTATIONS));
  assert.deepEqual(missing, [], 'format names without words in FORMAT_EXPECTATIONS');
  // The same for what an unknown reference was: every name the services give reads in English too.
  assert.ok(references.has('området'), `the scan finds references: ${[...references].join(' | ')}`);
  assert.deepEqual([...references].filter((r) => !(r in REFERENCE_NAMES_EN)), [], 'reference names without English in REFERENCE_NAMES_EN');
  assert.equal(fieldMessage('en', { field: 'areaId', code: 'unknown_reference', params: { what: 'området' } }), 'Cannot find the area.');
  assert.equal(fieldMessage('sv', { field: 'areaId', code: 'unknown_reference', params: { what: 'området' } }), 'Hittar inte området.');
});

test('an invalid geometry is explained in words, where PostGIS gave a place', () => {
  const issue = { field: 'geometry', code: 'invalid_geometry' as const, params: { detail: 'Self-intersection[12.5221 57.9301]' } };
  assert.equal(labelledFieldMessage('sv', issue), 'Geometri: geometrin är ogiltig: gränsen korsar sig själv vid 12,52210 57,93010.');
  assert.equal(labelledFieldMessage('en', issue), 'Geometry: the geometry is invalid: the boundary crosses itself at 12.52210 57.93010.');
  assert.doesNotMatch(fieldMessage('sv', { field: 'geometry', code: 'invalid_geometry', params: { detail: 'some unknown GEOS text' } }), /GEOS/);
});

test('counts in messages take the plural form the number needs', () => {
  assert.equal(fieldMessage('sv', { field: 'x', code: 'in_use', params: { count: 1 } }), 'Används av 1 rapport och kan inte tas bort; inaktivera i stället.');
  assert.equal(fieldMessage('sv', { field: 'x', code: 'in_use', params: { count: 3 } }), 'Används av 3 rapporter och kan inte tas bort; inaktivera i stället.');
  assert.equal(fieldMessage('en', { field: 'x', code: 'period_too_long', params: { days: 1 } }), 'The period is too long (at most 1 day).');
  assert.equal(errorMessage('en', 'payload_too_large', { limit: 65536 }), 'The request is too large (at most 65536 bytes).');
});

test('"too long" of a list says too many, of a text too many characters', () => {
  assert.equal(labelledFieldMessage('sv', { field: 'notify', code: 'too_long', params: { max: 50 } }), 'E-post att meddela: för många, högst 50.');
  assert.equal(labelledFieldMessage('en', { field: 'geojson.features', code: 'too_long', params: { max: 5000 } }), 'Features: too many, at most 5000.');
  assert.equal(labelledFieldMessage('sv', { field: 'description', code: 'too_long', params: { max: 2000 } }), 'Beskrivning: för lång text, högst 2000 tecken.');
  assert.equal(labelledFieldMessage('sv', { field: 'notify[3]', code: 'too_long', params: { max: 254 } }), 'E-post att meddela (rad 4): för lång text, högst 254 tecken.');
});

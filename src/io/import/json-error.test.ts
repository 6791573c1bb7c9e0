import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonErrorAt } from './json-error.ts';

test('the line and character where JSON goes wrong, or where it ends too soon', () => {
  assert.equal(jsonErrorAt('{"a": [1, {"b": null}], "c": "\\u00e5"}'), null);
  assert.deepEqual(jsonErrorAt('{\n  "type": "FeatureCollection",\n  "features": [,]\n}'), { line: 3, column: 16, char: ',' });
  assert.deepEqual(jsonErrorAt('{"a": 1,}'), { line: 1, column: 9, char: '}' });
  assert.deepEqual(jsonErrorAt('{"a": tru}'), { line: 1, column: 10, char: '}' });
  assert.deepEqual(jsonErrorAt('{"a": [1, 2'), { line: 1, column: 12, char: null });
  assert.deepEqual(jsonErrorAt('{"a": "x\ny"}'), { line: 1, column: 9, char: '\n' });
  assert.deepEqual(jsonErrorAt('[1] [2]'), { line: 1, column: 5, char: '[' });
  assert.deepEqual(jsonErrorAt("{'a': 1}"), { line: 1, column: 2, char: "'" });
  // Deep nesting does not overflow the stack.
  assert.equal(jsonErrorAt('['.repeat(100_000) + ']'.repeat(100_000)), null);
  assert.deepEqual(jsonErrorAt('['.repeat(100_000)), { line: 1, column: 100_001, char: null });
});

test('says "valid" exactly when JSON.parse does, for texts near JSON', () => {
  const near = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', ' ', 'x', '1', '\\', '-', '.', 'e'), fc.boolean())
    .map(([json, at, insert, del]) => {
      const i = json.length ? at % json.length : 0;
      return json.slice(0, i) + insert + json.slice(i + (del ? 1 : 0));
    });
  fc.assert(fc.property(near, (text) => {
    let valid = true;
    try { JSON.parse(text); } catch { valid = false; }
    assert.equal(jsonErrorAt(text) === null, valid, JSON.stringify(text));
  }), { numRuns: 2000 });
});

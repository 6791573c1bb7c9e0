import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv, toJson, matrixLong, scalarRow } from './output.ts';

test('toCsv quotes what needs quoting and leaves NaN and null empty', () => {
  const text = toCsv({ header: ['a', 'b,c'], rows: [[1, 'x "y"'], [NaN, null], [Infinity, ' pad']] });
  assert.equal(text, 'a,"b,c"\n1,"x ""y"""\n,\nInfinity," pad"\n');
});

test('toJson: typed arrays as arrays, NaN as null, pretty keeps short values on one line', () => {
  const value = { method: 'm', z: new Float64Array([1, NaN]), m: [[1, 2], [3, 4]], long: Array.from({ length: 60 }, (_, i) => i * 1000) };
  assert.equal(toJson({ z: value.z }), '{"z":[1,null]}\n');
  const pretty = toJson(value, true);
  assert.deepEqual(JSON.parse(pretty), JSON.parse(toJson(value)));
  assert.match(pretty, /\n  "m": \[\[1,2\],\[3,4\]\],\n/);
  assert.match(pretty, /\n  "long": \[\n    0,1000,2000,/);
  assert.ok(pretty.split('\n').every((l) => l.length <= 120));
});

test('matrixLong writes one line per cell with the row and column labels', () => {
  const t = matrixLong(['0-100', '100-200'], ['0-7'], { observed: [[5], [3]], p: [[0.01], [0.5]] });
  assert.deepEqual(t, { header: ['row', 'col', 'observed', 'p'], rows: [['0-100', '0-7', 5, 0.01], ['100-200', '0-7', 3, 0.5]] });
});

test('scalarRow keeps the scalar fields in order', () => {
  assert.deepEqual(scalarRow({ method: 'x', n: 3, list: [1], ok: true, none: null }), { header: ['method', 'n', 'ok', 'none'], rows: [['x', 3, true, null]] });
});

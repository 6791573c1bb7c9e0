import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from './csv.ts';
import { InputError, numberColumn, dateColumn, resolveColumn, stringColumn } from './table.ts';

test('header, rows and 1-based line numbers (blank lines and quoted line breaks counted)', () => {
  const t = parseCsv('x,y,label\n1,2,a\n\n3,4,"two\nlines"\n5,6,c\n', { source: 'f.csv' });
  assert.deepEqual(t.columns, ['x', 'y', 'label']);
  assert.deepEqual(t.origin, [2, 4, 6]);
  assert.deepEqual([...numberColumn(t, 'x')], [1, 3, 5]);
  assert.deepEqual(stringColumn(t, 'label'), ['a', 'two\nlines', 'c']);
});

test('line numbers are the same with and without quoted fields (two parsing paths)', () => {
  const plain = '\uFEFFx,y\r\n1,2\r\n\r\n3,4\r\n  \r\n\r\n5,6';
  const quoted = plain.replace('3,4', '"3",4');
  const a = parseCsv(plain), b = parseCsv(quoted);
  assert.deepEqual(a.origin, [2, 4, 7]);
  assert.deepEqual(b.origin, a.origin);
  assert.deepEqual(a.rows, b.rows);
  assert.deepEqual(parseCsv('x\r1\r2\r').origin, [2, 3]);
});

test('without a header columns are numbered from 1', () => {
  const t = parseCsv('10,20,2016-01-01\n11,21,2016-01-02\n', { header: false });
  assert.deepEqual(t.columns, ['1', '2', '3']);
  assert.deepEqual(t.origin, [1, 2]);
  assert.deepEqual([...numberColumn(t, '2')], [20, 21]);
  assert.deepEqual([...dateColumn(t, '3')], [Date.UTC(2016, 0, 1), Date.UTC(2016, 0, 2)]);
});

test('columns by name, case-insensitively, or by number', () => {
  const t = parseCsv('ID,X,Y\n1,2,3\n');
  assert.equal(resolveColumn(t, 'X'), 1);
  assert.equal(resolveColumn(t, 'y'), 2);
  assert.equal(resolveColumn(t, '1'), 0);
});

test('BOM, CRLF and semicolons with decimal commas', () => {
  const t = parseCsv('\uFEFFx;y\r\n1,5;2\r\n3;4\r\n');
  assert.deepEqual(t.columns, ['x', 'y']);
  assert.deepEqual([...numberColumn(t, 'x')], [1.5, 3]);
});

test('errors name the file, the line and the column', () => {
  const t = parseCsv('x,y\n1,2\n3,abc\n', { source: 'f.csv' });
  assert.throws(() => numberColumn(t, 'y'), { name: 'InputError', message: 'f.csv, line 3, column "y": "abc" is not a number' });
  assert.throws(() => numberColumn(t, 'z'), /f\.csv, line 1 \(header\): no column "z"; the columns are x, y/);
  assert.throws(() => numberColumn(t, '3'), /column 3 does not exist; the input has 2 column/);
  const u = parseCsv('1,2\n3,\n', { header: false, source: 'g.csv' });
  assert.throws(() => numberColumn(u, '2'), { message: 'g.csv, line 2, column 2: the value is missing (a number is needed)' });
  assert.deepEqual([...numberColumn(u, '2', { allowMissing: true })], [2, NaN]);
  const d = parseCsv('when\n2016-01-01\n2016-02-30\n', { source: 'd.csv' });
  assert.throws(() => dateColumn(d, 'when'), /d\.csv, line 3, column "when": "2016-02-30" is not a date/);
});

test('empty files, header-only files, ragged rows and broken quotes are errors', () => {
  assert.throws(() => parseCsv('', { source: 'e.csv' }), (e) => e instanceof InputError && /e\.csv: the file is empty/.test(e.message));
  assert.throws(() => parseCsv('\n\n'), /the file is empty/);
  assert.throws(() => parseCsv('x,y\n'), /no data rows \(only a header on line 1\)/);
  assert.throws(() => parseCsv('x,y\n1,2\n3\n'), /line 3: 1 field\(s\), expected 2/);
  assert.throws(() => parseCsv('x,y\n1,"2\n'), /not valid CSV/);
  assert.throws(() => parseCsv('x,x\n1,2\n'), /column name "x" appears twice/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { parse } from './options.ts';

test('option parsers accept good values', () => {
  assert.equal(parse.positive('2.5'), 2.5);
  assert.equal(parse.nonNegative('0'), 0);
  assert.equal(parse.count('3'), 3);
  assert.equal(parse.integer('0'), 0);
  assert.equal(parse.probability('0.05'), 0.05);
  assert.equal(parse.date('20160103'), Date.UTC(2016, 0, 3));
  assert.deepEqual(parse.extent('0,0,100,50'), { minX: 0, minY: 0, maxX: 100, maxY: 50 });
  assert.deepEqual(parse.pair('-5,1e3'), [-5, 1000]);
  assert.deepEqual(parse.shares('0.5,1'), [0.5, 1]);
  assert.deepEqual(parse.breaks('1,2,10'), [1, 2, 10]);
});

test('option parsers reject bad values with commander’s InvalidArgumentError', () => {
  const bad: [(v: string) => unknown, string][] = [
    [parse.number, 'ten'], [parse.number, '1,5'], [parse.number, ''], [parse.positive, '0'], [parse.positive, '-1'],
    [parse.nonNegative, '-0.1'], [parse.count, '0'], [parse.count, '1.5'], [parse.integer, '-1'],
    [parse.probability, '1'], [parse.probability, '0'], [parse.date, '2016-13-01'], [parse.extent, '0,0,0,10'],
    [parse.extent, '1,2,3'], [parse.pair, '1'], [parse.shares, '0.5,1.5'], [parse.breaks, '2,1'],
  ];
  for (const [f, v] of bad) assert.throws(() => f(v), InvalidArgumentError, `${v}`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../errors/index.ts';
import { parseAuditPeriod } from './period.ts';

test('days are Swedish calendar days, to inclusive: winter UTC+1, summer UTC+2', () => {
  const p = parseAuditPeriod('2026-01-15', '2026-07-01');
  assert.equal(p.from?.toISOString(), '2026-01-14T23:00:00.000Z');
  assert.equal(p.to?.toISOString(), '2026-07-01T22:00:00.000Z');
});

test('either end may be left out', () => {
  assert.deepEqual(parseAuditPeriod(), {});
  assert.equal(parseAuditPeriod(undefined, '2026-03-02').from, undefined);
});

test('a malformed or impossible day, or a reversed period, names the field', () => {
  const fields = (f?: string, t?: string) => {
    try { parseAuditPeriod(f, t); return []; } catch (e) { assert.ok(e instanceof DomainError); return e.fields.map((i) => `${i.field}:${i.code}`); }
  };
  assert.deepEqual(fields('2026-02-30'), ['from:format']);
  assert.deepEqual(fields('0000-01-01', '9999-12-31'), ['from:format', 'to:format']);
  assert.deepEqual(fields(undefined, '2026-3-2'), ['to:format']);
  assert.deepEqual(fields('2026-03-02', '2026-03-01'), ['to:period_reversed']);
  assert.deepEqual(fields('2026-03-02', '2026-03-02'), []);
});

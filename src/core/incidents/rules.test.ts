import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IssueCollector } from '../errors/index.ts';
import { resolveOccurred, resolveLocation, cleanText } from './rules.ts';

const now = new Date('2026-11-24T12:00:00Z');

test('an instant or a window; the window must run forwards and not be too long', () => {
  let c = new IssueCollector();
  assert.deepEqual(resolveOccurred({ occurredAt: '2026-11-24T10:00:00+01:00' }, now, c), {
    from: new Date('2026-11-24T09:00:00Z'), to: new Date('2026-11-24T09:00:00Z'),
  });
  assert.equal(c.issues.length, 0);
  c = new IssueCollector();
  assert.equal(resolveOccurred({ occurredFrom: '2026-11-20T10:00:00Z', occurredTo: '2026-11-19T10:00:00Z' }, now, c), null);
  assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['occurredTo', 'window_reversed']]);
  c = new IssueCollector();
  resolveOccurred({ occurredFrom: '2026-09-01T00:00:00Z', occurredTo: '2026-11-01T00:00:00Z' }, now, c);
  assert.deepEqual(c.issues.map((i) => i.code), ['window_too_long']);
});

test('future, too old, malformed and conflicting times are named by field', () => {
  let c = new IssueCollector();
  resolveOccurred({ occurredAt: '2026-11-25T12:00:00Z' }, now, c);
  assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['occurredAt', 'in_future']]);
  c = new IssueCollector();
  resolveOccurred({ occurredAt: '2026-11-24T12:04:00Z' }, now, c);
  assert.equal(c.issues.length, 0, 'five minutes of clock drift is tolerated');
  c = new IssueCollector();
  resolveOccurred({ occurredAt: '2024-01-01T00:00:00Z' }, now, c);
  assert.deepEqual(c.issues.map((i) => i.code), ['too_old']);
  c = new IssueCollector();
  resolveOccurred({ occurredAt: 'igår kväll' }, now, c);
  assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['occurredAt', 'format']]);
  c = new IssueCollector();
  resolveOccurred({ occurredAt: '2026-11-24T10:00:00Z', occurredFrom: '2026-11-24T09:00:00Z' }, now, c);
  assert.deepEqual(c.issues.map((i) => i.code), ['exclusive_fields']);
  c = new IssueCollector();
  resolveOccurred({ occurredFrom: '2026-11-24T09:00:00Z' }, now, c);
  assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['occurredTo', 'required']]);
  c = new IssueCollector();
  resolveOccurred({}, now, c);
  assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['occurredAt', 'required']]);
});

test('locations in WGS84, SWEREF 99 TM and 12 00 end up in EPSG:3006', () => {
  const c = new IssueCollector();
  const a = resolveLocation({ lon: 12.527515, lat: 57.92972 }, c)!;
  assert.ok(Math.abs(a.e - 353586.95) < 0.01 && Math.abs(a.n - 6423563.36) < 0.01);
  assert.deepEqual(resolveLocation({ e: 353586.95, n: 6423563.36, crs: 3006 }, c), { e: 353586.95, n: 6423563.36 });
  const b = resolveLocation({ e: 150000 + 31000, n: 6423000, crs: 3007 }, c)!;
  assert.ok(b.e > 300000 && b.e < 400000);
  assert.equal(c.issues.length, 0);
});

test('malformed coordinates are rejected with the failing field', () => {
  let c = new IssueCollector();
  resolveLocation({ lon: 200, lat: 95 }, c);
  assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['location.lon', 'lon_out_of_range'], ['location.lat', 'lat_out_of_range']]);
  c = new IssueCollector();
  resolveLocation({ lon: 2.35, lat: 48.85 }, c); // Paris
  assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['location', 'outside_municipality']]);
  c = new IssueCollector();
  resolveLocation({ e: 1, n: 2, crs: 3006 }, c);
  assert.deepEqual(c.issues.map((i) => i.code), ['coordinate_out_of_range']);
  c = new IssueCollector();
  resolveLocation({ e: 1, n: 2, crs: 4258 }, c);
  assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['location.crs', 'unsupported_crs']]);
});

test('cleanText trims, drops control characters and empties', () => {
  assert.equal(cleanText('  klotter\u0007 på vägg \n'), 'klotter på vägg');
  assert.equal(cleanText('   '), null);
  assert.equal(cleanText(undefined), null);
});

test('incomplete locations name each missing coordinate', () => {
  let c = new IssueCollector();
  resolveLocation({ lon: 12.5 } as any, c);
  assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['location.lat', 'required']]);
  c = new IssueCollector();
  resolveLocation({ e: 353586 } as any, c);
  assert.deepEqual(c.issues.map((i) => [i.field, i.code]), [['location.n', 'required'], ['location.crs', 'required']]);
  c = new IssueCollector();
  resolveLocation({} as any, c);
  assert.deepEqual(c.issues.map((i) => i.field), ['location.lon', 'location.lat']);
  c = new IssueCollector();
  resolveLocation({ lon: 12.5, lat: 57.9, e: 1 } as any, c);
  assert.deepEqual(c.issues.map((i) => i.code), ['exclusive_fields']);
});

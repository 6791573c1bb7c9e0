import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canTransition, isCalendarDate, isOverdue, measureIssues, type MeasureState } from './rules.ts';
import { followUpWindows, weeklySeries } from './follow-up.ts';
import { MEASURE_TYPES } from './catalogue.ts';

const ok = { type: 'belysning', term: 'long' as const, title: 'Ljus', organisationId: 'o', placeId: 'p' };
const codes = (input: object, current: MeasureState | null = null, prefix = '') => measureIssues(input, current, prefix).map((i) => `${i.field}:${i.code}`);

test('catalogue codes fit the column and are unique', () => {
  assert.ok(MEASURE_TYPES.every((t) => /^[a-z_]{1,50}$/.test(t.code)));
  assert.equal(new Set(MEASURE_TYPES.map((t) => t.code)).size, MEASURE_TYPES.length);
});

test('a new measure: required fields, owner, place or area, dates, cost, done needs a start', () => {
  assert.deepEqual(codes(ok), []);
  assert.deepEqual(codes({ ...ok, areaId: 'a', placeId: undefined }), []);
  assert.deepEqual(codes({}), ['type:required', 'term:required', 'title:required', 'organisationId:required', 'placeId:required']);
  assert.deepEqual(codes({ ...ok, organisationId: '' }, null, 'measure.'), ['measure.organisationId:required']);
  assert.deepEqual(codes({ ...ok, plannedStart: '2026-05-02', plannedEnd: '2026-05-01' }), ['plannedEnd:period_reversed']);
  assert.deepEqual(codes({ ...ok, plannedStart: '2026-13-01' }), ['plannedStart:format']);
  assert.deepEqual(codes({ ...ok, status: 'done' }), ['actualStart:required']);
  assert.deepEqual(codes({ ...ok, actualEnd: '2026-01-01' }), ['actualStart:required']);
  assert.deepEqual(codes({ ...ok, costSek: -5 }), ['costSek:too_small']);
  assert.deepEqual(codes({ ...ok, type: 'magi' }), ['type:not_allowed_value']);
  assert.deepEqual(codes({ ...ok, followUp: { controlAreaId: 'a', controlPlaceId: 'b', weeks: 2 } }), ['followUp.weeks:too_small', 'followUp.controlPlaceId:exclusive_fields']);
});

test('changes: transitions, and the rules hold against the stored values', () => {
  const current: MeasureState = { type: 'belysning', term: 'long', title: 'Ljus', placeId: 'p', areaId: null, organisationId: 'o', status: 'planned', plannedStart: '2026-05-01', plannedEnd: '2026-06-01', actualStart: null, actualEnd: null };
  assert.deepEqual(codes({ title: 'Nytt' }, current), []);
  assert.deepEqual(codes({ plannedEnd: '2026-04-01' }, current), ['plannedEnd:period_reversed']);
  assert.deepEqual(codes({ status: 'done' }, current), ['actualStart:required']);
  assert.deepEqual(codes({ status: 'done', actualStart: '2026-05-03' }, current), []);
  assert.deepEqual(codes({ placeId: null }, current), ['placeId:required']);
  assert.deepEqual(codes({ status: 'planned' }, { ...current, status: 'ongoing' }), ['status:invalid_transition']);
  assert.ok(canTransition('done', 'ongoing') && canTransition('cancelled', 'planned') && canTransition('ongoing', 'ongoing'));
  assert.ok(!canTransition('proposed', 'done') && !canTransition('done', 'planned') && !canTransition('cancelled', 'done'));
});

test('calendar dates, overdue', () => {
  assert.ok(isCalendarDate('2028-02-29') && !isCalendarDate('2026-02-29') && !isCalendarDate('2026-1-1'));
  assert.ok(isOverdue({ status: 'ongoing', plannedEnd: '2026-11-23' }, '2026-11-24'));
  assert.ok(!isOverdue({ status: 'done', plannedEnd: '2026-11-23' }, '2026-11-24'));
  assert.ok(!isOverdue({ status: 'ongoing', plannedEnd: '2026-11-24' }, '2026-11-24'));
});

test('follow-up windows: whole weeks, shortened to the days that have passed, none under four weeks', () => {
  const w = followUpWindows('2026-06-01', '2026-11-24', 26)!;
  assert.equal(w.weeks, 25);
  assert.deepEqual(w.before, { from: '2025-12-08', to: '2026-05-31', days: 175 });
  assert.deepEqual(w.after, { from: '2026-06-01', to: '2026-11-22', days: 175 });
  assert.equal(followUpWindows('2026-11-01', '2026-11-24', 26), null);
  const s = weeklySeries(followUpWindows('2026-01-05', '2026-12-01', 4)!, [{ zone: 'response', week: 0, n: 3 }, { zone: 'response', week: 4, n: 1 }, { zone: 'control', week: 7, n: 5 }]);
  assert.deepEqual(s.counts, { Rb: 3, Ra: 1, Db: 0, Da: 0, Cb: 0, Ca: 5 });
  assert.equal(s.weekly.length, 8);
  assert.equal(s.weekly[4].weekStart, '2026-01-05');
});

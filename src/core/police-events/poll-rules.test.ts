import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS, decideCall, HOUR_MS, policeUserAgent, POLISEN_RULES } from './poll-rules.ts';

const T0 = Date.UTC(2026, 7, 22, 12);
const none = { lastCallAt: null, lastHour: [], lastDay: [] };

test('Polisen\'s numbers: 10 s between calls, 60 an hour, 1,440 a day', () => {
  assert.deepEqual(POLISEN_RULES, { minSpacingMs: 10_000, perHour: 60, perDay: 1440 });
});

test('at least 10 seconds after the last call', () => {
  assert.deepEqual(decideCall(T0, none), { allowed: true });
  const h = { lastCallAt: T0, lastHour: [T0], lastDay: [T0] };
  assert.deepEqual(decideCall(T0 + 9_999, h), { allowed: false, until: T0 + 10_000, reason: 'spacing' });
  assert.deepEqual(decideCall(T0 + 10_000, h), { allowed: true });
});

test('at most 60 calls in any hour: the 61st waits until the first of the 60 is an hour old', () => {
  const calls = Array.from({ length: 60 }, (_, i) => T0 + i * 10_000);
  const h = { lastCallAt: calls.at(-1)!, lastHour: calls, lastDay: calls };
  const now = calls.at(-1)! + 10_000;
  assert.deepEqual(decideCall(now, h), { allowed: false, until: T0 + HOUR_MS, reason: 'hour' });
  assert.deepEqual(decideCall(T0 + HOUR_MS, h), { allowed: true });
  // 59 in the hour: allowed.
  assert.deepEqual(decideCall(now, { ...h, lastHour: calls.slice(1) }), { allowed: true });
});

test('at most 1,440 calls in any day, whichever rule frees last holds the call back', () => {
  // Within the hourly limit the daily one is never reached (24 × 60 = 1,440): here a history of
  // calls twice a minute for 12 hours (another client's, or the rules before) fills the day.
  const calls = Array.from({ length: 1440 }, (_, i) => T0 + i * 30_000);
  const last = calls.at(-1)!;
  const inHour = calls.filter((t) => t > last + 10_000 - HOUR_MS);
  const h = { lastCallAt: last, lastHour: inHour, lastDay: calls };
  assert.deepEqual(decideCall(last + 10_000, h), { allowed: false, until: T0 + DAY_MS, reason: 'day' });
  assert.deepEqual(decideCall(T0 + DAY_MS, h), { allowed: true });
});

test('the User-Agent names the deployment and the contact, in ASCII', () => {
  assert.equal(policeUserAgent('0.1.0', 'lagesbild.alingsas.se', ['1489', '1442'], 'it@alingsas.se'),
    'Lagesbild/0.1.0 (deployment lagesbild.alingsas.se, municipalities 1489 1442; contact it@alingsas.se)');
  assert.equal(policeUserAgent('0.1.0', null, ['1489'], 'https://alingsås.se/kontakt'), 'Lagesbild/0.1.0 (municipalities 1489; contact https://alings?s.se/kontakt)');
});

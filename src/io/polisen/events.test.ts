import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePoliceDatetime, parsePoliceEvents, PoliceEventsFormatError } from './events.ts';

const FILE = new URL('../../../../shared/data/polisen/polisen_events_alingsas_2022-09_2026-08.json', import.meta.url);
const good = { id: 1, datetime: '2026-08-21 19:14:52 +02:00', name: 'n', summary: 's', url: '/u', type: 'Brand', location: { name: 'Alingsås', gps: '57.930021,12.536211' } };

describe('Polisen events', () => {
  test('the real Alingsås file: 121 events, none with a position (Polisen\'s is the municipality\'s or county\'s centre)', () => {
    const events = parsePoliceEvents(JSON.parse(readFileSync(FILE, 'utf8')));
    assert.equal(events.length, 121);
    assert.equal(events.filter((e) => e.locationName === 'Alingsås').length, 104);
    assert.equal(events.filter((e) => e.locationName === 'Västra Götalands län').length, 17);
    for (const e of events) assert.deepEqual(Object.keys(e).sort(), ['id', 'locationName', 'name', 'publishedAt', 'summary', 'type', 'url']);
    assert.equal(events[0].publishedAt.toISOString(), '2026-08-21T17:14:52.000Z');
  });
  test('datetimes with their offset', () => {
    assert.equal(parsePoliceDatetime('2026-01-05 08:00:00 +01:00')!.toISOString(), '2026-01-05T07:00:00.000Z');
    assert.equal(parsePoliceDatetime('2026-03-30 8:20:21 +02:00')!.toISOString(), '2026-03-30T06:20:21.000Z');
    assert.equal(parsePoliceDatetime('2026-02-30 08:00:00 +01:00'), null);
    assert.equal(parsePoliceDatetime('2026-01-05T08:00:00Z'), null);
  });
  test('errors name the element and the field', () => {
    const fails = (json: unknown, re: RegExp) => assert.throws(() => parsePoliceEvents(json), (e: unknown) => e instanceof PoliceEventsFormatError && re.test(e.message));
    fails({}, /lista/);
    fails([good, { ...good, id: 'x' }], /händelse 1, fältet id/);
    fails([{ ...good, datetime: 'igår' }], /händelse 0, fältet datetime/);
    fails([{ ...good, type: '' }], /fältet type: saknas/);
    fails([{ ...good, location: { name: 'A', gps: '57.9;12.5' } }], /fältet location.gps/);
    fails([{ ...good, location: { name: 'A', gps: '0,0' } }], /inte i Sverige/);
    fails([{ ...good, summary: 'x'.repeat(2001) }], /fältet summary: för lång/);
    fails([null], /händelse 0/);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureFromDecision, titleOfDecision, withDecisionDefaults } from './decision-measure.ts';

const meeting = { id: 'meet-1', areaId: 'area-9', situationPictureId: 'sp-1' };

test('a decision gives its measure the title, the owner, the due date, the place and the problem', () => {
  const item = { title: 'Röd nivå: Torget', detail: 'Oro kvällstid', ref: { type: 'place', id: 'place-1' } };
  assert.deepEqual(measureFromDecision({ text: 'Belysning på torget, t.ex. vid busshållplatsen.', organisationId: 'org-1', due: '2026-12-20' }, item, meeting), {
    title: 'Belysning på torget, t.ex. vid busshållplatsen', meetingId: 'meet-1', organisationId: 'org-1', plannedEnd: '2026-12-20',
    placeId: 'place-1', problem: 'Röd nivå: Torget: Oro kvällstid', situationPictureId: 'sp-1',
  });
  // An area item gives the area; an item without a place gives the meeting's area; no item, no problem.
  assert.equal(measureFromDecision({ text: 'x', organisationId: null, due: null }, { ...item, ref: { type: 'area', id: 'area-2' } }, meeting).areaId, 'area-2');
  const bare = measureFromDecision({ text: 'Städa parken', organisationId: null, due: null }, null, { id: 'm', areaId: null, situationPictureId: null });
  assert.deepEqual(bare, { title: 'Städa parken', meetingId: 'm' });
});

test('a long or many-line decision: the title is its first line cut at a word, the whole text goes to the notes', () => {
  const text = `${'Vi ska röja buskarna längs gångvägen '.repeat(8)}\nAnsvar: parkenheten.`;
  const title = titleOfDecision(text);
  assert.ok(title.length <= 200 && title.endsWith('…') && !/\s…$/.test(title), title);
  assert.ok(text.startsWith(title.slice(0, -1)));
  assert.equal(titleOfDecision('Röj buskarna\nParkenheten ansvarar'), 'Röj buskarna');
  const m = measureFromDecision({ text: 'Röj buskarna\nParkenheten ansvarar', organisationId: null, due: null }, null, meeting);
  assert.equal(m.notes, 'Röj buskarna\nParkenheten ansvarar');
});

test('what the measure says itself wins; place and area go together', () => {
  const defaults = { title: 'Från beslutet', organisationId: 'org-1', plannedEnd: '2026-12-20', areaId: 'area-9', meetingId: 'meet-1' };
  assert.deepEqual(withDecisionDefaults({ type: 'belysning', title: 'Egen rubrik', placeId: 'place-1', plannedEnd: null }, defaults), {
    type: 'belysning', title: 'Egen rubrik', placeId: 'place-1', organisationId: 'org-1', plannedEnd: '2026-12-20', meetingId: 'meet-1',
  });
  assert.deepEqual(withDecisionDefaults({ title: '  ' }, defaults), defaults);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAgenda, localiseAgenda, mergeAgenda, type AgendaMeasure } from './agenda.ts';
import { DOMAIN_TERMS } from '../i18n/terms.ts';
import type { SituationPictureContent } from '../situation-picture/content.ts';

const change = (count: number, change: number, p: number) => ({ count, change, percentChange: count - change ? (100 * change) / (count - change) : null, p, significant: p < 0.05 });
const cell = (cellId: string, emerging: any, placeName: string | null) => ({ cellId, col: 1, row: 2, x: 0, y: 0, lon: 12.53251, lat: 57.93002, count: 14, z: 3.4, p: 0.001, bin: 3, emerging, placeName });

const content = {
  hotspots: { cellSize: 250, distance: 500, note: null, cells: [cell('250:1:2', 'New Hot Spot', 'Stora torget'), cell('250:1:3', 'Intensifying Hot Spot', null), cell('250:1:4', 'Persistent Hot Spot', 'X')] },
  byCategory: [
    { id: 'c1', code: 'a', nameSv: 'Klotter', nameEn: 'Graffiti', colour: '#000', parentId: null, count: 40, previous: change(40, 25, 0.001), lastYear: change(40, 0, 1) },
    { id: 'c2', code: 'b', nameSv: 'Nedskräpning', nameEn: 'Litter', colour: '#000', parentId: null, count: 5, previous: change(5, -12, 0.01), lastYear: change(5, 0, 1) },
    { id: 'c3', code: 'c', nameSv: 'Brand', nameEn: 'Fire', colour: '#000', parentId: null, count: 30, previous: change(30, 29, 0.2), lastYear: change(30, 0, 1) },
  ],
  byArea: [
    { id: 'a1', name: 'Noltorp', kind: 'district', count: 60, previous: change(60, 30, 0.0001), lastYear: change(60, 0, 1) },
    { id: 'a2', name: 'Centrum', kind: 'district', count: 50, previous: change(50, 2, 0.03), lastYear: change(50, 0, 1) },
  ],
} as unknown as SituationPictureContent;

const measure = (id: string, plannedEnd: string | null, status: AgendaMeasure['status'] = 'ongoing'): AgendaMeasure =>
  ({ id, title: `Åtgärd ${id}`, status, organisationName: 'Alingsåshem', placeName: 'Brogården', areaName: null, plannedEnd });

test('the agenda: hotspots, the largest significant changes, red levels, due and overdue measures, open decisions', () => {
  const items = buildAgenda({
    content,
    statusLevels: [{ kind: 'place', id: 'p1', name: 'Resecentrum', level: 'red', comment: 'Oro kvällstid' }, { kind: 'area', id: 'a2', name: 'Centrum', level: 'yellow', comment: '' }],
    measures: [measure('m1', '2026-11-20'), measure('m2', '2026-12-01'), measure('m3', '2027-02-01'), measure('m4', '2026-11-01', 'done'), measure('m5', null)],
    openDecisions: [{ id: 'd1', text: 'Belysningen ses över', meetingTitle: 'Möte i oktober', decidedOn: '2026-10-15', organisationName: 'SBF', due: '2026-11-30', measureId: 'm2', measureTitle: 'Åtgärd m2', measureStatus: 'ongoing' }],
    now: new Date('2026-11-24T17:00:00Z'),
  });
  assert.deepEqual(items.map((i) => [i.id, i.kind]), [
    ['hotspot:250:1:2', 'new-hotspot'],
    ['hotspot:250:1:3', 'intensifying-hotspot'],
    ['change:area:a1', 'largest-change'],
    ['change:category:c1', 'largest-change'],
    ['change:category:c2', 'largest-change'],
    ['red:place:p1', 'red-status'],
    ['measure:m1', 'measure-overdue'],
    ['measure:m2', 'measure-due'],
    ['decision:d1', 'follow-up-decision'],
  ]);
  assert.equal(items[0].title, 'Ny hotspot: Stora torget');
  assert.match(items[1].title, /57\.9300° N, 12\.5325° E/, 'a cell without a place is named by its position');
  assert.equal(items[2].title, 'Ökning: Noltorp +30 (+100 %)');
  assert.equal(items[4].title, 'Minskning: Nedskräpning −12 (−71 %)');
  assert.deepEqual(items[5].ref, { type: 'place', id: 'p1' });
  assert.match(items[6].detail, /2026-11-20/);
  assert.match(items[8].detail, /klar senast 2026-11-30/);
});

test('no edition: only the open work; the same input gives the same ids', () => {
  const input = { content: null, statusLevels: [], measures: [measure('m1', '2026-11-25')], openDecisions: [], now: new Date('2026-11-24T10:00:00Z') };
  const a = buildAgenda(input), b = buildAgenda(input);
  assert.deepEqual(a, b);
  assert.deepEqual(a.map((i) => i.kind), ['measure-due']);
  assert.deepEqual(buildAgenda({ ...input, measures: [] }), []);
});

test('hotspot zones: one item per rising zone, named by its peak or its busiest rising cell', () => {
  const c = (cellId: string, emerging: string, count: number, z: number, placeName: string | null = null) => ({ ...cell(cellId, emerging, placeName), count, z });
  const cells = [
    c('250:1:1', 'New Hot Spot', 9, 6, 'Torget'), c('250:1:2', 'New Hot Spot', 0, 5), // zone A: rising peak
    c('250:5:5', 'Persistent Hot Spot', 20, 9, 'Resecentrum'), c('250:5:6', 'Intensifying Hot Spot', 4, 4, 'Parken'), c('250:6:6', 'Intensifying Hot Spot', 0, 3), // zone B: a busy rising cell
    c('250:9:9', 'Persistent Hot Spot', 3, 3), // zone C: nothing rising
  ];
  const zone = (ids: string[], peak: string, count: number, placeNames: string[]) => ({ id: peak, cellIds: ids, peakCellId: peak, count, placeName: placeNames[0] ?? null, placeNames });
  const items = buildAgenda({
    content: { ...content, hotspots: { ...content.hotspots, cells, zones: [
      zone(['250:5:5', '250:5:6', '250:6:6'], '250:5:5', 24, ['Resecentrum', 'Parken']), zone(['250:1:1', '250:1:2'], '250:1:1', 9, ['Torget']), zone(['250:9:9'], '250:9:9', 3, []),
    ] }, byCategory: [], byArea: [] } as unknown as SituationPictureContent,
    statusLevels: [], measures: [], openDecisions: [], now: new Date('2026-11-24T10:00:00Z'),
  });
  assert.deepEqual(items.map((i) => [i.id, i.kind, i.title]), [
    ['hotspot:250:5:6', 'intensifying-hotspot', 'Intensifierande hotspot: Parken'],
    ['hotspot:250:1:1', 'new-hotspot', 'Ny hotspot: Torget'],
  ]);
  assert.match(items[0].detail, /Hotspotområdet har 3 rutor och 24 händelser \(Resecentrum, Parken\)/);
});

const fullInput = () => ({
  content,
  statusLevels: [{ kind: 'place' as const, id: 'p1', name: 'Resecentrum', level: 'red' as const, comment: '' }],
  measures: [measure('m1', '2026-11-20'), measure('m2', '2026-12-01')],
  openDecisions: [{ id: 'd1', text: 'Belysningen ses över', meetingTitle: 'Möte i oktober', decidedOn: '2026-10-15', organisationName: 'SBF', due: '2026-11-30', measureId: 'm2', measureTitle: 'Åtgärd m2', measureStatus: 'ongoing' }],
  now: new Date('2026-11-24T17:00:00Z'),
});

test('issue 12 item 13: a generated agenda reads in English from its kind and params, with English dates and the catalogue\'s terms', () => {
  const stored = buildAgenda(fullInput());
  const en = localiseAgenda(stored, 'en');
  assert.deepEqual(en.map((i) => i.id), stored.map((i) => i.id), 'the same items, in the same order');
  assert.ok(en.every((i) => !('params' in i)), 'params stay on the server');
  const text = en.map((i) => `${i.title} ${i.detail}`).join('\n');
  assert.equal(en[0].title, `${DOMAIN_TERMS.en.emerging['New Hot Spot']}: Stora torget`);
  assert.match(text, /Increase: Noltorp \+30 \(\+100%\)/);
  assert.match(text, /Decrease: Litter −12 \(−71%\)/, 'a category by its English name');
  assert.match(text, /60 incidents against 30 in the period before \(p < 0\.001\)/);
  assert.match(text, /Red level: Resecentrum Status level red in the situation picture\./);
  assert.match(text, /Overdue measure: Åtgärd m1 Brogården, Alingsåshem; was due 20 Nov 2026 \(ongoing\)\./);
  assert.match(text, /Measure due soon: Åtgärd m2/);
  assert.match(text, /Follow-up of decision: Belysningen ses över Decided 15 Oct 2026 \(Möte i oktober\), responsible: SBF; measure “Åtgärd m2”: ongoing, due 30 Nov 2026\./);
  // Nothing of the Swedish wording is left: every Swedish word of the agenda templates and terms is absent.
  for (const word of ['Ny hotspot', 'Ökning', 'Minskning', 'händelser', 'Röd nivå', 'Försenad', 'Åtgärd klar snart', 'Uppföljning', 'Beslutat', 'pågår', '2026-11-20', '2026-10-15']) {
    assert.ok(!text.includes(word), `"${word}" in the English agenda:\n${text}`);
  }
  // The Swedish reading is what buildAgenda stored, and one date format: ISO.
  assert.deepEqual(localiseAgenda(stored, 'sv').map((i) => i.title), stored.map((i) => i.title));
  assert.match(stored.find((i) => i.kind === 'measure-overdue')!.detail, /skulle vara klar 2026-11-20 \(pågår\)/);
});

test('issue 12 item 13: an agenda sent back unchanged (in either language) stays generated; an edited item keeps its text', () => {
  const stored = buildAgenda(fullInput());
  const back = localiseAgenda(stored, 'en');
  back[1] = { ...back[1], title: 'Talk about the hotspot' };
  const merged = mergeAgenda(back, stored);
  assert.ok(merged[0].params, 'unchanged English item keeps its params');
  assert.equal(merged[0].title, stored[0].title, 'and is stored in Swedish');
  assert.equal(merged[1].params, undefined, 'an edited item is plain text');
  assert.equal(localiseAgenda(merged, 'sv')[1].title, 'Talk about the hotspot');
  // An agenda stored before params existed reads as it was written.
  const legacy = stored.map(({ params: _p, ...x }) => x);
  assert.deepEqual(localiseAgenda(legacy, 'en'), legacy);
});

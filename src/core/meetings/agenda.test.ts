import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAgenda, type AgendaMeasure } from './agenda.ts';
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
    ['hotspot:250:5:6', 'intensifying-hotspot', 'Intensifierad hotspot: Parken'],
    ['hotspot:250:1:1', 'new-hotspot', 'Ny hotspot: Torget'],
  ]);
  assert.match(items[0].detail, /Hotspotområdet har 3 rutor och 24 händelser \(Resecentrum, Parken\)/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAgenda, localiseAgenda } from './agenda.ts';
import type { SituationPictureContent } from '../situation-picture/content.ts';

// Issue 12 item 12: an agenda item names a hotspot by its district and the nearest place, in the
// reader's language; the cell id stays only as the item's key and reference.
test('a rising hotspot on the agenda is named by its where, never by its grid id', () => {
  const where = { area: 'Alingsås', place: { name: 'Resecentrum', distance: 210, direction: 'ne' as const } };
  const cell = { cellId: '250:1397:25663', col: 1397, row: 25663, x: 0, y: 0, lon: 12.53251, lat: 57.93002, count: 14, z: 3.4, p: 0.001, bin: 3, emerging: 'New Hot Spot', placeName: null, where };
  const content = { hotspots: { cellSize: 250, distance: 500, note: null, cells: [cell] }, byCategory: [], byArea: [] } as unknown as SituationPictureContent;
  const items = buildAgenda({ content, statusLevels: [], measures: [], openDecisions: [], now: new Date('2026-11-24T10:00:00Z') });
  assert.equal(items.length, 1);
  assert.equal(items[0].id, 'hotspot:250:1397:25663');
  assert.deepEqual(items[0].ref, { type: 'cell', id: '250:1397:25663' });
  assert.match(items[0].title, /: Alingsås, 200 m nordost om Resecentrum$/);
  const en = localiseAgenda(items, 'en');
  assert.match(en[0].title, /: Alingsås, 200 m north-east of Resecentrum$/);
  for (const i of [...items, ...en]) assert.doesNotMatch(`${i.title} ${i.detail}`, /250:1397|Ruta |rutan 250/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { periodInWords, selectionRows } from './selection.ts';

test('a period of whole Swedish days reads as its first and last day, in winter and in summer; other periods as times', () => {
  assert.equal(periodInWords(new Date('2026-11-30T23:00:00Z'), new Date('2026-12-31T23:00:00Z')), '2026-12-01 – 2026-12-31 (svensk tid)');
  assert.equal(periodInWords(new Date('2026-06-30T22:00:00Z'), new Date('2026-07-01T22:00:00Z')), '2026-07-01 – 2026-07-01 (svensk tid)', 'one summer day');
  assert.equal(periodInWords(new Date('2026-12-01T07:30:00Z'), new Date('2026-12-01T15:00:00Z')), '2026-12-01 08:30 – 2026-12-01 16:00 (svensk tid, till men inte med slutet)');
  assert.equal(periodInWords(new Date('2026-12-01T07:30:00Z')), 'från 2026-12-01 08:30 (svensk tid)');
  assert.equal(periodInWords(), 'hela tiden (inget datumfilter)');
});

test('every filter is said in words, those not used as such, with who exported and when', () => {
  const rows = new Map(selectionRows({
    count: 12, municipalities: [{ id: '1489', name: 'Alingsås' }, { id: '1442', name: 'Vårgårda' }],
    categories: ['Klotter/graffiti', 'Nedskräpning'], area: 'Centrum', reviewStatus: ['new', 'reviewed'], visibility: 'restricted', text: 'cykel',
    mine: true, bbox: [12.5, 57.9, 12.6, 58], exportedBy: 'Sara', exportedAt: new Date('2026-07-01T10:00:00Z'),
    edition: { title: 'Lägesbild Alingsås juni 2026', version: 2, status: 'published', from: '2026-06-01', to: '2026-06-30' },
  }));
  assert.equal(rows.get('Antal händelser'), '12');
  assert.equal(rows.get('Kommuner'), 'Alingsås (1489), Vårgårda (1442)');
  assert.equal(rows.get('Kategorier'), 'Klotter/graffiti, Nedskräpning');
  assert.equal(rows.get('Organisationer'), 'alla');
  assert.equal(rows.get('Område'), 'Centrum');
  assert.equal(rows.get('Granskning'), 'ny, granskad');
  assert.equal(rows.get('Synlighet'), 'begränsad');
  assert.equal(rows.get('Fritext'), 'cykel');
  assert.equal(rows.get('Endast egna rapporter'), 'ja');
  assert.equal(rows.get('Kartutsnitt (WGS 84)'), '12.5, 57.9 – 12.6, 58 (longitud, latitud)');
  assert.equal(rows.get('Lägesbild'), 'Lägesbild Alingsås juni 2026, version 2 (publicerad), 2026-06-01 – 2026-06-30');
  assert.equal(rows.get('Exporterad av'), 'Sara');
  assert.equal(rows.get('Exporterad'), '2026-07-01 12:00 (svensk tid)');
  const none = new Map(selectionRows({ count: 0, municipalities: [], exportedBy: 'x', exportedAt: new Date() }));
  assert.equal(none.get('Kategorier'), 'alla');
  assert.equal(none.get('Område'), 'inget (hela kommunen)');
  assert.equal(none.get('Granskning'), 'alla');
  assert.ok(!none.has('Endast egna rapporter') && !none.has('Lägesbild') && !none.has('Kartutsnitt (WGS 84)'));
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IssueCollector } from '../errors/index.ts';
import { checkNarrative, checkStatusLevels } from './narrative.ts';
import { compareContents } from './compare.ts';
import { excerpt, feedbackSummary } from './feedback.ts';
import type { SituationPictureContent } from './content.ts';
import { compared } from './figures.ts';

const ID = '00000000-0000-4000-8000-00000000000a';
const fields = (c: IssueCollector) => c.issues.map((i) => `${i.field} ${i.code}`);

describe('narrative', () => {
  test('a cause analysis after the crime triangle, cleaned and ordered by priority', () => {
    const c = new IssueCollector();
    const n = checkNarrative({ summary: '  Sammanfattning  ', problems: [
      { title: 'B', priority: 2, offender: 'o', target: 't', place: 'p', suggestedMeasures: 's' },
      { title: 'A', priority: 1, categoryIds: [ID], placeId: ID },
    ] }, c);
    assert.deepEqual(c.issues, []);
    assert.equal(n.summary, 'Sammanfattning');
    assert.deepEqual(n.problems.map((p) => [p.title, p.priority, p.id]), [['A', 1, 'p2'], ['B', 2, 'p1']]);
    assert.equal(n.problems[0].placeId, ID);
    assert.equal(n.problems[1].offender, 'o');
  });
  test('every problem named by field', () => {
    const c = new IssueCollector();
    checkNarrative({ summary: 5, problems: [{ title: '', priority: 0, placeId: 'x', categoryIds: ['y'], offender: 'x'.repeat(4001) }, 'nope'] }, c);
    assert.deepEqual(fields(c), [
      'narrative.summary type', 'narrative.problems[0].priority too_small', 'narrative.problems[0].categoryIds[0] format',
      'narrative.problems[0].title required', 'narrative.problems[0].placeId format', 'narrative.problems[0].offender too_long', 'narrative.problems[1] type',
    ]);
    const d = new IssueCollector();
    checkNarrative([], d);
    assert.deepEqual(fields(d), ['narrative type']);
  });
  test('status levels: green, yellow or red per area or place, once each', () => {
    const c = new IssueCollector();
    const ok = checkStatusLevels([{ kind: 'area', id: ID, name: 'Centrum', level: 'red' }], c);
    assert.deepEqual(ok, [{ kind: 'area', id: ID, name: 'Centrum', level: 'red', comment: '' }]);
    checkStatusLevels([{ kind: 'street', id: ID, level: 'orange' }, { kind: 'area', id: ID, level: 'green' }, { kind: 'area', id: ID, level: 'green' }, { kind: 'place', level: 'green' }], c);
    assert.deepEqual(fields(c), ['statusLevels[0].kind not_allowed_value', 'statusLevels[0].level not_allowed_value', 'statusLevels[2].id taken', 'statusLevels[3].id required']);
  });
});

const content = (total: number, cats: Array<[string, string, number]>, hot: string[], summaryPrev = 10): SituationPictureContent => ({
  totals: compared(total, summaryPrev, total),
  byCategory: cats.map(([id, nameSv, count]) => ({ id, nameSv, code: id, nameEn: nameSv, colour: '#000', parentId: null, ...compared(count, 1, 1) })),
  byArea: [],
  hotspots: { cellSize: 250, distance: 500, note: null, cells: hot.map((cellId) => ({ cellId, bin: 3 })) },
} as unknown as SituationPictureContent);

describe('återkoppling', () => {
  test('total, change, top three categories and the start of the summary', () => {
    const fb = feedbackSummary('Lägesbild Alingsås 3–9 nov 2026', content(74, [['a', 'Klotter', 40], ['b', 'Nedskräpning', 20], ['c', 'Inbrott', 10], ['d', 'Stöld', 4]], []), { summary: 'Ökning vid stationen. '.repeat(30) });
    assert.equal(fb.subject, 'Återkoppling: Lägesbild Alingsås 3–9 nov 2026');
    assert.match(fb.body, /^74 händelser rapporterades under perioden, \+64 \(\+640 %\) jämfört med perioden före\./);
    assert.match(fb.body, /Vanligast: klotter \(40\), nedskräpning \(20\), inbrott \(10\)\./);
    assert.deepEqual(fb.topCategories.map((c) => c.id), ['a', 'b', 'c']);
    const ex = fb.body.split('\n\n')[2];
    assert.ok(ex.length <= 302 && ex.endsWith('…'), ex);
    assert.equal(feedbackSummary('T', content(1, [], [], 1), {}).body.split('\n\n')[0], '1 händelse rapporterades under perioden, ±0 (±0 %) jämfört med perioden före.');
  });
  test('excerpt cuts at a word', () => {
    assert.equal(excerpt('kort text'), 'kort text');
    assert.equal(excerpt('ett två tre fyra', 10), 'ett två …');
  });
});

describe('comparison', () => {
  test('totals, categories, hot cells new, persisting and gone, status levels', () => {
    const a = content(10, [['a', 'Klotter', 6], ['b', 'Stöld', 4]], ['250:1:1', '250:2:2']);
    const b = content(15, [['a', 'Klotter', 12], ['c', 'Inbrott', 3]], ['250:2:2', '250:3:3']);
    const cmp = compareContents(a, [{ kind: 'area', id: 'x', name: 'C', level: 'red', comment: '' }], b, [{ kind: 'area', id: 'x', name: 'C', level: 'yellow', comment: '' }, { kind: 'place', id: 'y', name: 'P', level: 'green', comment: '' }]);
    assert.deepEqual(cmp.totals, { base: 10, other: 15, change: 5 });
    assert.deepEqual(cmp.byCategory.map((r) => [r.id, r.base, r.other, r.change]), [['a', 6, 12, 6], ['b', 4, 0, -4], ['c', 0, 3, 3]]);
    assert.deepEqual(cmp.hotspots, { new: ['250:3:3'], persisting: ['250:2:2'], gone: ['250:1:1'] });
    assert.deepEqual(cmp.statusLevels.map((s) => [s.id, s.base, s.other]), [['x', 'red', 'yellow'], ['y', null, 'green']]);
  });
});

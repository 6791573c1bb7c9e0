import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProblemAnalysis } from '../situation-picture/content.ts';
import { editionsOfYear, planProposals, priorityFromProposal, type EditionProblems } from './proposals.ts';

const problem = (id: string, title: string, priority = 1): ProblemAnalysis => ({
  id, title, priority, categoryIds: [], placeId: null, areaId: null, offender: `${title}: vem`, target: 'mål', place: 'plats', suggestedMeasures: 'belysning',
});
const edition = (id: string, from: string, to: string, problems: ProblemAnalysis[], more: Partial<EditionProblems> = {}): EditionProblems => ({
  id, seriesId: id, version: 1, title: `Lägesbild ${from}`, period: { from, to }, publishedAt: `${to}T10:00:00.000Z`, problems, ...more,
});

test('the year\'s editions: periods touching the year, the newest published version of each series', () => {
  const es = [
    edition('a', '2025-12-22', '2026-01-04', []),
    edition('b', '2026-06-01', '2026-06-28', []),
    edition('b2', '2026-06-01', '2026-06-28', [], { seriesId: 'b', version: 2 }),
    edition('c', '2027-01-01', '2027-01-31', []),
    edition('d', '2025-01-01', '2025-12-31', []),
  ];
  assert.deepEqual(editionsOfYear(2026, es).map((e) => e.id), ['b2', 'a']);
});

test('one proposal per problem, the newest edition\'s analysis, counted over the editions, the plan\'s own marked accepted', () => {
  const es = [
    edition('w1', '2026-03-02', '2026-03-08', [problem('p1', 'Skadegörelse vid stationen'), problem('p2', 'Nedskräpning i parken', 2)]),
    edition('w2', '2026-03-09', '2026-03-15', [problem('p1', 'skadegörelse  vid stationen '), problem('p2', 'Klotter på skolan', 2)]),
    edition('w3', '2026-03-16', '2026-03-22', [problem('x', 'Skadegörelse vid stationen')]),
  ];
  const ps = planProposals(2026, es, [{ title: 'Klotter på skolan', source: null }]);
  assert.deepEqual(ps.map((p) => [p.problem.title, p.situationPictureId, p.problemId, p.editions, p.accepted]), [
    ['Skadegörelse vid stationen', 'w3', 'x', 3, false],
    ['Klotter på skolan', 'w2', 'p2', 1, true],
    ['Nedskräpning i parken', 'w1', 'p2', 1, false],
  ]);
  assert.equal(ps[0].edition.title, 'Lägesbild 2026-03-16');
  assert.deepEqual(ps[0].edition.period, { from: '2026-03-16', to: '2026-03-22' });
  // Accepted by its source even when the coordinator has renamed it.
  const renamed = planProposals(2026, es, [{ title: 'Stationen', source: { situationPictureId: 'w1', problemId: 'p2', title: '' } }]);
  assert.equal(renamed.find((p) => p.problem.title === 'Nedskräpning i parken')?.accepted, true);
});

test('an accepted problem comes last in the plan, with an id of its own and its edition', () => {
  const existing = [{ ...problem('p1', 'A', 1), source: null }, { ...problem('lb-12345678-p1', 'B', 4), source: null }];
  const added = priorityFromProposal(problem('p1', 'Skadegörelse', 1), { situationPictureId: '12345678-aaaa-4bbb-8ccc-000000000000', title: 'Lägesbild v. 12', problemId: 'p1' }, existing);
  assert.equal(added.priority, 5);
  assert.equal(added.id, 'lb-12345678-p1-2');
  assert.equal(added.suggestedMeasures, 'belysning');
  assert.deepEqual(added.source, { situationPictureId: '12345678-aaaa-4bbb-8ccc-000000000000', title: 'Lägesbild v. 12', problemId: 'p1' });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateIntervention, type InterventionCounts } from '../analysis/intervention/index.ts';
import { FOLLOW_UP_CONCLUSIONS, readFollowUp, type FollowUpConclusion } from './follow-up-reading.ts';

/** One case per conclusion (and the edges between them), with the counts that give it. */
const CASES: Array<{ name: string; counts: InterventionCounts; conclusion: FollowUpConclusion; incidents: number | null }> = [
  // Control flat (Ca/Cb = 1): the net effect is Rb − Ra, the buffer's Db − Da.
  { name: 'fewer, the buffer improved too', counts: { Rb: 40, Ra: 30, Db: 30, Da: 25, Cb: 100, Ca: 100 }, conclusion: 'fewer-and-spread', incidents: 10 },
  { name: 'fewer, the buffer unchanged', counts: { Rb: 40, Ra: 30, Db: 30, Da: 30, Cb: 100, Ca: 100 }, conclusion: 'fewer', incidents: 10 },
  { name: 'fewer, some displaced', counts: { Rb: 40, Ra: 30, Db: 30, Da: 35, Cb: 100, Ca: 100 }, conclusion: 'fewer-some-moved', incidents: 10 },
  { name: 'fewer, more displaced than gained', counts: { Rb: 40, Ra: 30, Db: 30, Da: 45, Cb: 100, Ca: 100 }, conclusion: 'fewer-all-moved', incidents: 10 },
  { name: 'exactly one fewer', counts: { Rb: 40, Ra: 39, Db: 30, Da: 30, Cb: 100, Ca: 100 }, conclusion: 'fewer', incidents: 1 },
  { name: 'as expected', counts: { Rb: 40, Ra: 40, Db: 30, Da: 30, Cb: 100, Ca: 100 }, conclusion: 'as-expected', incidents: 0 },
  // NE = 40·101/100 − 40 = 0.4: the quotient calls it a success (SM < 0), but 0.4 is "about as many".
  { name: 'a fraction of an incident better', counts: { Rb: 40, Ra: 40, Db: 30, Da: 20, Cb: 100, Ca: 101 }, conclusion: 'as-expected', incidents: 0 },
  // The case: NE = 50·310/300 − 60 = −8.33, "no improvement".
  { name: 'more than expected (the issue\'s −8.3)', counts: { Rb: 50, Ra: 60, Db: 30, Da: 20, Cb: 300, Ca: 310 }, conclusion: 'more', incidents: 8 },
  { name: 'fewer than before, yet more than expected', counts: { Rb: 40, Ra: 35, Db: 30, Da: 30, Cb: 100, Ca: 50 }, conclusion: 'more', incidents: 15 },
  { name: 'no control incidents before', counts: { Rb: 40, Ra: 30, Db: 30, Da: 30, Cb: 0, Ca: 10 }, conclusion: 'unknown', incidents: null },
  // Ca = 0: expected 0 after, so every incident after is "more than expected"; the WDQ is undefined.
  { name: 'no control incidents after', counts: { Rb: 10, Ra: 5, Db: 30, Da: 30, Cb: 10, Ca: 0 }, conclusion: 'more', incidents: 5 },
];

test('every conclusion has a case, and each case reads as stated', () => {
  assert.deepEqual([...new Set(CASES.map((c) => c.conclusion))].sort(), [...FOLLOW_UP_CONCLUSIONS].sort());
  for (const c of CASES) {
    const v = readFollowUp(evaluateIntervention(c.counts));
    assert.equal(v.conclusion, c.conclusion, c.name);
    assert.equal(v.incidents, c.incidents, c.name);
  }
});

test('the sign of the net effect decides the conclusion, and the WDQ is read only after an improvement (every count combination)', () => {
  const values = [0, 3, 20, 41];
  const controls = [0, 7, 100];
  let checked = 0;
  for (const Rb of values) for (const Ra of values) for (const Db of values) for (const Da of values) for (const Cb of controls) for (const Ca of controls) {
    const r = evaluateIntervention({ Rb, Ra, Db, Da, Cb, Ca });
    const v = readFollowUp(r);
    const ne = r.netEffect.value;
    const where = JSON.stringify({ Rb, Ra, Db, Da, Cb, Ca, ne, interpretation: r.interpretation });
    if (ne === null) assert.equal(v.conclusion, 'unknown', where);
    else if (ne >= 0.5) assert.ok(v.conclusion.startsWith('fewer') && v.incidents === Math.round(ne), where);
    else if (ne <= -0.5) assert.ok(v.conclusion === 'more' && v.incidents === Math.round(-ne), where);
    else assert.equal(v.conclusion, 'as-expected', where);
    // Read only when Bowers & Johnson read it too (a success in R), and never against a "more".
    if (v.wdqInterpreted) assert.ok(r.interpretation !== null && r.interpretation !== 'no-success-in-response-area' && v.conclusion.startsWith('fewer'), where);
    if (r.interpretation === 'no-success-in-response-area') assert.ok(!v.conclusion.startsWith('fewer'), where);
    // "No gain overall" exactly when the place and its buffer together came out no better than expected.
    if (v.conclusion === 'fewer-all-moved') assert.ok(r.totalNetEffect.value! < 0, where);
    if (v.conclusion === 'fewer-and-spread') assert.ok(r.bufferNetEffect.value! > 0, where);
    checked++;
  }
  assert.equal(checked, 4 ** 4 * 9);
});

test('the gross change and the total are directions with sizes, never signed counts', () => {
  const v = readFollowUp(evaluateIntervention({ Rb: 40, Ra: 18, Db: 30, Da: 26, Cb: 120, Ca: 115 }));
  assert.deepEqual(v.gross, { direction: 'fewer', incidents: 22 });
  assert.deepEqual(v.total, { direction: 'fewer', incidents: 23 });
  assert.deepEqual(readFollowUp(evaluateIntervention({ Rb: 10, Ra: 13, Db: 5, Da: 5, Cb: 10, Ca: 10 })).gross, { direction: 'more', incidents: 3 });
  assert.deepEqual(readFollowUp(evaluateIntervention({ Rb: 10, Ra: 10, Db: 5, Da: 5, Cb: 10, Ca: 10 })).total, { direction: 'same', incidents: 0 });
  assert.equal(readFollowUp(evaluateIntervention({ Rb: 10, Ra: 10, Db: 5, Da: 5, Cb: 0, Ca: 10 })).total, null);
});

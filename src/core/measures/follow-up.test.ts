import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateIntervention } from '../analysis/intervention/index.ts';
import { followUpCaveats, followUpWindows } from './follow-up.ts';

test('a small-count caveat says in words which count it means (Db is "the buffer before")', () => {
  const result = evaluateIntervention({ Rb: 40, Ra: 30, Db: 12, Da: 30, Cb: 100, Ca: 100 });
  const windows = followUpWindows('2026-03-02', '2026-12-01', 26)!;
  const facts = { result, windows, overlapping: [], controlSuggested: false, controlClipped: false, controlEmpty: false };
  const sv = followUpCaveats(facts, 'sv').find((c) => c.code === 'small-count')!;
  assert.equal(sv.message, 'Buffertzonen före (Db) har färre än 20 händelser (12): måtten blir osäkra, en eller två händelser ändrar dem mycket.');
  const en = followUpCaveats(facts, 'en').find((c) => c.code === 'small-count')!;
  assert.equal(en.message, 'The buffer before (Db) has fewer than 20 incidents (12): the measures are unstable, one or two incidents change them a lot.');
});

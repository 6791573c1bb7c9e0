import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateIntervention, type InterventionCounts } from './index.ts';

const base: InterventionCounts = { Rb: 100, Ra: 60, Db: 80, Da: 70, Cb: 200, Ca: 190 };

function close(actual: number | null, want: number, what: string): void {
  assert.ok(actual !== null && Math.abs(actual - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${what}: got ${actual}, want ${want}`);
}

test('diffusion of benefits, computed by hand', () => {
  const r = evaluateIntervention(base);
  // Control trend Ca/Cb = 0.95; expected Ra = 95, expected Da = 76.
  assert.equal(r.grossEffect, -40);
  close(r.grossPercentChange.value, -40, 'gross %');
  close(r.netEffect.value, 35, 'net effect');
  close(r.bufferNetEffect.value, 6, 'buffer net effect');
  close(r.totalNetEffect.value, 41, 'total net effect');
  close(r.successMeasure.value, -35 / 190, 'SM');
  close(r.bufferDisplacementMeasure.value, -6 / 190, 'BDM');
  close(r.wdq.value, 6 / 35, 'WDQ');
  assert.equal(r.interpretation, 'diffusion-of-benefits');
  assert.deepEqual(r.warnings, []);
});

test('every row of Bowers & Johnson\'s interpretation table', () => {
  const c = (Rb: number, Ra: number, Db: number, Da: number) => evaluateIntervention({ Rb, Ra, Db, Da, Cb: 100, Ca: 100 });
  // SM = −0.5, BDM = +0.2: WDQ = −0.4
  let r = c(100, 50, 50, 70);
  close(r.wdq.value, -0.4, 'WDQ'); close(r.totalNetEffect.value, 30, 'TNE');
  assert.equal(r.interpretation, 'displacement-less-than-direct-effect');
  // SM = −0.1, BDM = +0.3: WDQ = −3, the measure was counterproductive (TNE < 0)
  r = c(100, 90, 50, 80);
  close(r.wdq.value, -3, 'WDQ'); close(r.totalNetEffect.value, -20, 'TNE');
  assert.equal(r.interpretation, 'displacement-greater-than-direct-effect');
  // WDQ = −1 exactly: displacement equal to the direct effect still counts as "less than or equal"
  r = c(100, 90, 50, 60);
  close(r.wdq.value, -1, 'WDQ'); close(r.totalNetEffect.value, 0, 'TNE');
  assert.equal(r.interpretation, 'displacement-less-than-direct-effect');
  // SM = −0.1, BDM = −0.3: WDQ = 3
  r = c(100, 90, 100, 70);
  close(r.wdq.value, 3, 'WDQ');
  assert.equal(r.interpretation, 'diffusion-greater-than-direct-effect');
  // WDQ = 1 exactly: diffusion as large as the direct effect
  r = c(100, 90, 100, 90);
  close(r.wdq.value, 1, 'WDQ');
  assert.equal(r.interpretation, 'diffusion-of-benefits');
  // BDM = 0: WDQ = 0 (not −0)
  r = c(100, 80, 40, 40);
  assert.equal(r.wdq.value, 0);
  assert.ok(Object.is(r.wdq.value, 0));
  assert.equal(r.interpretation, 'no-displacement-or-diffusion');
  // R got worse relative to C: SM > 0, WDQ is reported but not interpreted
  r = c(50, 80, 40, 30);
  close(r.successMeasure.value, 0.3, 'SM');
  close(r.wdq.value, -1 / 3, 'WDQ');
  assert.equal(r.interpretation, 'no-success-in-response-area');
});

test('zero counts: every undefined quantity is null with its reason, never Infinity or NaN', () => {
  // Rb = 0: no percentage change in R.
  let r = evaluateIntervention({ ...base, Rb: 0 });
  assert.deepEqual(r.grossPercentChange, { value: null, reason: 'response-before-zero' });
  assert.equal(r.grossEffect, 60);
  close(r.netEffect.value, -60, 'net effect with Rb = 0');
  // Cb = 0: the control trend is undefined, so are all control-based measures.
  r = evaluateIntervention({ ...base, Cb: 0 });
  for (const q of [r.netEffect, r.bufferNetEffect, r.totalNetEffect, r.successMeasure, r.bufferDisplacementMeasure, r.wdq]) {
    assert.deepEqual(q, { value: null, reason: 'control-before-zero' });
  }
  assert.equal(r.interpretation, null);
  close(r.grossPercentChange.value, -40, 'gross % does not need the control');
  // Ca = 0: trend 0 (net effects defined), rates after undefined.
  r = evaluateIntervention({ ...base, Ca: 0 });
  close(r.netEffect.value, -60, 'net effect with Ca = 0');
  close(r.bufferNetEffect.value, -70, 'buffer net effect with Ca = 0');
  close(r.totalNetEffect.value, -130, 'TNE with Ca = 0');
  for (const q of [r.successMeasure, r.bufferDisplacementMeasure, r.wdq]) assert.deepEqual(q, { value: null, reason: 'control-after-zero' });
  assert.equal(r.interpretation, null);
  // Both control counts zero: 'control-before-zero' wins (it is the first undefined ratio).
  r = evaluateIntervention({ ...base, Cb: 0, Ca: 0 });
  assert.equal(r.successMeasure.reason, 'control-before-zero');
  // SM = 0: no change in R relative to C, WDQ undefined.
  r = evaluateIntervention({ Rb: 50, Ra: 50, Db: 30, Da: 40, Cb: 100, Ca: 100 });
  assert.equal(r.successMeasure.value, 0);
  assert.deepEqual(r.wdq, { value: null, reason: 'no-change-in-response' });
  assert.equal(r.interpretation, 'no-success-in-response-area');
  // Zero in the buffer is fine: BDM = 0 − 0.
  r = evaluateIntervention({ Rb: 50, Ra: 25, Db: 0, Da: 0, Cb: 100, Ca: 100 });
  assert.equal(r.wdq.value, 0);
  // Everything zero.
  r = evaluateIntervention({ Rb: 0, Ra: 0, Db: 0, Da: 0, Cb: 0, Ca: 0 });
  assert.equal(r.grossEffect, 0);
  assert.equal(r.grossPercentChange.reason, 'response-before-zero');
  assert.equal(r.wdq.reason, 'control-before-zero');
  assert.equal(r.warnings.length, 6);
  for (const x of [r, evaluateIntervention({ ...base, Ca: 0 }), evaluateIntervention({ ...base, Cb: 0 })]) {
    for (const q of [x.grossPercentChange, x.netEffect, x.bufferNetEffect, x.totalNetEffect, x.successMeasure, x.bufferDisplacementMeasure, x.wdq]) {
      assert.ok(q.value === null || Number.isFinite(q.value));
    }
  }
});

test('small counts give warnings naming the count; the threshold is an option', () => {
  const r = evaluateIntervention({ Rb: 12, Ra: 5, Db: 30, Da: 25, Cb: 40, Ca: 19 });
  assert.deepEqual(r.warnings.map((w) => [w.code, w.field, w.value]), [['small-count', 'Rb', 12], ['small-count', 'Ra', 5], ['small-count', 'Ca', 19]]);
  assert.match(r.warnings[0].message, /Rb = 12 is below 20/);
  assert.deepEqual(evaluateIntervention({ Rb: 12, Ra: 5, Db: 30, Da: 25, Cb: 40, Ca: 19 }, { smallCount: 5 }).warnings, []);
});

test('does not change its input', () => {
  const c = { ...base };
  evaluateIntervention(c);
  assert.deepEqual(c, base);
});

test('bad input is rejected with a precise message', () => {
  assert.throws(() => evaluateIntervention({ ...base, Da: -1 }), /counts.Da must be a finite number ≥ 0, got -1/);
  assert.throws(() => evaluateIntervention({ ...base, Cb: NaN }), /counts.Cb must be a finite number ≥ 0, got NaN/);
  assert.throws(() => evaluateIntervention({ Rb: 1 } as never), /counts.Ra must be a finite number ≥ 0, got undefined/);
  assert.throws(() => evaluateIntervention(null as never), /counts \{ Rb, Ra, Db, Da, Cb, Ca \} are required/);
  assert.throws(() => evaluateIntervention(base, { smallCount: -1 }), /options.smallCount must be a finite number ≥ 0, got -1/);
});

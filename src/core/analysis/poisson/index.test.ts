import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { binomPmf, binomCdf, binomTest, clopperPearson, poissonRateTest, poissonRateTestPValue } from './index.ts';

type R = number | 'NaN' | 'Inf' | '-Inf';
const expected = JSON.parse(readFileSync(new URL('./fixtures/expected.json', import.meta.url), 'utf8')) as {
  binom: { x: number; n: number; p: number; pmf: number; lower: number; upper: number }[];
  binomTest: { x: number; n: number; p: number; confLevel: number; pValue: number; confInt: [number, number] }[];
  poissonTest: {
    x1: number; t1: number; x2: number; t2: number; r: number; confLevel: number;
    pValue: number; rateRatio: R; confInt: [number, R]; expectedCount1: number;
  }[];
};

/** Relative agreement (absolute below 1e-300, where R's values underflow anyway). */
function close(actual: number, want: number, tol: number, what: string): void {
  const scale = Math.max(Math.abs(want), 1e-300);
  assert.ok(Math.abs(actual - want) <= tol * scale, `${what}: got ${actual}, R gives ${want} (rel. diff ${Math.abs(actual - want) / scale})`);
}

test('binomPmf and binomCdf agree with R dbinom (1e-13) and pbinom (1e-12)', () => {
  for (const c of expected.binom) {
    const label = `x=${c.x} n=${c.n} p=${c.p}`;
    close(binomPmf(c.x, c.n, c.p), c.pmf, 1e-13, `dbinom ${label}`);
    // R's pbinom goes through the incomplete beta function; ours sums dbinom terms, so in far tails
    // (pbinom(1, 1000, 0.3) ≈ 5e-153) it inherits dbinom's ~2e-13 relative error there.
    close(binomCdf(c.x, c.n, c.p), c.lower, 1e-12, `pbinom ${label}`);
    close(binomCdf(c.x, c.n, c.p, false), c.upper, 1e-12, `pbinom upper ${label}`);
  }
});

test('binomTest agrees with R binom.test (p-value and Clopper–Pearson interval) to 1e-12', () => {
  for (const c of expected.binomTest) {
    const label = `x=${c.x} n=${c.n} p=${c.p} conf=${c.confLevel}`;
    const r = binomTest(c.x, c.n, c.p, c.confLevel);
    close(r.pValue, c.pValue, 1e-12, `p-value ${label}`);
    close(r.confInt[0], c.confInt[0], 1e-12, `lower ${label}`);
    close(r.confInt[1], c.confInt[1], 1e-12, `upper ${label}`);
  }
});

test('poissonRateTest agrees with R poisson.test (p, rate ratio, interval) to 1e-12, zeros as null', () => {
  for (const c of expected.poissonTest) {
    const label = `x=(${c.x1},${c.x2}) T=(${c.t1},${c.t2}) r=${c.r} conf=${c.confLevel}`;
    const r = poissonRateTest(c.x1, c.t1, c.x2, c.t2, { r: c.r, confLevel: c.confLevel });
    close(r.pValue, c.pValue, 1e-12, `p-value ${label}`);
    // R prints "expected count1" as n·r·t1/(t1 + r·t2), which is not the mean its own test uses when
    // r ≠ 1; we return the null mean n·r·t1/(r·t1 + t2) and compare with R only where they agree.
    if (c.r === 1) close(r.expectedCount1, c.expectedCount1, 1e-14, `expected count ${label}`);
    else close(r.expectedCount1, ((c.x1 + c.x2) * c.r * c.t1) / (c.r * c.t1 + c.t2), 1e-14, `expected count ${label}`);
    if (typeof c.rateRatio === 'number') {
      assert.equal(r.rateRatioReason, null);
      close(r.rateRatio as number, c.rateRatio, 1e-14, `rate ratio ${label}`);
    } else {
      assert.equal(r.rateRatio, null, label);
      assert.equal(r.rateRatioReason, c.rateRatio === 'NaN' ? 'both-zero' : 'base-zero', label);
    }
    close(r.confInt[0], c.confInt[0] as number, 1e-12, `lower ${label}`);
    if (c.confInt[1] === 'Inf') assert.equal(r.confInt[1], null, label);
    else close(r.confInt[1] as number, c.confInt[1] as number, 1e-12, `upper ${label}`);
  }
});

test('clopperPearson edges: x = 0 and x = n are closed at 0 and 1; n = 0 gives [0, 1]', () => {
  assert.equal(clopperPearson(0, 10)[0], 0);
  assert.equal(clopperPearson(10, 10)[1], 1);
  assert.deepEqual(clopperPearson(0, 0), [0, 1]);
  // Hand check: x = 0 upper limit solves (1 − p)^n = α/2.
  close(clopperPearson(0, 10)[1], 1 - Math.pow(0.025, 1 / 10), 1e-14, 'x = 0 upper');
});

test('bad input is rejected with a message naming the argument', () => {
  assert.throws(() => binomPmf(-1, 10, 0.5), /binomPmf: x must be a non-negative integer, got -1/);
  assert.throws(() => binomPmf(1.5, 10, 0.5), /x must be a non-negative integer, got 1.5/);
  assert.throws(() => binomPmf(1, 10, NaN), /p must be a probability in \[0, 1\], got NaN/);
  assert.throws(() => binomCdf(1, 10, 1.5), /p must be a probability/);
  assert.throws(() => binomCdf(0.5, 10, 0.5), /binomCdf: x must be an integer/);
  assert.throws(() => binomTest(11, 10), /x \(11\) must not exceed n \(10\)/);
  assert.throws(() => clopperPearson(1, 10, 1), /confLevel must be a number strictly between 0 and 1, got 1/);
  assert.throws(() => poissonRateTest(1, 0, 2, 1), /t1 \(exposure\) must be a finite number > 0, got 0/);
  assert.throws(() => poissonRateTest(1, 1, 2, NaN), /t2 \(exposure\) must be a finite number > 0, got NaN/);
  assert.throws(() => poissonRateTest(-1, 1, 2, 1), /x1 must be a non-negative integer, got -1/);
  assert.throws(() => poissonRateTest(1, 1, 2, 1, { r: 0 }), /options.r .* must be a finite number > 0, got 0/);
});

test('poissonRateTestPValue is poisson.test\'s p-value (r = 1) without the interval, also at a million events', () => {
  for (const c of expected.poissonTest.filter((c: any) => c.r === 1)) {
    close(poissonRateTestPValue(c.x1, c.t1, c.x2, c.t2), c.pValue, 1e-12, `x=(${c.x1},${c.x2}) T=(${c.t1},${c.t2})`);
  }
  // Large counts (a year of a big city): the same as the full test, computed without the interval.
  assert.equal(poissonRateTestPValue(501_234, 365, 498_100, 365), poissonRateTest(501_234, 365, 498_100, 365).pValue);
  assert.throws(() => poissonRateTestPValue(1, 0, 2, 1), /exposures must be finite numbers > 0/);
  assert.throws(() => poissonRateTestPValue(-1, 1, 2, 1), /x1/);
});

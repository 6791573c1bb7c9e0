import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateIntervention, type InterventionCounts } from '../../../../src/core/analysis/intervention/index.ts';
import { lang } from '../../i18n/index.ts';
import { followUpTexts } from './follow-up-text.ts';

/** What the follow-up page says for each sign/conclusion combination, in Swedish and English. */
const CASES: Array<{ name: string; counts: InterventionCounts; sv: Record<string, RegExp>; en: Record<string, RegExp> }> = [
  {
    name: 'fewer, the buffer improved too', counts: { Rb: 40, Ra: 30, Db: 30, Da: 25, Cb: 100, Ca: 100 },
    sv: { conclusion: /^Åtgärden verkar ha fungerat: ungefär 10 färre händelser än väntat på platsen, och även omgivningen/, net: /^Ungefär 10 färre händelser än väntat \(nettoeffekt \+10,0\)$/, wdqReading: /^även omgivningen fick det bättre$/, gross: /^10 färre händelser efter starten än före \(−25 %\)$/ },
    en: { conclusion: /^The measure appears to have worked: about 10 fewer incidents than expected/, net: /^About 10 fewer incidents than expected \(net effect \+10\.0\)$/, wdqReading: /^the surroundings improved too$/, gross: /^10 fewer incidents after the start than before \(−25 %\)$/ },
  },
  {
    name: 'fewer, the buffer unchanged', counts: { Rb: 40, Ra: 30, Db: 30, Da: 30, Cb: 100, Ca: 100 },
    sv: { conclusion: /problemet flyttade inte till omgivningen/, wdqReading: /^problemet flyttade inte till omgivningen$/ },
    en: { conclusion: /the problem did not move/, wdqReading: /^the problem did not move to the surroundings$/ },
  },
  {
    name: 'fewer, some displaced', counts: { Rb: 40, Ra: 30, Db: 30, Da: 35, Cb: 100, Ca: 100 },
    sv: { conclusion: /^Åtgärden verkar delvis ha fungerat/, wdq: /^−0,50$/, total: /^Ungefär 5 färre händelser än väntat på platsen och i omgivningen tillsammans \(total nettoeffekt \+5,0\)$/ },
    en: { conclusion: /^The measure appears to have partly worked/, wdq: /^−0\.50$|^-0\.50$/, total: /^About 5 fewer incidents than expected .*\(total net effect \+5\.0\)$/ },
  },
  {
    name: 'fewer, more displaced than gained', counts: { Rb: 40, Ra: 30, Db: 30, Da: 45, Cb: 100, Ca: 100 },
    sv: { conclusion: /^Ingen vinst sammantaget: ungefär 10 färre händelser än väntat på platsen, men mer än så flyttade/, wdqReading: /^mer flyttade till omgivningen än vad som vanns på platsen$/, total: /^Ungefär 5 fler händelser .*\(total nettoeffekt −5,0\)$/ },
    en: { conclusion: /^No gain overall: about 10 fewer incidents/, wdqReading: /^more moved to the surroundings than was gained at the place$/, total: /^About 5 more incidents .*\(total net effect −5\.0\)$/ },
  },
  {
    name: 'one incident: singular', counts: { Rb: 40, Ra: 39, Db: 30, Da: 30, Cb: 100, Ca: 100 },
    sv: { net: /^Ungefär 1 färre händelse än väntat \(nettoeffekt \+1,0\)$/, gross: /^1 färre händelse efter starten än före/ },
    en: { net: /^About 1 fewer incident than expected \(net effect \+1\.0\)$/, gross: /^1 fewer incident after the start than before/ },
  },
  {
    name: 'a fraction of an incident: about as many', counts: { Rb: 40, Ra: 40, Db: 30, Da: 20, Cb: 100, Ca: 101 },
    sv: { conclusion: /^Ingen märkbar effekt/, net: /^Ungefär lika många som väntat \(nettoeffekt \+0,4\)$/, wdqReading: /^tolkas inte/, gross: /^Lika många händelser efter starten som före$/ },
    en: { conclusion: /^No noticeable effect/, net: /^About as many as expected \(net effect \+0\.4\)$/, wdqReading: /^not interpreted/, gross: /^As many incidents after the start as before$/ },
  },
  {
    // The issue: "Nettoeffekt −8,3 händelser förhindrade" next to "Ingen förbättring".
    name: 'more than expected', counts: { Rb: 50, Ra: 60, Db: 30, Da: 20, Cb: 300, Ca: 310 },
    sv: { conclusion: /^Ingen förbättring: ungefär 8 fler händelser än väntat på platsen\.$/, net: /^Ungefär 8 fler händelser än väntat \(nettoeffekt −8,3\)$/, wdqReading: /^tolkas inte, eftersom platsen inte fick färre händelser än väntat$/, gross: /^10 fler händelser efter starten än före \(\+20 %\)$/ },
    en: { conclusion: /^No improvement: about 8 more incidents than expected at the place\.$/, net: /^About 8 more incidents than expected \(net effect −8\.3\)$/, wdqReading: /^not interpreted/, gross: /^10 more incidents after the start than before \(\+20 %\)$/ },
  },
  {
    name: 'no control incidents before', counts: { Rb: 40, Ra: 30, Db: 30, Da: 30, Cb: 0, Ca: 10 },
    sv: { conclusion: /^Effekten kan inte bedömas: kontrollområdet hade inga händelser före\.$/, net: /^kan inte beräknas \(kontrollområdet hade inga händelser före\)$/, wdq: /^kan inte beräknas/ },
    en: { conclusion: /^The effect cannot be assessed: the control area had no incidents before\.$/, net: /^cannot be computed/, wdq: /^cannot be computed/ },
  },
  {
    name: 'no control incidents after', counts: { Rb: 10, Ra: 5, Db: 30, Da: 30, Cb: 10, Ca: 0 },
    sv: { conclusion: /^Ingen förbättring: ungefär 5 fler händelser än väntat/, wdq: /^kan inte beräknas \(kontrollområdet hade inga händelser efter\)$/ },
    en: { conclusion: /^No improvement: about 5 more incidents than expected/, wdq: /^cannot be computed \(the control area had no incidents after\)$/ },
  },
];

const withLang = <T>(l: 'sv' | 'en', f: () => T): T => {
  const before = lang.value;
  lang.value = l;
  try { return f(); } finally { lang.value = before; }
};

for (const l of ['sv', 'en'] as const) {
  test(`follow-up page texts (${l}): each sign and conclusion in words that agree`, () => withLang(l, () => {
    for (const c of CASES) {
      const got = followUpTexts(evaluateIntervention(c.counts));
      for (const [k, re] of Object.entries(c[l])) assert.match(String(got[k as keyof typeof got]), re, `${c.name}: ${k} = ${got[k as keyof typeof got]}`);
      assert.doesNotMatch(Object.values(got).join(' '), /förhindrade|prevented|\{\w+\}/, c.name);
    }
  }));
}

test('follow-up page texts: over every count combination, "fewer" goes with a positive net effect and "more" with a negative one', () => withLang('sv', () => {
  const values = [0, 1, 3, 20, 41];
  const controls = [0, 7, 100];
  for (const Rb of values) for (const Ra of values) for (const Db of [0, 20]) for (const Da of [0, 3, 41]) for (const Cb of controls) for (const Ca of controls) {
    const r = evaluateIntervention({ Rb, Ra, Db, Da, Cb, Ca });
    const ne = r.netEffect.value;
    const x = followUpTexts(r);
    const where = `${JSON.stringify({ Rb, Ra, Db, Da, Cb, Ca, ne })}: ${x.conclusion} | ${x.net}`;
    assert.equal(/färre händelser? än väntat/.test(x.net), ne !== null && ne >= 0.5, where);
    assert.equal(/fler händelser? än väntat/.test(x.net), ne !== null && ne <= -0.5, where);
    assert.equal(/^Ingen förbättring/.test(x.conclusion), ne !== null && ne <= -0.5, where);
    if (ne !== null && ne > 0) assert.match(x.net, /\(nettoeffekt \+/, where);
    if (ne !== null && ne < 0) assert.match(x.net, /\(nettoeffekt −/, where);
    if (/^(Ingen förbättring|Ingen märkbar)/.test(x.conclusion) && x.wdqReading !== null) assert.match(x.wdqReading, /^tolkas inte/, where);
  }
}));

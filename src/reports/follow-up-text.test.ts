import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateIntervention, type InterventionCounts } from '../core/analysis/intervention/index.ts';
import { actionPlanDocument } from './action-plan/document.ts';
import { fixtureActionPlan } from './fixtures/action-plan.ts';
import { conclusionText, effectSummary, grossText, netEffectText, totalNetEffectText, wdqText, type FollowUpLang } from './follow-up-text.ts';

/** Every sign/conclusion combination with what the documents must say (Swedish and English). */
const CASES: Array<{ name: string; counts: InterventionCounts; sv: Record<string, RegExp>; en: Record<string, RegExp> }> = [
  {
    name: 'fewer, the buffer improved too', counts: { Rb: 40, Ra: 30, Db: 30, Da: 25, Cb: 100, Ca: 100 },
    sv: { conclusion: /^Åtgärden verkar ha fungerat: ungefär 10 färre händelser än väntat på platsen, och även omgivningen/, net: /^ungefär 10 färre händelser än väntat \(nettoeffekt \+10,0\)$/, wdq: /^0,50: även omgivningen fick det bättre$/ },
    en: { conclusion: /^The measure appears to have worked: about 10 fewer incidents than expected at the place, and the surroundings/, net: /^about 10 fewer incidents than expected \(net effect \+10\.0\)$/, wdq: /^0\.50: the surroundings improved too$/ },
  },
  {
    name: 'fewer, the buffer unchanged', counts: { Rb: 40, Ra: 30, Db: 30, Da: 30, Cb: 100, Ca: 100 },
    sv: { conclusion: /^Åtgärden verkar ha fungerat: .*problemet flyttade inte/, wdq: /^0,00: problemet flyttade inte till omgivningen$/ },
    en: { conclusion: /^The measure appears to have worked: .*did not move/, wdq: /^0\.00: the problem did not move to the surroundings$/ },
  },
  {
    name: 'fewer, some displaced', counts: { Rb: 40, Ra: 30, Db: 30, Da: 35, Cb: 100, Ca: 100 },
    sv: { conclusion: /^Åtgärden verkar delvis ha fungerat: ungefär 10 färre händelser än väntat på platsen, men en del flyttade/, wdq: /^−0,50: en del av problemet flyttade/, total: /^ungefär 5 färre händelser än väntat på platsen och i omgivningen tillsammans \(total nettoeffekt \+5,0\)$/ },
    en: { conclusion: /^The measure appears to have partly worked: about 10 fewer incidents/, wdq: /^−0\.50: some of the problem moved/, total: /^about 5 fewer incidents than expected at the place and in the surroundings together \(total net effect \+5\.0\)$/ },
  },
  {
    name: 'fewer, more displaced than gained', counts: { Rb: 40, Ra: 30, Db: 30, Da: 45, Cb: 100, Ca: 100 },
    sv: { conclusion: /^Ingen vinst sammantaget: ungefär 10 färre händelser än väntat på platsen, men mer än så flyttade/, total: /^ungefär 5 fler händelser än väntat på platsen och i omgivningen tillsammans \(total nettoeffekt −5,0\)$/ },
    en: { conclusion: /^No gain overall: about 10 fewer incidents than expected at the place, but more than that moved/, total: /^about 5 more incidents than expected .*\(total net effect −5\.0\)$/ },
  },
  {
    name: 'one incident: singular', counts: { Rb: 40, Ra: 39, Db: 30, Da: 30, Cb: 100, Ca: 100 },
    sv: { net: /^ungefär 1 färre händelse än väntat \(nettoeffekt \+1,0\)$/, gross: /^1 färre händelse efter starten än före \(−3 %\)$/ },
    en: { net: /^about 1 fewer incident than expected \(net effect \+1\.0\)$/, gross: /^1 fewer incident after the start than before \(−3 %\)$/ },
  },
  {
    name: 'a fraction of an incident: about as many, the quotient not read', counts: { Rb: 40, Ra: 40, Db: 30, Da: 20, Cb: 100, Ca: 101 },
    sv: { conclusion: /^Ingen märkbar effekt: ungefär lika många händelser som väntat på platsen\.$/, net: /^ungefär lika många som väntat \(nettoeffekt \+0,4\)$/, wdq: /: tolkas inte, eftersom platsen inte fick färre händelser än väntat$/, gross: /^lika många händelser efter starten som före$/ },
    en: { conclusion: /^No noticeable effect: about as many incidents as expected at the place\.$/, net: /^about as many as expected \(net effect \+0\.4\)$/, wdq: /: not interpreted, because/, gross: /^as many incidents after the start as before$/ },
  },
  {
    // The issue: "Nettoeffekt −8,3 händelser förhindrade" next to "Ingen förbättring".
    name: 'more than expected', counts: { Rb: 50, Ra: 60, Db: 30, Da: 20, Cb: 300, Ca: 310 },
    sv: { conclusion: /^Ingen förbättring: ungefär 8 fler händelser än väntat på platsen\.$/, net: /^ungefär 8 fler händelser än väntat \(nettoeffekt −8,3\)$/, wdq: /^−?\d+,\d\d: tolkas inte, eftersom platsen inte fick färre händelser än väntat$/, gross: /^10 fler händelser efter starten än före \(\+20 %\)$/ },
    en: { conclusion: /^No improvement: about 8 more incidents than expected at the place\.$/, net: /^about 8 more incidents than expected \(net effect −8\.3\)$/, wdq: /: not interpreted, because the place did not have fewer incidents than expected$/, gross: /^10 more incidents after the start than before \(\+20 %\)$/ },
  },
  {
    name: 'fewer than before, yet more than expected', counts: { Rb: 40, Ra: 35, Db: 30, Da: 30, Cb: 100, Ca: 50 },
    sv: { conclusion: /^Ingen förbättring: ungefär 15 fler händelser än väntat/, gross: /^5 färre händelser efter starten än före \(−13 %\)$/ },
    en: { conclusion: /^No improvement: about 15 more incidents than expected/, gross: /^5 fewer incidents after the start than before \(−13 %\)$/ },
  },
  {
    name: 'no control incidents before', counts: { Rb: 40, Ra: 30, Db: 30, Da: 30, Cb: 0, Ca: 10 },
    sv: { conclusion: /^Effekten kan inte bedömas: kontrollområdet hade inga händelser före\.$/, net: /^kan inte beräknas \(kontrollområdet hade inga händelser före\)$/, wdq: /^kan inte beräknas/ },
    en: { conclusion: /^The effect cannot be assessed: the control area had no incidents before\.$/, net: /^cannot be computed \(the control area had no incidents before\)$/, wdq: /^cannot be computed/ },
  },
  {
    name: 'no control incidents after', counts: { Rb: 10, Ra: 5, Db: 30, Da: 30, Cb: 10, Ca: 0 },
    sv: { conclusion: /^Ingen förbättring: ungefär 5 fler händelser än väntat/, wdq: /^kan inte beräknas \(kontrollområdet hade inga händelser efter\)$/ },
    en: { conclusion: /^No improvement: about 5 more incidents than expected/, wdq: /^cannot be computed \(the control area had no incidents after\)$/ },
  },
];

const texts = (c: InterventionCounts, lang: FollowUpLang) => {
  const r = evaluateIntervention(c);
  return { conclusion: conclusionText(r, lang), net: netEffectText(r, lang), wdq: wdqText(r, lang), gross: grossText(r, lang), total: totalNetEffectText(r, lang), summary: effectSummary(r, lang) };
};

for (const lang of ['sv', 'en'] as const) {
  test(`follow-up texts (${lang}): each sign and conclusion in words that agree`, () => {
    for (const c of CASES) {
      const got = texts(c.counts, lang);
      for (const [k, re] of Object.entries(c[lang])) assert.match(got[k as keyof typeof got], re, `${c.name}: ${k}`);
      // The one-cell summary starts with the same conclusion.
      assert.ok(got.summary.startsWith(got.conclusion), `${c.name}: summary`);
    }
  });
}

test('follow-up texts: over every count combination, "fewer" goes with a positive net effect and "more" with a negative one', () => {
  const values = [0, 1, 3, 20, 41];
  const controls = [0, 7, 100];
  for (const Rb of values) for (const Ra of values) for (const Db of [0, 20]) for (const Da of [0, 3, 41]) for (const Cb of controls) for (const Ca of controls) {
    const r = evaluateIntervention({ Rb, Ra, Db, Da, Cb, Ca });
    const ne = r.netEffect.value;
    for (const lang of ['sv', 'en'] as const) {
      const x = texts({ Rb, Ra, Db, Da, Cb, Ca }, lang);
      const where = `${lang} ${JSON.stringify({ Rb, Ra, Db, Da, Cb, Ca, ne })}: ${x.conclusion} | ${x.net}`;
      const fewer = lang === 'sv' ? /färre händelser? än väntat/ : /fewer incidents? than expected/;
      const more = lang === 'sv' ? /fler händelser? än väntat/ : /more incidents? than expected/;
      const good = lang === 'sv' ? /^Åtgärden verkar/ : /^The measure appears/;
      assert.equal(fewer.test(x.net), ne !== null && ne >= 0.5, where);
      assert.equal(more.test(x.net), ne !== null && ne <= -0.5, where);
      assert.equal(good.test(x.conclusion), ne !== null && ne >= 0.5 && (r.totalNetEffect.value ?? 0) >= 0, where);
      // The sign printed beside the words is the net effect's own.
      if (ne !== null && ne > 0) assert.match(x.net, /\((nettoeffekt|net effect) \+/, where);
      if (ne !== null && ne < 0) assert.match(x.net, /\((nettoeffekt|net effect) −/, where);
      // The quotient is never given a reading against a conclusion of no improvement.
      if (!good.test(x.conclusion) && !/^(Ingen vinst|No gain)/.test(x.conclusion) && r.wdq.value !== null) assert.match(x.wdq, /tolkas inte|not interpreted/, where);
    }
  }
});

test('the action plan\'s effect section says "more than expected" for a negative net effect, with a conclusion that agrees', () => {
  const input = fixtureActionPlan();
  const counts = { Rb: 50, Ra: 60, Db: 30, Da: 20, Cb: 300, Ca: 310 };
  input.measures[0].followUp!.counts = counts;
  input.measures[0].followUp!.result = evaluateIntervention(counts);
  const doc = actionPlanDocument(input);
  const kv = doc.blocks.find((b) => b.kind === 'keyValues' && b.caption === 'Effektmått: Ny belysning vid resecentrum');
  assert.ok(kv && kv.kind === 'keyValues');
  const value = (label: RegExp) => kv.items.find((i) => label.test(i.label))?.value ?? '';
  assert.match(value(/^Nettoeffekt$/), /^ungefär 8 fler händelser än väntat \(nettoeffekt −8,3\)$/);
  assert.doesNotMatch(value(/^Nettoeffekt$/), /färre|förhindrade/);
  assert.match(value(/^Slutsats$/), /^Ingen förbättring: ungefär 8 fler händelser än väntat/);
  assert.match(value(/WDQ/), /tolkas inte/);
  // The terms are explained before the measures: R, D, C, b and a, the expected count, the net effect's sign and the WDQ.
  const explanation = doc.blocks.find((b) => b.kind === 'paragraph' && b.text.includes('Bowers och Johnson'));
  assert.ok(explanation && explanation.kind === 'paragraph');
  for (const term of ['Rb är antalet i åtgärdsområdet före', 'Da antalet i buffertzonen efter', 'positiv betyder färre händelser än väntat, negativ fler', 'WDQ (viktad förflyttningskvot', '(Da/Ca − Db/Cb)/(Ra/Ca − Rb/Cb)']) {
    assert.ok(explanation.text.includes(term), term);
  }
});

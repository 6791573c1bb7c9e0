/**
 * Bowers & Johnson's follow-up measures in plain words, for the documents (the action plan's PDF and
 * DOCX). Every sentence is written from one verdict (core/measures/follow-up-reading.ts), so the
 * sign of a number, its wording and the conclusion next to it agree; the web page says the same from
 * its catalogue (web/src/i18n/sections/measures.ts).
 */
import type { InterventionResult, Quantity } from '../core/analysis/intervention/index.ts';
import { readFollowUp, type FollowUpConclusion } from '../core/measures/follow-up-reading.ts';
import { plural } from '../core/i18n/plural.ts';
import { DOMAIN_TERMS } from '../core/i18n/terms.ts';

export type FollowUpLang = 'sv' | 'en';

const LOCALE: Record<FollowUpLang, string> = { sv: 'sv-SE', en: 'en-GB' };

/** 8,3 or 8.3 (the minus sign is U+2212 in both). */
const number = (n: number, decimals: number, lang: FollowUpLang) =>
  new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n).replace('-', '−');
/** +8,3 or −8,3: a net effect without its sign reads as a count. */
const signedNumber = (n: number, decimals: number, lang: FollowUpLang) => (n > 0 ? '+' : '') + number(n, decimals, lang);
const incidents = (n: number, lang: FollowUpLang) => plural(lang, n, lang === 'sv' ? { one: 'händelse', other: 'händelser' } : { one: 'incident', other: 'incidents' });

const TEXT = {
  sv: {
    reason: {
      'response-before-zero': 'inga händelser före i åtgärdsområdet',
      'control-before-zero': 'kontrollområdet hade inga händelser före',
      'control-after-zero': 'kontrollområdet hade inga händelser efter',
      'no-change-in-response': 'ingen förändring i åtgärdsområdet jämfört med kontrollområdet',
    } as Record<string, string>,
    cannot: (reason: string) => `kan inte beräknas (${reason})`,
    conclusion: {
      'fewer-and-spread': (n: string) => `Åtgärden verkar ha fungerat: ungefär ${n} än väntat på platsen, och även omgivningen (buffertzonen) fick färre än väntat.`,
      fewer: (n: string) => `Åtgärden verkar ha fungerat: ungefär ${n} än väntat på platsen, och problemet flyttade inte till omgivningen (buffertzonen).`,
      'fewer-some-moved': (n: string) => `Åtgärden verkar delvis ha fungerat: ungefär ${n} än väntat på platsen, men en del flyttade till omgivningen (buffertzonen), mindre än vad som vanns.`,
      'fewer-all-moved': (n: string) => `Ingen vinst sammantaget: ungefär ${n} än väntat på platsen, men mer än så flyttade till omgivningen (buffertzonen).`,
      'as-expected': () => 'Ingen märkbar effekt: ungefär lika många händelser som väntat på platsen.',
      more: (n: string) => `Ingen förbättring: ungefär ${n} än väntat på platsen.`,
      unknown: (reason: string) => `Effekten kan inte bedömas: ${reason}.`,
    } satisfies Record<FollowUpConclusion, (x: string) => string>,
    fewer: (n: number) => `${n} färre ${incidents(n, 'sv')}`,
    more: (n: number) => `${n} fler ${incidents(n, 'sv')}`,
    net: (what: string, value: string) => `ungefär ${what} än väntat (nettoeffekt ${value})`,
    netSame: (value: string) => `ungefär lika många som väntat (nettoeffekt ${value})`,
    total: (what: string, value: string) => `ungefär ${what} än väntat på platsen och i omgivningen tillsammans (total nettoeffekt ${value})`,
    totalSame: (value: string) => `ungefär lika många som väntat på platsen och i omgivningen tillsammans (total nettoeffekt ${value})`,
    gross: (what: string, percent: string) => `${what} efter starten än före${percent}`,
    grossSame: 'lika många händelser efter starten som före',
    wdqNotRead: 'tolkas inte, eftersom platsen inte fick färre händelser än väntat',
    summary: (gross: string, net: string, wdq: string) => `brutto ${gross}, nettoeffekt ${net}, WDQ ${wdq}`,
    explanation: 'Effekten mäts efter Bowers och Johnson. Händelserna räknas före (b) och efter (a) starten i åtgärdsområdet (R), i en buffertzon runt det (D) '
      + 'och i ett kontrollområde (C) som åtgärden inte berör: Rb är antalet i åtgärdsområdet före, Da antalet i buffertzonen efter, och så vidare. '
      + 'Väntat antal är vad platsen skulle ha haft om den hade utvecklats som kontrollområdet (Rb × Ca/Cb). '
      + 'Nettoeffekten är väntat minus verkligt antal: positiv betyder färre händelser än väntat, negativ fler. '
      + 'WDQ (viktad förflyttningskvot, weighted displacement quotient) = (Da/Ca − Db/Cb)/(Ra/Ca − Rb/Cb) jämför förändringen i buffertzonen med förändringen på platsen: '
      + 'över 0 fick även omgivningen det bättre, mellan 0 och −1 flyttade en mindre del av problemet dit, under −1 flyttade mer än vad som vanns. '
      + 'WDQ tolkas bara när platsen fick färre händelser än väntat.',
  },
  en: {
    reason: {
      'response-before-zero': 'no incidents before in the response area',
      'control-before-zero': 'the control area had no incidents before',
      'control-after-zero': 'the control area had no incidents after',
      'no-change-in-response': 'no change in the response area relative to the control area',
    } as Record<string, string>,
    cannot: (reason: string) => `cannot be computed (${reason})`,
    conclusion: {
      'fewer-and-spread': (n: string) => `The measure appears to have worked: about ${n} than expected at the place, and the surroundings (the buffer) also had fewer than expected.`,
      fewer: (n: string) => `The measure appears to have worked: about ${n} than expected at the place, and the problem did not move to the surroundings (the buffer).`,
      'fewer-some-moved': (n: string) => `The measure appears to have partly worked: about ${n} than expected at the place, but some moved to the surroundings (the buffer), less than was gained.`,
      'fewer-all-moved': (n: string) => `No gain overall: about ${n} than expected at the place, but more than that moved to the surroundings (the buffer).`,
      'as-expected': () => 'No noticeable effect: about as many incidents as expected at the place.',
      more: (n: string) => `No improvement: about ${n} than expected at the place.`,
      unknown: (reason: string) => `The effect cannot be assessed: ${reason}.`,
    } satisfies Record<FollowUpConclusion, (x: string) => string>,
    fewer: (n: number) => `${n} fewer ${incidents(n, 'en')}`,
    more: (n: number) => `${n} more ${incidents(n, 'en')}`,
    net: (what: string, value: string) => `about ${what} than expected (net effect ${value})`,
    netSame: (value: string) => `about as many as expected (net effect ${value})`,
    total: (what: string, value: string) => `about ${what} than expected at the place and in the surroundings together (total net effect ${value})`,
    totalSame: (value: string) => `about as many as expected at the place and in the surroundings together (total net effect ${value})`,
    gross: (what: string, percent: string) => `${what} after the start than before${percent}`,
    grossSame: 'as many incidents after the start as before',
    wdqNotRead: 'not interpreted, because the place did not have fewer incidents than expected',
    summary: (gross: string, net: string, wdq: string) => `gross ${gross}, net effect ${net}, WDQ ${wdq}`,
    explanation: 'The effect is measured after Bowers and Johnson. Incidents are counted before (b) and after (a) the start in the response area (R), in a buffer around it (D) '
      + 'and in a control area (C) the measure does not touch: Rb is the count in the response area before, Da the count in the buffer after, and so on. '
      + 'The expected count is what the place would have had had it changed like the control area (Rb × Ca/Cb). '
      + 'The net effect is expected minus actual: positive means fewer incidents than expected, negative more. '
      + 'WDQ (weighted displacement quotient) = (Da/Ca − Db/Cb)/(Ra/Ca − Rb/Cb) compares the change in the buffer with the change at the place: '
      + 'above 0 the surroundings improved too, between 0 and −1 a smaller part of the problem moved there, below −1 more moved than was gained. '
      + 'The WDQ is read only when the place had fewer incidents than expected.',
  },
};

/** Why a quantity is missing, in words. */
const reasonOf = (q: Quantity, lang: FollowUpLang) => TEXT[lang].reason[q.reason ?? ''] ?? TEXT[lang].cannot('–');

/** A quantity with `decimals`, or "cannot be computed (why)". */
export const quantity = (q: Quantity, decimals = 2, lang: FollowUpLang = 'sv'): string =>
  (q.value === null ? TEXT[lang].cannot(reasonOf(q, lang)) : number(q.value, decimals, lang));

/** How R, D, C, b/a (Rb … Ca), the expected count, the net effect and the WDQ are read: printed once before the measures. */
export const followUpExplanation = (lang: FollowUpLang = 'sv'): string => TEXT[lang].explanation;

/** The conclusion in one sentence: "The measure appears to have worked: about 8 fewer incidents than expected at the place, …". */
export function conclusionText(r: InterventionResult, lang: FollowUpLang = 'sv'): string {
  const x = TEXT[lang], v = readFollowUp(r);
  if (v.conclusion === 'unknown') return x.conclusion.unknown(reasonOf(r.netEffect, lang));
  if (v.conclusion === 'as-expected') return x.conclusion['as-expected']();
  return x.conclusion[v.conclusion](v.conclusion === 'more' ? x.more(v.incidents!) : x.fewer(v.incidents!));
}

/** "about 8 fewer incidents than expected (net effect +8.3)"; a negative net effect is "more". */
export function netEffectText(r: InterventionResult, lang: FollowUpLang = 'sv'): string {
  const x = TEXT[lang], v = readFollowUp(r);
  if (r.netEffect.value === null) return x.cannot(reasonOf(r.netEffect, lang));
  const value = signedNumber(r.netEffect.value, 1, lang);
  if (v.conclusion === 'as-expected') return x.netSame(value);
  return x.net(v.conclusion === 'more' ? x.more(v.incidents!) : x.fewer(v.incidents!), value);
}

/** The same for the place and the buffer together. */
export function totalNetEffectText(r: InterventionResult, lang: FollowUpLang = 'sv'): string {
  const x = TEXT[lang], v = readFollowUp(r);
  if (r.totalNetEffect.value === null || !v.total) return x.cannot(reasonOf(r.totalNetEffect, lang));
  const value = signedNumber(r.totalNetEffect.value, 1, lang);
  if (v.total.direction === 'same') return x.totalSame(value);
  return x.total(v.total.direction === 'more' ? x.more(v.total.incidents) : x.fewer(v.total.incidents), value);
}

/** "8 fewer incidents after the start than before (−20 %)". */
export function grossText(r: InterventionResult, lang: FollowUpLang = 'sv'): string {
  const x = TEXT[lang], g = readFollowUp(r).gross;
  if (g.direction === 'same') return x.grossSame;
  const percent = r.grossPercentChange.value === null ? '' : ` (${signedNumber(r.grossPercentChange.value, 0, lang)} %)`;
  return x.gross(g.direction === 'more' ? x.more(g.incidents) : x.fewer(g.incidents), percent);
}

/** "0.17: the surroundings improved too", or why it is not read. */
export function wdqText(r: InterventionResult, lang: FollowUpLang = 'sv'): string {
  const x = TEXT[lang], v = readFollowUp(r);
  if (r.wdq.value === null) return x.cannot(reasonOf(r.wdq, lang));
  const value = number(r.wdq.value, 2, lang);
  return `${value}: ${v.wdqInterpreted && r.interpretation ? DOMAIN_TERMS[lang].wdqReading[r.interpretation] : x.wdqNotRead}`;
}

/** One cell: the conclusion, then the figures it rests on. */
export function effectSummary(r: InterventionResult, lang: FollowUpLang = 'sv'): string {
  const x = TEXT[lang];
  const gross = r.grossPercentChange.value === null ? signedNumber(r.grossEffect, 0, lang) : `${signedNumber(r.grossPercentChange.value, 0, lang)} %`;
  const net = r.netEffect.value === null ? '–' : signedNumber(r.netEffect.value, 1, lang);
  const wdq = r.wdq.value === null ? '–' : number(r.wdq.value, 2, lang);
  return `${conclusionText(r, lang)} (${x.summary(gross, net, wdq)})`;
}

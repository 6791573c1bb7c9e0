/** Bowers & Johnson's follow-up measures in plain Swedish, for the action plan and the lägesbild. */
import type { InterventionResult, Quantity, WdqInterpretation } from '../core/analysis/intervention/index.ts';
import { num, signed } from './format.ts';

export const INTERPRETATION_SV: Record<WdqInterpretation, string> = {
  'diffusion-greater-than-direct-effect': 'Positiv spridning till buffertzonen, större än den direkta effekten',
  'diffusion-of-benefits': 'Positiv spridning: även buffertzonen fick färre händelser',
  'no-displacement-or-diffusion': 'Varken förflyttning eller positiv spridning',
  'displacement-less-than-direct-effect': 'Viss förflyttning till buffertzonen, mindre än den direkta effekten',
  'displacement-greater-than-direct-effect': 'Förflyttning till buffertzonen, större än den direkta effekten',
  'no-success-in-response-area': 'Ingen minskning i åtgärdsområdet jämfört med kontrollområdet',
};

const REASON_SV: Record<string, string> = {
  'response-before-zero': 'inga händelser före',
  'control-before-zero': 'kontrollområdet saknar händelser före',
  'control-after-zero': 'kontrollområdet saknar händelser efter',
  'no-change-in-response': 'ingen förändring i åtgärdsområdet',
};

export const quantity = (q: Quantity, decimals = 2): string => (q.value === null ? `– (${REASON_SV[q.reason ?? ''] ?? 'går inte att beräkna'})` : num(q.value, decimals));

/** One line: gross change, net effect and WDQ with its reading. */
export function effectSummary(r: InterventionResult): string {
  const gross = r.grossPercentChange.value === null ? `${r.grossEffect > 0 ? '+' : ''}${num(r.grossEffect)} händelser` : `${signed(r.grossPercentChange.value)} %`;
  const parts = [`Brutto ${gross}`, `nettoeffekt ${quantity(r.netEffect)}`, `WDQ ${quantity(r.wdq)}`];
  if (r.interpretation) parts.push(INTERPRETATION_SV[r.interpretation]);
  return parts.join('; ');
}

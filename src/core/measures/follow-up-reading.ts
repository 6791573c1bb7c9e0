import type { InterventionResult } from '../analysis/intervention/index.ts';

/**
 * What a measure's follow-up says, as one verdict every text is written from (the web page, the
 * action plan's documents), so the sign of the net effect, its wording and the conclusion can
 * never disagree.
 *
 * Net effect NE = Rb·Ca/Cb − Ra: how many fewer incidents the response area had than "expected",
 * i.e. than if it had changed like the control area. Positive = fewer than expected (good),
 * negative = more. Texts say "about N fewer/more than expected" with N = |NE| rounded to whole
 * incidents, and the verdict is taken from that rounded N: below half an incident it is "about as
 * many as expected", and nothing is concluded from the buffer.
 *
 * The buffer's reading is Bowers & Johnson's WDQ = (Da/Ca − Db/Cb)/(Ra/Ca − Rb/Cb), which equals
 * the buffer's net effect divided by the response area's (both numerator and denominator are −Ca
 * times the net effects). It is interpreted only when the response area improved: with NE ≥ 0.5
 * the success measure SM = −NE/Ca is clearly negative, so the WDQ class and the "fewer" wording
 * always come from the same sign.
 */
export const FOLLOW_UP_CONCLUSIONS = [
  /** Fewer than expected at the place, and the buffer improved too (WDQ > 0: diffusion of benefits). */
  'fewer-and-spread',
  /** Fewer than expected at the place, neither displacement nor diffusion (WDQ = 0). */
  'fewer',
  /** Fewer than expected at the place, some displaced into the buffer, less than was gained (−1 ≤ WDQ < 0). */
  'fewer-some-moved',
  /** Fewer than expected at the place, but more displaced into the buffer than was gained (WDQ < −1). */
  'fewer-all-moved',
  /** About as many as expected (|NE| < 0.5). */
  'as-expected',
  /** More than expected at the place (NE ≤ −0.5): no improvement. */
  'more',
  /** The net effect cannot be computed (no incidents in the control area before). */
  'unknown',
] as const;
export type FollowUpConclusion = (typeof FOLLOW_UP_CONCLUSIONS)[number];

export interface FollowUpReading {
  conclusion: FollowUpConclusion;
  /** |net effect| in whole incidents, what "about N fewer/more" says; null when unknown. */
  incidents: number | null;
  /** Whether the WDQ is read (only when the place had fewer than expected). */
  wdqInterpreted: boolean;
  /** Place and buffer together (total net effect), in whole incidents: direction and size. */
  total: { direction: 'fewer' | 'more' | 'same'; incidents: number } | null;
  /** Incidents after minus before in the response area (Ra − Rb): direction and size. */
  gross: { direction: 'fewer' | 'more' | 'same'; incidents: number };
}

const direction = (n: number): 'fewer' | 'more' | 'same' => (n > 0 ? 'fewer' : n < 0 ? 'more' : 'same');

/** The verdict of a follow-up (see the module comment for how it follows from the numbers). */
export function readFollowUp(r: Pick<InterventionResult, 'netEffect' | 'totalNetEffect' | 'interpretation' | 'grossEffect'>): FollowUpReading {
  // Prevented incidents are positive; the gross effect counts added ones, so its sign is turned.
  const grossPrevented = -r.grossEffect;
  const gross = { direction: direction(grossPrevented), incidents: Math.abs(grossPrevented) };
  const t = r.totalNetEffect.value;
  const totalRounded = t === null ? null : Math.round(t) + 0;
  const total = totalRounded === null ? null : { direction: direction(totalRounded), incidents: Math.abs(totalRounded) };
  const ne = r.netEffect.value;
  if (ne === null) return { conclusion: 'unknown', incidents: null, wdqInterpreted: false, total, gross };
  // + 0 turns −0 (Math.round(−0.4)) into 0.
  const n = Math.round(ne) + 0;
  if (n === 0) return { conclusion: 'as-expected', incidents: 0, wdqInterpreted: false, total, gross };
  if (n < 0) return { conclusion: 'more', incidents: -n, wdqInterpreted: false, total, gross };
  const byWdq: Record<string, FollowUpConclusion> = {
    'diffusion-greater-than-direct-effect': 'fewer-and-spread',
    'diffusion-of-benefits': 'fewer-and-spread',
    'no-displacement-or-diffusion': 'fewer',
    'displacement-less-than-direct-effect': 'fewer-some-moved',
    'displacement-greater-than-direct-effect': 'fewer-all-moved',
  };
  const conclusion = (r.interpretation && byWdq[r.interpretation]) || 'fewer';
  return { conclusion, incidents: n, wdqInterpreted: r.interpretation !== null && r.interpretation in byWdq, total, gross };
}

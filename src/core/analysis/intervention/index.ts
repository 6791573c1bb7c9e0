/**
 * Evaluation of a measure (intervention) at a place with a buffer and a control area, after
 * K. J. Bowers and S. D. Johnson, "Measuring the geographical displacement and diffusion of benefit
 * effects of crime prevention activity", Journal of Quantitative Criminology 19 (2003) 275–301.
 *
 * Areas: R = response (where the measure was taken), D = buffer around it (where crime could be
 * displaced to, or benefits diffuse to), C = control (similar, untreated, not touching D). Counts
 * before (b) and after (a) the start of the measure, over periods of equal length.
 *
 * - gross effect              Ra − Rb (and 100·(Ra − Rb)/Rb %)
 * - net effect (R)            Rb·Ca/Cb − Ra: crimes prevented in R beyond the trend in C (> 0 good)
 * - buffer net effect (D)     Db·Ca/Cb − Da: > 0 diffusion of benefits, < 0 displacement into D
 * - total net effect          net effect + buffer net effect
 * - success measure           SM = Ra/Ca − Rb/Cb  (< 0: R improved relative to C)
 * - buffer displacement m.    BDM = Da/Ca − Db/Cb (> 0: displacement; < 0: diffusion of benefits)
 * - weighted displacement quotient  WDQ = BDM / SM
 *
 * Interpretation (Bowers & Johnson 2003, Table 1), only meaningful when SM < 0:
 *   WDQ > 1       diffusion of benefits greater than the direct effect
 *   0 < WDQ ≤ 1   diffusion of benefits
 *   WDQ = 0       neither displacement nor diffusion
 *   −1 ≤ WDQ < 0  displacement, smaller than the direct effect (net gain)
 *   WDQ < −1      displacement greater than the direct effect (the measure was counterproductive)
 * SM ≥ 0 means no success in R, and the WDQ is not interpreted.
 *
 * Nothing is divided by zero silently: every quantity that is undefined for the given counts is null,
 * with a reason code; small counts give warnings, because the measures are then very unstable.
 */

/** Counts in the response (R), buffer (D) and control (C) areas, before (b) and after (a). */
export interface InterventionCounts {
  Rb: number;
  Ra: number;
  Db: number;
  Da: number;
  Cb: number;
  Ca: number;
}

export interface InterventionOptions {
  /** Counts below this give a 'small-count' warning. Default 20 (Bowers & Johnson's concern for stability). */
  smallCount?: number;
}

const defaultOptions: Required<InterventionOptions> = {
  // Below about 20 events, one or two incidents change every measure a lot.
  smallCount: 20,
};

/** Why a quantity is null. */
export const INTERVENTION_NULL_REASONS = [
  'response-before-zero', // Rb = 0: percentage change of R undefined
  'control-before-zero', // Cb = 0: the control trend Ca/Cb (and Rb/Cb, Db/Cb) is undefined
  'control-after-zero', // Ca = 0: Ra/Ca and Da/Ca are undefined
  'no-change-in-response', // SM = 0: the WDQ's denominator is zero
] as const;
export type InterventionNullReason = (typeof INTERVENTION_NULL_REASONS)[number];

/** A number that may be undefined, with the reason. */
export interface Quantity {
  value: number | null;
  reason: InterventionNullReason | null;
}

export const WDQ_INTERPRETATIONS = [
  'diffusion-greater-than-direct-effect',
  'diffusion-of-benefits',
  'no-displacement-or-diffusion',
  'displacement-less-than-direct-effect',
  'displacement-greater-than-direct-effect',
  'no-success-in-response-area',
] as const;
export type WdqInterpretation = (typeof WDQ_INTERPRETATIONS)[number];

export interface InterventionWarning {
  code: 'small-count';
  /** Which count, e.g. 'Rb'. */
  field: keyof InterventionCounts;
  value: number;
  message: string;
}

export interface InterventionResult {
  grossEffect: number;
  grossPercentChange: Quantity;
  netEffect: Quantity;
  bufferNetEffect: Quantity;
  totalNetEffect: Quantity;
  successMeasure: Quantity;
  bufferDisplacementMeasure: Quantity;
  wdq: Quantity;
  /** Bowers & Johnson's reading of SM and WDQ; null when SM is undefined (zero control counts). */
  interpretation: WdqInterpretation | null;
  warnings: InterventionWarning[];
}

const FIELDS: (keyof InterventionCounts)[] = ['Rb', 'Ra', 'Db', 'Da', 'Cb', 'Ca'];
const ok = (value: number): Quantity => ({ value, reason: null });
const none = (reason: InterventionNullReason): Quantity => ({ value: null, reason });

/**
 * Bowers & Johnson's measures of effect, displacement and diffusion of benefits.
 *
 * @param {InterventionCounts} counts Rb, Ra, Db, Da, Cb, Ca: counts (finite, ≥ 0) before/after in R, D, C
 * @param {InterventionOptions} [options] smallCount: warning threshold (default 20)
 * @returns {InterventionResult} the measures (null with a reason where undefined), interpretation, warnings
 * @example
 * evaluateIntervention({ Rb: 100, Ra: 60, Db: 80, Da: 70, Cb: 200, Ca: 190 });
 * // successMeasure −0.184…, bufferDisplacementMeasure −0.0315…, wdq 0.171…, interpretation 'diffusion-of-benefits'
 */
export function evaluateIntervention(counts: InterventionCounts, options: InterventionOptions = {}): InterventionResult {
  if (counts === null || typeof counts !== 'object') throw new TypeError('evaluateIntervention: counts { Rb, Ra, Db, Da, Cb, Ca } are required');
  for (const f of FIELDS) {
    const v = counts[f];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`evaluateIntervention: counts.${f} must be a finite number ≥ 0, got ${String(v)}`);
    }
  }
  const smallCount = options.smallCount ?? defaultOptions.smallCount;
  if (typeof smallCount !== 'number' || !Number.isFinite(smallCount) || smallCount < 0) {
    throw new RangeError(`evaluateIntervention: options.smallCount must be a finite number ≥ 0, got ${smallCount}`);
  }
  const { Rb, Ra, Db, Da, Cb, Ca } = counts;

  const warnings: InterventionWarning[] = [];
  for (const f of FIELDS) {
    if (counts[f] < smallCount) {
      warnings.push({ code: 'small-count', field: f, value: counts[f],
        message: `${f} = ${counts[f]} is below ${smallCount}; the measures are unstable with so few incidents` });
    }
  }

  const grossPercentChange = Rb === 0 ? none('response-before-zero') : ok((100 * (Ra - Rb)) / Rb);
  let netEffect: Quantity, bufferNetEffect: Quantity, totalNetEffect: Quantity;
  if (Cb === 0) {
    netEffect = bufferNetEffect = totalNetEffect = none('control-before-zero');
  } else {
    const trend = Ca / Cb;
    const ne = Rb * trend - Ra;
    const bne = Db * trend - Da;
    netEffect = ok(ne);
    bufferNetEffect = ok(bne);
    totalNetEffect = ok(ne + bne);
  }
  let successMeasure: Quantity, bufferDisplacementMeasure: Quantity, wdq: Quantity;
  let interpretation: WdqInterpretation | null = null;
  if (Cb === 0 || Ca === 0) {
    const reason = Cb === 0 ? 'control-before-zero' : 'control-after-zero';
    successMeasure = bufferDisplacementMeasure = wdq = none(reason);
  } else {
    const sm = Ra / Ca - Rb / Cb;
    const bdm = Da / Ca - Db / Cb;
    successMeasure = ok(sm);
    bufferDisplacementMeasure = ok(bdm);
    wdq = sm === 0 ? none('no-change-in-response') : ok(bdm / sm + 0); // + 0 turns −0 into 0
    interpretation = sm >= 0 ? 'no-success-in-response-area' : interpret(bdm / sm);
  }
  return {
    grossEffect: Ra - Rb,
    grossPercentChange,
    netEffect,
    bufferNetEffect,
    totalNetEffect,
    successMeasure,
    bufferDisplacementMeasure,
    wdq,
    interpretation,
    warnings,
  };
}

/** Bowers & Johnson's Table 1 for a successful measure (SM < 0). */
function interpret(w: number): WdqInterpretation {
  if (w > 1) return 'diffusion-greater-than-direct-effect';
  if (w > 0) return 'diffusion-of-benefits';
  if (w === 0) return 'no-displacement-or-diffusion';
  if (w >= -1) return 'displacement-less-than-direct-effect';
  return 'displacement-greater-than-direct-effect';
}

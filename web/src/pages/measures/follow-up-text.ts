import { readFollowUp } from '../../../../src/core/measures/follow-up-reading.ts';
import { fmt, t, tn, type MessageKey } from '../../i18n/index.ts';
import type { FollowUp } from '../situation-pictures/types.ts';

type Result = FollowUp['result'];
type Quantity = Result['netEffect'];

/**
 * The follow-up's figures as sentences in the user's language, all from one verdict
 * (src/core/measures/follow-up-reading.ts): a positive net effect reads "about 8 fewer incidents
 * than expected", a negative one "about 8 more", and the conclusion above them is drawn from the
 * same rounded number, so the page can never say "−8.3 prevented" next to "no improvement". The
 * documents word it the same way (src/reports/follow-up-text.ts).
 */
export interface FollowUpTexts {
  conclusion: string;
  gross: string;
  net: string;
  /** The WDQ as a number, or why it cannot be computed. */
  wdq: string;
  /** What the WDQ says, or why it is not read; null when it cannot be computed. */
  wdqReading: string | null;
  total: string;
}

/** "8 fewer incidents" / "1 more incident". */
const howMany = (direction: 'fewer' | 'more', n: number) => tn(`measures.followUp.${direction}`, n);
/** +8,3 or −8,3: a net effect without its sign would read as a count. */
const signed = (n: number, digits = 0) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${fmt.number(Math.abs(n), digits)}`;
const cannot = (q: Quantity) => t('measures.followUp.undefined', { reason: t(`measures.followUp.reason.${q.reason}` as MessageKey) });

export function followUpTexts(r: Result): FollowUpTexts {
  const v = readFollowUp(r);
  const what = v.incidents === null || v.conclusion === 'as-expected' ? '' : howMany(v.conclusion === 'more' ? 'more' : 'fewer', v.incidents);
  const conclusion = v.conclusion === 'unknown'
    ? t('measures.followUp.conclusion.unknown', { reason: t(`measures.followUp.reason.${r.netEffect.reason}` as MessageKey) })
    : t(`measures.followUp.conclusion.${v.conclusion}`, { what });

  const g = v.gross;
  const grossWhat = g.direction === 'same' ? '' : howMany(g.direction, g.incidents);
  const gross = g.direction === 'same' ? t('measures.followUp.grossSame')
    : r.grossPercentChange.value === null ? t('measures.followUp.grossTextNoPercent', { what: grossWhat })
      : t('measures.followUp.grossText', { what: grossWhat, percent: `${signed(r.grossPercentChange.value)} %` });

  const net = r.netEffect.value === null ? cannot(r.netEffect)
    : v.conclusion === 'as-expected' ? t('measures.followUp.netSame', { value: signed(r.netEffect.value, 1) })
      : t('measures.followUp.netText', { what, value: signed(r.netEffect.value, 1) });

  const total = r.totalNetEffect.value === null || !v.total ? cannot(r.totalNetEffect)
    : v.total.direction === 'same' ? t('measures.followUp.totalSame', { value: signed(r.totalNetEffect.value, 1) })
      : t('measures.followUp.totalText', { what: howMany(v.total.direction, v.total.incidents), value: signed(r.totalNetEffect.value, 1) });

  const wdq = r.wdq.value === null ? cannot(r.wdq) : fmt.number(r.wdq.value, 2);
  const wdqReading = r.wdq.value === null ? null
    : v.wdqInterpreted && r.interpretation ? t(`measures.followUp.interpretation.${r.interpretation}`) : t('measures.followUp.wdqNotRead');
  return { conclusion, gross, net, wdq, wdqReading, total };
}

import type { Narrative, SituationPictureContent } from './content.ts';

/** Longest part of the narrative's summary carried into a reporter's återkoppling. */
export const FEEDBACK_EXCERPT = 300;

export interface FeedbackSummary {
  subject: string;
  body: string;
  topCategories: Array<{ id: string; nameSv: string; count: number }>;
}

/** The first ~300 characters, cut at a word and marked when cut. */
export function excerpt(text: string, max = FEEDBACK_EXCERPT): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '') + ' …';
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

/**
 * Återkoppling to reporters when an edition is published: what their reports added up to, in plain
 * Swedish — the total and its change against the period before, the three commonest categories
 * and the start of the coordinator's summary.
 */
export function feedbackSummary(title: string, content: SituationPictureContent, narrative: Partial<Narrative>): FeedbackSummary {
  const t = content.totals;
  const pct = t.previous.percentChange === null ? '' : ` (${signed(Math.round(t.previous.percentChange))} %)`;
  const top = content.byCategory.filter((c) => c.count > 0).slice(0, 3);
  const lines = [
    `${t.count} ${t.count === 1 ? 'händelse' : 'händelser'} rapporterades under perioden, ${signed(t.previous.change)}${pct} jämfört med perioden före.`,
  ];
  if (top.length) lines.push(`Vanligast: ${top.map((c) => `${c.nameSv.toLowerCase()} (${c.count})`).join(', ')}.`);
  const summary = excerpt(narrative.summary ?? '');
  if (summary) lines.push(summary);
  lines.push('Tack för dina rapporter – de gör lägesbilden möjlig.');
  return {
    subject: `Återkoppling: ${title}`.slice(0, 300),
    body: lines.join('\n\n'),
    topCategories: top.map((c) => ({ id: c.id, nameSv: c.nameSv, count: c.count })),
  };
}

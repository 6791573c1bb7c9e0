/**
 * The e-mail that tells a coordinator the scheduled lägesbild draft is ready. Pure; Swedish, since
 * it goes to Swedish municipalities' staff whatever their browser speaks.
 */
import type { Compared } from '../situation-picture/content.ts';
import { weekLabel, type DueRun } from './index.ts';

export interface DraftReadyInput {
  run: Pick<DueRun, 'from' | 'to' | 'weeks'>;
  /** "3–9 nov 2026" (core/situation-picture/period.ts periodLabel). */
  periodLabel: string;
  municipalityName: string;
  title: string;
  totals: Compared;
  /** Absolute link to the draft in the web app. */
  url: string;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');
const percent = (p: number | null) => (p === null ? '' : `, ${signed(Math.round(p))} %`);
const events = (n: number) => `${n} ${n === 1 ? 'händelse' : 'händelser'}`;

/** The draft's absolute address: the app's base URL (no trailing slash needed) + /lagesbilder/<id>. */
export function draftUrl(publicUrl: string, id: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/lagesbilder/${encodeURIComponent(id)}`;
}

export function draftReadyMessage(m: DraftReadyInput): { subject: string; body: string } {
  const t = m.totals;
  const body = [
    'Hej!',
    `Utkastet till lägesbild för ${m.municipalityName}, ${weekLabel(m.run)} (${m.periodLabel}), är klart: ”${m.title}”.`,
    [
      `Under perioden: ${events(t.count)}.`,
      `Perioden före: ${events(t.previous.count)} (${signed(t.previous.change)}${percent(t.previous.percentChange)}${t.previous.significant ? ', statistiskt säkerställd förändring' : ''}).`,
      `Samma period förra året: ${events(t.lastYear.count)} (${signed(t.lastYear.change)}${percent(t.lastYear.percentChange)}).`,
    ].join('\n'),
    `Öppna utkastet: ${m.url}`,
    'Utkastet är gjort automatiskt och inte publicerat. Granska siffrorna, skriv lägesbeskrivningen och orsaksanalysen och publicera när det är klart.',
    '– Lägesbild (automatiskt meddelande, svara inte på detta e-postmeddelande)',
  ].join('\n\n');
  return { subject: `Utkast till lägesbild ${weekLabel(m.run)} är klart`, body };
}

/**
 * How the yearly plan says what its mapping compares: the whole year against the whole year before,
 * or — while the year runs — its days so far against the same dates the year before, said to be an
 * incomplete year. Every sentence and header of the mapping that names a period takes it from here.
 */
import type { PlanComparison } from '../../core/action-plans/period.ts';
import type { Language } from '../format.ts';

const MONTHS: Record<Language, string[]> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "1 januari–2 december 2026" / "1 January–2 December 2026"; one day alone as "1 januari 2027". */
export function daySpan(from: string, to: string, lang: Language): string {
  const [fy, fm, fd] = from.split('-').map(Number), [ty, tm, td] = to.split('-').map(Number);
  const d = (m: number, day: number) => `${day} ${MONTHS[lang][m - 1]}`;
  if (from === to) return `${d(tm, td)} ${ty}`;
  return fy === ty ? `${d(fm, fd)}–${d(tm, td)} ${ty}` : `${d(fm, fd)} ${fy}–${d(tm, td)} ${ty}`;
}

export interface ComparisonWords {
  /** What the figures cover: "2025" or "1 januari–2 december 2026". */
  period: string;
  /** What they are compared with, after "mot … under": "2024" or "samma datum 2025". */
  base: string;
  /** The sentence that states the comparison (and that the year is incomplete). */
  statement: string;
  /** Column headers for the two periods. */
  current: string;
  previous: string;
  /** The document's subtitle line. */
  subtitle: string;
}

/** The words for a plan's comparison in the document's language. */
export function comparisonWords(c: PlanComparison, lang: Language): ComparisonWords {
  const sv = lang === 'sv';
  const y = c.year, prev = c.year - 1;
  if (c.state === 'incomplete') {
    const period = daySpan(c.from, c.to, lang), base = daySpan(c.compareFrom, c.compareTo, lang);
    const last = daySpan(c.to, c.to, lang).replace(/ \d{4}$/, '');
    return {
      period,
      base: sv ? `samma datum ${prev}` : `the same dates in ${prev}`,
      statement: sv
        ? `Året är inte slut: kartläggningen omfattar ${period} och jämförs med samma datum ${prev} (${base}), inte med hela ${prev}.`
        : `The year is not over: the mapping covers ${period} and is compared with the same dates in ${prev} (${base}), not with the whole of ${prev}.`,
      current: sv ? `${y} t.o.m. ${last}` : `${y} to ${last}`,
      previous: sv ? `${prev} t.o.m. ${last}` : `${prev} to ${last}`,
      subtitle: sv ? `Kartläggning ${period} (året är inte slut), jämförd med samma datum ${prev}` : `Mapping ${period} (the year is not over), compared with the same dates in ${prev}`,
    };
  }
  if (c.state === 'notStarted') {
    return {
      period: String(y), base: String(prev),
      statement: sv ? `${y} har inte börjat: det finns inga händelser att kartlägga än.` : `${y} has not begun: there are no incidents to map yet.`,
      current: String(y), previous: String(prev),
      subtitle: sv ? `Kartläggning ${y} (året har inte börjat)` : `Mapping ${y} (the year has not begun)`,
    };
  }
  return {
    period: String(y), base: String(prev),
    statement: sv ? `Kartläggningen omfattar hela ${y} och jämförs med hela ${prev}.` : `The mapping covers the whole of ${y} and is compared with the whole of ${prev}.`,
    current: String(y), previous: String(prev),
    subtitle: sv ? `Kartläggning ${daySpan(c.from, c.to, lang)}, jämförd med hela ${prev}` : `Mapping ${daySpan(c.from, c.to, lang)}, compared with the whole of ${prev}`,
  };
}

import type { Language } from './errors.ts';

/**
 * Numbers as each language writes them, for the documents and the agenda: Swedish "12 345,6" and
 * "+15 %", English "12,345.6" and "+15%". The minus sign is U+2212 in both, so a change never reads
 * as a hyphenated word.
 */

const LOCALE: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat>();

export function formatNumber(lang: Language, n: number, decimals = 0): string {
  const key = `${lang}|${decimals}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return f.format(n).replace('-', '−');
}

/** +12 or −3: a change is always written with its sign, because without one it reads as a level. */
export const formatSigned = (lang: Language, n: number, decimals = 0): string => (n > 0 ? '+' : '') + formatNumber(lang, n, decimals);

/** A percentage (already × 100): "15 %" / "15%". */
export const formatPercent = (lang: Language, value: number, decimals = 0): string =>
  `${formatNumber(lang, value, decimals)}${lang === 'sv' ? ' %' : '%'}`;

/** A signed percentage: "+15 %" / "+15%". */
export const formatSignedPercent = (lang: Language, value: number, decimals = 0): string => (value > 0 ? '+' : '') + formatPercent(lang, value, decimals);

/** "p = 0,31", "p = 0,012" / "p = 0.012": two decimals, three below 0.1 (more would suggest a precision the test does not have); "p < 0,001" below that. */
export function formatP(lang: Language, p: number): string {
  if (!Number.isFinite(p)) return 'p –';
  if (p < 0.001) return `p < ${formatNumber(lang, 0.001, 3)}`;
  let decimals = p >= 0.1 ? 2 : 3;
  // A rounded p must stay on its side of 0.05, the line the text calls significant (0.0496 is not "0.050").
  while (decimals < 6 && (Number(p.toFixed(decimals)) < 0.05) !== (p < 0.05)) decimals++;
  return `p = ${formatNumber(lang, p, decimals)}`;
}

/** A significance level as a bound, "p < 0,05" / "p < 0.05": the one way a legend or a note states it. */
export const formatPBelow = (lang: Language, alpha: number): string => `p < ${formatNumber(lang, alpha, 2)}`;


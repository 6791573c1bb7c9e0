import type { Language } from '../i18n/errors.ts';

/**
 * How a page, an export or a document names the municipalities it covers: "Alingsås kommun",
 * "Lerums kommun", "Alingsås och Vårgårda kommuner"; "Alingsås Municipality", "Alingsås and
 * Vårgårda municipalities". Pure.
 */

/**
 * The municipalities whose official name is not the regular form (Falu kommun, Kalmar kommun,
 * Orust kommun; Gotland is a region).
 */
const IRREGULAR: Record<string, string> = { Falun: 'Falu', Kalmar: 'Kalmar', Orust: 'Orust' };

/**
 * The form of a municipality's name before "kommun": a genitive -s after a consonant (Lerums,
 * Göteborgs, Kungälvs), none after a vowel or s, x, z (Vårgårda, Malmö, Alingsås, Kalix), as the
 * municipalities write their own names.
 * @example kommunForm('Lerum') // 'Lerums'
 */
export function kommunForm(name: string): string {
  if (IRREGULAR[name]) return IRREGULAR[name];
  return /[aeiouyåäösxz]$/i.test(name) ? name : `${name}s`;
}

const WORDS = {
  sv: { one: 'kommun', several: 'kommuner', region: 'Region' },
  en: { one: 'Municipality', several: 'municipalities', region: 'Region' },
} satisfies Record<Language, Record<string, string>>;

/**
 * The municipalities by name as a title: one ("Alingsås kommun", "Alingsås Municipality") or
 * several in the order given ("Alingsås och Vårgårda kommuner", "Alingsås and Vårgårda
 * municipalities"). Gotland is "Region Gotland" in both languages. Empty for none.
 * @example municipalityTitle(['Alingsås', 'Vårgårda'], 'sv') // 'Alingsås och Vårgårda kommuner'
 */
export function municipalityTitle(names: readonly string[], lang: Language): string {
  const w = WORDS[lang];
  if (names.length === 0) return '';
  if (names.length === 1) {
    const [name] = names;
    if (name === 'Gotland') return `${w.region} ${name}`;
    return lang === 'sv' ? `${kommunForm(name)} ${w.one}` : `${name} ${w.one}`;
  }
  const list = new Intl.ListFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { type: 'conjunction' });
  return `${list.format(names.map((n) => (lang === 'sv' ? kommunForm(n) : n)))} ${w.several}`;
}

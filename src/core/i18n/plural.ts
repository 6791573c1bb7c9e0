/**
 * Plural forms for a number in a sentence ("1 händelse", "2 händelser"), chosen by the language's
 * own rules (Intl.PluralRules) rather than by `n === 1`: the web's catalogue, the documents and the
 * API's messages all pick their form here.
 */

export type PluralLanguage = 'sv' | 'en';

/** The two forms Swedish and English need: `one` for 1, `other` for everything else (0, 2, 1,5 …). */
export interface PluralForms {
  one: string;
  other: string;
}

const rules = new Map<string, Intl.PluralRules>();

/** The plural category of n in the language: 'one' or 'other' for sv and en. */
export function pluralCategory(lang: PluralLanguage, n: number): keyof PluralForms {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang === 'sv' ? 'sv-SE' : 'en-GB')));
  return r.select(n) === 'one' ? 'one' : 'other';
}

/**
 * The form of `forms` that goes with n.
 * @example plural('sv', 1, { one: '{count} händelse', other: '{count} händelser' }) // '{count} händelse'
 */
export function plural(lang: PluralLanguage, n: number, forms: PluralForms): string {
  return forms[pluralCategory(lang, n)];
}

/** Whether a catalogue value is a pair of plural forms rather than a plain string or a section. */
export function isPluralForms(v: unknown): v is PluralForms {
  if (!v || typeof v !== 'object') return false;
  const keys = Object.keys(v).sort();
  return keys.length === 2 && keys[0] === 'one' && keys[1] === 'other' && typeof (v as PluralForms).one === 'string' && typeof (v as PluralForms).other === 'string';
}

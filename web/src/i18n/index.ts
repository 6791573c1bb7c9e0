import { signal } from '@preact/signals';
import { isPluralForms, plural, type PluralForms } from '../../../src/core/i18n/plural.ts';
import { formatDate, formatDateRange, formatDateTime } from '../../../src/core/i18n/dates.ts';
import { en, sv, type Catalogue } from './catalogue.ts';

/**
 * Every string the UI shows lives in the catalogue (catalogue.ts, one section file per page): Swedish
 * first, English second with the same keys (the type checker and i18n.test.ts make sure). Use `t('a.b')`;
 * a text about a number of things is an entry `{ one, other }` used with `tn('a.b', count)` (index.test.ts
 * fails on a {count} before a word without plural forms).
 */
export type Lang = 'sv' | 'en';
const CATALOGUES: Record<Lang, Catalogue> = { sv, en };
const STORAGE_KEY = 'lagesbild.lang';

function initial(): Lang {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' || stored === 'sv' ? stored : 'sv';
}

export const lang = signal<Lang>(initial());

export function setLang(l: Lang): void {
  lang.value = l;
  localStorage.setItem(STORAGE_KEY, l);
  document.documentElement.lang = l;
}

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Catalogue>;

/** Keys whose entry is a pair of plural forms `{ one, other }`: used with `tn`, never with `t`. */
type PluralLeaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? never : T[K] extends PluralForms ? `${P}${K}` : PluralLeaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type PluralKey = PluralLeaves<Catalogue>;

function lookup(c: unknown, key: string): unknown {
  let v: any = c;
  for (const part of key.split('.')) v = v?.[part];
  return v;
}

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));

/** The message for `key` in the current language, with {name} replaced from params. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = [lookup(CATALOGUES[lang.value], key), lookup(sv, key)].find((v): v is string => typeof v === 'string') ?? key;
  return fill(template, params);
}

/**
 * A message about `count` things, in the plural form the language needs for that number ("1
 * händelse", "3 händelser"; Intl.PluralRules decides). The entry is `{ one, other }`; {count} is
 * the number as the language writes it unless params give it.
 * @example tn('map.announce', 1) // "Kartan visar 1 händelse."
 */
export function tn(key: PluralKey, count: number, params: Record<string, string | number> = {}): string {
  const forms = [lookup(CATALOGUES[lang.value], key), lookup(sv, key)].find(isPluralForms);
  if (!forms) return key;
  return fill(plural(lang.value, count, forms), { count: fmt.number(count), ...params });
}

/**
 * One Intl formatter per language and options, made on first use: toLocaleString with options builds
 * a new formatter on every call, which cost the map's first render tens of milliseconds.
 */
const formatters = new Map<string, Intl.NumberFormat>();
const localeOf = () => (lang.value === 'sv' ? 'sv-SE' : 'en-GB');
function numberFormat(digits: number): Intl.NumberFormat {
  const key = `n${digits}|${localeOf()}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(localeOf(), { maximumFractionDigits: digits, minimumFractionDigits: digits })));
  return f;
}

/**
 * Number and date formatting in the current language (Swedish conventions by default). Dates are
 * written one way per language, the documents' way too (src/core/i18n/dates.ts): "2026-11-05" in
 * Swedish, "5 Nov 2026" in English; a calendar date "YYYY-MM-DD" is taken as that day.
 */
export const fmt = {
  number: (n: number, digits = 0) => numberFormat(digits).format(n),
  date: (d: Date | string) => formatDate(lang.value, d),
  dateTime: (d: Date | string) => formatDateTime(lang.value, d),
  /** Two days, both inclusive: "2026-11-05 – 2026-12-02" / "5 Nov 2026 – 2 Dec 2026". */
  dateRange: (first: Date | string, last: Date | string) => formatDateRange(lang.value, first, last),
  percent: (x: number) => `${numberFormat(0).format(x * 100)} %`,
};

export { CATALOGUES };

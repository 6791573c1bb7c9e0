import { signal } from '@preact/signals';
import { en, sv, type Catalogue } from './catalogue.ts';

/**
 * Every string the UI shows lives in the catalogue (catalogue.ts, one section file per page): Swedish
 * first, English second with the same keys (the type checker and i18n.test.ts make sure). Use `t('a.b')`.
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

function lookup(c: unknown, key: string): string | undefined {
  let v: any = c;
  for (const part of key.split('.')) v = v?.[part];
  return typeof v === 'string' ? v : undefined;
}

/** The message for `key` in the current language, with {name} replaced from params. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = lookup(CATALOGUES[lang.value], key) ?? lookup(sv, key) ?? key;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** Number and date formatting in the current language (Swedish conventions by default). */
export const fmt = {
  number: (n: number, digits = 0) => n.toLocaleString(lang.value === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }),
  date: (d: Date | string) => new Date(d).toLocaleDateString(lang.value === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm' }),
  dateTime: (d: Date | string) => new Date(d).toLocaleString(lang.value === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }),
  percent: (x: number) => `${(x * 100).toLocaleString(lang.value === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 0 })} %`,
};

export { CATALOGUES };

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

/**
 * One Intl formatter per language and options, made on first use: toLocaleString with options builds
 * a new formatter on every call, which cost the map's first render tens of milliseconds.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const localeOf = () => (lang.value === 'sv' ? 'sv-SE' : 'en-GB');
function numberFormat(digits: number): Intl.NumberFormat {
  const key = `n${digits}|${localeOf()}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(localeOf(), { maximumFractionDigits: digits, minimumFractionDigits: digits })));
  return f;
}
function dateFormat(kind: 'date' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${kind}|${localeOf()}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    const options: Intl.DateTimeFormatOptions = kind === 'date' ? { timeZone: 'Europe/Stockholm' } : { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' };
    formatters.set(key, (f = new Intl.DateTimeFormat(localeOf(), options)));
  }
  return f;
}

/** Number and date formatting in the current language (Swedish conventions by default). */
export const fmt = {
  number: (n: number, digits = 0) => numberFormat(digits).format(n),
  date: (d: Date | string) => dateFormat('date').format(new Date(d)),
  dateTime: (d: Date | string) => dateFormat('dateTime').format(new Date(d)),
  percent: (x: number) => `${numberFormat(0).format(x * 100)} %`,
};

export { CATALOGUES };

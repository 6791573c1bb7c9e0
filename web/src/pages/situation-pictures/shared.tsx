import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, NetworkError } from '../../api/client.ts';
import type { Area, Category, Organisation, Place } from '../../api/types.ts';
import { fmt, lang, t, tn } from '../../i18n/index.ts';
import { formatP } from '../../../../src/core/i18n/numbers.ts';
import { inclusiveEnd } from './periods.ts';
import type { MeasureType, MeasureTypeList, Period, SituationPictureSummary } from './types.ts';

/**
 * What the EST pages (lägesbilder, möten, åtgärder, handlingsplan) share: loading an API resource
 * with its error, the municipality's reference lists, and the few ways a period or a change is
 * written out.
 */
export interface Loaded<T> { data: T | null; error: string | null; reload: () => Promise<void>; set: (v: T) => void }

export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof NetworkError) return t('admin.form.network');
  return e instanceof Error ? e.message : String(e);
}

/** GET `path` when it changes (null = nothing to load yet). */
export function useApi<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => {
    if (!path) return;
    try {
      setData(await api.get<T>(path));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useEffect(() => { setData(null); void reload(); }, [path]);
  return { data, error, reload, set: setData };
}

export interface References {
  areas: Area[];
  organisations: Organisation[];
  categories: Category[];
  places: Place[];
  measureTypes: MeasureType[];
}

let refs: Promise<References> | null = null;
/** The municipality's areas, organisations, categories, places and measure types (cached; `fresh` after a change). */
export function loadReferences(fresh = false): Promise<References> {
  if (fresh) refs = null;
  refs ??= Promise.all([
    api.get<Area[]>('/api/areas'),
    api.get<Organisation[]>('/api/organisations'),
    api.get<Category[]>('/api/categories'),
    api.get<Place[]>('/api/places'),
    api.get<MeasureTypeList>('/api/measure-types').then((r) => r.items).catch(() => [] as MeasureType[]),
  ]).then(([areas, organisations, categories, places, measureTypes]) => ({ areas, organisations, categories, places, measureTypes }))
    .catch((e) => { refs = null; throw e; });
  return refs;
}

export function useReferences(): { refs: References | null; error: string | null; refresh: () => void } {
  const [value, setValue] = useState<References | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (fresh: boolean) => loadReferences(fresh).then(setValue).catch((e) => setError(messageOf(e)));
  useEffect(() => { void load(false); }, []);
  return { refs: value, error, refresh: () => void load(true) };
}

export const categoryName = (c: { nameSv: string; nameEn?: string }) => (lang.value === 'en' && c.nameEn ? c.nameEn : c.nameSv);
export const measureTypeName = (types: MeasureType[], code: string) => {
  const m = types.find((x) => x.code === code);
  return m ? (lang.value === 'en' ? m.nameEn : m.nameSv) : code;
};

/** "2026-10-27 – 2026-11-23 (28 dagar)": the inclusive last day, as the coordinator chose it. */
export function periodText(p: Period): string {
  return tn('situationPictures.periodText', p.days, { from: fmt.date(p.from), to: fmt.date(inclusiveEnd(p.to)) });
}

export function signed(n: number, digits = 0): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${fmt.number(Math.abs(n), digits)}`;
}

/** "p = 0,031", "p < 0,001": the one formatter the documents use too. */
export function pText(p: number): string {
  return formatP(lang.value, p);
}

export function statusText(s: SituationPictureSummary['status']): string {
  return t(`situationPictures.status.${s}`);
}

/** YYYY-MM-DD of a date or ISO instant in Stockholm (for date inputs). */
export function dayOf(iso: string | null | undefined): string {
  if (!iso) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

export function ErrorText({ error }: { error: string | null }) {
  return error ? <p role="alert" class="error">{t('app.error', { message: error })}</p> : null;
}

import { computed, signal } from '@preact/signals';
import { municipalityTitle } from '../../src/core/municipalities/names.ts';
import { lang } from './i18n/index.ts';
import { session } from './session.ts';

/**
 * Which of the user's municipalities the app shows (issue 13 item 3): one of them, or all of them
 * summed ("Alla mina kommuner"). Chosen in the top bar's switcher (ui/municipality-switcher.tsx),
 * kept per user on the device, and read by the pages that follow it: the map, its side panel, the
 * table, their exports and the list of lägesbilder. A user with one municipality has nothing to
 * choose, and the requests stay as they were.
 */

/** "Alla mina kommuner". */
export const ALL = 'all';

export interface NamedMunicipality { id: string; name: string }

/** Where the choice is kept: one key per user, so a shared computer keeps each user's own. */
export const storageKey = (userId: string) => `lagesbild.municipality.${userId}`;

/** What a Storage offers that the choice needs (localStorage in the browser, a Map in tests). */
export interface ChoiceStorage { getItem(key: string): string | null; setItem(key: string, value: string): void }

/**
 * The choice in force: the stored one while it is still one of the user's municipalities (or
 * "all"), otherwise all of them. A user with one municipality always has that one.
 */
export function resolveChoice(stored: string | null | undefined, codes: readonly string[]): string {
  if (codes.length === 1) return codes[0];
  return stored && (stored === ALL || codes.includes(stored)) ? stored : ALL;
}

/** The municipalities a choice covers, in the order given. */
export function coveredBy(choice: string, municipalities: readonly NamedMunicipality[]): NamedMunicipality[] {
  return choice === ALL ? [...municipalities] : municipalities.filter((m) => m.id === choice);
}

/**
 * The `municipality` parameter of the API's reads for a choice: the code of the one chosen, nothing
 * for all of them (the server then covers every municipality in reach) and nothing for a user who
 * has only one.
 */
export function municipalityParamOf(choice: string, codes: readonly string[]): string | undefined {
  return codes.length > 1 && choice !== ALL && codes.includes(choice) ? choice : undefined;
}

const browserStorage = (): ChoiceStorage | null => (typeof localStorage === 'undefined' ? null : localStorage);

/** The choice this user last made on this device, if any. */
export function readChoice(userId: string, storage: ChoiceStorage | null = browserStorage()): string | null {
  try { return storage?.getItem(storageKey(userId)) ?? null; } catch { return null; }
}

/** The choice made in this page's life, by user (the stored one is read when there is none). */
const picked = signal<{ userId: string; value: string } | null>(null);

/** The user's municipalities by name, in Swedish alphabetical order. */
export const myMunicipalities = computed<NamedMunicipality[]>(() =>
  [...(session.value?.municipalities ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv')));

/** The choice in force: a municipality code, or ALL. */
export const municipalityChoice = computed<string>(() => {
  const me = session.value;
  const codes = myMunicipalities.value.map((m) => m.id);
  if (!me) return ALL;
  const raw = picked.value?.userId === me.user.id ? picked.value.value : readChoice(me.user.id);
  return resolveChoice(raw, codes);
});

/** The municipalities the pages cover now. */
export const chosenMunicipalities = computed(() => coveredBy(municipalityChoice.value, myMunicipalities.value));

/** The `municipality` query parameter of the lägesbild's reads (undefined: all in reach). */
export const municipalityParam = computed(() => municipalityParamOf(municipalityChoice.value, myMunicipalities.value.map((m) => m.id)));

/** What the pages cover, as a heading says it: "Alingsås kommun", "Alingsås och Vårgårda kommuner". */
export const scopeTitle = computed(() => municipalityTitle(chosenMunicipalities.value.map((m) => m.name), lang.value));

/** Chooses a municipality (a code) or ALL, and keeps the choice on the device for this user. */
export function chooseMunicipality(value: string, storage: ChoiceStorage | null = browserStorage()): void {
  const me = session.peek();
  if (!me) return;
  try { storage?.setItem(storageKey(me.user.id), value); } catch { /* private mode: the choice lasts for this page */ }
  picked.value = { userId: me.user.id, value };
}

/** A category or an area: each belongs to one municipality. */
interface Owned { id: string; municipalityId: string }

/**
 * The part of a selection that belongs to municipalities not covered (categories and areas are
 * each one municipality's): the patch that leaves it out, or null when all of it is covered. Ids
 * not found in the lists are kept (the lists may not have loaded yet).
 */
export function outsideChoice(
  f: { categories: readonly string[]; area?: string }, lists: { categories: readonly Owned[]; areas: readonly Owned[] }, codes: readonly string[],
): { categories?: string[]; area?: undefined } | null {
  const elsewhere = (list: readonly Owned[], id: string) => { const x = list.find((o) => o.id === id); return !!x && !codes.includes(x.municipalityId); };
  const patch: { categories?: string[]; area?: undefined } = {};
  const categories = f.categories.filter((id) => !elsewhere(lists.categories, id));
  if (categories.length !== f.categories.length) patch.categories = categories;
  if (f.area && elsewhere(lists.areas, f.area)) patch.area = undefined;
  return Object.keys(patch).length ? patch : null;
}

/** The items of the municipalities covered (a category or area list for a filter menu). */
export const inChoice = <T extends Owned>(list: readonly T[], codes: readonly string[]): T[] => list.filter((x) => codes.includes(x.municipalityId));

/**
 * One category tree out of several municipalities' (each has its own, with the same codes): the
 * preferred municipality's when the list has it, else the first one's. The server reads a category
 * as its code in every municipality — a filter covers all of them, a report is stored under the
 * code in the municipality its point lies in — so one tree serves the police area without every
 * name appearing twice.
 */
export function singleTree<T extends Owned>(list: readonly T[], preferred: string | undefined): T[] {
  const owner = preferred && list.some((c) => c.municipalityId === preferred) ? preferred : list[0]?.municipalityId;
  return list.filter((c) => c.municipalityId === owner);
}

/**
 * For what each municipality has one of (the yearly action plan): the municipality chosen, else —
 * with "Alla mina kommuner", which cannot sum plans — the user's home. `param` is what the API is
 * asked with (nothing for a user with one municipality).
 */
export const oneMunicipality = computed<{ id: string; name: string; param: string | undefined } | null>(() => {
  const mine = myMunicipalities.value;
  const choice = municipalityChoice.value;
  const id = choice !== ALL ? choice : session.value?.user.municipalityId;
  const m = mine.find((x) => x.id === id) ?? mine[0];
  return m ? { id: m.id, name: m.name, param: mine.length > 1 ? m.id : undefined } : null;
});

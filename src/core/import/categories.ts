/**
 * A file's category values matched to the municipality's categories: by Swedish or English name or
 * by code, folded (case, diacritics, spaces and punctuation ignored: "Klotter", "klotter " and
 * "KLOTTER" are one value). A part of a name ("Klotter" of "Klotter/graffiti"), the last part of a
 * code ("klotter" of "skadegorelse.klotter") and a parent's name with the child's ("Skadegörelse –
 * Klotter/graffiti") match too, when they name one category only. Inactive categories are not
 * matched. The mapping's own entries (value → code) come first. Pure.
 */
import { foldKey } from './headers.ts';
import type { Cell, ImportCategory } from './types.ts';

export interface CategoryMatcher {
  /**
   * The code for a value as written, or why there is none: 'unknown' (no category by that name),
   * 'inactive' (the category is no longer used), 'rejected' (the mapping maps it to null),
   * 'mapped_unknown' (the mapping maps it to a code the municipality does not have).
   */
  match(value: string): { code: string } | { code: null; reason: 'unknown' | 'inactive' | 'rejected' | 'mapped_unknown' };
}

/** The text of a category cell, trimmed; null when empty. */
export function categoryText(cell: Cell): string | null {
  if (cell === null) return null;
  const s = (cell instanceof Date ? cell.toISOString() : String(cell)).trim().replace(/\s+/g, ' ');
  return s === '' ? null : s;
}

/** Keys that name exactly one category, by fold; a key two categories share names neither. */
function keyTable(categories: readonly ImportCategory[], keysOf: (c: ImportCategory) => string[]): Map<string, ImportCategory | null> {
  const table = new Map<string, ImportCategory | null>();
  for (const c of categories) {
    for (const key of new Set(keysOf(c).map(foldKey).filter(Boolean))) {
      const seen = table.get(key);
      table.set(key, seen === undefined || seen === c ? c : null);
    }
  }
  return table;
}

/**
 * A matcher for one municipality's categories and one mapping's entries.
 * @example categoryMatcher(cats, {}).match('KLOTTER ') // { code: 'skadegorelse.klotter' }
 */
export function categoryMatcher(categories: readonly ImportCategory[], overrides: Readonly<Record<string, string | null>> = {}): CategoryMatcher {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const parentOf = (c: ImportCategory) => (c.code.includes('.') ? byCode.get(c.code.slice(0, c.code.lastIndexOf('.'))) : undefined);
  const names = (c: ImportCategory) => [c.code, c.nameSv, c.nameEn];
  const parts = (c: ImportCategory) => {
    const parent = parentOf(c);
    return [
      ...c.nameSv.split('/'), ...c.nameEn.split('/'), c.code.split('.').pop()!,
      ...(parent ? [parent.nameSv + c.nameSv, parent.nameEn + c.nameEn, parent.nameSv + c.nameSv.split('/')[0], parent.nameEn + c.nameEn.split('/')[0]] : []),
    ];
  };
  const active = categories.filter((c) => c.active), inactive = categories.filter((c) => !c.active);
  // Inactive categories are looked up apart, so that an old name neither matches nor blocks a current one.
  const tables = [keyTable(active, names), keyTable(active, parts)];
  const oldTables = [keyTable(inactive, names), keyTable(inactive, parts)];
  const mapped = new Map<string, string | null>();
  for (const [value, code] of Object.entries(overrides)) mapped.set(foldKey(value), code);
  const memo = new Map<string, ReturnType<CategoryMatcher['match']>>();
  return {
    match(value) {
      const key = foldKey(value);
      let hit = memo.get(key);
      if (hit) return hit;
      if (mapped.has(key)) {
        const code = mapped.get(key)!;
        const c = code === null ? undefined : byCode.get(code);
        hit = code === null ? { code: null, reason: 'rejected' } : !c ? { code: null, reason: 'mapped_unknown' } : c.active ? { code: c.code } : { code: null, reason: 'inactive' };
      } else {
        const c = tables[0].get(key) ?? tables[1].get(key);
        const old = c ? null : oldTables[0].get(key) ?? oldTables[1].get(key);
        hit = c ? { code: c.code } : old ? { code: null, reason: 'inactive' } : { code: null, reason: 'unknown' };
      }
      memo.set(key, hit);
      return hit;
    },
  };
}

/** Every distinct value of a category column (folded together, the first spelling kept) with its row count and match. */
export function categoryValues(cells: Iterable<Cell>, matcher: CategoryMatcher): Array<{ value: string; rows: number; code: string | null }> {
  const byKey = new Map<string, { value: string; rows: number; code: string | null }>();
  for (const cell of cells) {
    const value = categoryText(cell);
    if (value === null) continue;
    const key = foldKey(value);
    const seen = byKey.get(key);
    if (seen) seen.rows++;
    else byKey.set(key, { value, rows: 1, code: matcher.match(value).code });
  }
  return [...byKey.values()];
}

import { useMemo } from 'preact/hooks';
import type { Category } from '../../../api/types.ts';
import { lang, t } from '../../../i18n/index.ts';
import { filters, setFilters } from '../../../state/filters.ts';
import { indexTree, isIncluded, isPartial, toggleCategory } from './category-selection.ts';
import { Checklist } from './checklist.tsx';

/** Rows of the category tree in display order (parents before their children, by sortOrder). */
export function categoryRows(list: readonly Category[]): Array<{ c: Category; depth: number }> {
  const byParent = new Map<string | null, Category[]>();
  const ids = new Set(list.map((c) => c.id));
  for (const c of list) {
    const p = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), c]);
  }
  const out: Array<{ c: Category; depth: number }> = [];
  const seen = new Set<string>();
  const walk = (p: string | null, depth: number) => {
    for (const c of (byParent.get(p) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.nameSv.localeCompare(b.nameSv, 'sv'))) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function CategoryFilter({ categories }: { categories: Category[] }) {
  const tree = useMemo(() => indexTree(categories), [categories]);
  const rows = useMemo(() => categoryRows(categories), [categories]);
  const selected = filters.value.categories;
  return (
    <Checklist id="mf-categories" title={t('map.filters.categories')} chosen={selected.length}
      items={rows.map(({ c, depth }) => ({
        id: c.id, depth, label: lang.value === 'en' ? c.nameEn : c.nameSv, swatch: c.colour,
        checked: isIncluded(tree, selected, c.id), partial: isPartial(tree, selected, c.id),
      }))}
      onToggle={(id, on) => setFilters({ categories: toggleCategory(tree, filters.value.categories, id, on) })}
      onNone={() => setFilters({ categories: [] })} />
  );
}

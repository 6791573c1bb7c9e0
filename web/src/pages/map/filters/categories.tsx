import { useMemo } from 'preact/hooks';
import type { Category } from '../../../api/types.ts';
import { lang, t } from '../../../i18n/index.ts';
import { filters, setFilters } from '../../../state/filters.ts';
import { buildCategoryTree } from '../../admin/categoryTree.ts';
import { indexTree, isIncluded, isPartial, toggleCategory } from './category-selection.ts';
import { Checklist } from './checklist.tsx';

/**
 * Rows of the category tree in display order (parents before their children, by sortOrder): the
 * app's one tree builder, the same as the admin page's and the EST forms'.
 */
export function categoryRows(list: readonly Category[]): Array<{ c: Category; depth: number }> {
  return buildCategoryTree(list).map((r) => ({ c: r.category, depth: r.depth }));
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

/**
 * The category tree as nested nodes, for a checkbox tree whose DOM mirrors the hierarchy (each
 * subcategory inside its parent's list item). Built on the one tree builder of the app
 * (admin/categoryTree.ts: parentId, then sortOrder and Swedish name), never on the order of the flat
 * list: the API sorts that by sortOrder and code across all levels, so indenting rows in list order
 * put "Bil", "Hot", "Centrum" under whichever main category happened to come before them.
 */
import { buildCategoryTree, type TreeCategory } from '../admin/categoryTree.ts';

export interface CategoryNode<C extends TreeCategory> {
  category: C;
  depth: number;
  children: CategoryNode<C>[];
}

export function nestCategories<C extends TreeCategory>(list: readonly C[]): CategoryNode<C>[] {
  const roots: CategoryNode<C>[] = [];
  const byId = new Map<string, CategoryNode<C>>();
  for (const row of buildCategoryTree(list)) {
    const node: CategoryNode<C> = { category: row.category, depth: row.depth, children: [] };
    byId.set(row.category.id, node);
    const parent = row.ancestors.length ? byId.get(row.ancestors[row.ancestors.length - 1]) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/**
 * The category tree from the flat list the API returns (each category names its parentId): the
 * order an indented list or a <select> shows it in, with each category's depth.
 */
export interface TreeCategory {
  id: string;
  parentId: string | null;
  sortOrder: number;
  nameSv: string;
  code: string;
}

export interface TreeRow<C extends TreeCategory> {
  category: C;
  /** 0 for a main category, 1 for its subcategories, … */
  depth: number;
  /** Ids of the categories above it, nearest last. */
  ancestors: string[];
  /** How many categories sit directly below it. */
  childCount: number;
}

const byOrder = (a: TreeCategory, b: TreeCategory) =>
  a.sortOrder - b.sortOrder || a.nameSv.localeCompare(b.nameSv, 'sv') || a.code.localeCompare(b.code);

/**
 * Depth-first rows: each parent followed by its children, siblings by sortOrder then Swedish name.
 * A category whose parent is missing from the list becomes a main category; a cycle (which the
 * server refuses, but a list could still hold) is cut where it closes, so every category appears once.
 */
export function buildCategoryTree<C extends TreeCategory>(list: readonly C[]): TreeRow<C>[] {
  const ids = new Set(list.map((c) => c.id));
  const children = new Map<string | null, C[]>();
  for (const c of list) {
    const parent = c.parentId && ids.has(c.parentId) && c.parentId !== c.id ? c.parentId : null;
    const arr = children.get(parent) ?? [];
    arr.push(c);
    children.set(parent, arr);
  }
  for (const arr of children.values()) arr.sort(byOrder);
  const out: TreeRow<C>[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number, ancestors: string[]) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ category: c, depth, ancestors, childCount: (children.get(c.id) ?? []).length });
      walk(c.id, depth + 1, [...ancestors, c.id]);
    }
  };
  walk(null, 0, []);
  // Categories only reachable through a cycle: show them as main categories rather than losing them.
  for (const c of [...list].sort(byOrder)) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out.push({ category: c, depth: 0, ancestors: [], childCount: (children.get(c.id) ?? []).length });
    walk(c.id, 1, [c.id]);
  }
  return out;
}

/** The id and every id below it: the categories a category may not be moved under. */
export function selfAndDescendants(list: readonly TreeCategory[], id: string): Set<string> {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of list) if (c.parentId && out.has(c.parentId) && !out.has(c.id)) { out.add(c.id); grew = true; }
  }
  return out;
}

/** An option label indented by depth with no-break spaces (read silently by screen readers). */
export function indentedLabel(name: string, depth: number): string {
  return '\u00a0\u00a0\u00a0\u00a0'.repeat(depth) + name;
}

/** A code for a new subcategory: the parent's code and a dot, e.g. "skadegorelse." — the user completes it. */
export function childCodePrefix(parentCode: string | null | undefined): string {
  return parentCode ? `${parentCode}.` : '';
}

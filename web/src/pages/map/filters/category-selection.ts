/**
 * Selecting categories in a tree where choosing a category includes its subcategories (as the API's
 * `categories` filter does). The selection is kept minimal: a parent replaces all of its children,
 * unticking one child of a chosen parent keeps its siblings. Pure; works for any depth.
 */
export interface TreeNode { id: string; parentId: string | null }

export interface Tree { parent: Map<string, string | null>; children: Map<string | null, string[]> }

export function indexTree(list: readonly TreeNode[]): Tree {
  const ids = new Set(list.map((c) => c.id));
  const parent = new Map<string, string | null>();
  const children = new Map<string | null, string[]>();
  for (const c of list) {
    const p = c.parentId && ids.has(c.parentId) && c.parentId !== c.id ? c.parentId : null;
    parent.set(c.id, p);
    children.set(p, [...(children.get(p) ?? []), c.id]);
  }
  return { parent, children };
}

function ancestors(tree: Tree, id: string): string[] {
  const out: string[] = [];
  const seen = new Set([id]);
  for (let p = tree.parent.get(id) ?? null; p !== null && !seen.has(p); p = tree.parent.get(p) ?? null) { out.push(p); seen.add(p); }
  return out;
}

function descendants(tree: Tree, id: string): string[] {
  const out: string[] = [];
  const stack = [...(tree.children.get(id) ?? [])];
  while (stack.length) {
    const c = stack.pop()!;
    if (out.includes(c)) continue;
    out.push(c);
    stack.push(...(tree.children.get(c) ?? []));
  }
  return out;
}

/** Whether a category is included by the selection (it or an ancestor is chosen). */
export function isIncluded(tree: Tree, selected: readonly string[], id: string): boolean {
  return selected.includes(id) || ancestors(tree, id).some((a) => selected.includes(a));
}

/** Not included, but some of its subcategories are (the checkbox shows "partly"). */
export function isPartial(tree: Tree, selected: readonly string[], id: string): boolean {
  return !isIncluded(tree, selected, id) && descendants(tree, id).some((d) => selected.includes(d));
}

export function toggleCategory(tree: Tree, selected: readonly string[], id: string, on: boolean): string[] {
  let next = new Set(selected);
  if (on) {
    next.add(id);
    for (const d of descendants(tree, id)) next.delete(d);
    // A parent whose children are now all included replaces them.
    for (let p = tree.parent.get(id) ?? null; p !== null; p = tree.parent.get(p) ?? null) {
      const kids = tree.children.get(p) ?? [];
      if (!kids.every((k) => next.has(k))) break;
      for (const k of kids) next.delete(k);
      next.add(p);
    }
  } else {
    for (const d of descendants(tree, id)) next.delete(d);
    if (next.has(id)) next.delete(id);
    else {
      // Included through a chosen ancestor: replace it by everything under it except the path to id.
      const path = [id, ...ancestors(tree, id)];
      const chosen = path.findIndex((a) => next.has(a));
      if (chosen > 0) {
        next.delete(path[chosen]);
        for (let i = chosen; i > 0; i--) for (const s of tree.children.get(path[i]) ?? []) if (s !== path[i - 1]) next.add(s);
      }
    }
  }
  const order = [...tree.parent.keys()];
  next = new Set(order.filter((x) => next.has(x)));
  return [...next];
}

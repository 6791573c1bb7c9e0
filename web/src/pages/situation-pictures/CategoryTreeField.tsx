import { useMemo, useState } from 'preact/hooks';
import type { Category } from '../../api/types.ts';
import { t, tn } from '../../i18n/index.ts';
import { nestCategories, type CategoryNode } from './category-tree.ts';
import { categoryName } from './shared.tsx';

/**
 * A checkbox tree of the active categories behind a disclosure button (aria-expanded, a visible
 * chevron): "Ny lägesbild", a prioritised problem and a measure. Each subcategory's list sits inside
 * its parent's item, so the structure is the same for a screen reader as on the screen.
 */
export function CategoryTreeField({ id, label, categories, selected, onChange, summary }: {
  id: string;
  label: string;
  categories: readonly Category[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  /** Shown after the label on the button, e.g. "(2 valda)". */
  summary: string;
}) {
  const [open, setOpen] = useState(false);
  const roots = useMemo(() => nestCategories(categories.filter((c) => c.active)), [categories]);
  const toggle = (cid: string, on: boolean) => onChange(on ? [...selected.filter((x) => x !== cid), cid] : selected.filter((x) => x !== cid));
  const list = (nodes: CategoryNode<Category>[], top: boolean) => (
    <ul class={top ? 'cat-check-tree' : 'cat-check-children'}>
      {nodes.map(({ category: c, children }) => (
        <li key={c.id}>
          <div class="check">
            <input type="checkbox" id={`${id}-cat-${c.id}`} checked={selected.includes(c.id)} onChange={(e) => toggle(c.id, (e.target as HTMLInputElement).checked)} />
            <label for={`${id}-cat-${c.id}`}>{categoryName(c)}</label>
          </div>
          {children.length > 0 && list(children, false)}
        </li>
      ))}
    </ul>
  );
  return (
    <div class="cat-field" id={id}>
      <button type="button" class="disclosure" aria-expanded={open} aria-controls={`${id}-tree`} onClick={() => setOpen(!open)}>
        <span class="disclosure-chevron" aria-hidden="true" />
        <span>{label}</span> <span class="muted">({summary})</span>
      </button>
      <fieldset id={`${id}-tree`} class="cat-tree-fieldset" hidden={!open}>
        <legend class="visually-hidden">{label}</legend>
        {list(roots, true)}
      </fieldset>
    </div>
  );
}

/** The button's count: "2 valda", or that none chosen means all. */
export function chosenSummary(n: number): string {
  return n ? tn('situationPictures.create.categoriesChosen', n) : t('situationPictures.create.categoriesHint');
}

import type { Category } from '../../api/types.ts';
import { lang, t } from '../../i18n/index.ts';

export const categoryName = (c: Category) => (lang.value === 'en' ? c.nameEn : c.nameSv);

/**
 * The category's mark: its colour with the initial in white (the colours keep ≥ 3:1 against white).
 * Material Symbols is not shipped (no font offline), and the name always stands beside the mark, so
 * colour is never the only cue.
 */
export function CategoryMark({ category }: { category: Pick<Category, 'colour' | 'nameSv' | 'nameEn'> }) {
  const name = lang.value === 'en' ? category.nameEn : category.nameSv;
  return <span class="cat-mark" aria-hidden="true" style={{ background: category.colour }}>{name.slice(0, 1).toLocaleUpperCase('sv')}</span>;
}

interface Props {
  categories: Category[];
  value: string | null;
  onChange: (id: string) => void;
  error?: string;
}

/** Two radio groups: the main category, then (when it has any) its subcategories. Arrow keys move within a group. */
export function CategoryPicker({ categories, value, onChange, error }: Props) {
  const active = categories.filter((c) => c.active);
  const byOrder = (a: Category, b: Category) => a.sortOrder - b.sortOrder || categoryName(a).localeCompare(categoryName(b), 'sv');
  const parents = active.filter((c) => c.parentId === null).sort(byOrder);
  const chosen = active.find((c) => c.id === value) ?? null;
  const parent = chosen ? (chosen.parentId ? active.find((c) => c.id === chosen.parentId) ?? null : chosen) : null;
  const children = parent ? active.filter((c) => c.parentId === parent.id).sort(byOrder) : [];
  const describedBy = error ? 'categoryId-error' : undefined;
  return (
    <>
      <fieldset class="cat-group" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend>{t('report.category.legend')}</legend>
        {error && <p id="categoryId-error" class="field-error">{error}</p>}
        <div class="cat-options">
          {parents.map((c, i) => (
            <label key={c.id} class={`cat-option${parent?.id === c.id ? ' checked' : ''}`}>
              <input type="radio" name="category-main" value={c.id} id={i === 0 ? 'categoryId' : undefined}
                checked={parent?.id === c.id} onChange={() => onChange(c.id)} />
              <CategoryMark category={c} />
              <span class="cat-name">{categoryName(c)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {parent && children.length > 0 && (
        <fieldset class="cat-group sub">
          <legend>{t('report.category.subLegend', { name: categoryName(parent).toLocaleLowerCase('sv') })}</legend>
          <div class="cat-options">
            {children.map((c) => (
              <label key={c.id} class={`cat-option${chosen?.id === c.id ? ' checked' : ''}`}>
                <input type="radio" name="category-sub" value={c.id} checked={chosen?.id === c.id} onChange={() => onChange(c.id)} />
                <CategoryMark category={c} />
                <span class="cat-name">{categoryName(c)}</span>
              </label>
            ))}
            <label class={`cat-option${chosen?.id === parent.id ? ' checked' : ''}`}>
              <input type="radio" name="category-sub" value={parent.id} checked={chosen?.id === parent.id} onChange={() => onChange(parent.id)} />
              <CategoryMark category={parent} />
              <span class="cat-name">{t('report.category.unspecified')}</span>
            </label>
          </div>
        </fieldset>
      )}
    </>
  );
}

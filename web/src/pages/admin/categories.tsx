import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { Category } from '../../api/types.ts';
import { lang, t } from '../../i18n/index.ts';
import { buildCategoryTree, childCodePrefix, indentedLabel, selfAndDescendants, type TreeRow } from './categoryTree.ts';
import { LoadState, useEditor, useFocusOnMount, useList, useRemove } from './common.tsx';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, requiredErrors, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { numberFieldError, parseNumberInput } from '../../ui/number-field.ts';

type Editing = { mode: 'new'; parent: Category | null } | { mode: 'edit'; category: Category };

export const categoryName = (c: Pick<Category, 'nameSv' | 'nameEn'>) => (lang.value === 'en' ? c.nameEn : c.nameSv);

/** The category tree: colours, icons, names in both languages; add subcategories; delete only unused ones. */
export default function CategoriesPage() {
  const { items, error, reload } = useList<Category>('/api/categories');
  const editor = useEditor<Editing>();
  const [msg, announce] = useAnnouncer();
  const rows = useMemo(() => buildCategoryTree(items ?? []), [items]);

  const { remove, rowError } = useRemove<Category>('/api/categories', reload, announce, categoryName);

  const renderLevel = (parentId: string | null) => {
    const level = rows.filter((r) => (r.ancestors[r.ancestors.length - 1] ?? null) === parentId);
    if (level.length === 0) return null;
    return (
      <ul class={parentId ? 'cat-children' : 'cat-tree'}>
        {level.map((r) => renderItem(r))}
      </ul>
    );
  };

  // A plain function, not a component: a component declared here would be a new type on every render
  // and remount (losing an open form's input).
  function renderItem(row: TreeRow<Category>) {
    const c = row.category;
    const name = categoryName(c);
    return (
      <li key={c.id}>
        <div class="cat-row">
          <span class="swatch" style={{ background: c.colour }} aria-hidden="true" />
          <span class="cat-name">
            <strong>{c.nameSv}</strong> <span class="muted" lang="en">/ {c.nameEn}</span>
            {!c.active && <span class="badge">{t('admin.categories.inactive')}</span>}
            {c.openToPublic && <span class="badge">{t('open311.category.badge')}</span>}
            <br />
            <span class="muted small">{t('admin.categories.codeIcon', { code: c.code, icon: c.icon, colour: c.colour })}</span>
          </span>
          <span class="row-actions">
            <button type="button" onClick={() => editor.open({ mode: 'edit', category: c })} aria-label={t('admin.editNamed', { name })}>{t('app.edit')}</button>
            <button type="button" onClick={() => editor.open({ mode: 'new', parent: c })} aria-label={t('admin.categories.addChildNamed', { name })}>{t('admin.categories.addChild')}</button>
            <button type="button" class="danger" onClick={() => remove(c)} aria-label={t('admin.deleteNamed', { name })}>{t('app.delete')}</button>
          </span>
        </div>
        {rowError?.id === c.id && <p class="field-error" role="alert">{rowError.message}</p>}
        {editor.editing && ((editor.editing.mode === 'edit' && editor.editing.category.id === c.id) || (editor.editing.mode === 'new' && editor.editing.parent?.id === c.id)) && (
          <CategoryForm editing={editor.editing} all={items ?? []} onDone={done} />
        )}
        {renderLevel(c.id)}
      </li>
    );
  }

  async function done(saved: Category | null) {
    editor.close();
    if (saved) { await reload(); announce(t('admin.saved', { name: categoryName(saved) })); }
  }

  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('admin.nav.categories')}</h2>
      <LiveRegion message={msg} />
      <p class="muted">{t('admin.categories.intro')}</p>
      <button type="button" class="primary" onClick={() => editor.open({ mode: 'new', parent: null })}>{t('admin.categories.newMain')}</button>
      {editor.editing?.mode === 'new' && !editor.editing.parent && <CategoryForm editing={editor.editing} all={items ?? []} onDone={done} />}
      <LoadState error={error} loading={!items} />
      {items && renderLevel(null)}
    </section>
  );
}

function CategoryForm({ editing, all, onDone }: { editing: Editing; all: Category[]; onDone: (saved: Category | null) => void }) {
  const existing = editing.mode === 'edit' ? editing.category : null;
  const parentDefault = editing.mode === 'new' ? editing.parent : all.find((c) => c.id === existing?.parentId) ?? null;
  const [parentId, setParentId] = useState(existing ? existing.parentId ?? '' : parentDefault?.id ?? '');
  const [code, setCode] = useState(existing?.code ?? childCodePrefix(parentDefault?.code));
  const [nameSv, setNameSv] = useState(existing?.nameSv ?? '');
  const [nameEn, setNameEn] = useState(existing?.nameEn ?? '');
  const [colour, setColour] = useState(existing?.colour ?? parentDefault?.colour ?? '#1f4e79');
  const [icon, setIcon] = useState(existing?.icon ?? parentDefault?.icon ?? '');
  const [sortOrder, setSortOrder] = useState(String(existing?.sortOrder ?? 0));
  const [active, setActive] = useState(existing?.active ?? true);
  const [openToPublic, setOpenToPublic] = useState(existing?.openToPublic ?? false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusFirstError(errors);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const err = (f: string) => fieldMessage(errors, f);
  const excluded = existing ? selfAndDescendants(all, existing.id) : new Set<string>();
  const parentOptions = buildCategoryTree(all).filter((r) => !excluded.has(r.category.id));
  const idp = existing ? `cat-${existing.id.slice(0, 8)}` : 'cat-new';

  async function submit(e: Event) {
    e.preventDefault();
    const missing = requiredErrors({ ...(existing ? {} : { code }), nameSv, nameEn, icon });
    // An empty order is the default 0; anything else that is no whole number is named, not turned into 0.
    const order = parseNumberInput(sortOrder, { integer: true });
    if (!order.ok) missing.push(numberFieldError('sortOrder', t('admin.categories.sortOrder'), { integer: true }));
    if (missing.length) { setErrors({ message: t('admin.form.fixFields'), fields: missing }); return; }
    setBusy(true);
    try {
      const common = { parentId: parentId || null, nameSv: nameSv.trim(), nameEn: nameEn.trim(), colour, icon: icon.trim(), sortOrder: (order.ok && order.value) || 0, openToPublic };
      const saved = existing
        ? await api.patch<Category>(`/api/categories/${existing.id}`, { ...common, active })
        : await api.post<Category>('/api/categories', { ...common, code: code.trim() });
      onDone(saved);
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  const title = existing
    ? t('admin.categories.editTitle', { name: categoryName(existing) })
    : parentDefault ? t('admin.categories.newChildTitle', { name: categoryName(parentDefault) }) : t('admin.categories.newMain');

  return (
    <form ref={formRef} class="card admin-form" onSubmit={submit} noValidate aria-labelledby={`${idp}-title`}>
      <h3 id={`${idp}-title`} tabIndex={-1} ref={headingRef}>{title}</h3>
      <ErrorSummary errors={errors} known={['parentId', 'code', 'nameSv', 'nameEn', 'colour', 'icon', 'sortOrder', 'active', 'openToPublic']} />
      <Label for={`${idp}-parent`}>{t('admin.categories.parent')}</Label>
      <select {...controlProps(`${idp}-parent`, err('parentId'))} value={parentId} onChange={(e) => setParentId(e.currentTarget.value)}>
        <option value="">{t('admin.categories.noParent')}</option>
        {parentOptions.map((r) => <option key={r.category.id} value={r.category.id}>{indentedLabel(categoryName(r.category), r.depth)}</option>)}
      </select>
      <FieldMessage id={`${idp}-parent`} error={err('parentId')} />
      {existing ? (
        <p><strong>{t('admin.categories.code')}:</strong> <code>{existing.code}</code></p>
      ) : (
        <>
          <Label for={`${idp}-code`} required>{t('admin.categories.code')}</Label>
          <input {...controlProps(`${idp}-code`, err('code'), true)} value={code} maxLength={100} autocomplete="off" spellcheck={false} onInput={(e) => setCode(e.currentTarget.value)} />
          <FieldMessage id={`${idp}-code`} error={err('code')} hint={t('admin.categories.codeHint')} />
        </>
      )}
      <Label for={`${idp}-sv`} required>{t('admin.categories.nameSv')}</Label>
      <input lang="sv" {...controlProps(`${idp}-sv`, err('nameSv'))} value={nameSv} maxLength={100} onInput={(e) => setNameSv(e.currentTarget.value)} />
      <FieldMessage id={`${idp}-sv`} error={err('nameSv')} />
      <Label for={`${idp}-en`} required>{t('admin.categories.nameEn')}</Label>
      <input lang="en" {...controlProps(`${idp}-en`, err('nameEn'))} value={nameEn} maxLength={100} onInput={(e) => setNameEn(e.currentTarget.value)} />
      <FieldMessage id={`${idp}-en`} error={err('nameEn')} />
      <div class="form-row">
        <div>
          <Label for={`${idp}-colour`} required>{t('admin.categories.colour')}</Label>
          <input type="color" class="colour-input" {...controlProps(`${idp}-colour`, err('colour'), true)} value={colour} onInput={(e) => setColour(e.currentTarget.value)} />
          <FieldMessage id={`${idp}-colour`} error={err('colour')} hint={t('admin.categories.colourHint', { colour })} />
        </div>
        <div>
          <Label for={`${idp}-icon`} required>{t('admin.categories.icon')}</Label>
          <input {...controlProps(`${idp}-icon`, err('icon'), true)} value={icon} maxLength={60} autocomplete="off" spellcheck={false} onInput={(e) => setIcon(e.currentTarget.value)} />
          <FieldMessage id={`${idp}-icon`} error={err('icon')} hint={t('admin.categories.iconHint')} />
        </div>
        <div>
          <Label for={`${idp}-order`}>{t('admin.categories.sortOrder')}</Label>
          <input type="number" step={1} inputMode="numeric" {...controlProps(`${idp}-order`, err('sortOrder'))} value={sortOrder} onInput={(e) => setSortOrder(e.currentTarget.value)} />
          <FieldMessage id={`${idp}-order`} error={err('sortOrder')} />
        </div>
      </div>
      {existing && (
        <div class="check">
          <input type="checkbox" {...controlProps(`${idp}-active`, err('active'), true)} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <label for={`${idp}-active`}>{t('admin.categories.activeLabel')}</label>
          <FieldMessage id={`${idp}-active`} error={err('active')} hint={t('admin.categories.activeHint')} />
        </div>
      )}
      <div class="check">
        <input type="checkbox" {...controlProps(`${idp}-public`, err('openToPublic'), true)} checked={openToPublic} onChange={(e) => setOpenToPublic(e.currentTarget.checked)} />
        <label for={`${idp}-public`}>{t('open311.category.label')}</label>
        <FieldMessage id={`${idp}-public`} error={err('openToPublic')} hint={t('open311.category.hint')} />
      </div>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>{t('app.save')}</button>
        <button type="button" onClick={() => onDone(null)}>{t('app.cancel')}</button>
      </div>
    </form>
  );
}

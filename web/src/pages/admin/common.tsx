import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';

/** A list from the API with loading and error states; reload after a change. */
export function useList<T>(path: string): { items: T[] | null; error: string | null; reload: () => Promise<void> } {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => {
    try {
      setItems(await api.get<T[]>(path));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('admin.form.network'));
    }
  };
  useEffect(() => { void reload(); }, [path]);
  return { items, error, reload };
}

/**
 * Open/close a form while keeping focus sensible: on open focus goes to the form's heading, on close
 * back to the button that opened it.
 */
export function useEditor<T>() {
  const [editing, setEditing] = useState<T | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = (item: T) => {
    opener.current = document.activeElement as HTMLElement | null;
    setEditing(item);
  };
  const close = () => {
    setEditing(null);
    const el = opener.current;
    setTimeout(() => { if (el && document.contains(el)) el.focus(); }, 0);
  };
  return { editing, open, close };
}

/** Focuses the element (a form heading with tabIndex=-1) when it first appears. */
export function useFocusOnMount<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return ref;
}

export function LoadState({ error, loading }: { error: string | null; loading: boolean }) {
  if (error) return <p role="alert" class="error">{t('app.error', { message: error })}</p>;
  if (loading) return <p aria-busy="true">{t('app.loading')}</p>;
  return null;
}

/** A yes/no shown in words (never colour alone). */
export const yesNo = (b: boolean) => (b ? t('app.yes') : t('app.no'));

/** Message of a refused delete: the reason the server names for the field (e.g. "in use by 12 reports"), else its message. */
export function deleteErrorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.fields.find((f) => f.code === 'in_use')?.message ?? e.fields[0]?.message ?? e.message;
  return t('admin.form.network');
}

/**
 * Deleting a row of an admin list: asks first, deletes, reloads the list and says so; a refusal
 * (e.g. still in use) is kept for the row as `rowError`.
 */
export function useRemove<T extends { id: string }>(path: string, reload: () => Promise<void>, announce: (msg: string) => void, name: (item: T) => string, after?: (item: T) => void) {
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  async function remove(item: T) {
    if (!confirm(t('admin.confirmDelete', { name: name(item) }))) return;
    setRowError(null);
    try {
      await api.delete(`${path}/${item.id}`);
      after?.(item);
      await reload();
      announce(t('admin.deleted', { name: name(item) }));
    } catch (e) {
      setRowError({ id: item.id, message: deleteErrorMessage(e) });
    }
  }
  return { remove, rowError };
}

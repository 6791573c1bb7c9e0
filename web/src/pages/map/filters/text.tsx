import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n/index.ts';
import { debounce, TEXT_FILTER_DELAY } from '../../../state/debounce.ts';
import { filters, setFilters } from '../../../state/filters.ts';

/**
 * The free-text filter of the shared selection (map, side panel, table and export all follow it):
 * it filters as the user types, TEXT_FILTER_DELAY ms after the last key; Enter and leaving the field
 * apply it at once. What the user typed is never rewritten under the cursor (the filter keeps the
 * trimmed text, the field keeps the spaces).
 */
export function TextFilter({ id = 'mf-q' }: { id?: string }) {
  const [q, setQ] = useState(filters.value.q ?? '');
  const typed = useRef(q);
  const apply = useMemo(() => debounce((text: string) => {
    const next = text.trim() || undefined;
    if (next !== filters.value.q) setFilters({ q: next });
  }, TEXT_FILTER_DELAY), []);
  useEffect(() => () => apply.cancel(), [apply]);
  // Follow a change made elsewhere ("Rensa filter", the URL), not the echo of our own typing.
  useEffect(() => {
    const outside = filters.value.q ?? '';
    if (outside !== (typed.current.trim()) && !apply.pending) { typed.current = outside; setQ(outside); }
  }, [filters.value.q]);
  const onInput = (value: string) => { typed.current = value; setQ(value); apply(value); };
  return (
    <form class="mf-q" role="search" onSubmit={(e) => { e.preventDefault(); apply(typed.current); apply.flush(); }}>
      <label for={id}>{t('map.filters.q')}</label>
      <input id={id} type="search" value={q} placeholder={t('map.filters.qPlaceholder')} maxLength={200} autocomplete="off"
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
        onBlur={() => apply.flush()} />
    </form>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { IncidentPage } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { filters, setFilters } from '../state/filters.ts';
import './import-chip.css';

/** File names of imports already looked up, by id (a chip re-renders with every filter change). */
const names = new Map<string, string>();

/**
 * The file name of an import, from one of its incidents: whoever may see them may read that, while
 * the import's own record (GET /api/imports/:id) is for those who may import.
 */
async function importName(id: string, signal: AbortSignal): Promise<string | null> {
  const known = names.get(id);
  if (known) return known;
  const page = await api.get<IncidentPage>(`/api/incidents?import=${encodeURIComponent(id)}&limit=1`, { signal });
  const name = page.items[0]?.importFileName ?? null;
  if (name) names.set(id, name);
  return name;
}

/**
 * "Import: händelser.csv ✕" while the selection is one import's incidents (the link from an
 * import's result or its history): visible, so a view narrowed to an import never passes for the
 * whole lägesbild, and removable with one button.
 */
export function ImportChip() {
  const id = filters.value.import;
  const [name, setName] = useState<string | null>(id ? names.get(id) ?? null : null);
  useEffect(() => {
    if (!id) return;
    setName(names.get(id) ?? null);
    const ctrl = new AbortController();
    importName(id, ctrl.signal).then((n) => { if (n) setName(n); }).catch(() => undefined);
    return () => ctrl.abort();
  }, [id]);
  if (!id) return null;
  const label = name ?? t('import.chip.unknown');
  return (
    <p class="filter-chip">
      <span>{t('import.chip.label', { name: label })}</span>
      <button type="button" aria-label={t('import.chip.remove', { name: label })} title={t('import.chip.remove', { name: label })} onClick={() => setFilters({ import: undefined })}>
        <span aria-hidden="true">✕</span>
      </button>
    </p>
  );
}

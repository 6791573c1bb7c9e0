import { filters, setFilters, type Filters } from '../../state/filters.ts';
import { navigate, route } from '../../router.ts';

/**
 * Links between the lägesbild views that keep the selection: "Ändra urval på kartan" (table → map)
 * and the drill-downs of the side panel (a category, an organisation, a week → the table of the
 * incidents behind it).
 */

/** The URL query of a selection, as setFilters writes it (other parameters of `base`, e.g. the map view, are kept). */
export function selectionParams(f: Filters, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const p = new URLSearchParams(base);
  const set = (k: string, v: string | undefined) => (v ? p.set(k, v) : p.delete(k));
  set('period', f.preset);
  set('from', f.preset === 'custom' ? f.from : undefined);
  set('to', f.preset === 'custom' ? f.to : undefined);
  set('categories', f.categories.join(','));
  set('organisations', f.organisations.join(','));
  set('area', f.area);
  set('reviewStatus', f.reviewStatus.join(','));
  set('q', f.q);
  set('bbox', f.bbox);
  set('import', f.import);
  return p;
}

/** href of `path` with the current selection changed by `patch`. */
export function selectionHref(path: string, patch: Partial<Filters> = {}, base: URLSearchParams = route.value.params): string {
  const q = selectionParams({ ...filters.value, ...patch }, base).toString();
  return `#${path}${q ? `?${q}` : ''}`;
}

/** Click handler of a drill-down link: changes the shared selection, then opens `path` (a new tab gets the href). */
export function drillTo(path: string, patch: Partial<Filters>) {
  return (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    setFilters(patch);
    navigate(path, Object.fromEntries(route.value.params));
  };
}

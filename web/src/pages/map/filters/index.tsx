import { useEffect, useMemo } from 'preact/hooks';
import { chosenMunicipalities, inChoice, outsideChoice, singleTree } from '../../../municipality-choice.ts';
import { session } from '../../../session.ts';
import { t, tn } from '../../../i18n/index.ts';
import { filters, setFilters } from '../../../state/filters.ts';
import type { Reference } from '../reference.ts';
import { AreaFilter } from './area.tsx';
import { CategoryFilter } from './categories.tsx';
import { OrganisationFilter } from './organisations.tsx';
import { PeriodFilter, periodText } from './period.tsx';
import { ReviewStatusFilter } from './review-status.tsx';
import { TextFilter } from './text.tsx';
import { ImportChip } from '../../../ui/import-chip.tsx';

/** How many filters besides the period are set. */
export function activeFilterCount(): number {
  const f = filters.value;
  return (f.categories.length ? 1 : 0) + (f.organisations.length ? 1 : 0) + (f.area ? 1 : 0) + (f.reviewStatus.length ? 1 : 0) + (f.q ? 1 : 0) + (f.import ? 1 : 0);
}

/**
 * The selection (shared with the side panel and the table through state/filters.ts): period, then
 * categories, organisations, area, review status and free text. Collapsible on a phone.
 */
export function FilterBar({ reference }: { reference: Reference }) {
  const n = activeFilterCount();
  const f = filters.value;
  // Categories and areas are each one municipality's: the menus offer the chosen ones' only, and a
  // switch of municipality lets go of the others' (else the selection would be empty).
  const codes = chosenMunicipalities.value.map((m) => m.id);
  const categories = useMemo(() => singleTree(inChoice(reference.categories, codes), session.value?.user.municipalityId), [reference, codes.join()]);
  const areas = useMemo(() => inChoice(reference.areas, codes), [reference, codes.join()]);
  useEffect(() => {
    const patch = outsideChoice(filters.peek(), reference, codes);
    if (patch) setFilters(patch);
  }, [reference, codes.join()]);
  // The multi-select menus close on a click outside them and on Escape (focus back on their summary).
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      document.querySelectorAll<HTMLDetailsElement>('.mf-menu[open]').forEach((d) => { if (!d.contains(e.target as Node)) d.open = false; });
    };
    const escape = (e: KeyboardEvent) => {
      const d = (e.target as HTMLElement).closest?.<HTMLDetailsElement>('.mf-menu[open]');
      if (e.key === 'Escape' && d) { d.open = false; d.querySelector('summary')?.focus(); }
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => { document.removeEventListener('pointerdown', outside); document.removeEventListener('keydown', escape); };
  }, []);
  return (
    <section class="mf-bar" aria-labelledby="mf-title">
      <details class="mf-collapse" open={typeof window === 'undefined' || window.matchMedia('(min-width: 900px)').matches}>
        <summary>
          <h2 id="mf-title">{t('map.filters.title')}</h2>
          <span class="muted mf-summary-text">{periodText(f.from, f.to)}{n ? ` · ${tn('map.filters.activeCount', n)}` : ''}</span>
        </summary>
        <div class="mf-grid">
          <PeriodFilter />
          <div class="mf-row">
            <CategoryFilter categories={categories} />
            <OrganisationFilter organisations={reference.organisations} />
            <ReviewStatusFilter />
            <AreaFilter areas={areas} />
            <TextFilter />
            <button type="button" class="mf-clear" disabled={!n} onClick={() => setFilters({ categories: [], organisations: [], area: undefined, reviewStatus: [], q: undefined, import: undefined })}>
              {t('map.filters.clear')}
            </button>
          </div>
        </div>
      </details>
      <ImportChip />
    </section>
  );
}

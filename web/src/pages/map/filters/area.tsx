import type { Area } from '../../../api/types.ts';
import { t } from '../../../i18n/index.ts';
import { filters, setFilters } from '../../../state/filters.ts';
import { chosenMunicipalities, scopeTitle } from '../../../municipality-choice.ts';

const KINDS = ['district', 'deso', 'area_group', 'other'] as const;

/** One area (or the whole municipality), grouped by the kind of division. */
export function AreaFilter({ areas }: { areas: Area[] }) {
  const groups = KINDS.map((k) => [k, areas.filter((a) => a.kind === k).sort((a, b) => a.name.localeCompare(b.name, 'sv'))] as const).filter(([, l]) => l.length);
  return (
    <div class="mf-area">
      <label for="mf-area">{t('map.filters.area')}</label>
      <select id="mf-area" value={filters.value.area ?? ''} onChange={(e) => setFilters({ area: (e.target as HTMLSelectElement).value || undefined })}>
        {/* No area: the whole municipality, or all of those chosen by name ("Hela kommunen" would be one). */}
        <option value="">{chosenMunicipalities.value.length > 1 ? scopeTitle.value : t('map.filters.allAreas')}</option>
        {groups.map(([k, list]) => (
          <optgroup key={k} label={t(`map.layers.kinds.${k}`)}>
            {list.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

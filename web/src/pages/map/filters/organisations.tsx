import type { Organisation } from '../../../api/types.ts';
import { t } from '../../../i18n/index.ts';
import { filters, setFilters } from '../../../state/filters.ts';
import { Checklist } from './checklist.tsx';

export function OrganisationFilter({ organisations }: { organisations: Organisation[] }) {
  const selected = filters.value.organisations;
  const list = [...organisations].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <Checklist id="mf-organisations" title={t('map.filters.organisations')} chosen={selected.length}
      items={list.map((o) => ({ id: o.id, label: o.name, checked: selected.includes(o.id) }))}
      onToggle={(id, on) => setFilters({ organisations: on ? [...selected, id] : selected.filter((x) => x !== id) })}
      onNone={() => setFilters({ organisations: [] })} />
  );
}

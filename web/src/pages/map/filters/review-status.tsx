import { t } from '../../../i18n/index.ts';
import { filters, setFilters } from '../../../state/filters.ts';
import { Checklist } from './checklist.tsx';

const STATUSES = ['new', 'reviewed', 'rejected', 'duplicate'] as const;

export function ReviewStatusFilter() {
  const selected = filters.value.reviewStatus;
  return (
    <Checklist id="mf-review" title={t('map.filters.reviewStatus')} chosen={selected.length}
      items={STATUSES.map((s) => ({ id: s, label: t(`common.reviewStatus.${s}`), checked: selected.includes(s) }))}
      onToggle={(id, on) => setFilters({ reviewStatus: on ? STATUSES.filter((s) => s === id || selected.includes(s)) : selected.filter((x) => x !== id) })}
      onNone={() => setFilters({ reviewStatus: [] })} />
  );
}

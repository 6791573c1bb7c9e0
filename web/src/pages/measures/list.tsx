import { useEffect } from 'preact/hooks';
import { query } from '../../api/client.ts';
import { fmt, t } from '../../i18n/index.ts';
import { replaceParams, route } from '../../router.ts';
import { may } from '../../session.ts';
import { municipalityParam } from '../../municipality-choice.ts';
import { ScopeSuffix } from '../../ui/municipality-switcher.tsx';
import { ErrorText, measureTypeName, useApi, useReferences } from '../situation-pictures/shared.tsx';
import { MEASURE_STATUSES, type MeasureList } from '../situation-pictures/types.ts';

/** The measures with status and overdue filters (kept in the URL); a stacked list on a phone. */
export default function MeasuresList() {
  const status = route.value.params.get('status') ?? '';
  const due = route.value.params.get('due') ?? '';
  const { data, error } = useApi<MeasureList>(`/api/measures${query({ status, due, municipality: municipalityParam.value })}`);
  const { refs } = useReferences();
  useEffect(() => { document.title = `${t('measures.title')} – ${t('app.name')}`; }, []);
  const set = (p: Record<string, string>) => replaceParams({ status, due, ...p });
  return (
    <div class="est">
      <h1>{t('measures.title')}<ScopeSuffix /></h1>
      <p class="muted">{t('measures.intro')}</p>
      <div class="est-toolbar" role="group" aria-label={t('measures.filters')}>
        {may('measures.create') && <a class="button primary" href="#/atgarder/ny">{t('measures.newButton')}</a>}
        <div>
          <label for="m-filter-status">{t('measures.filterStatus')}</label>
          <select id="m-filter-status" value={status} onChange={(e) => set({ status: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('measures.allStatuses')}</option>
            {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{t(`measures.status.${s}`)}</option>)}
          </select>
        </div>
        <div class="check">
          <input type="checkbox" id="m-filter-overdue" checked={due === 'overdue'} onChange={(e) => set({ due: (e.target as HTMLInputElement).checked ? 'overdue' : '' })} />
          <label for="m-filter-overdue">{t('measures.onlyOverdue')}</label>
        </div>
      </div>
      <ErrorText error={error} />
      {!data && !error && <p aria-busy="true">{t('app.loading')}</p>}
      {data && data.items.length === 0 && <p>{t('measures.none')}</p>}
      {data && data.items.length > 0 && (
        <table class="est-table stack" data-testid="measures">
          <caption>{t('measures.listCaption')} ({data.items.length})</caption>
          <thead><tr>
            <th scope="col">{t('measures.col.title')}</th><th scope="col">{t('measures.col.type')}</th><th scope="col">{t('measures.col.organisation')}</th>
            <th scope="col">{t('measures.col.where')}</th><th scope="col">{t('measures.col.status')}</th><th scope="col">{t('measures.col.planned')}</th>
          </tr></thead>
          <tbody>
            {data.items.map((m) => (
              <tr key={m.id}>
                <th scope="row" data-label={t('measures.col.title')}><a href={`#/atgarder/${m.id}`}>{m.title}</a></th>
                <td data-label={t('measures.col.type')}>{measureTypeName(refs?.measureTypes ?? [], m.type)} ({t(`measures.term.${m.term}`)})</td>
                <td data-label={t('measures.col.organisation')}>{m.organisationName}</td>
                <td data-label={t('measures.col.where')}>{m.placeName ?? m.areaName ?? '–'}</td>
                <td data-label={t('measures.col.status')}>{t(`measures.status.${m.status}`)}{m.overdue && <strong class="est-overdue"> ({t('measures.overdue')})</strong>}</td>
                <td data-label={t('measures.col.planned')}>{[m.plannedStart, m.plannedEnd].filter(Boolean).map((d) => fmt.date(d!.slice(0, 10))).join(' – ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

import { useEffect, useRef } from 'preact/hooks';
import { query } from '../../api/client.ts';
import { t, fmt } from '../../i18n/index.ts';
import { replaceParams, route } from '../../router.ts';
import { may } from '../../session.ts';
import { chosenMunicipalities } from '../../municipality-choice.ts';
import { ScopeSuffix } from '../../ui/municipality-switcher.tsx';
import { ErrorText, periodText, statusText, useApi } from './shared.tsx';
import type { SituationPictureList } from './types.ts';

/**
 * The editions, newest period first, with a status filter kept in the URL; those of the
 * municipality chosen in the top bar (all of the user's for "Alla mina kommuner", then with a
 * column that says whose each one is).
 */
export default function ListPage() {
  const status = route.value.params.get('status') ?? '';
  const { data: all, error } = useApi<SituationPictureList>(`/api/situation-pictures${query({ status })}`);
  const chosen = chosenMunicipalities.value;
  const data = all && { items: all.items.filter((s) => chosen.some((m) => m.id === s.municipalityId)) };
  const several = chosen.length > 1;
  const nameOf = (id: string) => chosen.find((m) => m.id === id)?.name ?? id;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { document.title = `${t('situationPictures.title')} – ${t('app.name')}`; }, []);
  return (
    <div class="est">
      <h1 ref={heading} tabIndex={-1}>{t('situationPictures.title')}<ScopeSuffix /></h1>
      <p class="muted">{t('situationPictures.intro')}</p>
      <div class="est-toolbar">
        {may('editions.write') && <a class="button primary" href="#/lagesbilder/ny">{t('situationPictures.newButton')}</a>}
        <div>
          <label for="sp-status">{t('situationPictures.filterStatus')}</label>
          <select id="sp-status" value={status} onChange={(e) => replaceParams({ status: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('situationPictures.allStatuses')}</option>
            <option value="draft">{t('situationPictures.status.draft')}</option>
            <option value="published">{t('situationPictures.status.published')}</option>
          </select>
        </div>
      </div>
      <ErrorText error={error} />
      {!data && !error && <p aria-busy="true">{t('app.loading')}</p>}
      {data && data.items.length === 0 && <p>{t('situationPictures.none')}</p>}
      {data && data.items.length > 0 && (
        <div class="table-wrap">
          <table class="est-table stack">
            <caption>{t('situationPictures.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('situationPictures.col.title')}</th>
                {several && <th scope="col">{t('situationPictures.col.municipality')}</th>}
                <th scope="col">{t('situationPictures.col.period')}</th>
                <th scope="col">{t('situationPictures.col.area')}</th>
                <th scope="col">{t('situationPictures.col.version')}</th>
                <th scope="col">{t('situationPictures.col.status')}</th>
                <th scope="col" class="num">{t('situationPictures.col.total')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row" data-label={t('situationPictures.col.title')}><a href={`#/lagesbilder/${s.id}`}>{s.title}</a></th>
                  {several && <td data-label={t('situationPictures.col.municipality')}>{nameOf(s.municipalityId)}</td>}
                  <td data-label={t('situationPictures.col.period')}>{periodText(s.period)}</td>
                  <td data-label={t('situationPictures.col.area')}>{s.areaName ?? t('situationPictures.wholeMunicipality')}</td>
                  <td data-label={t('situationPictures.col.version')}>{s.version}</td>
                  <td data-label={t('situationPictures.col.status')}><span class={`est-status est-status-${s.status}`}>{statusText(s.status)}</span>
                    {s.publishedAt && <span class="muted small"> {fmt.date(s.publishedAt)}</span>}</td>
                  <td class="num" data-label={t('situationPictures.col.total')}>{fmt.number(s.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

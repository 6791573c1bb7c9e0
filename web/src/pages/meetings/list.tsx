import { useEffect } from 'preact/hooks';
import { fmt, t } from '../../i18n/index.ts';
import { may } from '../../session.ts';
import { query } from '../../api/client.ts';
import { municipalityParam } from '../../municipality-choice.ts';
import { ScopeSuffix } from '../../ui/municipality-switcher.tsx';
import { ErrorText, useApi } from '../situation-pictures/shared.tsx';
import type { MeetingList } from '../situation-pictures/types.ts';

export default function MeetingsList() {
  const { data, error } = useApi<MeetingList>(`/api/meetings${query({ municipality: municipalityParam.value })}`);
  useEffect(() => { document.title = `${t('meetings.title')} – ${t('app.name')}`; }, []);
  return (
    <div class="est">
      <h1>{t('meetings.title')}<ScopeSuffix /></h1>
      <p class="muted">{t('meetings.intro')}</p>
      {may('meetings.manage') && <p><a class="button primary" href="#/moten/ny">{t('meetings.newButton')}</a></p>}
      <ErrorText error={error} />
      {!data && !error && <p aria-busy="true">{t('app.loading')}</p>}
      {data && data.items.length === 0 && <p>{t('meetings.none')}</p>}
      {data && data.items.length > 0 && (
        <table class="est-table stack">
          <caption>{t('meetings.listCaption')}</caption>
          <thead><tr><th scope="col">{t('meetings.col.title')}</th><th scope="col">{t('meetings.col.heldAt')}</th><th scope="col">{t('meetings.col.area')}</th><th scope="col">{t('meetings.col.status')}</th></tr></thead>
          <tbody>
            {data.items.map((m) => (
              <tr key={m.id}>
                <th scope="row" data-label={t('meetings.col.title')}><a href={`#/moten/${m.id}`}>{m.title}</a></th>
                <td data-label={t('meetings.col.heldAt')}>{fmt.dateTime(m.heldAt)}</td>
                <td data-label={t('meetings.col.area')}>{m.areaName ?? t('situationPictures.wholeMunicipality')}</td>
                <td data-label={t('meetings.col.status')}>{t(`meetings.status.${m.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

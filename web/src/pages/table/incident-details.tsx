import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { HistoryEntry, Incident } from '../../api/types.ts';
import { fmt, lang, t, type MessageKey } from '../../i18n/index.ts';
import { formatWhen } from './when.ts';
import { sourceLong } from './provenance.ts';
import './table.css';

const ACTIONS = ['create', 'update', 'review'];
const PRECISIONS = ['gps', 'map', 'place', 'address', 'area', 'municipality', 'unknown'];

function History({ id }: { id: string }) {
  const [state, setState] = useState<{ items?: HistoryEntry[]; error?: string }>({});
  useEffect(() => {
    const ctrl = new AbortController();
    setState({});
    api.get<HistoryEntry[]>(`/api/incidents/${encodeURIComponent(id)}/history`, { signal: ctrl.signal })
      .then((items) => setState({ items }))
      .catch((e: Error) => e.name !== 'AbortError' && setState({ error: e.message }));
    return () => ctrl.abort();
  }, [id]);
  if (state.error) return <p class="error">{t('table.list.historyError', { message: state.error })}</p>;
  if (!state.items) return <p class="muted" aria-busy="true">{t('table.list.historyLoading')}</p>;
  if (!state.items.length) return <p class="muted">{t('table.list.historyEmpty')}</p>;
  return (
    <ol class="history">
      {state.items.map((h) => (
        <li key={h.id}>
          {t('table.list.historyBy', {
            when: fmt.dateTime(h.changedAt),
            who: h.userName ?? t('table.list.historySystem'),
            action: ACTIONS.includes(h.action) ? t(`table.list.historyActions.${h.action}` as MessageKey) : h.action,
          })}
          {h.action !== 'create' && Object.keys(h.changes).length > 0 && (
            <span class="muted"> — {t('table.list.historyFields', { fields: Object.keys(h.changes).join(', ') })}</span>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * One incident in full: time, category, place and position, organisation, status, the whole
 * description and its history (GET /api/incidents/{id}/history). Give `incident`, or `id` to fetch it
 * (e.g. from a click on a map point).
 */
export function IncidentDetails({ incident, id, headingLevel = 3 }: { incident?: Incident; id?: string; headingLevel?: 2 | 3 | 4 }) {
  const [loaded, setLoaded] = useState<{ incident?: Incident; error?: string }>({});
  useEffect(() => {
    if (incident || !id) return;
    const ctrl = new AbortController();
    setLoaded({});
    api.get<Incident>(`/api/incidents/${encodeURIComponent(id)}`, { signal: ctrl.signal })
      .then((i) => setLoaded({ incident: i }))
      .catch((e: Error) => e.name !== 'AbortError' && setLoaded({ error: e.message }));
    return () => ctrl.abort();
  }, [incident, id]);
  const inc = incident ?? loaded.incident;
  if (loaded.error) return <p class="error" role="alert">{t('app.error', { message: loaded.error })}</p>;
  if (!inc) return <p class="muted" aria-busy="true">{t('app.loading')}</p>;
  const H = `h${headingLevel}` as 'h3';
  const H2 = `h${Math.min(headingLevel + 1, 6)}` as 'h4';
  const yesNo = (v: boolean | null) => (v === null ? t('table.list.unknown') : v ? t('table.list.yes') : t('table.list.no'));
  const precision = PRECISIONS.includes(inc.positionPrecision) ? t(`table.list.precision.${inc.positionPrecision}` as MessageKey) : inc.positionPrecision;
  return (
    <div class="incident-detail">
      <H>{t('table.list.detailsTitle')}</H>
      <p class="full-description">{inc.description || <span class="muted">{t('table.list.noDescription')}</span>}</p>
      <dl>
        <dt>{t('table.list.occurred')}</dt><dd>{formatWhen(inc.occurredFrom, inc.occurredTo)}</dd>
        <dt>{t('table.list.reportedAt')}</dt><dd>{fmt.dateTime(inc.reportedAt)}</dd>
        <dt>{t('table.list.colCategory')}</dt><dd>{lang.value === 'sv' ? inc.categoryNameSv : inc.categoryNameEn}</dd>
        <dt>{t('table.list.colPlace')}</dt><dd>{inc.placeName ?? <span class="muted">{t('table.list.noPlace')}</span>}</dd>
        <dt>{t('table.list.position')}</dt>
        <dd>{t('table.list.positionValue', { e: fmt.number(inc.location.e), n: fmt.number(inc.location.n), precision: inc.precisionM ? `${precision}, ±${fmt.number(inc.precisionM)} m` : precision })}</dd>
        <dt>{t('table.list.colOrganisation')}</dt><dd>{inc.organisationName}</dd>
        <dt>{t('table.list.colStatus')}</dt><dd>{t(`common.reviewStatus.${inc.reviewStatus}` as MessageKey)}</dd>
        <dt>{t('table.list.reportedToPolice')}</dt><dd>{yesNo(inc.reportedToPolice)}</dd>
        <dt>{t('table.list.assessment')}</dt><dd>{inc.assessment === null ? t('table.list.unknown') : t('table.list.assessmentValue', { value: inc.assessment })}</dd>
        <dt>{t('table.list.visibility')}</dt><dd>{t(`common.visibility.${inc.visibility}` as MessageKey)}</dd>
        <dt>{t('table.list.source')}</dt><dd>{sourceLong(inc)}</dd>
        {inc.externalId && <><dt>{t('import.provenance.externalId')}</dt><dd>{inc.externalId}</dd></>}
        {inc.sourceMediaUrl && <><dt>{t('open311.provenance.media')}</dt><dd><a href={inc.sourceMediaUrl} target="_blank" rel="noopener noreferrer nofollow">{inc.sourceMediaUrl}</a></dd></>}
      </dl>
      <H2>{t('table.list.history')}</H2>
      <History id={inc.id} />
    </div>
  );
}

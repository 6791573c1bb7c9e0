import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { Incident, IncidentPage } from '../../api/types.ts';
import { fmt, lang, t, tn } from '../../i18n/index.ts';
import { inCell, parseCellId, urls } from './data.ts';
import { mapQuery, selection, tableHref, type Selection } from './state.ts';
import { mayMakePlace } from '../../session.ts';
import { MakePlace } from '../../ui/MakePlace.tsx';
import { sourceLong } from '../table/provenance.ts';

const LIMIT = 50;

function IncidentFields({ i }: { i: Incident }) {
  const yesNo = (v: boolean | null) => (v === null ? t('map.details.unknown') : v ? t('app.yes') : t('app.no'));
  const when = i.occurredFrom === i.occurredTo ? fmt.dateTime(i.occurredFrom) : `${fmt.dateTime(i.occurredFrom)} – ${fmt.dateTime(i.occurredTo)}`;
  return (
    <dl class="md-fields">
      <dt>{t('map.details.category')}</dt>
      <dd><span class="mf-swatch" style={{ background: i.categoryColour }} aria-hidden="true" />{lang.value === 'en' ? i.categoryNameEn : i.categoryNameSv}</dd>
      <dt>{t('map.details.occurred')}</dt><dd>{when}</dd>
      <dt>{t('map.details.reported')}</dt><dd>{fmt.dateTime(i.reportedAt)}</dd>
      {i.placeName && <><dt>{t('map.details.place')}</dt><dd>{i.placeName}</dd></>}
      {i.description && <><dt>{t('map.details.description')}</dt><dd>{i.description}</dd></>}
      <dt>{t('map.details.organisation')}</dt><dd>{i.organisationName}</dd>
      <dt>{t('map.details.reportedToPolice')}</dt><dd>{yesNo(i.reportedToPolice)}</dd>
      <dt>{t('map.details.review')}</dt><dd>{t(`common.reviewStatus.${i.reviewStatus}`)}</dd>
      <dt>{t('map.details.position')}</dt><dd>{`E ${fmt.number(i.location.e)}, N ${fmt.number(i.location.n)}`}</dd>
      {(i.importFileName || i.sourceSystem) && <><dt>{t('import.provenance.source')}</dt><dd>{sourceLong(i)}</dd></>}
      {i.sourceMediaUrl && <><dt>{t('open311.provenance.media')}</dt><dd><a href={i.sourceMediaUrl} target="_blank" rel="noopener noreferrer nofollow">{i.sourceMediaUrl}</a></dd></>}
    </dl>
  );
}

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'incident'; incident: Incident } | { state: 'list'; items: Incident[]; more: boolean };

/**
 * What was clicked, in text: one incident's fields, or the incidents behind a cluster, grid cell,
 * hotspot or area (the latest 50, with a link to all of them in the table). Focus moves to the heading
 * when it opens and back to the map when it closes (Escape closes).
 */
export function Details({ onClose }: { onClose: () => void }) {
  const sel = selection.value;
  const [opened, setOpened] = useState<Incident | null>(null);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);
  const q = mapQuery.value;

  useEffect(() => { setOpened(null); }, [sel]);
  useEffect(() => {
    if (!sel) return;
    const ctrl = new AbortController();
    setLoaded({ state: 'loading' });
    (async () => {
      if (sel.kind === 'incident') {
        const incident = await api.get<Incident>(`/api/incidents/${encodeURIComponent(sel.id)}`, { signal: ctrl.signal });
        setLoaded({ state: 'incident', incident });
        return;
      }
      const cell = parseCellId(sel.cellId);
      // A grid cell's lon/lat box is a little larger than the cell: fetch more and keep those inside it.
      const page = await api.get<IncidentPage>(urls.incidents(q, { bbox: sel.bbox, area: sel.area, limit: cell ? LIMIT * 2 : LIMIT }), { signal: ctrl.signal });
      const items = cell ? page.items.filter((i) => inCell(cell, i.location)) : page.items;
      setLoaded({ state: 'list', items: items.slice(0, LIMIT), more: !!page.nextCursor || items.length > LIMIT });
    })().catch((e) => { if ((e as Error).name !== 'AbortError') setLoaded({ state: 'error', message: (e as Error).message }); });
    return () => ctrl.abort();
  }, [sel, q]);

  useEffect(() => { heading.current?.focus(); }, [sel, opened]);

  if (!sel) return null;
  const title = sel.kind === 'incident' ? t('map.details.incident') : sel.title;
  const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } };
  return (
    <section class="md-details card" aria-labelledby="md-title" onKeyDown={onKey}>
      <div class="md-head">
        <h2 id="md-title" tabIndex={-1} ref={heading}>{opened ? t('map.details.incident') : title}</h2>
        <button type="button" class="md-close" onClick={onClose} aria-label={t('map.details.close')}><span aria-hidden="true">×</span></button>
      </div>
      {sel.kind === 'list' && sel.note && !opened && <p class="muted">{sel.note}</p>}
      <div aria-live="polite" aria-busy={loaded.state === 'loading'}>
        {loaded.state === 'loading' && <p>{t('app.loading')}</p>}
        {loaded.state === 'error' && <p class="error" role="alert">{t('map.loadError', { message: loaded.message })}</p>}
        {loaded.state === 'incident' && <IncidentFields i={loaded.incident} />}
        {loaded.state === 'list' && opened && (
          <>
            <button type="button" class="mf-small" onClick={() => setOpened(null)}>{t('map.details.back')}</button>
            <IncidentFields i={opened} />
          </>
        )}
        {loaded.state === 'list' && !opened && (
          loaded.items.length === 0 ? <p>{t('map.details.none')}</p> : (
            <>
              <p class="muted">{sel.kind === 'list' && sel.total && sel.total > loaded.items.length
                ? t('map.details.showing', { shown: loaded.items.length, total: fmt.number(sel.total) })
                : loaded.more ? tn('map.details.showingSome', loaded.items.length) : ''}</p>
              <ul class="md-list">
                {loaded.items.map((i) => (
                  <li key={i.id}>
                    <button type="button" class="md-item" onClick={() => setOpened(i)}>
                      <span class="mf-swatch" style={{ background: i.categoryColour }} aria-hidden="true" />
                      <span><strong>{lang.value === 'en' ? i.categoryNameEn : i.categoryNameSv}</strong>
                        <span class="muted"> · {fmt.dateTime(i.occurredFrom)}{i.placeName ? ` · ${i.placeName}` : ''}</span></span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )
        )}
      </div>
      <p><a href={tableHref(sel.kind === 'list' ? sel : undefined)}>{t('map.details.openTable')}</a></p>
      {/* A cluster, heatmap or hotspot cell can become a named place, and a measure be put there. */}
      {sel.kind === 'list' && sel.cellId && mayMakePlace() && <MakePlace key={sel.cellId} cellId={sel.cellId} suggestedName="" />}
    </section>
  );
}

export type { Selection };

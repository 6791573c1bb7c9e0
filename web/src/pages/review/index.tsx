import type * as GeoJSON from 'geojson';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, query } from '../../api/client.ts';
import type { Category, Duplicates, Incident, IncidentPage, Open311Contact } from '../../api/types.ts';
import { fmt, lang, t } from '../../i18n/index.ts';
import { navigate, replaceParams, route } from '../../router.ts';
import { buildCategoryTree, indentedLabel } from '../admin/categoryTree.ts';
import { controlProps, errorsFrom, FieldMessage, fieldMessage, LiveRegion, NO_ERRORS, useAnnouncer, type FormErrors } from '../../ui/form.tsx';
import { boundsOf, distanceM } from '../admin/mapStyle.ts';
import type { MapLibreMap } from '../../ui/maplibre.ts';
import { hoursBetween, nextAfterRemoval, parseIncidentRef, reviewBody, type Decision } from './queue.ts';
import { sourceLong } from '../table/provenance.ts';
import '../admin/admin.css';
import './review.css';
import { municipalityParam } from '../../municipality-choice.ts';
import { ScopeSuffix } from '../../ui/municipality-switcher.tsx';

const PAGE_SIZE = 50;

const catName = (i: Pick<Incident, 'categoryNameSv' | 'categoryNameEn'>) => (lang.value === 'en' ? i.categoryNameEn : i.categoryNameSv);
function when(i: Incident): string {
  return i.occurredFrom === i.occurredTo ? fmt.dateTime(i.occurredFrom) : t('reviewQueue.between', { from: fmt.dateTime(i.occurredFrom), to: fmt.dateTime(i.occurredTo) });
}
function useWide(): boolean {
  const mq = useMemo(() => window.matchMedia('(min-width: 900px)'), []);
  const [wide, setWide] = useState(mq.matches);
  useEffect(() => {
    const on = () => setWide(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [mq]);
  return wide;
}

/** /granska: the coordinator's queue of new reports, a list and a detail pane (on a phone: list, then detail). */
export default function ReviewPage() {
  const [items, setItems] = useState<Incident[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [extra, setExtra] = useState<Incident | null>(null);
  const [msg, announce] = useAnnouncer();
  const wide = useWide();
  const selectedId = route.value.params.get('id');

  async function load(after?: string) {
    try {
      const page = await api.get<IncidentPage>(`/api/incidents${query({ reviewStatus: 'new', limit: PAGE_SIZE, cursor: after, municipality: municipalityParam.value })}`);
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : t('admin.form.network'));
    }
  }
  // The queue of the municipality chosen in the top bar, or of all of the user's.
  useEffect(() => {
    void load();
    api.get<Category[]>('/api/categories').then(setCategories).catch(() => setCategories([]));
  }, [municipalityParam.value]);

  // On a wide screen the first report opens at once; on a phone the list comes first.
  useEffect(() => {
    if (wide && !selectedId && items && items.length > 0) replaceParams({ id: items[0].id });
  }, [wide, selectedId, items]);

  // A report linked directly (not in the loaded part of the queue) is fetched on its own.
  useEffect(() => {
    setExtra(null);
    if (!selectedId || !items || items.some((i) => i.id === selectedId)) return;
    api.get<Incident>(`/api/incidents/${selectedId}`).then(setExtra).catch(() => setExtra(null));
  }, [selectedId, items]);

  const selected = items?.find((i) => i.id === selectedId) ?? (extra?.id === selectedId ? extra : null);
  const showList = wide || !selectedId;
  const showDetail = wide || !!selectedId;

  function decided(inc: Incident, status: Decision) {
    const ids = (items ?? []).map((i) => i.id);
    const next = nextAfterRemoval(ids, inc.id);
    const remaining = (items ?? []).filter((i) => i.id !== inc.id);
    setItems(remaining);
    const nextInc = remaining.find((i) => i.id === next);
    replaceParams({ id: next ?? undefined });
    const done = t(`reviewQueue.done.${status}`, { category: catName(inc) });
    announce(nextInc
      ? t('reviewQueue.announceNext', { done, category: catName(nextInc), time: when(nextInc), count: remaining.length + (cursor ? '+' : '') })
      : t('reviewQueue.announceEmpty', { done }));
    setTimeout(() => document.getElementById(nextInc ? 'review-detail-title' : 'review-list-title')?.focus(), 0);
  }

  return (
    <div class="review">
      <h1>{t('reviewQueue.title')}<ScopeSuffix /></h1>
      <LiveRegion message={msg} id="review-status" />
      {loadError && <p role="alert" class="error">{t('app.error', { message: loadError })} <button type="button" onClick={() => load()}>{t('app.retry')}</button></p>}
      {!items && !loadError && <p aria-busy="true">{t('app.loading')}</p>}
      {items && (
        <div class={`review-layout${wide ? ' wide' : ''}`}>
          {showList && (
            <section class="review-list" aria-labelledby="review-list-title">
              <h2 id="review-list-title" tabIndex={-1}>{t('reviewQueue.listTitle', { count: items.length + (cursor ? '+' : '') })}</h2>
              {items.length === 0 ? <p>{t('reviewQueue.empty')}</p> : (
                <ul>
                  {items.map((i) => (
                    <li key={i.id}>
                      <a href={`#/granska?id=${i.id}`} aria-current={i.id === selectedId ? 'true' : undefined}
                        onClick={(e) => { e.preventDefault(); navigate('/granska', { id: i.id }); setTimeout(() => document.getElementById('review-detail-title')?.focus(), 0); }}>
                        <span class="swatch" style={{ background: i.categoryColour }} aria-hidden="true" />
                        <span class="item-text">
                          <strong>{catName(i)}</strong>
                          <span class="muted">{fmt.dateTime(i.occurredFrom)} · {i.placeName ?? i.organisationName}</span>
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              {cursor && <button type="button" onClick={() => load(cursor)}>{t('reviewQueue.loadMore')}</button>}
            </section>
          )}
          {showDetail && (
            <section class="review-detail" aria-labelledby="review-detail-title">
              {!wide && <button type="button" class="back" onClick={() => navigate('/granska')}>{t('reviewQueue.backToList')}</button>}
              {selected
                ? <Detail key={selected.id} incident={selected} categories={categories} onDecided={decided} />
                : <h2 id="review-detail-title" tabIndex={-1}>{items.length === 0 ? t('reviewQueue.emptyDetail') : t('reviewQueue.chooseOne')}</h2>}
            </section>
          )}
        </div>
      )}
    </div>
  );
}

function Detail({ incident: inc, categories, onDecided }: { incident: Incident; categories: Category[]; onDecided: (inc: Incident, status: Decision) => void }) {
  const [categoryId, setCategoryId] = useState(inc.categoryId);
  const [restricted, setRestricted] = useState(inc.visibility === 'restricted');
  const [original, setOriginal] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [dups, setDups] = useState<{ items: Incident[] | null; error: string | null }>({ items: null, error: null });
  const err = (f: string) => fieldMessage(errors, f);
  const formRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api.get<Duplicates>(`/api/incidents/${inc.id}/duplicates`)
      .then((r) => setDups({ items: r.items.filter((d) => d.id !== inc.id), error: null }))
      .catch((e) => setDups({ items: null, error: e instanceof ApiError ? e.message : t('admin.form.network') }));
  }, [inc.id]);

  const options = useMemo(() => buildCategoryTree(categories).filter((r) => r.category.active || r.category.id === inc.categoryId), [categories, inc.categoryId]);

  useEffect(() => {
    if (!errors.message && errors.fields.length === 0) return;
    (formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current?.querySelector<HTMLElement>('.form-error'))?.focus();
  }, [errors]);

  async function decide(status: Decision, duplicateOf?: string) {
    if (status === 'duplicate' && !duplicateOf) {
      const message = original.trim() ? t('reviewQueue.originalInvalid') : t('reviewQueue.originalNeeded');
      setErrors({ message, fields: [{ field: 'duplicateOf', code: 'required', message }] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`/api/incidents/${inc.id}/review`, reviewBody(inc, { status, duplicateOf }, { categoryId, restricted }));
      onDecided(inc, status);
    } catch (e) {
      setErrors(errorsFrom(e));
    } finally {
      setBusy(false);
    }
  }

  const p = inc.location;
  return (
    <article>
      <h2 id="review-detail-title" tabIndex={-1}>
        <span class="swatch" style={{ background: inc.categoryColour }} aria-hidden="true" /> {catName(inc)}
      </h2>
      {inc.reviewStatus !== 'new' && <p class="warning">{t('reviewQueue.alreadyDecided', { status: t(`common.reviewStatus.${inc.reviewStatus}`) })}</p>}
      <dl class="facts">
        <dt>{t('reviewQueue.occurred')}</dt><dd>{when(inc)}</dd>
        <dt>{t('reviewQueue.reported')}</dt><dd>{fmt.dateTime(inc.reportedAt)}</dd>
        <dt>{t('reviewQueue.place')}</dt><dd>{inc.placeName ?? t('reviewQueue.noPlaceName')}</dd>
        <dt>{t('reviewQueue.description')}</dt><dd class="description">{inc.description ?? t('reviewQueue.noDescription')}</dd>
        <dt>{t('reviewQueue.organisation')}</dt><dd>{inc.organisationName}</dd>
        {inc.sourceSystem && <><dt>{t('import.provenance.source')}</dt><dd>{sourceLong(inc)}</dd></>}
        {inc.sourceMediaUrl && <><dt>{t('open311.provenance.media')}</dt><dd><a href={inc.sourceMediaUrl} target="_blank" rel="noopener noreferrer nofollow">{inc.sourceMediaUrl}</a></dd></>}
        {inc.source === 'open311' && <><dt>{t('open311.contact.title')}</dt><dd><TipContact id={inc.id} /></dd></>}
        <dt>{t('reviewQueue.position')}</dt>
        <dd>
          {t('reviewQueue.positionValue', { lat: fmt.number(p.lat, 5), lon: fmt.number(p.lon, 5), n: fmt.number(p.n, 0), e: fmt.number(p.e, 0) })}
          {inc.precisionM != null && <> · {t('reviewQueue.precision', { m: inc.precisionM })}</>}
        </dd>
        <dt>{t('reviewQueue.reportedToPolice')}</dt><dd>{inc.reportedToPolice === null ? t('reviewQueue.unknown') : inc.reportedToPolice ? t('app.yes') : t('app.no')}</dd>
        {inc.assessment !== null && <><dt>{t('reviewQueue.assessment')}</dt><dd>{t('reviewQueue.assessmentValue', { value: inc.assessment })}</dd></>}
        <dt>{t('reviewQueue.visibility')}</dt><dd>{t(`common.visibility.${inc.visibility}`)}</dd>
        <dt>{t('reviewQueue.id')}</dt><dd><code>{inc.id}</code></dd>
      </dl>

      <SmallMap incident={inc} duplicates={dups.items ?? []} />

      <section aria-labelledby="dup-title" class="duplicates">
        <h3 id="dup-title">{t('reviewQueue.duplicatesTitle')}</h3>
        <p class="muted">{t('reviewQueue.duplicatesRule')}</p>
        {dups.error && <p class="muted">{t('reviewQueue.duplicatesFailed', { message: dups.error })}</p>}
        {!dups.items && !dups.error && <p aria-busy="true">{t('app.loading')}</p>}
        {dups.items && dups.items.length === 0 && <p>{t('reviewQueue.noDuplicates')}</p>}
        {dups.items && dups.items.length > 0 && (
          <ul class="dup-list">
            {dups.items.map((d) => {
              const target = d.reviewStatus === 'duplicate' && d.duplicateOf ? d.duplicateOf : d.id;
              const metres = Math.round(distanceM(inc.location, d.location));
              const hours = hoursBetween(inc.occurredFrom, d.occurredFrom);
              return (
                <li key={d.id} class="card">
                  <p id={`dup-${d.id}`}>
                    <strong>{catName(d)}</strong> · {fmt.dateTime(d.occurredFrom)} · {d.placeName ?? d.organisationName}<br />
                    <span class="muted">{t('reviewQueue.dupDistance', { m: metres })} · {hours === 0 ? t('reviewQueue.sameTime') : hours < 0 ? t('reviewQueue.hoursEarlier', { h: fmt.number(-hours, 1) }) : t('reviewQueue.hoursLater', { h: fmt.number(hours, 1) })} · {t(`common.reviewStatus.${d.reviewStatus}`)} · {d.organisationName}</span>
                    {d.description && <><br />{d.description}</>}
                  </p>
                  <button type="button" disabled={busy} aria-describedby={`dup-${d.id}`} onClick={() => decide('duplicate', target)}>
                    {target === d.id ? t('reviewQueue.markDuplicateOfThis') : t('reviewQueue.markDuplicateOfItsOriginal')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <div ref={formRef} class="decision card">
        <h3>{t('reviewQueue.decisionTitle')}</h3>
        {errors.message && (
          <div class="form-error" role="alert" tabIndex={-1}>
            <p class="error">{errors.message}</p>
            {errors.fields.filter((f) => !['categoryId', 'visibility', 'duplicateOf'].includes(f.field)).map((f) => <p key={f.field}>{f.message}</p>)}
          </div>
        )}
        <label for="review-category">{t('reviewQueue.category')}</label>
        <select {...controlProps('review-category', err('categoryId'), true)} value={categoryId} onChange={(e) => setCategoryId(e.currentTarget.value)}>
          {options.map((r) => <option key={r.category.id} value={r.category.id}>{indentedLabel(lang.value === 'en' ? r.category.nameEn : r.category.nameSv, r.depth)}</option>)}
          {!options.some((r) => r.category.id === inc.categoryId) && <option value={inc.categoryId}>{catName(inc)}</option>}
        </select>
        <FieldMessage id="review-category" error={err('categoryId')} hint={t('reviewQueue.categoryHint')} />
        <div class="check">
          <input type="checkbox" {...controlProps('review-restricted', err('visibility'), true)} checked={restricted} onChange={(e) => setRestricted(e.currentTarget.checked)} />
          <label for="review-restricted">{t('reviewQueue.restrict')}</label>
          <FieldMessage id="review-restricted" error={err('visibility')} hint={t('reviewQueue.restrictHint')} />
        </div>
        <div class="form-actions">
          <button type="button" class="primary" disabled={busy} onClick={() => decide('reviewed')}>{t('reviewQueue.approve')}</button>
          <button type="button" class="danger" disabled={busy} onClick={() => decide('rejected')}>{t('reviewQueue.reject')}</button>
        </div>
        <fieldset class="dup-manual">
          <legend>{t('reviewQueue.duplicateLegend')}</legend>
          <label for="review-original">{t('reviewQueue.originalLabel')}</label>
          <input {...controlProps('review-original', err('duplicateOf'), true)} value={original} autocomplete="off" spellcheck={false} onInput={(e) => setOriginal(e.currentTarget.value)} />
          <FieldMessage id="review-original" error={err('duplicateOf')} hint={t('reviewQueue.originalHint')} />
          <button type="button" disabled={busy} onClick={() => decide('duplicate', parseIncidentRef(original) ?? undefined)}>{t('reviewQueue.markDuplicate')}</button>
        </fieldset>
      </div>
    </article>
  );
}

/** The report (large dark-red dot) and the suggested duplicates (smaller blue dots) on the offline base map. */
function SmallMap({ incident, duplicates }: { incident: Incident; duplicates: Incident[] }) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const data = (): GeoJSON.FeatureCollection => ({
    type: 'FeatureCollection',
    features: [
      ...duplicates.map((d) => ({ type: 'Feature' as const, properties: { role: 'dup' }, geometry: { type: 'Point' as const, coordinates: [d.location.lon, d.location.lat] } })),
      { type: 'Feature', properties: { role: 'self' }, geometry: { type: 'Point', coordinates: [incident.location.lon, incident.location.lat] } },
    ],
  });
  const dataRef = useRef(data);
  dataRef.current = data;
  // Show the report and its suggested duplicates together (they lie within 50 m of each other).
  const fit = (map: MapLibreMap) => {
    const b = boundsOf(dataRef.current().features.map((f) => f.geometry));
    if (b && duplicates.length > 0) map.fitBounds(b, { padding: 40, maxZoom: 17, duration: 0 });
  };
  const fitRef = useRef(fit);
  fitRef.current = fit;

  useEffect(() => {
    // One map per report: the next report's pane replaces this one, and the map (and its WebGL
    // context) goes with it, loaded or not.
    const life = new AbortController();
    import('../admin/mapView.ts').then(async (mv) => {
      if (life.signal.aborted || !box.current) return;
      const map = await mv.createSmallMap(box.current, { label: t('reviewQueue.mapLabel'), center: [incident.location.lon, incident.location.lat], zoom: 16, signal: life.signal });
      mapRef.current = map;
      mv.setData(map, 'review', dataRef.current());
      map.addLayer({
        id: 'review-points', type: 'circle', source: 'review',
        paint: {
          'circle-radius': ['case', ['==', ['get', 'role'], 'self'], 9, 6],
          'circle-color': ['case', ['==', ['get', 'role'], 'self'], '#a4161a', '#1f4e79'],
          'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2,
        },
      });
      fitRef.current(map);
    }).catch(() => !life.signal.aborted && setFailed(true));
    return () => { life.abort(); mapRef.current = null; };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    import('../admin/mapView.ts').then((mv) => { mv.setData(map, 'review', dataRef.current()); fit(map); });
  }, [duplicates]);

  return (
    <figure class="review-map">
      <div class="small-map"><div ref={box} class="map-canvas" /></div>
      <figcaption class="muted">{failed ? t('reviewQueue.mapFailed') : t('reviewQueue.mapLegend')}</figcaption>
    </figure>
  );
}

/**
 * A tip's sender's contact details, fetched only when the reviewer asks (each read is audited): the
 * details, when they will be deleted, or that there are none.
 */
function TipContact({ id }: { id: string }) {
  const [state, setState] = useState<{ kind: 'hidden' } | { kind: 'shown'; contact: Open311Contact } | { kind: 'none' } | { kind: 'error'; message: string }>({ kind: 'hidden' });
  useEffect(() => { setState({ kind: 'hidden' }); }, [id]);
  async function show() {
    try {
      setState({ kind: 'shown', contact: await api.get<Open311Contact>(`/api/incidents/${id}/open311-contact`) });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setState({ kind: 'none' });
      else setState({ kind: 'error', message: e instanceof ApiError ? e.message : t('admin.form.network') });
    }
  }
  if (state.kind === 'hidden') return <button type="button" onClick={show}>{t('open311.contact.show')}</button>;
  if (state.kind === 'none') return <p role="status">{t('open311.contact.none')}</p>;
  if (state.kind === 'error') return <p role="alert" class="error">{state.message}</p>;
  const c = state.contact;
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return (
    <div role="status">
      <ul class="tip-contact">
        {name && <li>{t('open311.contact.name')}: {name}</li>}
        {c.email && <li>{t('open311.contact.email')}: <a href={`mailto:${c.email}`}>{c.email}</a></li>}
        {c.phone && <li>{t('open311.contact.phone')}: {c.phone}</li>}
        {c.accountId && <li>{t('open311.contact.account')}: {c.accountId}</li>}
        {c.deviceId && <li>{t('open311.contact.device')}: {c.deviceId}</li>}
      </ul>
      <p class="muted small">{t('open311.contact.hint', { date: fmt.date(c.keptUntil) })}</p>
    </div>
  );
}

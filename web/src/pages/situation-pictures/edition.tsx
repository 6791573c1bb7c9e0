import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { fmt, lang, t, tn } from '../../i18n/index.ts';
import { navigate } from '../../router.ts';
import { may } from '../../session.ts';
import { LiveRegion, useAnnouncer } from '../../ui/form.tsx';
import { ConfirmDialog } from './confirm.tsx';
import { Areas, Categories, KeyNumbers, Measures, NearRepeatAndConcentration, PoliceEvents, Section, TopPlaces, Weekly } from './content-sections.tsx';
import { EditionMap } from './edition-map.tsx';
import { Hotspots } from './hotspots.tsx';
import { NarrativeEditor, NarrativeView } from './narrative.tsx';
import { ErrorText, messageOf, periodText, statusText, useApi, useReferences } from './shared.tsx';
import type { SituationPicture, SituationPictureList } from './types.ts';

/** One edition: its computed content, the narrative (editable while a draft), and what can be done with it. */
export default function EditionPage({ id }: { id: string }) {
  const { data: sp, error, set } = useApi<SituationPicture>(`/api/situation-pictures/${id}`);
  const { refs } = useReferences();
  const [msg, announce] = useAnnouncer();
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const canWrite = may('editions.write');
  const canMeet = may('meetings.manage');

  useEffect(() => {
    if (!sp) return;
    document.title = `${sp.title} – ${t('app.name')}`;
    heading.current?.focus();
  }, [sp?.id]);

  if (error) return <div class="est"><p><a href="#/lagesbilder">← {t('situationPictures.back')}</a></p><ErrorText error={error} /></div>;
  if (!sp) return <p aria-busy="true">{t('situationPictures.edition.loading')}</p>;
  const draft = sp.status === 'draft';

  async function act<T>(fn: () => Promise<T>, done: (r: T) => void) {
    setBusy(true);
    setActionError(null);
    try { done(await fn()); } catch (e) { setActionError(messageOf(e)); } finally { setBusy(false); }
  }
  const publish = () => act(() => api.post<SituationPicture>(`/api/situation-pictures/${sp.id}/publish`, { rowVersion: sp.rowVersion }), (r) => { set(r); announce(t('situationPictures.edition.published')); });
  const newVersion = () => act(() => api.post<SituationPicture>(`/api/situation-pictures/${sp.id}/versions`, {}), (r) => navigate(`/lagesbilder/${r.id}`));
  const recompute = () => act(() => api.post<SituationPicture>(`/api/situation-pictures/${sp.id}/recompute`, { rowVersion: sp.rowVersion }), (r) => { set(r); announce(t('situationPictures.edition.recomputed')); });
  const remove = () => {
    if (!confirm(t('situationPictures.edition.deleteConfirm', { title: sp.title }))) return;
    void act(() => api.delete(`/api/situation-pictures/${sp.id}`), () => navigate('/lagesbilder'));
  };

  const c = sp.content;
  return (
    <div class="est est-edition">
      <p><a href="#/lagesbilder">← {t('situationPictures.back')}</a></p>
      <h1 ref={heading} tabIndex={-1}>{sp.title}</h1>
      <p class="est-meta">
        <span class={`est-status est-status-${sp.status}`}>{statusText(sp.status)}</span>{' '}
        {periodText(sp.period)} · {sp.areaName ?? t('situationPictures.wholeMunicipality')} · {t('situationPictures.versionText', { version: sp.version })}
        {' · '}{t('situationPictures.edition.computedAt')} {fmt.dateTime(sp.computedAt)}
        {sp.publishedAt && <> · {t('situationPictures.edition.publishedAt')} {fmt.dateTime(sp.publishedAt)}</>}
        {' · '}{(c.filters.categoryIds ?? []).length ? tn('situationPictures.edition.categoriesCount', c.filters.categoryIds.length) : t('situationPictures.edition.allCategories')}
      </p>
      <LiveRegion message={msg} />
      {!draft && <p class="est-readonly" role="note">{t('situationPictures.edition.readOnly')}</p>}
      <div class="est-actions" role="group" aria-label={t('situationPictures.edition.actions')}>
        <a class="button" href={`/api/situation-pictures/${sp.id}/document?format=pdf&lang=${lang.value}`} download>{t('situationPictures.edition.pdf')}</a>
        <a class="button" href={`/api/situation-pictures/${sp.id}/document?format=html&lang=${lang.value}`} target="_blank" rel="noopener">{t('situationPictures.edition.html')}</a>
        {canWrite && draft && <button type="button" class="primary" disabled={busy} onClick={() => setConfirming(true)}>{t('situationPictures.edition.publish')}</button>}
        {canWrite && draft && <button type="button" disabled={busy} onClick={recompute}>{t('situationPictures.edition.recompute')}</button>}
        {canWrite && !draft && <button type="button" class="primary" disabled={busy} onClick={newVersion}>{t('situationPictures.edition.newVersion')}</button>}
        {canMeet && <a class="button" href={`#/moten/ny?situationPictureId=${sp.id}`}>{t('situationPictures.edition.newMeeting')}</a>}
        {canWrite && draft && <button type="button" class="danger" disabled={busy} onClick={remove}>{t('situationPictures.edition.delete')}</button>}
      </div>
      {busy && <progress class="est-busy" aria-label={t('app.loading')} />}
      <ErrorText error={actionError} />
      {!draft && <CompareWith sp={sp} />}
      {sp.versions.length > 1 && (
        <nav aria-label={t('situationPictures.edition.versions')} class="est-versions">
          <h2 class="visually-hidden">{t('situationPictures.edition.versions')}</h2>
          <ul>
            {sp.versions.map((v) => (
              <li key={v.id}>{v.id === sp.id
                ? <strong aria-current="page">{t('situationPictures.edition.versionItem', { version: v.version, status: statusText(v.status) })}</strong>
                : <a href={`#/lagesbilder/${v.id}`}>{t('situationPictures.edition.versionItem', { version: v.version, status: statusText(v.status) })}</a>}</li>
            ))}
          </ul>
        </nav>
      )}
      {confirming && (
        <ConfirmDialog title={t('situationPictures.edition.publishConfirmTitle')} text={t('situationPictures.edition.publishConfirm', { title: sp.title })}
          yes={t('situationPictures.edition.publishConfirmYes')} onYes={publish} onClose={() => setConfirming(false)} />
      )}

      {canWrite && draft
        ? <NarrativeEditor sp={sp} refs={refs} onSaved={set} />
        : <NarrativeView sp={sp} refs={refs} />}
      <KeyNumbers c={c} />
      <Section id="sp-map" title={t('situationPictures.map.title')}><EditionMap content={c} /></Section>
      <Hotspots c={c} editionId={sp.id} />
      <div class="est-grid">
        <Weekly c={c} />
        <Categories c={c} />
      </div>
      <NearRepeatAndConcentration c={c} />
      <Areas c={c} />
      <TopPlaces c={c} />
      <Measures c={c} />
      <PoliceEvents c={c} />
    </div>
  );
}

/** "Jämför med …": any other edition of the municipality. */
function CompareWith({ sp }: { sp: SituationPicture }) {
  const { data } = useApi<SituationPictureList>('/api/situation-pictures');
  const others = (data?.items ?? []).filter((o) => o.id !== sp.id);
  const [other, setOther] = useState('');
  if (others.length === 0) return null;
  return (
    <form class="est-compare" onSubmit={(e) => { e.preventDefault(); if (other) navigate(`/lagesbilder/${sp.id}/jamfor/${other}`); }}>
      <label for="sp-compare">{t('situationPictures.edition.compareWith')}</label>
      <select id="sp-compare" value={other} onChange={(e) => setOther((e.target as HTMLSelectElement).value)}>
        <option value="">–</option>
        {others.map((o) => <option key={o.id} value={o.id}>{o.title} ({periodText(o.period)}, {statusText(o.status)})</option>)}
      </select>
      <button type="submit" disabled={!other}>{t('situationPictures.edition.compare')}</button>
    </form>
  );
}

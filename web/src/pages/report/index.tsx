import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { Area, Category, Incident, MapSettings, Municipality, Organisation, Place } from '../../api/types.ts';
import { fmt, t, tn, type MessageKey } from '../../i18n/index.ts';
import { session } from '../../session.ts';
import { ALL, municipalityChoice, singleTree } from '../../municipality-choice.ts';
import { online } from '../../ui/online.ts';
import { findPersonalData } from '../../../../src/core/privacy/index.ts';
import { PersonalDataWarning } from '../../ui/PersonalDataWarning.tsx';
import { storedReports, submitReport } from '../../offline/queue.ts';
import { OutboxList } from '../../offline/OutboxList.tsx';
import type { OutboxPhoto } from '../../offline/outbox.ts';
import { CategoryPicker, categoryName } from './CategoryPicker.tsx';
import { PositionPicker } from './PositionPicker.tsx';
import {
  DESCRIPTION_MAX, FIELD_ORDER, PHOTO_MAX_BYTES, PHOTO_MAX_COUNT, PHOTO_TYPES, PLACE_NAME_MAX,
  emptyForm, toBody, toLocalInput, validate, type ReportForm,
} from './form.ts';
import './report.css';

interface RefData { categories: Category[]; places: Place[]; areas: Area[]; municipalities: Municipality[]; organisations: Organisation[]; mapSettings: MapSettings | null }
interface PhotoDraft { key: string; file: File; url: string }
/** What the confirmation says: sent, or kept on the device (`id`: until the outbox has sent it). */
type Done = { kind: 'stored'; photosQueued: number; cleaned: boolean } | { kind: 'queued'; id: string };

/** Where each server field is shown (and focused): the API's field names → the form's. */
function formField(serverField: string): string {
  const head = serverField.split('.')[0];
  if (head === 'location' || head === 'precisionM' || head === 'placeId' || head === 'positionPrecision') return 'location';
  return head;
}
/** Element to focus for a field with an error. */
const FOCUS_ID: Record<string, string> = {
  categoryId: 'categoryId', location: 'location', occurredAt: 'time-at', occurredFrom: 'time-from', occurredTo: 'time-to',
  placeName: 'place-name', description: 'description', reportedToPolice: 'police-yes', assessment: 'assessment-none', visibility: 'restricted', photos: 'photo-pick',
};
const ORDER = [...FIELD_ORDER, 'reportedToPolice', 'assessment', 'visibility', 'photos'];

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Older browsers and plain-http origins: RFC 4122 version 4 from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One who reports in several municipalities (the police area) picks from one tree — the
 * municipality chosen in the top bar, else their home — and the server stores the same code in the
 * municipality the point lies in.
 */
function oneTree(categories: Category[]): Category[] {
  const choice = municipalityChoice.value;
  return singleTree(categories, choice !== ALL ? choice : session.value?.user.municipalityId);
}

async function loadRefData(): Promise<RefData> {
  const soft = <T,>(p: Promise<T>, fallback: T) => p.catch(() => fallback);
  const [allCategories, places, areas, municipalities, organisations, mapSettings] = await Promise.all([
    api.get<Category[]>('/api/categories'),
    soft(api.get<Place[]>('/api/places'), []),
    soft(api.get<Area[]>('/api/areas'), []),
    soft(api.get<Municipality[]>('/api/municipalities'), []),
    soft(api.get<Organisation[]>('/api/organisations'), []),
    soft(api.get<MapSettings>('/api/settings/map'), null),
  ]);
  return { categories: oneTree(allCategories), places, areas, municipalities, organisations, mapSettings };
}

export default function ReportPage() {
  const [ref, setRef] = useState<RefData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<ReportForm>(emptyForm);
  const [photos, setPhotos] = useState<PhotoDraft[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  /** Changes on reset so the position picker forgets its status and search. */
  const [round, setRound] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    loadRefData().then(setRef).catch((e) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const me = session.value?.user;
  const mayRestrict = !!me && (me.roles.includes('coordinator') || ref?.organisations.some((o) => o.id === me.organisationId && o.kind === 'polis') === true);
  const findings = useMemo(() => findPersonalData(form.description), [form.description]);
  const set = <K extends keyof ReportForm>(key: K, value: ReportForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (done) setDone(null);
  };

  function addPhotos(list: FileList | null) {
    setPhotoError(null);
    if (!list) return;
    const next = [...photos];
    for (const file of Array.from(list)) {
      if (next.length >= PHOTO_MAX_COUNT) { setPhotoError(t('report.photos.tooMany', { max: PHOTO_MAX_COUNT })); break; }
      if (!PHOTO_TYPES.includes(file.type)) { setPhotoError(t('report.photos.wrongType', { name: file.name })); continue; }
      if (file.size > PHOTO_MAX_BYTES) { setPhotoError(t('report.photos.tooLarge', { name: file.name })); continue; }
      next.push({ key: uuid(), file, url: URL.createObjectURL(file) });
    }
    setPhotos(next);
  }
  function removePhoto(i: number) {
    URL.revokeObjectURL(photos[i].url);
    setPhotos(photos.filter((_, j) => j !== i));
    document.getElementById('photo-pick')?.focus();
  }

  function showErrors(map: Record<string, string>, general: string | null) {
    setErrors(map);
    setGeneralError(general);
    const first = ORDER.find((f) => map[f]);
    // After render: focus the first field with an error (the summary when none can take focus).
    requestAnimationFrame(() => {
      const el = first ? document.getElementById(FOCUS_ID[first] ?? first) : null;
      if (el && !(el as HTMLButtonElement).disabled) el.focus();
      else summaryRef.current?.focus();
    });
  }

  function reset() {
    photos.forEach((p) => URL.revokeObjectURL(p.url));
    setPhotos([]);
    setForm(emptyForm());
    setErrors({});
    setGeneralError(null);
    setRound((r) => r + 1);
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (sending) return;
    const now = new Date();
    const local = validate(form, now);
    if (Object.keys(local).length > 0) {
      showErrors(Object.fromEntries(Object.entries(local).map(([k, code]) => [k, t(`report.errors.${code}` as MessageKey)])), null);
      return;
    }
    setErrors({});
    setGeneralError(null);
    setSending(true);
    try {
      const body = toBody(form, uuid(), now);
      const category = ref?.categories.find((c) => c.id === form.categoryId);
      const photoItems: OutboxPhoto[] = photos.map((p) => ({ name: p.file.name, type: p.file.type, blob: p.file }));
      const outcome = await submitReport(body, photoItems, {
        categoryName: category ? categoryName(category) : '', placeName: body.placeName, occurredAt: body.occurredAt ?? body.occurredFrom!,
      });
      if (outcome.kind === 'rejected') {
        const map: Record<string, string> = {};
        let general: string | null = null;
        for (const f of outcome.fields) {
          const key = formField(f.field);
          if (FOCUS_ID[key]) map[key] ??= f.message; else general = f.message;
        }
        showErrors(map, Object.keys(map).length ? general : general ?? outcome.message);
        return;
      }
      // The outbox passes the server's answer through untyped: POST /api/incidents answers with the stored incident.
      const incident = outcome.kind === 'stored' ? outcome.incident as Incident : null;
      const cleaned = !!incident && (!!incident.personalDataRemoved?.length || (body.description !== undefined && incident.description !== body.description));
      reset();
      setDone(outcome.kind === 'stored' ? { kind: 'stored', photosQueued: outcome.photosQueued, cleaned } : { kind: 'queued', id: body.id });
      requestAnimationFrame(() => doneRef.current?.focus());
    } finally {
      setSending(false);
    }
  }

  if (loadError) return <div><h1>{t('report.title')}</h1><p role="alert" class="error">{t('report.loadFailed', { message: loadError })}</p></div>;
  if (!ref) return <div><h1>{t('report.title')}</h1><p aria-busy="true">{t('report.loadingData')}</p></div>;

  // A report kept on the device that the outbox has sent since: the confirmation says so.
  const sentLater = done?.kind === 'queued' && storedReports.value.has(done.id);
  const errorList = ORDER.filter((f) => errors[f]);
  const invalid = (f: string) => (errors[f] ? true : undefined);
  const describe = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(' ') || undefined;
  const nowMax = toLocalInput(new Date());

  return (
    <div class="report-page">
      <h1>{t('report.title')}</h1>
      <div role="status" aria-live="polite" class="report-done-region">
        {done && (
          <div class={`report-done card ${done.kind === 'queued' && !sentLater ? 'queued' : 'stored'}`}>
            <h2 tabIndex={-1} ref={doneRef}>{done.kind === 'stored' ? t('report.done.stored') : sentLater ? t('report.done.sentLater') : t('report.done.queued')}</h2>
            {done.kind === 'stored' && done.cleaned && <p>{t('report.privacy.serverCleaned')}</p>}
            {done.kind === 'stored' && done.photosQueued > 0 && <p>{tn('report.done.photosQueued', done.photosQueued)}</p>}
            <p><a href="#/mina-rapporter">{t('report.done.myReports')}</a></p>
          </div>
        )}
      </div>
      <OutboxList />
      <p class="muted">{t('report.intro')}</p>

      {(errorList.length > 0 || generalError) && (
        <div class="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-heading">
          <h2 id="error-summary-heading">{t('report.errors.summary')}</h2>
          <ul>
            {generalError && <li>{t('report.errors.server', { message: generalError })}</li>}
            {errorList.map((f) => (
              <li key={f}><button type="button" class="link" onClick={() => document.getElementById(FOCUS_ID[f] ?? f)?.focus()}>{errors[f]}</button></li>
            ))}
          </ul>
        </div>
      )}

      <form onSubmit={submit} noValidate aria-describedby={undefined}>
        <CategoryPicker categories={ref.categories} value={form.categoryId} onChange={(id) => set('categoryId', id)} error={errors.categoryId} />

        <PositionPicker key={round} value={form.position} onChange={(p) => set('position', p)} places={ref.places} areas={ref.areas}
          municipalities={ref.municipalities} mapSettings={ref.mapSettings} error={errors.location} />

        <label for="place-name">{t('report.position.placeName')}</label>
        <p id="place-name-hint" class="hint">{t('report.position.placeNameHint')}</p>
        <input id="place-name" type="text" maxLength={PLACE_NAME_MAX} value={form.placeName} aria-invalid={invalid('placeName')}
          aria-describedby={describe('place-name-hint', errors.placeName && 'placeName-error')} onInput={(e) => set('placeName', (e.target as HTMLInputElement).value)} />
        {errors.placeName && <p id="placeName-error" class="field-error">{errors.placeName}</p>}

        <fieldset class="time">
          <legend>{t('report.time.legend')}</legend>
          <div class="segmented">
            {(['now', 'at', 'window'] as const).map((m) => (
              <label key={m} class={form.timeMode === m ? 'checked' : ''}>
                <input type="radio" name="time-mode" id={`time-mode-${m}`} value={m} checked={form.timeMode === m} onChange={() => {
                  setForm((f) => ({ ...f, timeMode: m, at: f.at || (m === 'at' ? toLocalInput(new Date()) : f.at) }));
                }} />
                {t(`report.time.${m}` as MessageKey)}
              </label>
            ))}
          </div>
          {form.timeMode === 'at' && (
            <>
              <label for="time-at">{t('report.time.atLabel')}</label>
              <input id="time-at" type="datetime-local" max={nowMax} value={form.at} aria-invalid={invalid('occurredAt')}
                aria-describedby={errors.occurredAt ? 'occurredAt-error' : undefined} onInput={(e) => set('at', (e.target as HTMLInputElement).value)} />
              {errors.occurredAt && <p id="occurredAt-error" class="field-error">{errors.occurredAt}</p>}
            </>
          )}
          {form.timeMode === 'window' && (
            <>
              <p id="time-window-hint" class="hint">{t('report.time.windowHint')}</p>
              <label for="time-from">{t('report.time.fromLabel')}</label>
              <input id="time-from" type="datetime-local" max={nowMax} value={form.from} aria-invalid={invalid('occurredFrom')}
                aria-describedby={describe('time-window-hint', errors.occurredFrom && 'occurredFrom-error')} onInput={(e) => set('from', (e.target as HTMLInputElement).value)} />
              {errors.occurredFrom && <p id="occurredFrom-error" class="field-error">{errors.occurredFrom}</p>}
              <label for="time-to">{t('report.time.toLabel')}</label>
              <input id="time-to" type="datetime-local" max={nowMax} value={form.to} aria-invalid={invalid('occurredTo')}
                aria-describedby={errors.occurredTo ? 'occurredTo-error' : undefined} onInput={(e) => set('to', (e.target as HTMLInputElement).value)} />
              {errors.occurredTo && <p id="occurredTo-error" class="field-error">{errors.occurredTo}</p>}
            </>
          )}
          {form.timeMode === 'now' && errors.occurredAt && <p id="occurredAt-error" class="field-error">{errors.occurredAt}</p>}
        </fieldset>

        <label for="description">{t('report.description.label')}</label>
        <p id="description-hint" class="hint">{t('report.description.hint')}</p>
        <textarea id="description" ref={descriptionRef} rows={4} maxLength={DESCRIPTION_MAX} value={form.description} aria-invalid={invalid('description')}
          aria-describedby={describe('description-hint', 'description-count', findings.length > 0 && 'privacy-warning', errors.description && 'description-error')}
          onInput={(e) => set('description', (e.target as HTMLTextAreaElement).value)} />
        <p id="description-count" class="hint count">{t('report.description.count', { count: fmt.number(form.description.length), max: fmt.number(DESCRIPTION_MAX) })}</p>
        {errors.description && <p id="description-error" class="field-error">{errors.description}</p>}
        <PersonalDataWarning id="privacy-warning" text={form.description} body={t('report.privacy.body')} removedMessage={t('report.privacy.removed')}
          onRemove={(cleaned) => { set('description', cleaned); descriptionRef.current?.focus(); }} />

        <fieldset class="segmented-fieldset">
          <legend>{t('report.police.legend')}</legend>
          <div class="segmented">
            {(['yes', 'no', 'unknown'] as const).map((v) => (
              <label key={v} class={form.reportedToPolice === v ? 'checked' : ''}>
                <input type="radio" name="police" id={`police-${v}`} value={v} checked={form.reportedToPolice === v} onChange={() => set('reportedToPolice', v)} />
                {t(`report.police.${v}` as MessageKey)}
              </label>
            ))}
          </div>
          {errors.reportedToPolice && <p class="field-error">{errors.reportedToPolice}</p>}
        </fieldset>

        <fieldset class="assessment">
          <legend>{t('report.assessment.legend')}</legend>
          {([null, 1, 2, 3, 4, 5] as const).map((v) => (
            <label key={String(v)} class={`radio-row${form.assessment === v ? ' checked' : ''}`}>
              <input type="radio" name="assessment" id={`assessment-${v ?? 'none'}`} checked={form.assessment === v} onChange={() => set('assessment', v)} />
              {v === null ? t('report.assessment.none') : t(`report.assessment.l${v}` as MessageKey)}
            </label>
          ))}
          {errors.assessment && <p class="field-error">{errors.assessment}</p>}
        </fieldset>

        {mayRestrict && (
          <div class="checkbox-row">
            <input type="checkbox" id="restricted" checked={form.restricted} aria-describedby="restricted-hint" onChange={(e) => set('restricted', (e.target as HTMLInputElement).checked)} />
            <label for="restricted">{t('report.visibility.label')}</label>
            <p id="restricted-hint" class="hint">{t('report.visibility.hint')}</p>
            {errors.visibility && <p class="field-error">{errors.visibility}</p>}
          </div>
        )}

        <fieldset class="photos">
          <legend>{t('report.photos.legend')}</legend>
          <p id="photos-hint" class="hint">{t('report.photos.hint', { max: PHOTO_MAX_COUNT })}</p>
          <div class="photo-buttons">
            <input id="photo-take" class="file-input" type="file" accept="image/*" capture="environment" aria-describedby="photos-hint"
              onChange={(e) => { addPhotos((e.target as HTMLInputElement).files); (e.target as HTMLInputElement).value = ''; }} />
            <label class="button file-button" for="photo-take">{t('report.photos.take')}</label>
            <input id="photo-pick" class="file-input" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby="photos-hint"
              onChange={(e) => { addPhotos((e.target as HTMLInputElement).files); (e.target as HTMLInputElement).value = ''; }} />
            <label class="button file-button" for="photo-pick">{t('report.photos.pick')}</label>
          </div>
          {photoError && <p class="field-error" role="alert">{photoError}</p>}
          {photos.length > 0 && (
            <ul class="photo-previews">
              {photos.map((p, i) => (
                <li key={p.key}>
                  <img src={p.url} alt={t('report.photos.preview', { n: i + 1, name: p.file.name })} />
                  <button type="button" onClick={() => removePhoto(i)}>{t('report.photos.remove', { n: i + 1 })}</button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <div class="submit-row">
          <button type="submit" class="primary submit" disabled={sending} aria-busy={sending}>{sending ? t('report.sending') : t('report.submit')}</button>
          <button type="button" onClick={() => { reset(); setDone(null); }}>{t('report.reset')}</button>
        </div>
        {!online.value && <p class="muted">{t('app.offline')}</p>}
      </form>
    </div>
  );
}

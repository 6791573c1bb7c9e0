import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client.ts';
import { fmt, t } from '../../i18n/index.ts';
import { navigate, route } from '../../router.ts';
import { may } from '../../session.ts';
import { ErrorSummary, errorsFrom, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { stockholmDay } from '../situation-pictures/periods.ts';
import { ErrorText, useApi, useReferences } from '../situation-pictures/shared.tsx';
import type { Decision, Measure, Meeting } from '../situation-pictures/types.ts';
import { changedBody, createBody, decisionDraft, draftOf, emptyDraft, MEASURE_FIELDS, MeasureFields, type MeasureDraft } from './fields.tsx';
import { FollowUpPanel } from './follow-up.tsx';

/** A measure: the form (new or existing, with "Markera som genomförd") and, once it exists, its follow-up. */
export default function MeasurePage({ id }: { id: string | null }) {
  const { data: measure, error, set: setMeasure } = useApi<Measure>(id ? `/api/measures/${id}` : null);
  const { refs, refresh } = useReferences();
  const params = route.value.params;
  // A place made a moment ago (from a hotspot or a map cell) may be newer than the cached references.
  const askedPlace = !id ? params.get('placeId') : null;
  const askedArea = !id ? params.get('areaId') : null;
  const refreshed = useRef(false);
  useEffect(() => {
    if (!refs || refreshed.current) return;
    const missing = (askedPlace && !refs.places.some((p) => p.id === askedPlace)) || (askedArea && !refs.areas.some((a) => a.id === askedArea));
    if (missing) { refreshed.current = true; refresh(); }
  }, [refs]);
  // "Gör till åtgärd" on a meeting's decision: the form starts from what the decision says, and the
  // measure is made through the decision so the two link to each other.
  const fromMeeting = !id ? params.get('meetingId') : null;
  const decisionId = fromMeeting ? params.get('decisionId') : null;
  const { data: origin, error: originError } = useApi<Meeting>(decisionId ? `/api/meetings/${fromMeeting}` : null);
  const decision: Decision | null = origin?.decisions.find((d) => d.id === decisionId) ?? null;
  const [draft, setDraft] = useState<MeasureDraft | null>(id || decisionId ? null : emptyDraft({ placeId: params.get('placeId') ?? '', areaId: params.get('areaId') ?? '' }));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);
  const heading = useRef<HTMLHeadingElement>(null);
  // An area group edits its own organisation's measures, a coordinator every one (the policy's reach).
  const canEdit = measure ? may('measure.edit', measure) : may('measures.create');

  useEffect(() => { if (measure) setDraft(draftOf(measure)); }, [measure?.id, measure?.rowVersion]);
  useEffect(() => {
    if (!origin) return;
    const item = origin.agenda.find((a) => a.id === decision?.agendaItem) ?? null;
    setDraft(decision ? decisionDraft(decision, item, origin) : emptyDraft());
  }, [origin?.id]);
  useEffect(() => {
    if (!id || measure) heading.current?.focus();
    document.title = `${measure?.title ?? t('measures.newTitle')} – ${t('app.name')}`;
  }, [measure?.id]);

  const back = <p><a href="#/atgarder">← {t('measures.back')}</a></p>;
  if (error || originError) return <div class="est">{back}<ErrorText error={error ?? originError} /></div>;
  if (!draft) return <p aria-busy="true">{t('app.loading')}</p>;

  async function save(patch: Partial<MeasureDraft> = {}) {
    const d = { ...draft!, ...patch };
    setDraft(d);
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      if (measure) {
        const saved = await api.patch<Measure>(`/api/measures/${measure.id}`, { rowVersion: measure.rowVersion, ...changedBody(d, measure) });
        setMeasure(saved);
        announce(t('measures.saved'));
      } else if (decision) {
        const made = await api.post<Decision>(`/api/meetings/${decision.meetingId}/decisions/${decision.id}/measure`, createBody(d));
        navigate(`/atgarder/${made.measure!.id}`);
      } else {
        const body = { ...createBody(d), ...(params.get('situationPictureId') ? { situationPictureId: params.get('situationPictureId') } : {}), ...(params.get('meetingId') ? { meetingId: params.get('meetingId') } : {}) };
        const created = await api.post<Measure>('/api/measures', body);
        navigate(`/atgarder/${created.id}`);
      }
    } catch (ex) {
      if (ex instanceof ApiError && ex.fields.some((f) => f.code === 'version_mismatch')) setStale(true);
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="est">
      {back}
      <h1 ref={heading} tabIndex={-1}>{measure ? measure.title : t('measures.newTitle')}</h1>
      {measure && (
        <p class="est-meta">
          {t(`measures.status.${measure.status}`)}{measure.overdue && <strong class="est-overdue"> ({t('measures.overdue')})</strong>}
          {' · '}{measure.organisationName}{measure.placeName || measure.areaName ? ` · ${measure.placeName ?? measure.areaName}` : ''}
          {' · '}{t('measures.meta', { created: fmt.date(measure.createdAt), updated: fmt.date(measure.updatedAt) })}
          {measure.meetingId && <> · <a href={`#/moten/${measure.meetingId}`}>{t('measures.fromMeeting')}</a></>}
          {measure.situationPictureId && <> · <a href={`#/lagesbilder/${measure.situationPictureId}`}>{t('measures.fromPicture')}</a></>}
        </p>
      )}
      {origin && (
        <div class="card est-origin" data-testid="from-decision">
          {decision ? <p>{t('measures.fromDecision', { text: decision.text })} <a href={`#/moten/${origin.id}`}>{origin.title}</a></p>
            : <p class="warning">{t('measures.decisionMissing')} <a href={`#/moten/${origin.id}`}>{origin.title}</a></p>}
          {decision?.measureId
            ? <p class="warning">{t('measures.decisionTaken')} <a href={`#/atgarder/${decision.measureId}`}>{decision.measure?.title ?? t('measures.decisionTakenLink')}</a></p>
            : decision && <p class="muted">{t('measures.fromDecisionHint')}</p>}
        </div>
      )}
      <LiveRegion message={msg} />
      {!decision?.measureId && <form ref={formRef} class="admin-form card" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <ErrorSummary errors={errors} known={MEASURE_FIELDS} />
        {stale && <p class="warning">{t('measures.stale')}</p>}
        <fieldset disabled={!canEdit} class="est-plain">
          <MeasureFields draft={draft} set={(p) => setDraft({ ...draft, ...p })} refs={refs} errors={errors} />
        </fieldset>
        {canEdit && (
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>{measure ? t('measures.save') : t('measures.create')}</button>
            {measure && measure.status !== 'done' && (
              <button type="button" disabled={busy} onClick={() => void save({ status: 'done', actualEnd: draft.actualEnd || stockholmDay(new Date()) })}>{t('measures.markDone')}</button>
            )}
          </div>
        )}
      </form>}
      {measure && <FollowUpPanel measure={measure} refs={refs} />}
    </div>
  );
}

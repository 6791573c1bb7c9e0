import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client.ts';
import { fmt, t } from '../../i18n/index.ts';
import { may } from '../../session.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { createBody, emptyDraft, MeasureFields, type MeasureDraft } from '../measures/fields.tsx';
import { ErrorText, useApi, useReferences, type References } from '../situation-pictures/shared.tsx';
import type { AgendaItem, Decision, Meeting } from '../situation-pictures/types.ts';

/** "Fatta beslut" for an agenda item (or none): the decision and, optionally, the measure it creates (one transaction on the server). */
function DecisionForm({ meeting, item, refs, onSaved, onCancel }: {
  meeting: Meeting; item: AgendaItem | null; refs: References | null; onSaved: (d: Decision) => void; onCancel: () => void;
}) {
  const idp = `dec-${item?.id ?? 'other'}`.replace(/[^a-zA-Z0-9-]/g, '-');
  const [text, setText] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [due, setDue] = useState('');
  const [withMeasure, setWithMeasure] = useState(false);
  const [draft, setDraft] = useState<MeasureDraft>(() => emptyDraft({
    placeId: item?.ref?.type === 'place' ? item.ref.id : '',
    areaId: item?.ref?.type === 'area' ? item.ref.id : meeting.areaId ?? '',
    problem: item ? `${item.title}${item.detail ? `: ${item.detail}` : ''}`.slice(0, 2000) : '',
  }));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusFirstError(errors);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => { first.current?.focus(); }, []);
  const err = (f: string) => fieldMessage(errors, f);

  async function submit(e: Event) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      const measure = withMeasure ? { ...createBody(draft), meetingId: meeting.id, ...(meeting.situationPictureId ? { situationPictureId: meeting.situationPictureId } : {}) } : undefined;
      const body = {
        text: text.trim(), ...(item ? { agendaItem: item.id } : {}), ...(organisationId ? { organisationId } : {}), ...(due ? { due } : {}),
        ...(measure ? { measure } : {}),
      };
      onSaved(await api.post<Decision>(`/api/meetings/${meeting.id}/decisions`, body));
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} class="admin-form card est-decision" onSubmit={submit} noValidate aria-labelledby={`${idp}-h`}>
      <h3 id={`${idp}-h`}>{t('meetings.decision.title')}</h3>
      {item && <p class="muted">{t('meetings.decision.about', { title: item.title })}</p>}
      <ErrorSummary errors={errors} known={['text', 'organisationId', 'due', 'measure']} />
      <Label for={`${idp}-text`} required>{t('meetings.decision.text')}</Label>
      <textarea ref={first} {...controlProps(`${idp}-text`, err('text'))} rows={3} value={text} maxLength={2000} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <FieldMessage id={`${idp}-text`} error={err('text')} />
      <div class="form-row">
        <div>
          <Label for={`${idp}-org`}>{t('meetings.decision.organisation')}</Label>
          <select {...controlProps(`${idp}-org`, err('organisationId'))} value={organisationId} onChange={(e) => setOrganisationId((e.target as HTMLSelectElement).value)}>
            <option value="">{t('measures.field.none')}</option>
            {(refs?.organisations ?? []).filter((o) => o.active).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <FieldMessage id={`${idp}-org`} error={err('organisationId')} />
        </div>
        <div>
          <Label for={`${idp}-due`}>{t('meetings.decision.due')}</Label>
          <input type="date" {...controlProps(`${idp}-due`, err('due'))} value={due} onInput={(e) => setDue((e.target as HTMLInputElement).value)} />
          <FieldMessage id={`${idp}-due`} error={err('due')} />
        </div>
      </div>
      <div class="check">
        <input type="checkbox" id={`${idp}-measure`} checked={withMeasure} onChange={(e) => setWithMeasure((e.target as HTMLInputElement).checked)} />
        <label for={`${idp}-measure`}>{t('meetings.decision.makeMeasure')}</label>
      </div>
      {withMeasure && (
        <fieldset>
          <legend>{t('meetings.decision.measureLegend')}</legend>
          <MeasureFields draft={draft} set={(p) => setDraft({ ...draft, ...p })} refs={refs} errors={errors} prefix="measure." idPrefix={`${idp}-m`} />
        </fieldset>
      )}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>{t('meetings.decision.save')}</button>
        <button type="button" onClick={onCancel}>{t('meetings.decision.cancel')}</button>
      </div>
    </form>
  );
}

/** A meeting: details, the generated agenda with "Fatta beslut" per item, the decisions, the minutes and their export. */
export default function MeetingPage({ id }: { id: string }) {
  const { data: meeting, error, set, reload } = useApi<Meeting>(`/api/meetings/${id}`);
  const { refs } = useReferences();
  const [deciding, setDeciding] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<string | null>(null);
  const [minutesError, setMinutesError] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [msg, announce] = useAnnouncer();
  const heading = useRef<HTMLHeadingElement>(null);
  const canManage = may('meetings.manage');
  const canDecide = may('decisions.make');

  useEffect(() => { if (meeting) { document.title = `${meeting.title} – ${t('app.name')}`; heading.current?.focus(); } }, [meeting?.id]);
  useEffect(() => { if (meeting && minutes === null) setMinutes(meeting.minutes ?? ''); }, [meeting]);

  const back = <p><a href="#/moten">← {t('meetings.back')}</a></p>;
  if (error) return <div class="est">{back}<ErrorText error={error} /></div>;
  if (!meeting) return <p aria-busy="true">{t('app.loading')}</p>;

  async function patch(body: Record<string, unknown>, done: string) {
    setBusy(true);
    setMinutesError(NO_ERRORS);
    try {
      set(await api.patch<Meeting>(`/api/meetings/${meeting!.id}`, { rowVersion: meeting!.rowVersion, ...body }));
      announce(done);
    } catch (ex) {
      const e = errorsFrom(ex);
      if (ex instanceof ApiError && ex.fields.some((f) => f.code === 'version_mismatch')) e.message = t('meetings.meeting.stale');
      setMinutesError(e);
    } finally {
      setBusy(false);
    }
  }

  async function decided(d: Decision) {
    const at = deciding;
    setDeciding(null);
    await reload();
    announce(d.measure ? t('meetings.decision.savedWithMeasure', { title: d.measure.title }) : t('meetings.decision.saved'));
    setTimeout(() => document.getElementById(`decide-${at}`)?.focus(), 0);
  }

  const orgName = (oid: string | null) => refs?.organisations.find((o) => o.id === oid)?.name ?? '';
  const decisionsFor = (itemId: string | null) => meeting.decisions.filter((d) => (d.agendaItem ?? null) === itemId);
  const DecisionList = ({ items }: { items: Decision[] }) => items.length === 0 ? null : (
    <ul class="est-list est-decisions">
      {items.map((d) => (
        <li key={d.id}>
          <strong>{t('meetings.decision.title')}:</strong> {d.text}
          {d.organisationId && <> – {orgName(d.organisationId)}</>}
          {d.due && <> ({t('meetings.meeting.decisionDue', { date: d.due.slice(0, 10) })})</>}
          {(d.measure || d.measureId) && <> · <a href={`#/atgarder/${d.measure?.id ?? d.measureId}`}>{t('meetings.meeting.decisionMeasure', { title: d.measure?.title ?? '' })}</a></>}
        </li>
      ))}
    </ul>
  );

  return (
    <div class="est">
      {back}
      <h1 ref={heading} tabIndex={-1}>{meeting.title}</h1>
      <p class="est-meta">{fmt.dateTime(meeting.heldAt)} · {meeting.areaName ?? t('situationPictures.wholeMunicipality')} · {t(`meetings.status.${meeting.status}`)}
        {meeting.situationPictureId && <> · <a href={`#/lagesbilder/${meeting.situationPictureId}`}>{t('meetings.meeting.situationPicture')}</a></>}</p>
      <LiveRegion message={msg} />
      <section class="est-section card" aria-labelledby="mt-participants-h">
        <h2 id="mt-participants-h">{t('meetings.meeting.participants')}</h2>
        {meeting.participants.length === 0 ? <p class="muted">{t('meetings.meeting.noParticipants')}</p> : (
          <ul class="est-list">{meeting.participants.map((p, i) => <li key={`${p.organisationId}-${i}`}>{orgName(p.organisationId)}{p.name ? ` – ${p.name}` : ''}</li>)}</ul>
        )}
      </section>
      <section class="est-section card" aria-labelledby="mt-agenda-h">
        <h2 id="mt-agenda-h">{t('meetings.meeting.agenda')}</h2>
        {meeting.agenda.length === 0 && <p class="muted">{t('meetings.meeting.noAgenda')}</p>}
        <ol class="est-agenda">
          {meeting.agenda.map((item) => (
            <li key={item.id} data-kind={item.kind}>
              <p><span class="badge">{t(`meetings.kind.${item.kind}`)}</span> <strong>{item.title}</strong></p>
              {item.detail && <p class="muted">{item.detail}</p>}
              <DecisionList items={decisionsFor(item.id)} />
              {canDecide && deciding !== item.id && (
                <button type="button" id={`decide-${item.id}`} onClick={() => setDeciding(item.id)} aria-label={t('meetings.meeting.decideAbout', { title: item.title })}>{t('meetings.meeting.decide')}</button>
              )}
              {deciding === item.id && <DecisionForm meeting={meeting} item={item} refs={refs} onSaved={decided} onCancel={() => { setDeciding(null); setTimeout(() => document.getElementById(`decide-${item.id}`)?.focus(), 0); }} />}
            </li>
          ))}
        </ol>
        <h3>{t('meetings.meeting.otherDecision')}</h3>
        <DecisionList items={decisionsFor(null)} />
        {canDecide && deciding !== '__other' && <button type="button" id="decide-__other" onClick={() => setDeciding('__other')}>{t('meetings.meeting.decide')}</button>}
        {deciding === '__other' && <DecisionForm meeting={meeting} item={null} refs={refs} onSaved={decided} onCancel={() => setDeciding(null)} />}
      </section>
      <section class="est-section card" aria-labelledby="mt-minutes-h">
        <h2 id="mt-minutes-h">{t('meetings.meeting.minutes')}</h2>
        <form class="admin-form" noValidate onSubmit={(e) => { e.preventDefault(); void patch({ minutes: minutes ?? '' }, t('meetings.meeting.minutesSaved')); }}>
          <ErrorSummary errors={minutesError} known={['minutes']} />
          <Label for="mt-minutes">{t('meetings.meeting.minutes')}</Label>
          <textarea {...controlProps('mt-minutes', fieldMessage(minutesError, 'minutes'), true)} rows={8} value={minutes ?? ''} readOnly={!canManage} maxLength={50000}
            onInput={(e) => setMinutes((e.target as HTMLTextAreaElement).value)} />
          <FieldMessage id="mt-minutes" error={fieldMessage(minutesError, 'minutes')} hint={t('meetings.meeting.minutesHint')} />
          <div class="form-actions">
            {canManage && <button type="submit" class="primary" disabled={busy}>{t('meetings.meeting.saveMinutes')}</button>}
            {canManage && meeting.status === 'planned' && <button type="button" disabled={busy} onClick={() => void patch({ status: 'held' }, t('meetings.status.held'))}>{t('meetings.meeting.markHeld')}</button>}
            <a class="button" href={`/api/meetings/${meeting.id}/minutes?format=html`} target="_blank" rel="noopener">{t('meetings.meeting.exportHtml')}</a>
            <a class="button" href={`/api/meetings/${meeting.id}/minutes?format=md`} download>{t('meetings.meeting.exportMd')}</a>
          </div>
        </form>
      </section>
    </div>
  );
}

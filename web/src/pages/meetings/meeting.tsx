import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client.ts';
import { fmt, lang, t } from '../../i18n/index.ts';
import { may } from '../../session.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { createBody, decisionDraft, followDecision, MeasureFields, type MeasureDraft } from '../measures/fields.tsx';
import { UnsavedDecisionDialog } from './unsaved-decision.tsx';
import { ErrorText, useApi, useReferences, type References } from '../situation-pictures/shared.tsx';
import type { AgendaItem, Decision, Meeting } from '../situation-pictures/types.ts';
import { PersonalDataWarning, serverCleanedMessage } from '../../ui/PersonalDataWarning.tsx';

/** The open decision form's unsaved state, for the page: whether it holds anything, and how to save it. */
export interface OpenDecision {
  dirty: boolean;
  /** Saves the decision as the form's own button does; false when it was refused (the form then shows why). */
  save: () => Promise<boolean>;
}

/** "Fatta beslut" for an agenda item (or none): the decision and, optionally, the measure it creates (one transaction on the server). */
function DecisionForm({ meeting, item, refs, onSaved, onCancel, open }: {
  meeting: Meeting; item: AgendaItem | null; refs: References | null; onSaved: (d: Decision) => Promise<void>; onCancel: () => void;
  /** Kept up to date with what the form holds, so marking the meeting held can save it first. */
  open: { current: OpenDecision | null };
}) {
  const idp = `dec-${item?.id ?? 'other'}`.replace(/[^a-zA-Z0-9-]/g, '-');
  const [text, setText] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [due, setDue] = useState('');
  const [withMeasure, setWithMeasure] = useState(false);
  // The measure starts from what the decision says (title, owner, due date, the item's place and
  // problem) and follows the decision as it is written, until the person changes a field.
  const derive = (x: string, o: string, d: string) => decisionDraft({ text: x, organisationId: o || null, due: d || null }, item, meeting);
  const [draft, setDraft] = useState<MeasureDraft>(() => derive('', '', ''));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusFirstError(errors);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => { first.current?.focus(); }, []);
  const err = (f: string) => fieldMessage(errors, f);
  const decide = (x: string, o: string, d: string) => {
    setDraft(followDecision(draft, derive(text, organisationId, due), derive(x, o, d)));
    setText(x);
    setOrganisationId(o);
    setDue(d);
  };

  async function save(): Promise<boolean> {
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      const measure = withMeasure ? { ...createBody(draft), meetingId: meeting.id, ...(meeting.situationPictureId ? { situationPictureId: meeting.situationPictureId } : {}) } : undefined;
      const body = {
        text: text.trim(), ...(item ? { agendaItem: item.id } : {}), ...(organisationId ? { organisationId } : {}), ...(due ? { due } : {}),
        ...(measure ? { measure } : {}),
      };
      const saved = await api.post<Decision>(`/api/meetings/${meeting.id}/decisions`, body);
      await onSaved(saved);
      return true;
    } catch (ex) {
      setErrors(errorsFrom(ex));
      return false;
    } finally {
      setBusy(false);
    }
  }
  const submit = (e: Event) => { e.preventDefault(); void save(); };
  const mine = useRef<OpenDecision>({ dirty: false, save });
  Object.assign(mine.current, { dirty: !!(text.trim() || organisationId || due || withMeasure), save });
  open.current = mine.current;
  // Another item's form may already have taken the slot when this one goes.
  useEffect(() => () => { if (open.current === mine.current) open.current = null; }, []);

  return (
    <form ref={formRef} class="admin-form card est-decision" onSubmit={submit} noValidate aria-labelledby={`${idp}-h`}>
      <h3 id={`${idp}-h`}>{t('meetings.decision.title')}</h3>
      {item && <p class="muted">{t('meetings.decision.about', { title: item.title })}</p>}
      <ErrorSummary errors={errors} known={['text', 'organisationId', 'due', 'measure']} />
      <Label for={`${idp}-text`} required>{t('meetings.decision.text')}</Label>
      <textarea ref={first} {...controlProps(`${idp}-text`, err('text'))} rows={3} value={text} maxLength={2000} onInput={(e) => decide((e.target as HTMLTextAreaElement).value, organisationId, due)} />
      <FieldMessage id={`${idp}-text`} error={err('text')} />
      <PersonalDataWarning id={`${idp}-text-privacy`} text={text} onRemove={(cleaned) => decide(cleaned, organisationId, due)} />
      <div class="form-row">
        <div>
          <Label for={`${idp}-org`}>{t('meetings.decision.organisation')}</Label>
          <select {...controlProps(`${idp}-org`, err('organisationId'))} value={organisationId} onChange={(e) => decide(text, (e.target as HTMLSelectElement).value, due)}>
            <option value="">{t('measures.field.none')}</option>
            {(refs?.organisations ?? []).filter((o) => o.active).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <FieldMessage id={`${idp}-org`} error={err('organisationId')} />
        </div>
        <div>
          <Label for={`${idp}-due`}>{t('meetings.decision.due')}</Label>
          <input type="date" {...controlProps(`${idp}-due`, err('due'))} value={due} onInput={(e) => decide(text, organisationId, (e.target as HTMLInputElement).value)} />
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
          <p class="muted">{t('meetings.decision.prefilled')}</p>
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
  const openDecision = useRef<OpenDecision | null>(null);
  /** What waits for the answer to "the open decision is not saved": marking the meeting held, or opening another decision form. */
  const [pending, setPending] = useState<{ kind: 'held' | 'switch'; then: () => void } | null>(null);
  const canManage = may('meetings.manage');
  const canDecide = may('decisions.make');
  const canMakeMeasure = canDecide && may('measures.create');

  useEffect(() => { if (meeting) { document.title = `${meeting.title} – ${t('app.name')}`; heading.current?.focus(); } }, [meeting?.id]);
  useEffect(() => { if (meeting && minutes === null) setMinutes(meeting.minutes ?? ''); }, [meeting]);
  // The server writes the generated agenda in the request's language: read it again after a switch.
  const readIn = useRef(lang.value);
  useEffect(() => { if (readIn.current !== lang.value) { readIn.current = lang.value; void reload(); } }, [lang.value]);

  const back = <p><a href="#/moten">← {t('meetings.back')}</a></p>;
  if (error) return <div class="est">{back}<ErrorText error={error} /></div>;
  if (!meeting) return <p aria-busy="true">{t('app.loading')}</p>;

  async function patch(body: Record<string, unknown>, done: string, rowVersion = meeting!.rowVersion) {
    setBusy(true);
    setMinutesError(NO_ERRORS);
    try {
      const saved = await api.patch<Meeting>(`/api/meetings/${meeting!.id}`, { rowVersion, ...body });
      set(saved);
      // The warning may have been ignored: say what the server took out before storing.
      announce([done, serverCleanedMessage(saved.personalDataRemoved)].filter(Boolean).join(' '));
    } catch (ex) {
      const e = errorsFrom(ex);
      if (ex instanceof ApiError && ex.fields.some((f) => f.code === 'version_mismatch')) e.message = t('meetings.meeting.stale');
      setMinutesError(e);
    } finally {
      setBusy(false);
    }
  }

  // Held: minutes typed but not saved go with it (they would otherwise be missing from the exported minutes).
  const held = () => void patch({ status: 'held', ...(minutes !== null && minutes !== (meeting.minutes ?? '') ? { minutes } : {}) }, t('meetings.status.held'));
  /** An open decision form with something in it is never left behind silently: the person is asked first. */
  function unlessUnsaved(kind: 'held' | 'switch', then: () => void) {
    if (openDecision.current?.dirty) setPending({ kind, then });
    else then();
  }
  async function saveFirst() {
    const p = pending!;
    setPending(null);
    // Refused (a field is missing): the form says why, and nothing else happens.
    if (await openDecision.current?.save()) p.then();
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
          {d.due && <> ({t('meetings.meeting.decisionDue', { date: fmt.date(d.due.slice(0, 10)) })})</>}
          {(d.measure || d.measureId) && <> · <a href={`#/atgarder/${d.measure?.id ?? d.measureId}`}>{t('meetings.meeting.decisionMeasure', { title: d.measure?.title ?? '' })}</a></>}
          {!d.measureId && canMakeMeasure && <> · <a href={`#/atgarder/ny?meetingId=${meeting.id}&decisionId=${d.id}`} aria-label={t('meetings.decision.makeMeasureFromAbout', { text: d.text.slice(0, 80) })}>{t('meetings.decision.makeMeasureFrom')}</a></>}
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
                <button type="button" id={`decide-${item.id}`} onClick={() => unlessUnsaved('switch', () => setDeciding(item.id))} aria-label={t('meetings.meeting.decideAbout', { title: item.title })}>{t('meetings.meeting.decide')}</button>
              )}
              {deciding === item.id && <DecisionForm meeting={meeting} item={item} refs={refs} open={openDecision} onSaved={decided} onCancel={() => { setDeciding(null); setTimeout(() => document.getElementById(`decide-${item.id}`)?.focus(), 0); }} />}
            </li>
          ))}
        </ol>
        <h3>{t('meetings.meeting.otherDecision')}</h3>
        <DecisionList items={decisionsFor(null)} />
        {canDecide && deciding !== '__other' && <button type="button" id="decide-__other" onClick={() => unlessUnsaved('switch', () => setDeciding('__other'))}>{t('meetings.meeting.decide')}</button>}
        {deciding === '__other' && <DecisionForm meeting={meeting} item={null} refs={refs} open={openDecision} onSaved={decided} onCancel={() => setDeciding(null)} />}
      </section>
      <section class="est-section card" aria-labelledby="mt-minutes-h">
        <h2 id="mt-minutes-h">{t('meetings.meeting.minutes')}</h2>
        <form class="admin-form" noValidate onSubmit={(e) => { e.preventDefault(); void patch({ minutes: minutes ?? '' }, t('meetings.meeting.minutesSaved')); }}>
          <ErrorSummary errors={minutesError} known={['minutes']} />
          <Label for="mt-minutes">{t('meetings.meeting.minutes')}</Label>
          <textarea {...controlProps('mt-minutes', fieldMessage(minutesError, 'minutes'), true)} rows={8} value={minutes ?? ''} readOnly={!canManage} maxLength={50000}
            onInput={(e) => setMinutes((e.target as HTMLTextAreaElement).value)} />
          <FieldMessage id="mt-minutes" error={fieldMessage(minutesError, 'minutes')} hint={t('meetings.meeting.minutesHint')} />
          {canManage && <PersonalDataWarning id="mt-minutes-privacy" text={minutes ?? ''} onRemove={setMinutes} />}
          <div class="form-actions">
            {canManage && <button type="submit" class="primary" disabled={busy}>{t('meetings.meeting.saveMinutes')}</button>}
            {canManage && meeting.status === 'planned' && <button type="button" disabled={busy} onClick={() => unlessUnsaved('held', held)}>{t('meetings.meeting.markHeld')}</button>}
            <a class="button" href={`/api/meetings/${meeting.id}/minutes?format=html&lang=${lang.value}`} target="_blank" rel="noopener">{t('meetings.meeting.exportHtml')}</a>
            <a class="button" href={`/api/meetings/${meeting.id}/minutes?format=md&lang=${lang.value}`} download>{t('meetings.meeting.exportMd')}</a>
          </div>
        </form>
      </section>
      {pending && <UnsavedDecisionDialog kind={pending.kind} onSave={() => void saveFirst()} onProceed={() => { const p = pending; setPending(null); p.then(); }} onClose={() => setPending(null)} />}
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { navigate, route } from '../../router.ts';
import { may } from '../../session.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, NO_ERRORS, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { addDays, stockholmDay } from '../situation-pictures/periods.ts';
import { ErrorText, periodText, statusText, useApi, useReferences } from '../situation-pictures/shared.tsx';
import type { Meeting, SituationPictureList } from '../situation-pictures/types.ts';
import { PersonalDataWarning } from '../../ui/PersonalDataWarning.tsx';

/** A Stockholm wall-clock date and time as an ISO instant (the offset is whatever Stockholm has that day). */
export function stockholmInstant(day: string, time: string): string {
  const guess = new Date(`${day}T${time}:00Z`);
  const local = new Date(guess.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).replace(' ', 'T') + 'Z');
  return new Date(guess.getTime() - (local.getTime() - guess.getTime())).toISOString();
}

/** "Nytt möte": date and time, area, the lägesbild whose agenda it takes, participating organisations. */
export default function CreateMeeting() {
  const { refs, error: refsError } = useReferences();
  const pictures = useApi<SituationPictureList>('/api/situation-pictures');
  const [date, setDate] = useState(addDays(stockholmDay(new Date()), 1));
  const [time, setTime] = useState('09:00');
  const [title, setTitle] = useState('');
  const [areaId, setAreaId] = useState('');
  const [pictureId, setPictureId] = useState(route.value.params.get('situationPictureId') ?? '');
  const [orgs, setOrgs] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusFirstError(errors);
  const heading = useRef<HTMLHeadingElement>(null);
  const err = (f: string) => fieldMessage(errors, f);
  useEffect(() => { heading.current?.focus(); document.title = `${t('meetings.newTitle')} – ${t('app.name')}`; }, []);
  // The area follows the chosen lägesbild until the coordinator picks one.
  useEffect(() => {
    const sp = pictures.data?.items.find((p) => p.id === pictureId);
    if (sp && !areaId) setAreaId(sp.areaId ?? '');
  }, [pictureId, pictures.data]);

  if (!may('meetings.manage')) return <p role="alert">{t('meetings.forbidden')}</p>;

  async function submit(e: Event) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      const heldAt = /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time) ? stockholmInstant(date, time) : `${date}T${time}`;
      const body = {
        heldAt, ...(title.trim() ? { title: title.trim() } : {}), ...(areaId ? { areaId } : {}), ...(pictureId ? { situationPictureId: pictureId } : {}),
        participants: orgs.map((organisationId) => ({ organisationId, present: true })),
      };
      const m = await api.post<Meeting>('/api/meetings', body);
      navigate(`/moten/${m.id}`);
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="est">
      <p><a href="#/moten">← {t('meetings.back')}</a></p>
      <h1 ref={heading} tabIndex={-1}>{t('meetings.newTitle')}</h1>
      <ErrorText error={refsError ?? pictures.error} />
      <form ref={formRef} class="admin-form card" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorSummary errors={errors} known={['heldAt', 'title', 'areaId', 'situationPictureId', 'participants']} />
        <div class="form-row">
          <div>
            <Label for="mt-date" required>{t('meetings.field.date')}</Label>
            <input type="date" {...controlProps('mt-date', err('heldAt'))} value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
            <FieldMessage id="mt-date" error={err('heldAt')} />
          </div>
          <div>
            <Label for="mt-time" required>{t('meetings.field.time')}</Label>
            <input type="time" id="mt-time" value={time} onInput={(e) => setTime((e.target as HTMLInputElement).value)} />
          </div>
        </div>
        <Label for="mt-picture">{t('meetings.field.situationPicture')}</Label>
        <select {...controlProps('mt-picture', err('situationPictureId'), true)} value={pictureId} onChange={(e) => setPictureId((e.target as HTMLSelectElement).value)}>
          <option value="">{t('meetings.field.none')}</option>
          {(pictures.data?.items ?? []).map((p) => <option key={p.id} value={p.id} selected={p.id === pictureId}>{p.title} ({periodText(p.period)}, {statusText(p.status)})</option>)}
        </select>
        <FieldMessage id="mt-picture" error={err('situationPictureId')} hint={t('meetings.field.situationPictureHint')} />
        <Label for="mt-area">{t('meetings.field.area')}</Label>
        <select {...controlProps('mt-area', err('areaId'))} value={areaId} onChange={(e) => setAreaId((e.target as HTMLSelectElement).value)}>
          <option value="">{t('situationPictures.wholeMunicipality')}</option>
          {(refs?.areas ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
        <FieldMessage id="mt-area" error={err('areaId')} />
        <Label for="mt-title">{t('meetings.field.title')}</Label>
        <input {...controlProps('mt-title', err('title'))} value={title} maxLength={200} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        <FieldMessage id="mt-title" error={err('title')} />
        <PersonalDataWarning id="mt-title-privacy" text={title} onRemove={setTitle} />
        <fieldset>
          <legend>{t('meetings.field.participants')}</legend>
          {(refs?.organisations ?? []).filter((o) => o.active).map((o) => (
            <div class="check" key={o.id}>
              <input type="checkbox" id={`mt-org-${o.id}`} checked={orgs.includes(o.id)}
                onChange={(e) => setOrgs((ids) => ((e.target as HTMLInputElement).checked ? [...ids, o.id] : ids.filter((x) => x !== o.id)))} />
              <label for={`mt-org-${o.id}`}>{o.name}</label>
            </div>
          ))}
          {err('participants') && <p class="field-error">{err('participants')}</p>}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>{t('meetings.create')}</button>
          <a class="button" href="#/moten">{t('meetings.cancel')}</a>
        </div>
        {busy && <p role="status"><progress aria-label={t('meetings.creating')} /> {t('meetings.creating')}</p>}
      </form>
    </div>
  );
}

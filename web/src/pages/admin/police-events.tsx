import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../../api/client.ts';
import { fmt, t, tn } from '../../i18n/index.ts';
import { chosenMunicipalities, municipalityParam } from '../../municipality-choice.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import type { PoliceEventsImport, PoliceEventsStatus, Wire } from '../../../../src/contract/index.ts';

type Status = Wire<PoliceEventsStatus>;
type Result = Wire<PoliceEventsImport>;

/**
 * Administration → Polishändelser (coordinator, admin): load a file of Polisen's events, see what it
 * brought per municipality, how current the events held are, and how the deployment's automatic
 * fetching goes. Follows the municipality switcher: one municipality chosen, the file is stored for
 * it; all of them, for each the user may import into. A bad file's errors name the event and field.
 */
export default function PoliceEventsPage() {
  const [status, setStatus] = useState<Status | null>(null);
  const [statusError, setStatusError] = useState<FormErrors>(NO_ERRORS);
  const [result, setResult] = useState<Result | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);
  const fileRef = useRef<HTMLInputElement>(null);
  const param = municipalityParam.value;

  const load = () => api.get<Status>(`/api/police-events/status${query({ municipality: param })}`)
    .then((s) => { setStatus(s); setStatusError(NO_ERRORS); })
    .catch((e) => setStatusError(errorsFrom(e)));
  useEffect(() => { void load(); }, [param]);

  async function submit(e: Event) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setResult(null);
    if (!file) {
      setErrors({ message: null, fields: [{ field: 'file', code: 'required', message: t('policeEvents.upload.chooseFile') }] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const r = await api.post<Result>(`/api/police-events/import${query({ municipality: param })}`, form);
      setResult(r);
      announce(tn('policeEvents.result.announce', r.municipalities.reduce((s, m) => s + m.new, 0)));
      void load();
    } catch (err) {
      setErrors(errorsFrom(err));
    } finally {
      setBusy(false);
    }
  }

  const names = chosenMunicipalities.value.map((m) => m.name);
  const fileError = fieldMessage(errors, 'file');
  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('policeEvents.nav')}</h2>
      <p>{t('policeEvents.explain')}</p>
      <LiveRegion message={msg} />

      <form ref={formRef} class="card admin-form" onSubmit={submit} noValidate aria-labelledby="police-upload-title">
        <h3 id="police-upload-title">{t('policeEvents.upload.title')}</h3>
        <ErrorSummary errors={errors} known={['file']} />
        <p>{names.length === 1 ? t('policeEvents.upload.scopeOne', { name: names[0] }) : t('policeEvents.upload.scopeAll', { names: names.join(', ') })}</p>
        <Label for="police-file" required>{t('policeEvents.upload.file')}</Label>
        <input ref={fileRef} type="file" accept=".json,application/json" {...controlProps('police-file', fileError, true)} />
        <FieldMessage id="police-file" error={fileError} hint={t('policeEvents.upload.hint')} />
        <p><button type="submit" class="primary" disabled={busy} aria-busy={busy}>{t('policeEvents.upload.submit')}</button></p>
      </form>

      {result && (
        <section class="card admin-form" aria-labelledby="police-result-title">
          <h3 id="police-result-title">{t('policeEvents.result.title')}</h3>
          <ul>
            <li>{tn('policeEvents.result.read', result.read)}</li>
            {result.municipalities.map((m) => (
              <li key={m.municipalityId}>{t('policeEvents.result.municipality', { name: m.name, events: tn('policeEvents.held.events', m.events), fresh: fmt.number(m.new), held: fmt.number(m.alreadyHeld) })}</li>
            ))}
            {result.notStored > 0 && <li>{tn('policeEvents.result.notStored', result.notStored)}</li>}
            {result.outside > 0 && <li>{tn('policeEvents.result.outside', result.outside)}</li>}
          </ul>
        </section>
      )}

      <section class="card admin-form" aria-labelledby="police-held-title">
        <h3 id="police-held-title">{t('policeEvents.held.title')}</h3>
        <ErrorSummary errors={statusError} known={[]} />
        {!status ? (!statusError.message && <p aria-busy="true">{t('app.loading')}</p>) : (
          <ul>
            {status.municipalities.map((m) => (
              <li key={m.municipalityId}>{m.newest
                ? t('policeEvents.held.line', { name: m.name, events: tn('policeEvents.held.events', m.held), newest: fmt.dateTime(m.newest) })
                : t('policeEvents.held.none', { name: m.name })}</li>
            ))}
          </ul>
        )}
      </section>

      {status && <PollerStatus p={status.poller} />}
    </section>
  );
}

function PollerStatus({ p }: { p: Status['poller'] }) {
  const when = (d: string | null) => (d ? fmt.dateTime(d) : t('policeEvents.poller.never'));
  return (
    <section class="card admin-form" aria-labelledby="police-poller-title">
      <h3 id="police-poller-title">{t('policeEvents.poller.title')}</h3>
      <p>{t(p.state === 'active' ? 'policeEvents.poller.active' : p.state === 'stopped' ? 'policeEvents.poller.stopped' : 'policeEvents.poller.off')}</p>
      {p.refusedHere && <p class="field-error">{t('policeEvents.poller.refused')}</p>}
      {(p.lastCallAt || p.stoppedAt) && (
        <dl class="police-poller">
          <dt>{t('policeEvents.poller.lastCall')}</dt><dd>{when(p.lastCallAt)}</dd>
          <dt>{t('policeEvents.poller.lastSuccess')}</dt>
          <dd>{when(p.lastSuccessAt)}{p.lastSuccessAt && p.lastReceived !== null && <> – {tn('policeEvents.poller.received', p.lastReceived, { fresh: fmt.number(p.lastNew ?? 0) })}</>}</dd>
          <dt>{t('policeEvents.poller.calls')}</dt>
          <dd>{t('policeEvents.poller.callsValue', { hour: fmt.number(p.callsLastHour), perHour: fmt.number(p.perHour), day: fmt.number(p.callsLastDay), perDay: fmt.number(p.perDay), spacing: fmt.number(p.minSpacingS) })}</dd>
          {p.lastError && <><dt>{t('policeEvents.poller.lastError')}</dt><dd>{when(p.lastErrorAt)}: <code>{p.lastError}</code></dd></>}
          {p.stoppedAt && <><dt>{t('policeEvents.poller.stoppedAt')}</dt><dd>{when(p.stoppedAt)}</dd></>}
        </dl>
      )}
    </section>
  );
}

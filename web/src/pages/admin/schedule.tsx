import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { bareMessage, controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { CADENCES } from '../../../../src/core/schedule/index.ts';
import type { ScheduleInput, ScheduleSetting as Schedule } from '../../../../src/contract/index.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * The scheduled lägesbild (coordinator, admin): how often a draft for the period that just ended is
 * made, on which weekday, and who besides the coordinators gets the e-mail. The server names a bad
 * address by its line (notify[i]); the addresses are one per line here, so the message says which.
 */
export default function SchedulePage() {
  const [values, setValues] = useState<{ cadence: Schedule['cadence']; weekday: string; notify: string } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);

  useEffect(() => {
    api.get<Schedule>('/api/settings/schedule').then((s) => setValues({ cadence: s.cadence, weekday: String(s.weekday), notify: s.notify.join('\n') }))
      .catch((e) => setErrors(errorsFrom(e)));
  }, []);

  const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

  async function save(e: Event) {
    e.preventDefault();
    if (!values) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const body: ScheduleInput = { cadence: values.cadence, weekday: Number(values.weekday), notify: lines(values.notify) };
      const saved = await api.put<Schedule>('/api/settings/schedule', body);
      setValues({ cadence: saved.cadence, weekday: String(saved.weekday), notify: saved.notify.join('\n') });
      announce(t('admin.schedule.saved'));
    } catch (err) {
      const fe = errorsFrom(err);
      // notify[3] → the field, with the line number in the message.
      setErrors({ ...fe, fields: fe.fields.map((f) => {
        const m = /^notify\[(\d+)\]$/.exec(f.field);
        return m ? { ...f, field: 'notify', message: t('admin.schedule.badLine', { line: Number(m[1]) + 1, address: lines(values.notify)[Number(m[1])] ?? '', message: bareMessage(f) }) } : f;
      }) });
    } finally {
      setBusy(false);
    }
  }

  const notifyError = errors.fields.filter((f) => f.field === 'notify').map((f) => f.message).join(' ') || undefined;
  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('admin.nav.schedule')}</h2>
      <p>{t('admin.schedule.explain')}</p>
      <LiveRegion message={msg} />
      {!values ? <p aria-busy="true">{t('app.loading')}</p> : (
        <form ref={formRef} class="card admin-form" onSubmit={save} noValidate>
          <ErrorSummary errors={errors} known={['cadence', 'weekday', 'notify']} />
          <Label for="schedule-cadence">{t('admin.schedule.cadence')}</Label>
          <select value={values.cadence} onChange={(e) => setValues({ ...values, cadence: e.currentTarget.value as Schedule['cadence'] })} {...controlProps('schedule-cadence', fieldMessage(errors, 'cadence'))}>
            {CADENCES.map((c) => <option key={c} value={c}>{t(`admin.schedule.cadences.${c}` as MessageKey)}</option>)}
          </select>
          <FieldMessage id="schedule-cadence" error={fieldMessage(errors, 'cadence')} />
          <Label for="schedule-weekday">{t('admin.schedule.weekday')}</Label>
          <select value={values.weekday} disabled={values.cadence === 'off'} onChange={(e) => setValues({ ...values, weekday: e.currentTarget.value })} {...controlProps('schedule-weekday', fieldMessage(errors, 'weekday'), true)}>
            {WEEKDAYS.map((d) => <option key={d} value={String(d)}>{t(`admin.schedule.weekdays.${d}` as MessageKey)}</option>)}
          </select>
          <FieldMessage id="schedule-weekday" error={fieldMessage(errors, 'weekday')} hint={t('admin.schedule.weekdayHint')} />
          <Label for="schedule-notify">{t('admin.schedule.notify')}</Label>
          <textarea rows={4} value={values.notify} onInput={(e) => setValues({ ...values, notify: e.currentTarget.value })} {...controlProps('schedule-notify', notifyError, true)} />
          <FieldMessage id="schedule-notify" error={notifyError} hint={t('admin.schedule.notifyHint')} />
          <p><button type="submit" class="primary" disabled={busy} aria-busy={busy}>{t('app.save')}</button></p>
        </form>
      )}
    </section>
  );
}

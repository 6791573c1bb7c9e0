import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { session } from '../../session.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, type FormErrors } from '../../ui/form.tsx';
import { NewPasswordFields, newPasswordProblems } from './new-password.tsx';

/** #/mitt-konto/losenord: every user changes their own password (the current one is required). */
export default function ChangePasswordPage() {
  const me = session.value!;
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<{ password?: string; repeat?: string; current?: string }>({});
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [msg, announce] = useAnnouncer();

  async function submit(e: Event) {
    e.preventDefault();
    const problems = { ...newPasswordProblems(password, repeat), ...(current ? {} : { current: t('account.required') }) };
    setLocal(problems);
    setErrors(NO_ERRORS);
    if (problems.password || problems.repeat || problems.current) return;
    setBusy(true);
    try {
      await api.post('/api/me/password', { currentPassword: current, newPassword: password });
      setCurrent(''); setPassword(''); setRepeat('');
      announce(t('account.change.done'));
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  const currentError = local.current ?? fieldMessage(errors, 'currentPassword');
  return (
    <section aria-labelledby="change-password-title">
      <h1 id="change-password-title">{t('account.change.title')}</h1>
      <LiveRegion message={msg} />
      <form class="card admin-form" onSubmit={submit} noValidate aria-labelledby="change-password-title">
        <p>{t('account.change.intro')}</p>
        <ErrorSummary errors={errors} known={['currentPassword', 'newPassword']} />
        <input type="hidden" name="username" autocomplete="username" value={me.user.email} />
        <Label for="change-current" required>{t('account.change.current')}</Label>
        <input type="password" autocomplete="current-password" required maxLength={200} {...controlProps('change-current', currentError)} value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        <FieldMessage id="change-current" error={currentError} />
        <NewPasswordFields id="change" password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat}
          error={local.password ?? fieldMessage(errors, 'newPassword')} repeatError={local.repeat} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>{t('account.change.submit')}</button>
        </div>
      </form>
    </section>
  );
}

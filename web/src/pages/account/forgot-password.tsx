import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { controlProps, errorsFrom, FieldMessage, Label, NO_ERRORS, fieldMessage, type FormErrors } from '../../ui/form.tsx';

/**
 * #/glomt-losenord: asks for a reset link. The server answers the same for every address, and so
 * does this page: it never says whether the address has an account.
 */
export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  useEffect(() => { document.title = `${t('account.forgot.title')} – ${t('app.name')}`; }, []);

  async function submit(e: Event) {
    e.preventDefault();
    if (!email.trim()) { setErrors({ message: null, fields: [{ field: 'email', code: 'required', message: t('account.required') }] }); return; }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post('/api/auth/password-reset', { email: email.trim() });
      setSent(email.trim());
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  const err = fieldMessage(errors, 'email');
  return (
    <main id="main" class="login">
      <h1>{t('app.name')}</h1>
      {sent ? (
        <section class="card" aria-labelledby="forgot-title">
          <h2 id="forgot-title">{t('account.forgot.title')}</h2>
          <p role="status">{t('account.forgot.sent', { email: sent })}</p>
          <p><a href="#/">{t('account.forgot.back')}</a></p>
        </section>
      ) : (
        <form class="card" onSubmit={submit} noValidate aria-labelledby="forgot-title">
          <h2 id="forgot-title">{t('account.forgot.title')}</h2>
          <p>{t('account.forgot.intro')}</p>
          {errors.message && <p role="alert" class="error">{errors.message}</p>}
          <Label for="forgot-email" required>{t('account.forgot.email')}</Label>
          <input type="email" autocomplete="username" required maxLength={254} {...controlProps('forgot-email', err)} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          <FieldMessage id="forgot-email" error={err} />
          <button type="submit" class="primary" disabled={busy}>{t('account.forgot.submit')}</button>
          <p><a href="#/">{t('account.forgot.back')}</a></p>
        </form>
      )}
    </main>
  );
}

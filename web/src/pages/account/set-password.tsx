import { useEffect, useState } from 'preact/hooks';
import type { AccountLinkInfo, SetPasswordDone, Wire } from '../../../../src/contract/index.ts';
import { api, ApiError, query } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { navigate, route } from '../../router.ts';
import { errorsFrom, fieldMessage, NO_ERRORS, type FormErrors } from '../../ui/form.tsx';
import { NewPasswordFields, newPasswordProblems } from './new-password.tsx';

/**
 * #/valj-losenord?token=…: the page an invitation or a reset link opens, without logging in. It
 * checks the link first (unknown, expired and used links get the server's explanation and a way
 * to ask for a new one), then takes the new password and sends the user to the login with the
 * address filled in (a second factor, where one is set, is asked for there).
 */
export default function SetPasswordPage() {
  const token = route.value.params.get('token') ?? '';
  const [info, setInfo] = useState<Wire<AccountLinkInfo> | null>(null);
  const [refused, setRefused] = useState<string | null>(token ? null : t('account.setPassword.missingToken'));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<{ password?: string; repeat?: string }>({});
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!token) return;
    api.get<Wire<AccountLinkInfo>>(`/api/auth/account-link${query({ accountToken: token })}`)
      .then(setInfo)
      .catch((e: unknown) => setRefused(e instanceof ApiError ? e.message : errorsFrom(e).message));
  }, [token]);

  useEffect(() => {
    document.title = `${t(info?.purpose === 'invitation' ? 'account.setPassword.titleInvitation' : 'account.setPassword.titleReset')} – ${t('app.name')}`;
  }, [info]);

  async function submit(e: Event) {
    e.preventDefault();
    const problems = newPasswordProblems(password, repeat);
    setLocal(problems);
    setErrors(NO_ERRORS);
    if (problems.password || problems.repeat) return;
    setBusy(true);
    try {
      const done = await api.post<Wire<SetPasswordDone>>('/api/auth/account-link', { accountToken: token, password });
      navigate('/', { email: done.email, losenord: 'sparat' });
    } catch (ex) {
      const got = errorsFrom(ex);
      // A link that stopped working meanwhile (used in another tab, expired) gets the page that says so.
      if (ex instanceof ApiError && ex.code.startsWith('account_link_')) setRefused(ex.message);
      else setErrors(got);
    } finally {
      setBusy(false);
    }
  }

  const title = info?.purpose === 'invitation' ? t('account.setPassword.titleInvitation') : t('account.setPassword.titleReset');
  return (
    <main id="main" class="login">
      <h1>{t('app.name')}</h1>
      {refused ? (
        <section class="card" aria-labelledby="set-password-title">
          <h2 id="set-password-title">{t('account.setPassword.titleReset')}</h2>
          <p role="alert" class="error">{refused}</p>
          <p><a href="#/glomt-losenord">{t('account.setPassword.askNew')}</a></p>
          <p><a href="#/">{t('account.setPassword.toLogin')}</a></p>
        </section>
      ) : !info ? (
        <p aria-busy="true">{t('account.setPassword.checking')}</p>
      ) : (
        <form class="card" onSubmit={submit} noValidate aria-labelledby="set-password-title">
          <h2 id="set-password-title">{title}</h2>
          <p>{t(info.purpose === 'invitation' ? 'account.setPassword.introInvitation' : 'account.setPassword.introReset', { email: info.email })}</p>
          {errors.message && <p role="alert" class="error">{errors.message}</p>}
          {/* The account's address for password managers, which store the new password under it. */}
          <input type="hidden" name="username" autocomplete="username" value={info.email} />
          <NewPasswordFields id="set-password" password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat}
            error={local.password ?? fieldMessage(errors, 'password')} repeatError={local.repeat} />
          <button type="submit" class="primary" disabled={busy}>{t('account.setPassword.submit')}</button>
        </form>
      )}
    </main>
  );
}

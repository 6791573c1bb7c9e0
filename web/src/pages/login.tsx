import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { route } from '../router.ts';
import { session } from '../session.ts';

export function LoginPage() {
  // After a password was chosen from an e-mailed link (pages/account/set-password.tsx): the address, and a word that it worked.
  const [email, setEmail] = useState(route.value.params.get('email') ?? '');
  const passwordSet = route.value.params.get('losenord') === 'sparat';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      session.value = await api.post<Me>('/api/auth/login', { email, password });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('login.rateLimited') : err instanceof ApiError ? t('login.failed') : t('app.error', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="login">
      <h1>{t('app.name')}</h1>
      <form onSubmit={submit} class="card" aria-labelledby="login-title">
        <h2 id="login-title">{t('login.title')}</h2>
        {passwordSet && !error && <p role="status">{t('account.login.passwordSet')}</p>}
        {error && <p role="alert" class="error">{error}</p>}
        <label for="login-email">{t('login.email')}</label>
        <input id="login-email" type="email" name="email" autocomplete="username" required value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
        <label for="login-password">{t('login.password')}</label>
        <input id="login-password" type="password" name="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        <button type="submit" class="primary" disabled={busy}>{t('login.submit')}</button>
        <p><a href="#/glomt-losenord">{t('account.forgot.link')}</a></p>
      </form>
    </main>
  );
}

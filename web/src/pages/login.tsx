import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { route } from '../router.ts';
import { session } from '../session.ts';
import { SSO_REFUSALS } from '../../../src/core/sso/types.ts';
import type { SsoButton } from '../../../src/contract/index.ts';

/** Why a single sign-on was refused (the server sends the browser back with ?sso=<reason>), in words. */
function ssoRefusal(reason: string | null): string | null {
  if (!reason) return null;
  return t((SSO_REFUSALS as readonly string[]).includes(reason) ? `sso.refused.${reason}` as MessageKey : 'sso.refused.unknown');
}

export function LoginPage() {
  // After a password was chosen from an e-mailed link (pages/account/set-password.tsx): the address, and a word that it worked.
  const [email, setEmail] = useState(route.value.params.get('email') ?? '');
  const passwordSet = route.value.params.get('losenord') === 'sparat';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [providers, setProviders] = useState<SsoButton[]>([]);
  const refused = ssoRefusal(route.value.params.get('sso'));

  // The sign-in buttons of the deployment's and the municipalities' providers; none when offline.
  useEffect(() => { api.get<SsoButton[]>('/api/auth/oidc/providers').then(setProviders).catch(() => setProviders([])); }, []);

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
      {refused && (
        <div class="card" role="alert" aria-labelledby="sso-refused-title">
          <h2 id="sso-refused-title">{t('sso.refusedTitle')}</h2>
          <p class="error">{refused}</p>
        </div>
      )}
      {providers.length > 0 && (
        <nav class="card sso-providers" aria-label={t('sso.providersLabel')}>
          <ul>
            {/* A navigation, not a request: the server redirects the browser to the provider. */}
            {providers.map((p) => <li key={p.id}><a class="button primary" href={`/api/auth/oidc/${encodeURIComponent(p.id)}/start`}>{t('sso.signInWith', { label: p.label })}</a></li>)}
          </ul>
          <p class="muted">{t('sso.or')}</p>
        </nav>
      )}
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

import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.ts';
import type { Me, MfaRequired } from '../api/types.ts';
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

/** The message for a failed step: the server's own for a lock-out (it names the minutes), ours otherwise. */
function failure(err: unknown, wrong: string): string {
  if (err instanceof ApiError && err.code === 'account_locked') return err.message;
  if (err instanceof ApiError && err.status === 429) return t('login.rateLimited');
  if (err instanceof ApiError) return wrong;
  return t('app.error', { message: (err as Error).message });
}

/**
 * The second step, for a user with two-step verification: a code from the app or a recovery code.
 * A pending login that has expired sends the user back to the password.
 */
function CodeStep({ onBack }: { onBack: (message: string | null) => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      session.value = await api.post<Me>('/api/auth/mfa', { code });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'unauthenticated') return onBack(t('mfa.expired'));
      setError(failure(err, err instanceof ApiError ? err.message : ''));
      setCode('');
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} class="card" aria-labelledby="mfa-login-title">
      <h2 id="mfa-login-title">{t('mfa.loginTitle')}</h2>
      <p id="mfa-login-intro">{t('mfa.loginIntro')}</p>
      {error && <p role="alert" class="error" id="mfa-login-error">{error}</p>}
      <label for="mfa-login-code">{t('mfa.loginCodeLabel')}</label>
      <input id="mfa-login-code" ref={input} name="code" required autocomplete="one-time-code" inputMode="numeric" spellcheck={false} autocapitalize="characters" maxLength={40}
        aria-describedby={error ? 'mfa-login-intro mfa-login-error' : 'mfa-login-intro'} aria-invalid={error ? true : undefined}
        value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
      <button type="submit" class="primary" disabled={busy}>{t('mfa.verify')}</button>
      <button type="button" onClick={() => onBack(null)}>{t('mfa.back')}</button>
    </form>
  );
}

export function LoginPage() {
  // After a password was chosen from an e-mailed link (pages/account/set-password.tsx): the address, and a word that it worked.
  const [email, setEmail] = useState(route.value.params.get('email') ?? '');
  const passwordSet = route.value.params.get('losenord') === 'sparat';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [codeStep, setCodeStep] = useState(false);
  const [providers, setProviders] = useState<SsoButton[]>([]);
  const refused = ssoRefusal(route.value.params.get('sso'));

  // The sign-in buttons of the deployment's and the municipalities' providers; none when offline.
  useEffect(() => { api.get<SsoButton[]>('/api/auth/oidc/providers').then(setProviders).catch(() => setProviders([])); }, []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<Me | MfaRequired>('/api/auth/login', { email, password });
      if ('mfaRequired' in answer) {
        setPassword('');
        setCodeStep(true);
      } else session.value = answer;
    } catch (err) {
      setError(failure(err, t('login.failed')));
    } finally {
      setBusy(false);
    }
  }

  if (codeStep) {
    return (
      <main id="main" class="login">
        <h1>{t('app.name')}</h1>
        <CodeStep onBack={(message) => { setCodeStep(false); setError(message); }} />
      </main>
    );
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

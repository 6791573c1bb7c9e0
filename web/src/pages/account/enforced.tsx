import { api } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { session } from '../../session.ts';
import { MfaSettings } from './mfa.tsx';
import './account.css';

/**
 * What a user whose role requires two-step verification sees after the password until they have
 * turned it on (the server lets the session reach nothing else): the enrolment, and logging out.
 */
export function MfaEnrolmentGate() {
  const me = session.value!;
  const refresh = () => api.get<Me>('/api/me').then((m) => (session.value = m)).catch(() => (session.value = null));
  async function logout() {
    await api.post('/api/auth/logout').catch(() => undefined);
    session.value = null;
  }
  return (
    <main id="main" class="login mfa-gate">
      <h1>{t('app.name')}</h1>
      <section class="card" aria-labelledby="mfa-gate-title">
        <h2 id="mfa-gate-title">{t('mfa.enforcedTitle')}</h2>
        <p>{t('mfa.enforcedIntro', { roles: me.user.roles.map((r) => t(`common.roles.${r}` as MessageKey)).join(', ') })}</p>
        <MfaSettings onEnabled={refresh} />
      </section>
      <p><button type="button" onClick={logout}>{t('app.logout')}</button></p>
    </main>
  );
}

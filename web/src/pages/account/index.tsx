import { t, type MessageKey } from '../../i18n/index.ts';
import { session } from '../../session.ts';
import { MfaSettings } from './mfa.tsx';
import './account.css';

/** "Mitt konto": who the user is, and their own sign-in settings (two-step verification). */
export default function AccountPage() {
  const me = session.value!;
  return (
    <div class="account-page">
      <h1>{t('account.title')}</h1>
      <dl class="account-facts">
        <dt>{t('account.name')}</dt><dd>{me.user.name}</dd>
        <dt>{t('account.email')}</dt><dd>{me.user.email}</dd>
        <dt>{t('account.organisation')}</dt><dd>{me.user.organisationName}</dd>
        <dt>{t('account.roles')}</dt><dd>{me.user.roles.map((r) => t(`common.roles.${r}` as MessageKey)).join(', ')}</dd>
      </dl>
      <section class="card" aria-labelledby="mfa-title">
        <h2 id="mfa-title">{t('mfa.title')}</h2>
        <MfaSettings />
      </section>
    </div>
  );
}

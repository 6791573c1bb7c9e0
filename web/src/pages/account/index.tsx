import { t, type MessageKey } from '../../i18n/index.ts';
import { session } from '../../session.ts';
import { MfaSettings } from './mfa.tsx';
import './account.css';

/** "Mitt konto": who the user is, links to their password, log-ins and register extract, and their two-step verification. */
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
      {/* Everything else about one's own account, each on its own page. */}
      <nav aria-label={t('account.title')}>
        <ul class="account-links">
          <li><a href="#/mitt-konto/losenord">{t('account.change.menu')}</a></li>
          <li><a href="#/konto/inloggningar">{t('audit.account.link')}</a></li>
          <li><a href="#/mina-uppgifter">{t('retention.myDataTitle')}</a></li>
          <li><a href="#/konto/api-nycklar">{t('account.tokens.title')}</a></li>
        </ul>
      </nav>
      <section class="card" aria-labelledby="mfa-title">
        <h2 id="mfa-title">{t('mfa.title')}</h2>
        <MfaSettings />
      </section>
    </div>
  );
}

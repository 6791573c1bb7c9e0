import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { fmt, t, tn } from '../../i18n/index.ts';
import { ErrorSummary, errorsFrom, NO_ERRORS, type FormErrors } from '../../ui/form.tsx';
import type { MyLogins, Wire } from '../../../../src/contract/index.ts';

type Logins = Wire<MyLogins>;

/**
 * My account → Mina inloggningar: the user's own log-ins and failed attempts of the last 90 days,
 * with the address each came from, so that someone else's use of the account can be noticed.
 */
export default function MyLoginsPage() {
  const [data, setData] = useState<Logins | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  useEffect(() => { api.get<Logins>('/api/me/logins').then(setData).catch((e) => setErrors(errorsFrom(e))); }, []);
  const days = data?.days ?? 90;
  return (
    <section aria-labelledby="my-logins-title" class="my-logins">
      <h1 id="my-logins-title">{t('audit.account.title')}</h1>
      <p>{tn('audit.account.intro', days)}</p>
      <ErrorSummary errors={errors} known={[]} />
      {!data ? (!errors.message && <p aria-busy="true">{t('app.loading')}</p>) : data.items.length === 0 ? <p>{tn('audit.account.none', days)}</p> : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('audit.account.caption')}</caption>
            <thead><tr>
              <th scope="col">{t('audit.account.at')}</th><th scope="col">{t('audit.account.outcome')}</th><th scope="col">{t('audit.account.address')}</th>
            </tr></thead>
            <tbody>
              {data.items.map((l, i) => (
                <tr key={i} class={l.outcome === 'login.failed' ? 'login-failed' : undefined}>
                  <td><time dateTime={l.at}>{fmt.dateTime(l.at)}</time></td>
                  <td>{l.outcome === 'login' ? t('audit.account.ok') : <strong>{t('audit.account.failed')}</strong>}</td>
                  <td>{l.ip ?? t('audit.account.unknownAddress')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

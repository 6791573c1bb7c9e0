import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { fmt, t, type MessageKey } from '../../i18n/index.ts';
import { session } from '../../session.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, requiredErrors, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import type { ApiTokenCreate, ApiTokenCreated, ApiTokenList, Wire } from '../../../../src/contract/index.ts';

type Token = Wire<ApiTokenList>['items'][number];
const DEFAULT_DAYS = '90';

/**
 * API-nycklar: the user's personal tokens for the OGC API (QGIS, ArcGIS Pro, FME, GDAL). A new
 * token is shown once, here, with a copy button; the list says when each was last used and lets
 * the user revoke it. Self-contained: reached from the user's name in the top bar (the menu on a phone).
 */
export default function TokensPage() {
  const me = session.value!;
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [values, setValues] = useState({ name: '', days: DEFAULT_DAYS, municipalities: me.municipalities.map((m) => m.id) });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);
  const freshRef = useRef<HTMLHeadingElement>(null);
  const url = `${location.origin}/ogc`;

  const load = () => api.get<Wire<ApiTokenList>>('/api/me/tokens').then((l) => { setTokens(l.items); setLoadError(null); })
    .catch((e) => setLoadError(errorsFrom(e).message));
  useEffect(() => { void load(); }, []);
  useEffect(() => { if (fresh) freshRef.current?.focus(); }, [fresh]);

  async function create(e: Event) {
    e.preventDefault();
    const missing = requiredErrors({ name: values.name, expiresInDays: values.days });
    if (missing.length) { setErrors({ message: t('admin.form.failed'), fields: missing }); return; }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const body: ApiTokenCreate = { name: values.name.trim(), expiresInDays: Number(values.days) };
      if (me.municipalities.length > 1) body.municipalities = values.municipalities;
      const made = await api.post<ApiTokenCreated>('/api/me/tokens', body);
      setFresh({ name: body.name, token: made.token });
      setValues({ ...values, name: '', days: DEFAULT_DAYS });
      announce(t('account.tokens.created', { name: body.name }));
      await load();
    } catch (err) {
      setErrors(errorsFrom(err));
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!fresh) return;
    try {
      await navigator.clipboard.writeText(fresh.token);
      announce(t('account.tokens.copied'));
    } catch {
      announce(t('account.tokens.copyFailed'));
    }
  }

  async function revoke(token: Token) {
    if (!window.confirm(t('account.tokens.confirmRevoke', { name: token.name }))) return;
    try {
      await api.delete(`/api/me/tokens/${token.id}`);
      announce(t('account.tokens.revoked', { name: token.name }));
      await load();
    } catch (err) {
      setLoadError(errorsFrom(err).message);
    }
  }

  const names = (ids: string[]) => ids.map((id) => me.municipalities.find((m) => m.id === id)?.name ?? id).join(', ');
  return (
    <section class="account-tokens" aria-labelledby="tokens-title">
      <h1 id="tokens-title">{t('account.tokens.title')}</h1>
      <p>{t('account.tokens.intro')}</p>
      <p>{t('account.tokens.howTo', { url })}</p>
      <LiveRegion message={msg} />

      {fresh && (
        <div class="card token-fresh">
          <h2 ref={freshRef} tabIndex={-1}>{t('account.tokens.created', { name: fresh.name })}</h2>
          <p><strong>{t('account.tokens.shownOnce')}</strong></p>
          <label for="token-value">{t('account.tokens.tokenLabel')}</label>
          <input id="token-value" type="text" readOnly value={fresh.token} size={60} onFocus={(e) => e.currentTarget.select()} />
          <p>
            <button type="button" onClick={copy}>{t('account.tokens.copy')}</button>{' '}
            <button type="button" onClick={() => setFresh(null)}>{t('account.tokens.done')}</button>
          </p>
        </div>
      )}

      <form ref={formRef} class="card admin-form" onSubmit={create} noValidate aria-labelledby="tokens-create-title">
        <h2 id="tokens-create-title">{t('account.tokens.create')}</h2>
        <ErrorSummary errors={errors} known={['name', 'expiresInDays', 'municipalities']} />
        <Label for="token-name" required>{t('account.tokens.name')}</Label>
        <input type="text" maxLength={100} value={values.name} onInput={(e) => setValues({ ...values, name: e.currentTarget.value })} {...controlProps('token-name', fieldMessage(errors, 'name'), true)} />
        <FieldMessage id="token-name" error={fieldMessage(errors, 'name')} hint={t('account.tokens.nameHint')} />
        <Label for="token-days" required>{t('account.tokens.days')}</Label>
        <input type="number" min={1} max={365} step={1} inputMode="numeric" value={values.days} onInput={(e) => setValues({ ...values, days: e.currentTarget.value })} {...controlProps('token-days', fieldMessage(errors, 'expiresInDays'), true)} />
        <FieldMessage id="token-days" error={fieldMessage(errors, 'expiresInDays')} hint={t('account.tokens.daysHint')} />
        {me.municipalities.length > 1 && (
          <fieldset aria-describedby={fieldMessage(errors, 'municipalities') ? 'token-municipalities-error' : undefined}>
            <legend>{t('account.tokens.municipalities')}</legend>
            {me.municipalities.map((m) => (
              <label key={m.id} class="checkbox">
                <input type="checkbox" checked={values.municipalities.includes(m.id)}
                  onChange={(e) => setValues({ ...values, municipalities: e.currentTarget.checked ? [...values.municipalities, m.id] : values.municipalities.filter((x) => x !== m.id) })} />
                {' '}{m.name}
              </label>
            ))}
            <FieldMessage id="token-municipalities" error={fieldMessage(errors, 'municipalities')} />
          </fieldset>
        )}
        <p><button type="submit" class="primary" disabled={busy} aria-busy={busy}>{busy ? t('account.tokens.creating') : t('account.tokens.submit')}</button></p>
      </form>

      <h2>{t('account.tokens.yours')}</h2>
      {loadError && <p role="alert" class="error">{t('account.tokens.loadFailed', { message: loadError })}</p>}
      {!tokens ? (!loadError && <p aria-busy="true">{t('account.tokens.loading')}</p>) : tokens.length === 0 ? <p>{t('account.tokens.none')}</p> : (
        <table class="est-table stack" data-testid="api-tokens">
          <caption class="visually-hidden">{t('account.tokens.yours')}</caption>
          <thead>
            <tr>
              {(['name', 'municipalities', 'created', 'expires', 'lastUsed', 'status', 'action'] as const).map((c) => <th key={c} scope="col">{t(`account.tokens.columns.${c}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {tokens.map((tok) => (
              <tr key={tok.id}>
                <td data-label={t('account.tokens.columns.name')}>{tok.name}</td>
                <td data-label={t('account.tokens.columns.municipalities')}>{names(tok.municipalities)}</td>
                <td data-label={t('account.tokens.columns.created')}>{fmt.dateTime(tok.createdAt)}</td>
                <td data-label={t('account.tokens.columns.expires')}>{fmt.dateTime(tok.expiresAt)}</td>
                <td data-label={t('account.tokens.columns.lastUsed')}>{tok.lastUsedAt ? fmt.dateTime(tok.lastUsedAt) : t('account.tokens.never')}</td>
                <td data-label={t('account.tokens.columns.status')}>{t(`account.tokens.status.${tok.status}` as MessageKey)}</td>
                <td data-label={t('account.tokens.columns.action')}>
                  {tok.status === 'active' && <button type="button" aria-label={t('account.tokens.revokeLabel', { name: tok.name })} onClick={() => revoke(tok)}>{t('account.tokens.revoke')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

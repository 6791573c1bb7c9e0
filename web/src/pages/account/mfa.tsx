import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { MfaStatus, RecoveryCodes, TotpEnrolment } from '../../api/types.ts';
import { t, tn } from '../../i18n/index.ts';
import { errorsFrom, fieldMessage, NO_ERRORS, type FormErrors } from '../../ui/form.tsx';

/** A code field: digits on a phone's keyboard, the app's code offered by the browser, the server's message tied to it. */
function CodeField({ id, label, value, onInput, error, digitsOnly }: { id: string; label: string; value: string; onInput: (v: string) => void; error?: string; digitsOnly: boolean }) {
  return (
    <>
      <label for={id}>{label}</label>
      <input id={id} name="code" required value={value} autocomplete="one-time-code" spellcheck={false} autocapitalize="characters"
        inputMode={digitsOnly ? 'numeric' : 'text'} pattern={digitsOnly ? '[0-9 ]{6,7}' : undefined} maxLength={40}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)} />
      {error && <p id={`${id}-error`} class="error">{error}</p>}
    </>
  );
}

/** The recovery codes, shown the one time they exist: to copy, to print, then acknowledged. */
function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div class="mfa-recovery">
      <h3 ref={heading} tabIndex={-1}>{t('mfa.recoveryTitle')}</h3>
      <p>{t('mfa.recoveryIntro')}</p>
      <ol class="mfa-codes" aria-label={t('mfa.recoveryTitle')}>
        {codes.map((c) => <li key={c}><code>{c}</code></li>)}
      </ol>
      <div class="mfa-actions">
        <button type="button" onClick={() => navigator.clipboard?.writeText(codes.join('\n')).then(() => setCopied(true)).catch(() => undefined)}>{t('mfa.copy')}</button>
        <button type="button" onClick={() => window.print()}>{t('mfa.print')}</button>
        <button type="button" class="primary" onClick={onDone}>{t('mfa.saved')}</button>
      </div>
      <p role="status">{copied ? t('mfa.copied') : ''}</p>
    </div>
  );
}

/**
 * Two-step verification on the user's own page and on the enrolment a role requires: turn it on
 * (QR code or the key typed by hand, then a code from the app), the recovery codes once, its state,
 * and turning it off with a code. `onEnabled` runs once the user has acknowledged the codes.
 */
export function MfaSettings({ onEnabled }: { onEnabled?: () => void }) {
  const [status, setStatus] = useState<MfaStatus | null>(null);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');

  const load = () => api.get<MfaStatus>('/api/me/mfa').then(setStatus).catch((e) => setErrors(errorsFrom(e)));
  useEffect(() => { void load(); }, []);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setErrors(NO_ERRORS);
    try { await action(); } catch (e) { setErrors(errorsFrom(e)); } finally { setBusy(false); }
  }
  const start = () => run(async () => { setEnrolment(await api.post<TotpEnrolment>('/api/me/mfa/totp')); setNote(''); });
  const confirm = (e: Event) => { e.preventDefault(); void run(async () => {
    const r = await api.post<RecoveryCodes>('/api/me/mfa/totp/confirm', { code });
    setCodes(r.recoveryCodes);
    setEnrolment(null);
    setCode('');
  }); };
  const disable = (e: Event) => { e.preventDefault(); void run(async () => {
    await api.post('/api/me/mfa/totp/disable', { code });
    setCode('');
    setNote(t('mfa.disabled'));
    await load();
  }); };

  const general = errors.message && !fieldMessage(errors, 'code') ? <p role="alert" class="error">{errors.message}</p> : null;
  if (codes) return <RecoveryCodesView codes={codes} onDone={() => { setCodes(null); void load(); onEnabled?.(); }} />;
  if (!status) return general ?? <p aria-busy="true">{t('mfa.loading')}</p>;

  if (enrolment) {
    return (
      <form class="mfa-enrol" onSubmit={confirm}>
        {general}
        <ol class="mfa-steps">
          <li>{t('mfa.step1')}</li>
          <li>
            <p>{t('mfa.step2')}</p>
            <img class="mfa-qr" src={enrolment.qrDataUrl} alt={t('mfa.qrAlt')} width={240} height={240} />
            <p>{t('mfa.step2Manual')}</p>
            <p><span class="visually-hidden">{t('mfa.secretLabel')}: </span><code class="mfa-secret" data-secret={enrolment.secret}>{enrolment.secret.match(/.{1,4}/g)!.join(' ')}</code></p>
          </li>
          <li>
            <p>{t('mfa.step3')}</p>
            <CodeField id="mfa-confirm-code" label={t('mfa.codeLabel')} value={code} onInput={setCode} error={fieldMessage(errors, 'code')} digitsOnly />
            <button type="submit" class="primary" disabled={busy}>{busy ? t('mfa.confirming') : t('mfa.confirm')}</button>
          </li>
        </ol>
      </form>
    );
  }

  return (
    <div class="mfa-status">
      {general}
      <p role="status">{note}</p>
      {!status.enabled && (
        <>
          <p>{t('mfa.intro')}</p>
          <p><strong>{t('mfa.off')}</strong></p>
          <button type="button" class="primary" onClick={start} disabled={busy}>{busy ? t('mfa.starting') : t('mfa.start')}</button>
        </>
      )}
      {status.enabled && (
        <>
          <p><strong>{t('mfa.on')}</strong> {tn('mfa.codesLeft', status.recoveryCodesLeft)}</p>
          {status.required ? <p>{t('mfa.required')}</p> : (
            <form onSubmit={disable} aria-labelledby="mfa-disable-title">
              <h3 id="mfa-disable-title">{t('mfa.disableTitle')}</h3>
              <p>{t('mfa.disableIntro')}</p>
              <CodeField id="mfa-disable-code" label={t('mfa.disableCodeLabel')} value={code} onInput={setCode} error={fieldMessage(errors, 'code')} digitsOnly={false} />
              <button type="submit" disabled={busy}>{t('mfa.disable')}</button>
            </form>
          )}
        </>
      )}
    </div>
  );
}

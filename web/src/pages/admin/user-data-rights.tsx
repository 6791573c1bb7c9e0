import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { t } from '../../i18n/index.ts';
import { may } from '../../session.ts';
import { errorsFrom, ErrorSummary, NO_ERRORS, type FormErrors } from '../../ui/form.tsx';
import type { ErasureResult } from '../../../../src/contract/index.ts';

/**
 * In the admin user view: the register extract (GDPR art. 15) as JSON or PDF, downloaded straight
 * from the API (the session cookie goes along), and erasure of the user's personal data (art. 17)
 * after a confirmation that says what stays.
 */
export default function UserDataRights({ user, onErased }: { user: User; onErased: (name: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const extract = (format: 'json' | 'pdf') => `/api/users/${encodeURIComponent(user.id)}/register-extract?format=${format}`;

  async function erase() {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const r = await api.post<ErasureResult>(`/api/users/${encodeURIComponent(user.id)}/erase`, {});
      setConfirming(false);
      onErased(r.name);
    } catch (e) {
      setErrors(errorsFrom(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset class="subject-rights">
      <legend>{t('retention.subjectRights')}</legend>
      <ErrorSummary errors={errors} known={[]} />
      {may('users.registerExtract') && (
        <p>
          <a href={extract('pdf')} download>{t('retention.extractPdf')}</a>{' · '}
          <a href={extract('json')} download>{t('retention.extractJson')}</a>
        </p>
      )}
      {may('users.erase') && !confirming && <button type="button" class="danger" onClick={() => setConfirming(true)}>{t('retention.erase')}</button>}
      {confirming && (
        <div role="alertdialog" aria-labelledby="erase-confirm-text">
          <p id="erase-confirm-text">{t('retention.eraseConfirm', { name: user.name })}</p>
          <button type="button" class="danger" disabled={busy} onClick={erase}>{t('retention.eraseYes')}</button>
          <button type="button" onClick={() => setConfirming(false)}>{t('app.cancel')}</button>
        </div>
      )}
    </fieldset>
  );
}

import { useMemo, useState } from 'preact/hooks';
import { findPersonalData, redactPersonalData } from '../../../src/core/privacy/index.ts';
import { t, type MessageKey } from '../i18n/index.ts';

/**
 * The warning under a free-text field while the text holds personal data (personnummer, phone
 * numbers, e-mail addresses, licence plates): what was found, and a button that removes it. The
 * same check the server runs before storing (src/core/privacy), so what is left here is what the
 * server would strip. Announced politely as it appears.
 */
export function PersonalDataWarning({ id, text, onRemove, body, removedMessage }: {
  id: string;
  text: string;
  /** Called with the text without its personal data. */
  onRemove(cleaned: string): void;
  /** Why it matters here (default: common.privacy.body). */
  body?: string;
  /** Said once removed (default: common.privacy.removed). */
  removedMessage?: string;
}) {
  const findings = useMemo(() => findPersonalData(text), [text]);
  const [status, setStatus] = useState('');
  const [statusFor, setStatusFor] = useState<string | null>(null);
  return (
    <div aria-live="polite" class="privacy-region">
      {findings.length > 0 && (
        <div id={id} class="warning privacy-warning">
          <p><strong>{t('report.privacy.heading')}</strong></p>
          <p>{body ?? t('common.privacy.body')}</p>
          <ul>
            {findings.map((f) => <li key={`${f.start}-${f.kind}`}>{t(`report.privacy.kinds.${f.kind}` as MessageKey)}: <span class="finding">{f.match}</span></li>)}
          </ul>
          <button type="button" class="primary" onClick={() => {
            const cleaned = redactPersonalData(text, findings).text;
            setStatus(removedMessage ?? t('common.privacy.removed'));
            setStatusFor(cleaned);
            onRemove(cleaned);
          }}>{t('report.privacy.remove')}</button>
        </div>
      )}
      {status && findings.length === 0 && statusFor === text && <p class="ok-message">{status}</p>}
    </div>
  );
}

/** What the server said it removed from a write's texts, as a sentence; null when nothing. */
export function serverCleanedMessage(removed: readonly string[] | undefined): string | null {
  if (!removed?.length) return null;
  return t('common.privacy.serverCleaned', { kinds: removed.map((k) => t(`report.privacy.kinds.${k}` as MessageKey).toLowerCase()).join(', ') });
}

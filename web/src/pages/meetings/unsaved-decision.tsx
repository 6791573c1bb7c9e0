import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/index.ts';

/**
 * "The decision you are writing is not saved": asked before the meeting is marked held (else the
 * minutes would say "no decisions") or before another decision form replaces this one. A modal
 * <dialog>: focus starts on "save it first", Escape cancels, and focus returns to the button that
 * asked.
 */
export function UnsavedDecisionDialog({ kind, onSave, onProceed, onClose }: {
  kind: 'held' | 'switch'; onSave: () => void; onProceed: () => void; onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.showModal();
    first.current?.focus();
    return () => { if (opener && document.contains(opener)) opener.focus(); };
  }, []);
  const answer = (f: () => void) => () => { ref.current?.close(); f(); };
  return (
    <dialog ref={ref} class="est-dialog" role="alertdialog" aria-modal="true" aria-labelledby="unsaved-decision-title" aria-describedby="unsaved-decision-text" onClose={onClose}>
      <h2 id="unsaved-decision-title">{t('meetings.unsaved.title')}</h2>
      <p id="unsaved-decision-text">{t(`meetings.unsaved.${kind}Text`)}</p>
      <div class="form-actions">
        <button ref={first} type="button" class="primary" onClick={answer(onSave)}>{t(`meetings.unsaved.${kind}Save`)}</button>
        <button type="button" onClick={answer(onProceed)}>{t(`meetings.unsaved.${kind}Proceed`)}</button>
        <button type="button" onClick={() => ref.current?.close()}>{t('meetings.unsaved.cancel')}</button>
      </div>
    </dialog>
  );
}

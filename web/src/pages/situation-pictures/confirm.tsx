import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/index.ts';

/**
 * A modal confirmation (<dialog>): focus goes into it, Escape cancels, and focus returns to the
 * button that opened it.
 */
export function ConfirmDialog({ title, text, yes, onYes, onClose }: { title: string; text: string; yes: string; onYes: () => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.showModal();
    return () => { if (opener && document.contains(opener)) opener.focus(); };
  }, []);
  return (
    <dialog ref={ref} class="est-dialog" aria-labelledby="est-dialog-title" aria-describedby="est-dialog-text" onClose={onClose}>
      <h2 id="est-dialog-title">{title}</h2>
      <p id="est-dialog-text">{text}</p>
      <div class="form-actions">
        <button type="button" class="primary" onClick={() => { ref.current?.close(); onYes(); }}>{yes}</button>
        <button type="button" onClick={() => ref.current?.close()}>{t('situationPictures.create.cancel')}</button>
      </div>
    </dialog>
  );
}

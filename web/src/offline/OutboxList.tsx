import { useState } from 'preact/hooks';
import { fmt, t, tn } from '../i18n/index.ts';
import { online } from '../ui/online.ts';
import { discardItem, outboxItems, retryItem, sendNow as sendWaiting } from './queue.ts';
import './outbox.css';

/**
 * The reports waiting on this device: how many, each with its state, and what the user can do
 * (send now, try again after a refusal, remove). Shown on the report form and on Mina rapporter.
 */
export function OutboxList({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const items = outboxItems.value;
  const [busy, setBusy] = useState(false);
  if (items.length === 0) return null;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  async function sendNow() {
    setBusy(true);
    try { await sendWaiting(); } finally { setBusy(false); }
  }
  return (
    <section class="outbox card" aria-labelledby="outbox-heading">
      <H id="outbox-heading">{t('report.outbox.heading')}</H>
      <p>{tn('report.outbox.count', items.length)}
        {!online.value && <> {t('report.outbox.offlineHint')}</>}</p>
      <ul class="outbox-items">
        {items.map((item) => (
          <li key={item.id} class={`outbox-item ${item.state}`}>
            <p class="outbox-title">
              <strong>{item.summary.categoryName}</strong>
              {item.summary.placeName && <>, {item.summary.placeName}</>}
              {' – '}{fmt.dateTime(item.summary.occurredAt)}
            </p>
            <p class="outbox-state">
              <span class={`badge ${item.state}`}>{item.state === 'attention' ? t('report.outbox.attention') : t('report.outbox.waiting')}</span>
              {' '}{t('report.outbox.queuedAt', { time: fmt.dateTime(item.queuedAt) })}
              {item.photos.length > 0 && <>, {tn('report.outbox.photosLeft', item.photos.length)}</>}
            </p>
            {item.message && (
              <p class={item.state === 'attention' ? 'error' : 'muted'}>
                {item.state === 'attention' ? item.message : t('report.outbox.lastProblem', { message: item.message })}
              </p>
            )}
            {item.fields && item.fields.length > 0 && (
              <ul class="error">{item.fields.map((f) => <li key={f.field}>{f.message}</li>)}</ul>
            )}
            {item.state === 'attention' && (
              <div class="outbox-actions">
                <button type="button" onClick={() => retryItem(item.id)} disabled={!online.value}>{t('report.outbox.retry')}</button>
                <button type="button" class="danger" onClick={() => {
                  if (confirm(item.reportStored ? t('report.outbox.confirmDiscardPhotos') : t('report.outbox.confirmDiscard'))) void discardItem(item.id);
                }}>{t('report.outbox.discard')}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {items.some((i) => i.state === 'waiting') && (
        <button type="button" onClick={sendNow} disabled={busy || !online.value} aria-describedby={!online.value ? 'outbox-offline' : undefined}>
          {busy ? t('report.outbox.sendingNow') : t('report.outbox.sendNow')}
        </button>
      )}
      {!online.value && <span id="outbox-offline" class="visually-hidden">{t('report.outbox.offlineHint')}</span>}
    </section>
  );
}

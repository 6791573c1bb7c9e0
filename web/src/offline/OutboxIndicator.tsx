import { tn } from '../i18n/index.ts';
import { may } from '../session.ts';
import { outboxItems } from './queue.ts';
import './outbox.css';

/**
 * The app shell's note of reports waiting on this device, on every page: how many wait to be sent
 * and how many need the user (refused by the server), linking to Mina rapporter where they are
 * listed. A status region, so a screen reader hears when the number changes (and when it is gone).
 */
export function OutboxIndicator() {
  const items = outboxItems.value;
  const waiting = items.filter((i) => i.state === 'waiting').length;
  const attention = items.length - waiting;
  const text = [waiting > 0 && tn('app.outbox.waiting', waiting), attention > 0 && tn('app.outbox.attention', attention)].filter(Boolean).join(', ');
  return (
    <div role="status" class={`outbox-indicator${items.length ? ' active' : ''}${attention ? ' attention' : ''}`}>
      {items.length > 0 && (may('incident.create')
        ? <a href="#/mina-rapporter"><span class="outbox-indicator-dot" aria-hidden="true" />{text}</a>
        : <span><span class="outbox-indicator-dot" aria-hidden="true" />{text}</span>)}
    </div>
  );
}

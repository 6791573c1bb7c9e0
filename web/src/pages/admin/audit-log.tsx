import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../../api/client.ts';
import { fmt, t, tn } from '../../i18n/index.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import type { AuditPage, AuditPeople, Wire } from '../../../../src/contract/index.ts';
import './audit-log.css';

type Page = Wire<AuditPage>;
type Entry = Page['items'][number];
type People = Wire<AuditPeople>;
interface Filters { userId: string; organisationId: string; action: string; from: string; to: string }

const EMPTY: Filters = { userId: '', organisationId: '', action: '', from: '', to: '' };
const PAGE_SIZE = 50;

/**
 * Administration → Granskningslogg (coordinators, the data-protection officer): the audit log of the
 * user's municipalities, filtered by user, organisation, action and period, newest first, a page
 * at a time, and the whole selection as a CSV file for Excel. The server logs every look and every
 * download.
 */
export default function AuditLogPage() {
  const [people, setPeople] = useState<People | null>(null);
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [items, setItems] = useState<Entry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);

  useEffect(() => { api.get<People>('/api/audit/people').then(setPeople).catch((e) => setErrors(errorsFrom(e))); }, []);

  async function load(f: Filters, cursor: string | null) {
    setBusy(true);
    try {
      const page = await api.get<Page>(`/api/audit${query({ ...f, limit: PAGE_SIZE, cursor })}`);
      const all = cursor ? [...(items ?? []), ...page.items] : page.items;
      setItems(all);
      setNext(page.nextCursor);
      setApplied(f);
      setErrors(NO_ERRORS);
      announce(all.length ? tn('audit.shown', all.length) : t('audit.empty'));
    } catch (e) {
      setErrors(errorsFrom(e));
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => { void load(EMPTY, null); }, []);

  const set = (k: keyof Filters) => (e: Event) => setDraft({ ...draft, [k]: (e.target as HTMLInputElement | HTMLSelectElement).value });
  const users = people?.users.filter((u) => !draft.organisationId || u.organisationId === draft.organisationId) ?? [];
  const orgName = new Map(people?.organisations.map((o) => [o.id, o.name]));
  const fromError = fieldMessage(errors, 'from');
  const toError = fieldMessage(errors, 'to');

  return (
    <section aria-labelledby="admin-sub-title" class="audit-log">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('audit.nav')}</h2>
      <p>{t('audit.explain')}</p>
      <LiveRegion message={msg} />

      <form ref={formRef} class="card admin-form audit-filters" noValidate aria-labelledby="audit-filter-title"
        onSubmit={(e) => { e.preventDefault(); void load(draft, null); }}>
        <h3 id="audit-filter-title">{t('audit.filters.title')}</h3>
        <ErrorSummary errors={errors} known={['from', 'to']} />
        <div class="audit-filter-grid">
          <div>
            <Label for="audit-organisation">{t('audit.filters.organisation')}</Label>
            <select id="audit-organisation" value={draft.organisationId} onChange={set('organisationId')}>
              <option value="">{t('audit.filters.anyOrganisation')}</option>
              {people?.organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </div>
          <div>
            <Label for="audit-user">{t('audit.filters.user')}</Label>
            <select id="audit-user" value={draft.userId} onChange={set('userId')}>
              <option value="">{t('audit.filters.anyUser')}</option>
              {users.map((u) => <option key={u.id} value={u.id}>{u.name}{orgName.get(u.organisationId) ? ` (${orgName.get(u.organisationId)})` : ''}</option>)}
            </select>
          </div>
          <div>
            <Label for="audit-action">{t('audit.filters.action')}</Label>
            <select id="audit-action" value={draft.action} onChange={set('action')}>
              <option value="">{t('audit.filters.anyAction')}</option>
              {people?.actions.map((a) => <option key={a.action} value={a.action}>{a.label}</option>)}
            </select>
          </div>
          <div>
            <Label for="audit-from">{t('audit.filters.from')}</Label>
            <input type="date" value={draft.from} onInput={set('from')} {...controlProps('audit-from', fromError, true)} />
            <FieldMessage id="audit-from" error={fromError} hint={t('audit.filters.dayHint')} />
          </div>
          <div>
            <Label for="audit-to">{t('audit.filters.to')}</Label>
            <input type="date" value={draft.to} onInput={set('to')} {...controlProps('audit-to', toError, true)} />
            <FieldMessage id="audit-to" error={toError} hint={t('audit.filters.dayHint')} />
          </div>
        </div>
        <p class="audit-actions">
          <button type="submit" class="primary" disabled={busy} aria-busy={busy}>{t('audit.filters.submit')}</button>
          <button type="button" onClick={() => { setDraft(EMPTY); void load(EMPTY, null); }}>{t('audit.filters.reset')}</button>
        </p>
      </form>

      <p>
        <a class="button" href={`/api/audit/export${query({ ...applied })}`} download aria-describedby="audit-download-hint">{t('audit.download')}</a>
        <span id="audit-download-hint" class="muted"> {t('audit.downloadHint')}</span>
      </p>

      {!items ? (!errors.message && <p aria-busy="true">{t('app.loading')}</p>) : items.length === 0 ? <p>{t('audit.empty')}</p> : (
        <div class="table-wrap">
          <table class="audit-table">
            <caption>{t('audit.table.caption')}</caption>
            <thead><tr>
              <th scope="col">{t('audit.table.at')}</th><th scope="col">{t('audit.table.who')}</th><th scope="col">{t('audit.table.what')}</th>
              <th scope="col">{t('audit.table.subject')}</th><th scope="col">{t('audit.table.details')}</th>
            </tr></thead>
            <tbody>
              {items.map((e) => <Row key={e.id} e={e} />)}
            </tbody>
          </table>
        </div>
      )}
      {next && <p><button type="button" disabled={busy} aria-busy={busy} onClick={() => void load(applied, next)}>{t('audit.more')}</button></p>}
    </section>
  );
}

function Row({ e }: { e: Entry }) {
  const { count, ...rest } = e.details as { count?: unknown } & Record<string, unknown>;
  const more = Object.keys(rest).length > 0;
  return (
    <tr>
      <td><time dateTime={e.at}>{fmt.dateTime(e.at)}</time></td>
      <td>{e.userName ?? t('audit.table.system')}{e.organisationName && <><br /><span class="muted">{e.organisationName}</span></>}</td>
      <td>{e.actionLabel}{e.actionLabel !== e.action && <><br /><code class="muted">{e.action}</code></>}</td>
      <td>{e.subjectType ? <>{e.subjectType}{e.subjectId && <><br /><code class="audit-id">{e.subjectId}</code></>}</> : ''}</td>
      <td>
        {typeof count === 'number' && <span>{t('audit.table.count', { count: fmt.number(count) })}</span>}
        {more && (
          <details>
            <summary>{t('audit.table.showDetails')}</summary>
            <pre class="audit-details">{JSON.stringify(rest, null, 1)}</pre>
          </details>
        )}
      </td>
    </tr>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query, NetworkError } from '../../api/client.ts';
import type { FeedbackList, HistoryEntry, Incident, IncidentPage } from '../../api/types.ts';
import { fmt, lang, t, tn, type MessageKey } from '../../i18n/index.ts';
import { online } from '../../ui/online.ts';
import { storedReports } from '../../offline/queue.ts';
import { OutboxList } from '../../offline/OutboxList.tsx';
import { CategoryMark } from '../report/CategoryPicker.tsx';
import type { Measure, MeasureList } from '../situation-pictures/types.ts';
import { loadCategories } from '../table/reference.ts';
import './my-reports.css';

const PAGE_SIZE = 20;
/** The API's largest page: a reload fetches at most this many at once. */
const LIMIT_MAX = 1000;

function occurredText(i: Incident): string {
  return i.occurredFrom === i.occurredTo ? fmt.dateTime(i.occurredFrom) : `${fmt.dateTime(i.occurredFrom)} – ${fmt.dateTime(i.occurredTo)}`;
}
const statusText = (s: string) => t(`common.reviewStatus.${s}` as MessageKey);

function History({ incident }: { incident: Incident }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<HistoryEntry[]>(`/api/incidents/${incident.id}/history`).then(setEntries).catch((e) => setError(e instanceof Error ? e.message : String(e)));
  }, [incident.id]);
  if (error) return <p role="alert" class="error">{t('myReports.history.failed', { message: error })}</p>;
  if (!entries) return <p aria-busy="true">{t('myReports.history.loading')}</p>;
  if (entries.length === 0) return <p>{t('myReports.history.empty')}</p>;
  return (
    <ol class="history">
      {entries.map((h) => {
        const known = ['create', 'update', 'review'].includes(h.action);
        const status = typeof h.changes.reviewStatus === 'string' && h.action !== 'create' ? h.changes.reviewStatus : null;
        return (
          <li key={h.id}>
            <time dateTime={h.changedAt}>{fmt.dateTime(h.changedAt)}</time>{' '}
            <strong>{known ? t(`myReports.history.${h.action}` as MessageKey) : t('myReports.history.other', { action: h.action })}</strong>
            {h.userName && <> {t('myReports.history.by', { name: h.userName })}</>}
            {status && <>. {t('myReports.history.statusChange', { status: statusText(status) })}</>}
          </li>
        );
      })}
    </ol>
  );
}

/** The measures linked to a report (GET /api/measures?incidentId=…): "kopplad till åtgärd". Nothing is shown when there are none. */
function LinkedMeasures({ incident }: { incident: Incident }) {
  const [items, setItems] = useState<Measure[]>([]);
  useEffect(() => {
    let live = true;
    api.get<MeasureList>(`/api/measures${query({ incidentId: incident.id })}`).then((r) => live && setItems(r.items)).catch(() => undefined);
    return () => { live = false; };
  }, [incident.id]);
  if (items.length === 0) return null;
  return (
    <div class="linked-measures">
      <p><strong>{t('myReports.measures.title')}</strong></p>
      <ul>{items.map((m) => <li key={m.id}>{t('myReports.measures.item', { title: m.title, status: t(`measures.status.${m.status}`), organisation: m.organisationName })}</li>)}</ul>
    </div>
  );
}

/**
 * Återkoppling: short summaries of the published lägesbilder for the reporter's municipality (GET /api/feedback).
 * The answer names the top categories in Swedish only; in English their names come from the categories.
 */
function Feedback() {
  const [items, setItems] = useState<FeedbackList['items'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [namesEn, setNamesEn] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    api.get<FeedbackList>('/api/feedback').then((r) => setItems(r.items)).catch((e) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  const english = lang.value === 'en';
  useEffect(() => {
    if (!english || namesEn) return;
    // Without them (offline, say) the Swedish names stand in.
    loadCategories().then((cs) => setNamesEn(new Map(cs.map((c) => [c.id, c.nameEn])))).catch(() => undefined);
  }, [english]);
  const categoryName = (c: FeedbackList['items'][number]['topCategories'][number]) => (english && namesEn?.get(c.id)) || c.nameSv;
  return (
    <section aria-labelledby="feedback-heading" class="feedback">
      <h2 id="feedback-heading">{t('myReports.feedback.title')}</h2>
      <p class="muted">{t('myReports.feedback.intro')}</p>
      {error ? <p class="warning">{t('myReports.feedback.failed', { message: error })}</p>
        : !items ? <p aria-busy="true">{t('myReports.feedback.loading')}</p>
        : items.length === 0 ? <p>{t('myReports.feedback.none')}</p>
        : (
          <ul class="my-report-list">
            {items.slice(0, 5).map((f) => (
              <li key={f.id} class="card">
                <h3 class="my-report-title">{f.title}</h3>
                {/* The period is calendar days with `to` inclusive: `to` is the last day, shown as it is. */}
                <p class="muted">{t('myReports.feedback.period', { from: fmt.date(f.period.from), to: fmt.date(f.period.to) })} · {t('myReports.feedback.published', { date: fmt.date(f.publishedAt) })}</p>
                {f.totals && <p>{tn('myReports.feedback.total', f.totals.count)}</p>}
                {f.topCategories.length > 0 && <p>{t('myReports.feedback.top', { list: f.topCategories.slice(0, 3).map((c) => `${categoryName(c)} (${c.count})`).join(', ') })}</p>}
                {f.summary && <p class="my-report-text">{f.summary}</p>}
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}

function ReportItem({ incident }: { incident: Incident }) {
  const [open, setOpen] = useState(false);
  const category = lang.value === 'en' ? incident.categoryNameEn : incident.categoryNameSv;
  const historyId = `history-${incident.id}`;
  return (
    <li class="my-report card">
      <h3 class="my-report-title" tabIndex={-1}>
        <CategoryMark category={{ colour: incident.categoryColour, nameSv: incident.categoryNameSv, nameEn: incident.categoryNameEn }} />
        <span>{category}</span>
      </h3>
      <dl>
        <dt>{t('myReports.occurred')}</dt><dd>{occurredText(incident)}</dd>
        <dt>{t('myReports.place')}</dt><dd>{incident.placeName ?? <span class="muted">{t('myReports.noPlace')}</span>}</dd>
        <dt>{t('myReports.status')}</dt>
        <dd><span class={`status status-${incident.reviewStatus}`}>{statusText(incident.reviewStatus)}</span>
          {incident.reviewStatus === 'duplicate' && <> {t('myReports.duplicateOf')}</>}</dd>
        <dt>{t('myReports.reported')}</dt><dd>{fmt.dateTime(incident.reportedAt)}</dd>
      </dl>
      {incident.visibility === 'restricted' && <p class="muted">{t('myReports.restricted')}</p>}
      {incident.description && <p class="my-report-text">{incident.description}</p>}
      <LinkedMeasures incident={incident} />
      <button type="button" aria-expanded={open} aria-controls={historyId} onClick={() => setOpen(!open)}>
        {open ? t('myReports.history.hide') : t('myReports.history.show')}
      </button>
      <div id={historyId} role="region" aria-label={t('myReports.history.label', { category, time: occurredText(incident) })} hidden={!open}>
        {open && <History incident={incident} />}
      </div>
    </li>
  );
}

export default function MyReportsPage() {
  const [items, setItems] = useState<Incident[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  /** How many are shown: a reload fetches as many again, so reconnecting never drops the pages already opened. */
  const shown = useRef(PAGE_SIZE);
  const failed = (e: unknown) => (e instanceof NetworkError ? 'offline' : e instanceof Error ? e.message : String(e));

  /**
   * The reporter's own reports, newest first (occurred time, then id: the API's keyset order, so
   * pages neither repeat nor skip a report). `after` continues from a page's end; without it the
   * list is fetched anew from the top, as many as were shown.
   */
  async function load(after: string | null): Promise<number> {
    const limit = after ? PAGE_SIZE : Math.min(LIMIT_MAX, Math.max(PAGE_SIZE, shown.current));
    const page = await api.get<IncidentPage>(`/api/incidents${query({ mine: true, limit, cursor: after ?? undefined })}`);
    setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
    setCursor(page.nextCursor);
    setError(null);
    return page.items.length;
  }
  // Load when the page opens, again when the connection returns and when a report waiting on the
  // device has reached the server.
  useEffect(() => {
    if (!online.value && items) return;
    load(null).catch((e) => setError(failed(e)));
  }, [online.value, storedReports.value]);

  async function more() {
    setLoadingMore(true);
    const before = items?.length ?? 0;
    try {
      const added = await load(cursor);
      shown.current = before + added;
      // The first of the new reports takes focus, so a keyboard or screen reader user goes on reading there.
      requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLElement>('li.my-report > h3')[before]?.focus());
    } catch (e) { setError(failed(e)); } finally { setLoadingMore(false); }
  }

  return (
    <div class="my-reports">
      <h1>{t('myReports.title')}</h1>
      <p class="muted">{t('myReports.intro')}</p>
      <p><a class="button primary" href="#/rapportera">{t('myReports.newReport')}</a></p>
      <OutboxList />
      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading">{t('myReports.sent')}</h2>
        {error === 'offline' ? <p class="warning">{t('myReports.offline')}</p>
          : error ? <p role="alert" class="error">{t('myReports.loadFailed', { message: error })}</p> : null}
        {!items && !error && <p aria-busy="true">{t('myReports.loading')}</p>}
        {items && items.length === 0 && <p>{t('myReports.empty')}</p>}
        {items && items.length > 0 && (
          <>
            <p class="muted" role="status">{tn(cursor ? 'myReports.countMore' : 'myReports.count', items.length)}</p>
            <ul class="my-report-list" ref={listRef}>{items.map((i) => <ReportItem key={i.id} incident={i} />)}</ul>
            {cursor && <button type="button" onClick={more} disabled={loadingMore} aria-busy={loadingMore}>{loadingMore ? t('myReports.loadingMore') : t('myReports.more')}</button>}
          </>
        )}
      </section>
      <Feedback />
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { api, ApiError } from '../../../api/client.ts';
import type { Category, LagesbildStats as Stats, StatsComparison as Comparison } from '../../../api/types.ts';
import { fmt, lang, t, tn, type MessageKey } from '../../../i18n/index.ts';
import { filterQuery, filters, type Filters } from '../../../state/filters.ts';
import { HBars } from '../../../ui/charts/HBars.tsx';
import { HeatTable } from '../../../ui/charts/HeatTable.tsx';
import { TrendChart, type TrendPoint } from '../../../ui/charts/TrendChart.tsx';
import { isoWeek } from '../../../ui/charts/scale.ts';
import { drillTo, selectionHref } from '../../table/drill.ts';
import { ExportLinks } from '../../table/export.tsx';
import { loadCategories } from '../../table/reference.ts';
import { capitalise, changeSentence, periodLabel } from './wording.ts';
import './panel.css';

type Load = { status: 'loading' | 'ok' | 'error'; stats?: Stats; error?: string };

/** GET /api/stats for the current selection; a newer selection aborts the request of the older one. The last answer stays shown while the next loads. */
function useStats(q: string): Load & { retry: () => void } {
  const [state, setState] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ ...s, status: 'loading', error: undefined }));
    api.get<Stats>(`/api/stats${q}`, { signal: ctrl.signal })
      .then((stats) => setState({ status: 'ok', stats }))
      .catch((e: Error) => {
        if (e.name === 'AbortError') return;
        setState((s) => ({ ...s, status: 'error', error: e instanceof ApiError ? e.message : e.message }));
      });
    return () => ctrl.abort();
  }, [q, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const CATEGORY_ROWS = 8;
const DAY = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The signed percentage at the start of a change sentence in bold ("+12 %"). */
function Emphasised({ text }: { text: string }) {
  const m = /^([+\u2212±][^%]*%)(.*)$/s.exec(text);
  return m ? <><strong>{m[1]}</strong>{m[2]}</> : <>{text}</>;
}

function ChangeLine({ total, c, kind }: { total: number; c: Comparison; kind: 'previous' | 'lastYear' }) {
  return (
    <li>
      <span class="panel-change"><Emphasised text={capitalise(changeSentence(total, c.count, c.p, kind))} /></span>
      <span class="muted panel-change-period">{t('table.panel.comparedWith', { period: periodLabel(c.from, c.to) })}</span>
    </li>
  );
}

/** A part of the panel under its own heading (not a landmark: the panel is the one region). */
function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="panel-section">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

/** A label that opens the table of the incidents behind a row (the selection narrowed by `patch`). */
function DrillLink({ patch, children }: { patch: Partial<Filters>; children: ComponentChildren }) {
  return (
    <a href={selectionHref('/tabell', patch)} onClick={drillTo('/tabell', patch)}>
      {children}
      <span class="visually-hidden">{` (${t('table.panel.showInTable')})`}</span>
    </a>
  );
}

function Weekly({ stats }: { stats: Stats }) {
  const from = stats.period.from.slice(0, 10);
  const to = stats.period.to.slice(0, 10);
  const points: (TrendPoint & { weekStart: string })[] = stats.weekly.map((w) => {
    const week = isoWeek(w.weekStart);
    const partial = w.weekStart < from || addDays(w.weekStart, 7) > to;
    return {
      weekStart: w.weekStart,
      label: t('table.panel.weekShort', { week }),
      longLabel: `${t('table.panel.colWeek')} ${week} (${fmt.date(w.weekStart)})${partial ? `, ${t('table.panel.partial')}` : ''}`,
      value: w.count,
      partial,
    };
  });
  if (!points.length) return <p class="muted">{t('table.panel.trendEmpty')}</p>;
  const max = points.reduce((m, p) => (p.value > m.value ? p : m), points[0]);
  const min = points.reduce((m, p) => (p.value < m.value ? p : m), points[0]);
  const description = tn('table.panel.trendDesc', points.length, {
    first: isoWeek(points[0].weekStart), last: isoWeek(points[points.length - 1].weekStart),
    maxWeek: isoWeek(max.weekStart), max: fmt.number(max.value), min: fmt.number(min.value),
  });
  return (
    <>
      <TrendChart title={t('table.panel.trendTitle')} description={description} points={points} formatValue={(n) => fmt.number(n)} />
      {points.some((p) => p.partial) && <p class="muted panel-note">{t('table.panel.partialWeeks')}</p>}
      <details class="panel-details">
        <summary>{t('table.panel.showAsTable')}</summary>
        <table class="panel-table">
          <caption class="visually-hidden">{t('table.panel.trendTitle')}</caption>
          <thead><tr><th scope="col">{t('table.panel.colWeek')}</th><th scope="col">{t('table.panel.colWeekStart')}</th><th scope="col" class="num">{t('table.panel.colCount')}</th></tr></thead>
          <tbody>
            {points.map((p) => {
              const patch = { preset: 'custom' as const, from: p.weekStart < from ? from : p.weekStart, to: addDays(p.weekStart, 7) > to ? to : addDays(p.weekStart, 7) };
              return (
                <tr key={p.weekStart}>
                  <th scope="row"><DrillLink patch={patch}>{isoWeek(p.weekStart)}</DrillLink>{p.partial && <span class="muted"> ({t('table.panel.partial')})</span>}</th>
                  <td>{fmt.date(p.weekStart)}</td>
                  <td class="num">{fmt.number(p.value)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </>
  );
}

function Categories({ stats, categories }: { stats: Stats; categories: Category[] }) {
  const [all, setAll] = useState(false);
  const id = useId();
  const sv = lang.value === 'sv';
  const byId = new Map(categories.map((c) => [c.id, c]));
  const rows = stats.byCategory.filter((c) => c.count > 0 || c.previous > 0);
  if (!rows.length) return <p class="muted">{t('table.panel.noneHere')}</p>;
  const shown = all ? rows : rows.slice(0, CATEGORY_ROWS);
  return (
    <>
      <div id={id}>
        <HBars
          caption={t('table.panel.byCategory')} captionHidden
          labelHeader={t('table.panel.colCategory')} valueHeader={t('table.panel.colCount')} extraHeaders={[t('table.panel.colPrevious')]}
          max={rows.reduce((m, r) => Math.max(m, r.count), 0)}
          formatValue={(n) => fmt.number(n)}
          rows={shown.map((c) => {
            const parent = c.parentId ? byId.get(c.parentId) : undefined;
            return {
              key: c.id, value: c.count, colour: c.colour,
              label: (
                <DrillLink patch={{ categories: [c.id] }}>
                  {parent && <span class="panel-parent">{sv ? parent.nameSv : parent.nameEn} › </span>}
                  {sv ? c.nameSv : c.nameEn}
                </DrillLink>
              ),
              extra: [fmt.number(c.previous)],
            };
          })}
        />
      </div>
      {rows.length > CATEGORY_ROWS && (
        <button type="button" class="panel-more" aria-expanded={all} aria-controls={id} onClick={() => setAll(!all)}>
          {all ? t('table.panel.showFewer') : t('table.panel.showAll', { count: rows.length })}
        </button>
      )}
    </>
  );
}

/**
 * The side panel of the lägesbild: the current selection (filters) in numbers — total and its change
 * against the previous period and the same period last year, weekly trend, per category and
 * organisation, top places, weekday × hour — each chart with its numbers readable as text, and
 * export of the selection. Placed beside the map (pages/map) and usable on its own.
 */
export function SidePanel() {
  const q = filterQuery.value;
  const { status, stats, error, retry } = useStats(q);
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => { loadCategories().then(setCategories).catch(() => undefined); }, []);
  const titleId = useId();
  const [announce, setAnnounce] = useState('');
  useEffect(() => {
    if (status === 'ok' && stats) setAnnounce(tn('table.panel.updated', stats.total));
  }, [status, stats]);
  // Keep the filters signal subscribed, so a new selection re-renders the drill-down links.
  void filters.value;

  return (
    <section class="side-panel" aria-labelledby={titleId} aria-busy={status === 'loading'}>
      <h2 id={titleId}>{t('table.panel.title')}</h2>
      <p role="status" class="visually-hidden">{status === 'loading' ? t('table.panel.loading') : announce}</p>
      {status === 'error' && (
        <div role="alert" class="panel-error">
          <p class="error">{t('table.panel.error', { message: error ?? '' })}</p>
          <button type="button" onClick={retry}>{t('table.panel.retry')}</button>
        </div>
      )}
      {!stats && status === 'loading' && <p class="muted">{t('table.panel.loading')}</p>}
      {stats && (
        <div class={status === 'loading' ? 'panel-body stale' : 'panel-body'}>
          <div class="panel-total">
            <p class="panel-total-line"><span class="panel-total-number">{fmt.number(stats.total)}</span> {t('table.panel.total').toLocaleLowerCase()}</p>
            <p class="muted panel-period">{tn('table.panel.period', stats.period.days, { period: periodLabel(stats.period.from, stats.period.to) })}</p>
            {stats.total === 0 && <p>{t('table.panel.none')}</p>}
            <ul class="panel-changes">
              <ChangeLine total={stats.total} c={stats.comparison.previous} kind="previous" />
              <ChangeLine total={stats.total} c={stats.comparison.lastYear} kind="lastYear" />
            </ul>
          </div>
          <Section title={t('table.panel.weekly')}><Weekly stats={stats} /></Section>
          <Section title={t('table.panel.byCategory')}><Categories stats={stats} categories={categories} /></Section>
          <Section title={t('table.panel.byOrganisation')}>
            {stats.byOrganisation.some((o) => o.count > 0 || o.previous > 0) ? (
              <HBars
                caption={t('table.panel.byOrganisation')} captionHidden
                labelHeader={t('table.panel.colOrganisation')} valueHeader={t('table.panel.colCount')} extraHeaders={[t('table.panel.colPrevious')]}
                formatValue={(n) => fmt.number(n)}
                rows={stats.byOrganisation.filter((o) => o.count > 0 || o.previous > 0).map((o) => ({
                  key: o.id, value: o.count, label: <DrillLink patch={{ organisations: [o.id] }}>{o.name}</DrillLink>, extra: [fmt.number(o.previous)],
                }))}
              />
            ) : <p class="muted">{t('table.panel.noneHere')}</p>}
          </Section>
          <Section title={t('table.panel.topPlaces')}>
            {stats.topPlaces.length ? (
              <HBars
                caption={t('table.panel.topPlaces')} captionHidden
                labelHeader={t('table.panel.colPlace')} valueHeader={t('table.panel.colCount')} extraHeaders={[t('table.panel.colPrevious')]}
                formatValue={(n) => fmt.number(n)}
                rows={stats.topPlaces.map((p) => ({
                  key: p.name, value: p.count, colour: '#4f5a66', label: <DrillLink patch={{ q: p.name }}>{p.name}</DrillLink>, extra: [fmt.number(p.previous)],
                }))}
              />
            ) : <p class="muted">{t('table.panel.noneHere')}</p>}
          </Section>
          <Section title={t('table.panel.hourWeekday')}>
            {stats.total === 0 ? <p class="muted">{t('table.panel.noneHere')}</p> : <HeatTable
              caption={t('table.panel.heatCaption')}
              corner={t('table.panel.heatHour')}
              colHeaders={WEEKDAYS.map((d) => ({ short: t(`table.panel.weekdaysShort.${d}` as MessageKey), long: t(`table.panel.weekdaysLong.${d}` as MessageKey) }))}
              rowHeaders={Array.from({ length: 24 }, (_, h) => ({ short: String(h).padStart(2, '0'), long: `${String(h).padStart(2, '0')}:00–${String(h).padStart(2, '0')}:59` }))}
              // The API gives [weekday][hour]; the panel is narrow, so hours are the rows here.
              matrix={Array.from({ length: 24 }, (_, h) => WEEKDAYS.map((_, d) => stats.hourWeekday[d]?.[h] ?? 0))}
              legend={t('table.panel.heatLegend', { max: fmt.number(Math.max(0, ...stats.hourWeekday.flat())) })}
              formatValue={(n) => fmt.number(n)}
              scrollLabel={t('table.panel.heatCaption')}
            />}
          </Section>
          <ExportLinks headingLevel={3} />
        </div>
      )}
    </section>
  );
}

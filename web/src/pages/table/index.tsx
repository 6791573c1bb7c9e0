import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { Area, Category, Incident, IncidentPage, Organisation } from '../../api/types.ts';
import { lang, t, tn, type MessageKey } from '../../i18n/index.ts';
import { filterQuery, filters, setFilters, type Filters } from '../../state/filters.ts';
import { periodLabel } from '../map/panel/wording.ts';
import { selectionHref } from './drill.ts';
import { ExportLinks } from './export.tsx';
import { IncidentDetails } from './incident-details.tsx';
import { loadAreas, loadCategories, loadOrganisations } from './reference.ts';
import { formatWhen } from './when.ts';
import { sourceShort } from './provenance.ts';
import { chosenMunicipalities, outsideChoice, scopeTitle } from '../../municipality-choice.ts';
import { ScopeSuffix } from '../../ui/municipality-switcher.tsx';
import { ImportChip } from '../../ui/import-chip.tsx';
import './table.css';

const PAGE_SIZE = 50;
const COLUMNS = 8;

interface Reference { categories: Category[]; organisations: Organisation[]; areas: Area[] }

/** The active filters in words, so the table can be read without the map. */
function SelectionSummary({ f, refs }: { f: Filters; refs: Reference }) {
  const sv = lang.value === 'sv';
  const names = <T extends { id: string }>(ids: string[], list: T[], name: (x: T) => string) =>
    ids.length ? ids.map((id) => { const x = list.find((c) => c.id === id); return x ? name(x) : list.length ? id : '…'; }).join(', ') : t('table.list.all'); // '…' until the names have loaded
  const area = f.area ? refs.areas.find((a) => a.id === f.area)?.name ?? f.area : chosenMunicipalities.value.length > 1 ? scopeTitle.value : t('table.list.wholeMunicipality');
  const items: [MessageKey, string][] = [
    ['table.list.selPeriod', periodLabel(f.from, f.to)],
    ['table.list.selCategories', names(f.categories, refs.categories, (c) => (sv ? c.nameSv : c.nameEn))],
    ['table.list.selOrganisations', names(f.organisations, refs.organisations, (o) => o.name)],
    ['table.list.selArea', area],
    ['table.list.selStatus', f.reviewStatus.length ? f.reviewStatus.map((s) => t(`common.reviewStatus.${s}` as MessageKey)).join(', ') : t('table.list.all')],
  ];
  if (f.q) items.push(['table.list.selText', `”${f.q}”`]);
  if (f.bbox) items.push(['table.list.selBbox', t('table.list.bboxValue')]);
  return (
    <dl class="selection-summary" aria-label={t('table.list.selection')}>
      {items.map(([k, v]) => <div key={k}><dt>{t(k)}</dt><dd>{v}</dd></div>)}
    </dl>
  );
}

type ListState = { items: Incident[]; nextCursor: string | null; status: 'loading' | 'ok' | 'error'; error?: string; more?: boolean };

/**
 * The incidents of the current lägesbild selection as a table (explicit ARIA table roles, so the
 * table stays a table for assistive technology when a phone's CSS lays each row out as a card) (route /tabell): the accessible
 * alternative to the map, keyset-paginated ("Visa fler"), each row expandable to the whole incident
 * with its history, and export of the selection.
 */
export default function TablePage() {
  const q = filterQuery.value;
  const f = filters.value;
  const [refs, setRefs] = useState<Reference>({ categories: [], organisations: [], areas: [] });
  const [list, setList] = useState<ListState>({ items: [], nextCursor: null, status: 'loading' });
  const [open, setOpen] = useState<string | null>(null);
  const ctrl = useRef<AbortController | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    Promise.all([loadCategories(), loadOrganisations(), loadAreas()])
      .then(([categories, organisations, areas]) => setRefs({ categories, organisations, areas }))
      .catch(() => undefined);
  }, []);

  function load(cursor: string | null) {
    ctrl.current?.abort();
    const c = (ctrl.current = new AbortController());
    const sep = q ? '&' : '?';
    const url = `/api/incidents${q}${sep}limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    setList((s) => ({ ...(cursor ? s : { items: [], nextCursor: null }), status: 'loading', more: !!cursor, error: undefined }));
    api.get<IncidentPage>(url, { signal: c.signal })
      .then((page) => {
        setList((s) => ({ items: cursor ? [...s.items, ...page.items] : page.items, nextCursor: page.nextCursor, status: 'ok' }));
        // "Visa fler" disappears after the last page: keep the keyboard user's place on the status line.
        if (cursor && !page.nextCursor) requestAnimationFrame(() => statusRef.current?.focus());
      })
      .catch((e: Error) => {
        if (e.name === 'AbortError') return;
        setList((s) => ({ ...s, status: 'error', error: e.message }));
      });
  }

  useEffect(() => {
    setOpen(null);
    load(null);
    return () => ctrl.current?.abort();
  }, [q]);

  // Another municipality chosen in the top bar: the categories and area of the others no longer apply.
  const codes = chosenMunicipalities.value.map((m) => m.id).join();
  useEffect(() => {
    const patch = outsideChoice(filters.peek(), refs, codes.split(','));
    if (patch) setFilters(patch);
  }, [refs, codes]);

  const sv = lang.value === 'sv';
  const count = list.items.length;
  const statusText = list.status === 'loading' ? t('table.list.loading')
    : list.status === 'error' ? ''
    : count === 0 ? t('table.list.none')
    : list.nextCursor ? tn('table.list.shown', count) : tn('table.list.allShown', count);

  return (
    <div class="incident-table-page">
      <h1>{t('table.list.title')}<ScopeSuffix /></h1>
      <p class="intro muted">{t('table.list.intro')}</p>
      <div class="selection-bar">
        <div class="card">
          <h2 class="visually-hidden">{t('table.list.selection')}</h2>
          <SelectionSummary f={f} refs={refs} />
          <ImportChip />
          {f.bbox && <button type="button" class="mf-small" onClick={() => setFilters({ bbox: undefined })}>{t('table.list.removeBbox')}</button>}
          <a class="change-on-map" href={selectionHref('/karta', { bbox: undefined })}>{t('table.list.changeOnMap')}</a>
        </div>
        <div class="card"><ExportLinks headingLevel={2} /></div>
      </div>

      {list.status === 'error' && (
        <div role="alert">
          <p class="error">{t('table.list.error', { message: list.error ?? '' })}</p>
          <button type="button" onClick={() => load(list.more ? list.nextCursor : null)}>{t('table.list.retry')}</button>
        </div>
      )}

      <div class="incidents-scroll" role="region" aria-labelledby="incidents-caption" tabIndex={0}>
        <table class="incidents" role="table" aria-busy={list.status === 'loading'}>
          <caption id="incidents-caption">{t('table.list.caption')}</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">{t('table.list.colWhen')}</th>
              <th scope="col" role="columnheader">{t('table.list.colCategory')}</th>
              <th scope="col" role="columnheader">{t('table.list.colPlace')}</th>
              <th scope="col" role="columnheader">{t('table.list.colOrganisation')}</th>
              <th scope="col" role="columnheader">{t('table.list.colStatus')}</th>
              <th scope="col" role="columnheader">{t('import.provenance.source')}</th>
              <th scope="col" role="columnheader">{t('table.list.colDescription')}</th>
              <th scope="col" role="columnheader">{t('table.list.colDetails')}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {list.items.map((inc) => {
              const when = formatWhen(inc.occurredFrom, inc.occurredTo);
              const category = sv ? inc.categoryNameSv : inc.categoryNameEn;
              const isOpen = open === inc.id;
              const detailId = `incident-detail-${inc.id}`;
              return (
                <Fragment key={inc.id}>
                  <tr role="row" class={isOpen ? 'open' : undefined}>
                    <td role="cell" class="when" data-label={t('table.list.colWhen')}>{when}</td>
                    <td role="cell" data-label={t('table.list.colCategory')}><span class="cat-dot" style={{ background: inc.categoryColour }} aria-hidden="true" />{category}</td>
                    <td role="cell" data-label={t('table.list.colPlace')}>{inc.placeName ?? <span class="muted">{t('table.list.noPlace')}</span>}</td>
                    <td role="cell" data-label={t('table.list.colOrganisation')}>{inc.organisationName}</td>
                    <td role="cell" data-label={t('table.list.colStatus')}><span class={`status-badge ${inc.reviewStatus}`}>{t(`common.reviewStatus.${inc.reviewStatus}` as MessageKey)}</span></td>
                    <td role="cell" class="source" data-label={t('import.provenance.source')}>{sourceShort(inc)}</td>
                    <td role="cell" class="desc" data-label={t('table.list.colDescription')}>{inc.description ? <span class="truncated">{inc.description}</span> : <span class="muted">{t('table.list.noDescription')}</span>}</td>
                    <td role="cell" class="details-cell">
                      <button type="button" aria-expanded={isOpen} aria-controls={isOpen ? detailId : undefined}
                        aria-label={`${isOpen ? t('table.list.hideDetails') : t('table.list.showDetails')}: ${t('table.list.detailsFor', { category, when })}`}
                        onClick={() => setOpen(isOpen ? null : inc.id)}>
                        {isOpen ? t('table.list.hideDetails') : t('table.list.showDetails')}
                      </button>
                    </td>
                  </tr>
                  {isOpen && (
                    <tr role="row" class="detail-row" id={detailId}>
                      <td role="cell" colSpan={COLUMNS}><IncidentDetails incident={inc} headingLevel={3} /></td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>

      <div class="list-footer">
        {list.nextCursor && (
          <button type="button" ref={moreRef} class="primary" disabled={list.status === 'loading'} onClick={() => load(list.nextCursor)}>
            {t('table.list.loadMore')}
          </button>
        )}
        <p role="status" ref={statusRef} tabIndex={-1} class="muted">{statusText}</p>
      </div>
    </div>
  );
}

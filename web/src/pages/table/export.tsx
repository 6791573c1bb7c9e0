import { t } from '../../i18n/index.ts';
import { filterQuery } from '../../state/filters.ts';
import './table.css';

/** `excel`: CSV for Swedish Excel (semicolon, Swedish names, local time); `csv`: RFC 4180 for machines. */
export type ExportFormat = 'excel' | 'csv' | 'geojson';

/** The export URL of the current selection (GET /api/incidents/export, audited by the server). */
export function exportHref(format: ExportFormat, q: string = filterQuery.value): string {
  return `/api/incidents/export?format=${format}${q ? `&${q.replace(/^\?/, '')}` : ''}`;
}

/**
 * "CSV för Excel" (the default, first and highlighted), "CSV (RFC 4180)" and "GeoJSON" of the
 * current selection as downloads (plain links: the session cookie goes with them), with what tells
 * the two CSVs apart and the note that exports are logged.
 */
export function ExportLinks({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const q = filterQuery.value;
  return (
    <section class="export-links">
      <H class="export-heading">{t('table.list.export.heading')}</H>
      <div class="export-buttons">
        <a class="button primary" href={exportHref('excel', q)} download>{t('table.list.export.excel')}</a>
        <a class="button" href={exportHref('csv', q)} download>{t('table.list.export.csv')}</a>
        <a class="button" href={exportHref('geojson', q)} download>{t('table.list.export.geojson')}</a>
      </div>
      <p class="muted export-note">{t('table.list.export.formats')}</p>
      <p class="muted export-note">{t('table.list.export.note')}</p>
    </section>
  );
}

import type { ExportFormat } from '../../../../src/core/incidents/export-formats.ts';
import { t } from '../../i18n/index.ts';
import { filterQuery } from '../../state/filters.ts';
import './table.css';

/** The export URL of the current selection (GET /api/incidents/export, audited by the server). */
export function exportHref(format: ExportFormat, q: string = filterQuery.value): string {
  return `/api/incidents/export?format=${format}${q ? `&${q.replace(/^\?/, '')}` : ''}`;
}

/**
 * "Excel (.xlsx)" (the default, first and highlighted: a workbook with real dates and the selection
 * described), "CSV för Excel", "CSV (RFC 4180)", "GeoJSON" and "GeoPackage" (for QGIS) of the current
 * selection as downloads (plain links: the session cookie goes with them), with what tells the
 * formats apart and the note that exports are logged.
 */
export function ExportLinks({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const q = filterQuery.value;
  return (
    <section class="export-links">
      <H class="export-heading">{t('table.list.export.heading')}</H>
      <div class="export-buttons">
        <a class="button primary" href={exportHref('xlsx', q)} download>{t('table.list.export.xlsx')}</a>
        <a class="button" href={exportHref('excel', q)} download>{t('table.list.export.excel')}</a>
        <a class="button" href={exportHref('csv', q)} download>{t('table.list.export.csv')}</a>
        <a class="button" href={exportHref('geojson', q)} download>{t('table.list.export.geojson')}</a>
        <a class="button" href={exportHref('gpkg', q)} download>{t('table.list.export.gpkg')}</a>
      </div>
      <p class="muted export-note">{t('table.list.export.formats')}</p>
      <p class="muted export-note">{t('table.list.export.gis')}</p>
      <p class="muted export-note">{t('table.list.export.note')}</p>
    </section>
  );
}

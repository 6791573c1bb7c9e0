import type { TextExportFormat } from '../../core/incidents/export-formats.ts';
import type { Incident } from '../../core/incidents/types.ts';
import { incidentFeature } from '../../core/geojson/incident.ts';
import { excelHeader, excelRow } from './excel.ts';
import { neutraliseFormula } from './formula.ts';

/**
 * The text formats: `csv` is RFC 4180 for machines (comma, RFC 3339 UTC times, English column
 * names, codes), `excel` the same columns for a Swedish spreadsheet (semicolon, local time, Swedish
 * names and decimal commas; see excel.ts), `geojson` a FeatureCollection in WGS84. The XLSX and the
 * GeoPackage are xlsx.ts's and gpkg.ts's.
 */

/** Columns of the CSV export, in order: stable English names a GIS tool or a spreadsheet can rely on. */
export const CSV_COLUMNS: Array<[string, (i: Incident) => unknown]> = [
  ['id', (i) => i.id],
  ['municipality', (i) => i.municipalityId],
  ['occurred_from', (i) => i.occurredFrom.toISOString()],
  ['occurred_to', (i) => i.occurredTo.toISOString()],
  ['reported_at', (i) => i.reportedAt.toISOString()],
  ['category_code', (i) => i.categoryCode],
  ['category', (i) => i.categoryNameSv],
  ['organisation', (i) => i.organisationName],
  ['place_name', (i) => i.placeName],
  ['description', (i) => i.description],
  ['lon', (i) => i.location.lon],
  ['lat', (i) => i.location.lat],
  ['e_sweref99tm', (i) => i.location.e],
  ['n_sweref99tm', (i) => i.location.n],
  ['position_precision', (i) => i.positionPrecision],
  ['reported_to_police', (i) => i.reportedToPolice],
  ['assessment', (i) => i.assessment],
  ['review_status', (i) => i.reviewStatus],
  ['duplicate_of', (i) => i.duplicateOf],
  ['visibility', (i) => i.visibility],
  ['source', (i) => i.source],
  ['external_id', (i) => i.externalId],
  ['import_id', (i) => i.importId],
  ['import_file', (i) => i.importFileName],
  ['imported_by', (i) => i.importedByName],
];

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at
 * the start) is prefixed with an apostrophe: an export must never execute on the reader's machine.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvHeader = () => CSV_COLUMNS.map(([name]) => name).join(',') + '\r\n';
export const csvRow = (i: Incident) => CSV_COLUMNS.map(([, get]) => csvField(get(i))).join(',') + '\r\n';

/** Streams an export from pages of incidents (an async iterable): CSV, CSV for Excel or GeoJSON. */
export async function* exportChunks(format: TextExportFormat, pages: AsyncIterable<Incident[]>): AsyncGenerator<string> {
  if (format === 'csv' || format === 'excel') {
    const [header, row] = format === 'csv' ? [csvHeader, csvRow] : [excelHeader, excelRow];
    yield '\uFEFF' + header(); // the BOM makes Excel read UTF-8 (å, ä, ö)
    for await (const page of pages) yield page.map(row).join('');
    return;
  }
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const page of pages) {
    if (!page.length) continue;
    yield (first ? '' : ',') + page.map((i) => JSON.stringify(incidentFeature(i))).join(',');
    first = false;
  }
  yield ']}\n';
}

import type { Incident } from '../../core/incidents/types.ts';
import { incidentFeature } from '../../core/geojson/incident.ts';

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
];

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at
 * the start) is prefixed with an apostrophe: an export must never execute on the reader's machine.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvHeader = () => CSV_COLUMNS.map(([name]) => name).join(',') + '\r\n';
export const csvRow = (i: Incident) => CSV_COLUMNS.map(([, get]) => csvField(get(i))).join(',') + '\r\n';

/** Streams an export from pages of incidents (an async iterable), CSV or GeoJSON. */
export async function* exportChunks(format: 'csv' | 'geojson', pages: AsyncIterable<Incident[]>): AsyncGenerator<string> {
  if (format === 'csv') {
    yield '\uFEFF' + csvHeader(); // the BOM makes Excel read UTF-8 (å, ä, ö)
    for await (const page of pages) yield page.map(csvRow).join('');
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

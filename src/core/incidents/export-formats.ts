/**
 * The formats of an incident export (GET /api/incidents/export, `lagesbild export incidents`):
 * `csv` RFC 4180 for machines, `excel` CSV for Swedish Excel, `xlsx` an Excel workbook, `geojson` a
 * FeatureCollection in WGS84, `gpkg` a GeoPackage in SWEREF 99 TM with the map's other layers.
 */
export const EXPORT_FORMATS = ['csv', 'excel', 'xlsx', 'geojson', 'gpkg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The formats streamed as text, row by row. */
export type TextExportFormat = Extract<ExportFormat, 'csv' | 'excel' | 'geojson'>;

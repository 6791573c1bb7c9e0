/**
 * The incident export as a Swedish spreadsheet opens it ("CSV för Excel"): the columns of the
 * machine CSV (incidents.ts) in the same order, but with `;` as the separator (Swedish Excel's list
 * separator, so a double-click gives columns, not one), Swedish column names, times in
 * Europe/Stockholm as `YYYY-MM-DD HH:MM` (which Excel reads as a date and time), decimal commas,
 * ja/nej and Swedish names for the coded values. CRLF line ends; the caller writes the UTF-8 BOM.
 * Text gets the same formula guard as the machine CSV.
 */
import type { Incident } from '../../core/incidents/types.ts';
import { stockholmParts } from '../../core/time/index.ts';
import { neutraliseFormula } from './formula.ts';

const PRECISION_SV: Record<string, string> = {
  gps: 'GPS', map: 'vald på kartan', place: 'plats', address: 'adress', area: 'område', municipality: 'kommun', unknown: 'okänd',
};
export const REVIEW_STATUS_SV: Record<string, string> = { new: 'ny', reviewed: 'granskad', rejected: 'avvisad', duplicate: 'dubblett' };
export const VISIBILITY_SV: Record<string, string> = { normal: 'normal', restricted: 'begränsad' };

const two = (n: number) => String(n).padStart(2, '0');

/** An instant as Swedish local time, `YYYY-MM-DD HH:MM` (winter UTC+1, summer UTC+2). */
export function excelTime(t: Date): string {
  const p = stockholmParts(t);
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** A number with a decimal comma (57,9312), as Swedish Excel reads it. */
export function decimalComma(n: number): string {
  return String(n).replace('.', ',');
}

/**
 * One field of the Excel CSV. Text is guarded against formulas and quoted when it holds `;`, `"` or
 * a line break; numbers get a decimal comma, booleans ja/nej, dates Swedish local time.
 */
export function excelField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? decimalComma(value) : '';
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  if (value instanceof Date) return excelTime(value);
  const s = neutraliseFormula(String(value));
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const named = (names: Record<string, string>) => (code: string) => names[code] ?? code;

/**
 * The columns: [machine CSV column, Swedish header, value]. The first names tie each column to the
 * machine CSV's (the test checks both have the same columns in the same order).
 */
export const EXCEL_COLUMNS: Array<[string, string, (i: Incident) => unknown]> = [
  ['id', 'Id', (i) => i.id],
  ['municipality', 'Kommunkod', (i) => i.municipalityId],
  ['occurred_from', 'Tidpunkt från', (i) => i.occurredFrom],
  ['occurred_to', 'Tidpunkt till', (i) => i.occurredTo],
  ['reported_at', 'Rapporterad', (i) => i.reportedAt],
  ['category_code', 'Kategorikod', (i) => i.categoryCode],
  ['category', 'Kategori', (i) => i.categoryNameSv],
  ['organisation', 'Organisation', (i) => i.organisationName],
  ['place_name', 'Plats', (i) => i.placeName],
  ['description', 'Beskrivning', (i) => i.description],
  ['lon', 'Longitud (WGS 84)', (i) => i.location.lon],
  ['lat', 'Latitud (WGS 84)', (i) => i.location.lat],
  ['e_sweref99tm', 'E (SWEREF 99 TM)', (i) => i.location.e],
  ['n_sweref99tm', 'N (SWEREF 99 TM)', (i) => i.location.n],
  ['position_precision', 'Positionens noggrannhet', (i) => named(PRECISION_SV)(i.positionPrecision)],
  ['reported_to_police', 'Polisanmäld (ja/nej)', (i) => i.reportedToPolice],
  ['assessment', 'Bedömd otrygghet (1–5)', (i) => i.assessment],
  ['review_status', 'Granskning', (i) => named(REVIEW_STATUS_SV)(i.reviewStatus)],
  ['duplicate_of', 'Dubblett av', (i) => i.duplicateOf],
  ['visibility', 'Synlighet', (i) => named(VISIBILITY_SV)(i.visibility)],
  ['source', 'Källa', (i) => i.source],
  ['external_id', 'Id i källan', (i) => i.externalId],
  ['import_id', 'Import-id', (i) => i.importId],
  ['import_file', 'Importerad från fil', (i) => i.importFileName],
  ['imported_by', 'Importerad av', (i) => i.importedByName],
];

export const excelHeader = () => EXCEL_COLUMNS.map(([, header]) => excelField(header)).join(';') + '\r\n';
export const excelRow = (i: Incident) => EXCEL_COLUMNS.map(([, , get]) => excelField(get(i))).join(';') + '\r\n';

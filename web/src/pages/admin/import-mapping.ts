/**
 * The import page's reasoning without the DOM (Administration → Importera, import.tsx): which field
 * a column is read as and how a drop-down changes the mapping, a saved mapping applied to another
 * file, the form the preview and the import send, when the Import button may be pressed, the
 * progress, a page of the error list, and the links to an import's incidents. Tested in
 * import-mapping.test.ts.
 */
import type { Static } from '@sinclair/typebox';
import type * as C from '../../../../src/contract/index.ts';
import type { ImportField } from '../../../../src/core/import/types.ts';
import { localDate } from '../../../../src/core/situation-picture/period.ts';

export type ImportPreview = C.Wire<Static<typeof C.ImportPreview>>;
export type ImportRecord = C.Wire<Static<typeof C.ImportRecord>>;
export type ImportMapping = C.Wire<Static<typeof C.ImportMappingBody>>;
export type ImportOptions = C.Wire<Static<typeof C.ImportOptions>>;
export type ImportRowError = C.Wire<Static<typeof C.ImportRowError>>;
export type SavedMapping = C.Wire<Static<typeof C.SavedMapping>>;
export type ImportCrs = NonNullable<ImportMapping['crs']>;

/** The fields a column can be read as, in the order the drop-downs offer them. */
export const FIELD_ORDER: readonly ImportField[] = [
  'dateTime', 'date', 'time', 'dateTimeTo', 'category', 'x', 'y', 'place', 'description', 'organisation', 'reportedToPolice', 'externalId',
];

/** WGS 84, SWEREF 99 TM and the twelve local SWEREF 99 zones, in the order the drop-down offers them. */
export const CRS_CODES: readonly ImportCrs[] = [4326, 3006, 3007, 3008, 3009, 3010, 3011, 3012, 3013, 3014, 3015, 3016, 3017, 3018];

/** What the file input takes (the server tells the format from the content, not from the name). */
export const ACCEPT = '.csv,.txt,.xlsx,.geojson,.json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/geo+json,application/json';

/** The field a column is read as, or null when it is ignored. */
export function fieldOf(mapping: ImportMapping, header: string): ImportField | null {
  const hit = (Object.entries(mapping.columns) as Array<[ImportField, string | undefined]>).find(([, h]) => h === header);
  return hit ? hit[0] : null;
}

/**
 * The mapping with `header` read as `field` (null: ignored). A field has one column, so the column
 * that had the field before is ignored from now on; and a date-and-time column excludes separate
 * date and time columns (and the other way round), as the file has one or the other.
 */
export function assignColumn(mapping: ImportMapping, header: string, field: ImportField | null): ImportMapping {
  const columns: ImportMapping['columns'] = {};
  for (const [f, h] of Object.entries(mapping.columns) as Array<[ImportField, string | undefined]>) {
    if (h === undefined || h === header || f === field) continue;
    if (field === 'dateTime' && (f === 'date' || f === 'time')) continue;
    if ((field === 'date' || field === 'time') && f === 'dateTime') continue;
    columns[f] = h;
  }
  if (field) columns[field] = header;
  return { ...mapping, columns };
}

/** The mapping with a category value of the file mapped to a category code (null: its rows are rejected). */
export function setCategory(mapping: ImportMapping, value: string, code: string | null): ImportMapping {
  return { ...mapping, categories: { ...mapping.categories, [value]: code } };
}

/**
 * A saved mapping used for a new file: its columns that the file has (a column the file lacks would
 * only be an error), its coordinate system, date order and category choices; the sheet stays the
 * one being shown.
 */
export function applySaved(saved: ImportMapping, headers: readonly string[], sheet?: string | null): ImportMapping {
  const columns: ImportMapping['columns'] = {};
  for (const [f, h] of Object.entries(saved.columns) as Array<[ImportField, string | undefined]>) {
    if (h !== undefined && headers.includes(h)) columns[f] = h;
  }
  const out: ImportMapping = { columns, crs: saved.crs, dateOrder: saved.dateOrder, categories: { ...saved.categories } };
  if (sheet) out.sheet = sheet;
  return out;
}

/** The `options` field of the form, without what is not set. */
export function optionsOf(o: { municipalityId: string; mapping?: ImportMapping | null; sheet?: string | null; organisationId?: string | null; skipInvalid?: boolean }): ImportOptions {
  const out: ImportOptions = { municipalityId: o.municipalityId };
  if (o.mapping) out.mapping = o.sheet ? { ...o.mapping, sheet: o.sheet } : o.mapping;
  if (o.sheet) out.sheet = o.sheet;
  if (o.organisationId) out.organisationId = o.organisationId;
  if (o.skipInvalid !== undefined) out.skipInvalid = o.skipInvalid;
  return out;
}

/** The multipart form of POST /api/imports/preview and POST /api/imports: the options first, so the server knows them before the file streams in. */
export function importForm(file: Blob & { name?: string }, options: ImportOptions): FormData {
  const form = new FormData();
  form.append('options', JSON.stringify(options));
  form.append('file', file, file.name ?? 'import');
  return form;
}

/**
 * Why the Import button cannot be pressed, or null when it can. A file whose rows are all there
 * already may still be imported: the import then says so and is in the history, as the command's is.
 */
export function importBlock(preview: Pick<ImportPreview, 'valid' | 'invalid' | 'alreadyImported' | 'problems'>, skipInvalid: boolean): 'problems' | 'invalid' | 'nothing' | null {
  // A problem with the file as a whole (no coordinates, a coordinate system not known) stops every row.
  if (preview.problems.length > 0) return 'problems';
  if (preview.invalid > 0 && !skipInvalid) return 'invalid';
  if (preview.valid === 0 && preview.alreadyImported === 0) return 'nothing';
  return null;
}

/** The progress bar's value and maximum (a real <progress>), and the whole per cent done. */
export function progressOf(r: Pick<ImportRecord, 'rowsDone' | 'rowsTotal' | 'status'>): { value: number; max: number; percent: number } {
  const max = Math.max(r.rowsTotal, 1);
  const value = r.status === 'running' ? Math.min(Math.max(r.rowsDone, 0), max) : max;
  return { value, max, percent: Math.floor((value / max) * 100) };
}

/**
 * The step of the progress a screen reader hears about (every quarter): announcing each poll would
 * talk over everything else the user does meanwhile.
 */
export const progressStep = (percent: number): number => Math.min(100, Math.floor(percent / 25) * 25);

/** One page of a long list (the preview's errors): the page clamped to those that exist. */
export function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { items: items.slice((p - 1) * size, p * size), page: p, pages };
}

const DAY = 86_400_000;

/**
 * The period covering an import's incidents, as the filters write it ([from, to) Swedish dates), or
 * null when the record does not say (then the link keeps the period in force).
 */
export function importPeriod(r: Pick<ImportRecord, 'occurredFrom' | 'occurredTo'>): { from: string; to: string } | null {
  if (!r.occurredFrom || !r.occurredTo) return null;
  const from = Date.parse(r.occurredFrom), to = Date.parse(r.occurredTo);
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  // The last day that any of them touches, then the exclusive end after it.
  const last = localDate(Math.max(from, to - 1));
  return { from: localDate(from), to: new Date(Date.parse(`${last}T00:00:00Z`) + DAY).toISOString().slice(0, 10) };
}

/**
 * href of the map or the table showing exactly an import's incidents: no other filter, the period
 * spanning them (see importPeriod), the import filter set. The map's own parameters of `base` (its
 * layers) are kept.
 */
export function importHref(path: '/karta' | '/tabell', r: Pick<ImportRecord, 'id' | 'occurredFrom' | 'occurredTo'>, currentPeriod: URLSearchParams = new URLSearchParams()): string {
  const p = new URLSearchParams();
  const span = importPeriod(r);
  if (span) {
    p.set('period', 'custom');
    p.set('from', span.from);
    p.set('to', span.to);
  } else {
    for (const k of ['period', 'from', 'to']) { const v = currentPeriod.get(k); if (v) p.set(k, v); }
    if (!p.has('period')) p.set('period', '4weeks');
  }
  p.set('import', r.id);
  return `#${path}?${p.toString()}`;
}

/** "1,2 MB", "340 kB": the size of the chosen file, in the user's number format. */
export function fileSize(bytes: number, number: (n: number, digits?: number) => string): string {
  if (bytes >= 1_000_000) return `${number(bytes / 1_000_000, 1)} MB`;
  if (bytes >= 1_000) return `${number(Math.round(bytes / 1_000))} kB`;
  return `${number(bytes)} B`;
}

/** The catalogue key of a CSV delimiter's name. */
export function delimiterKey(d: string | null): 'semicolon' | 'comma' | 'tab' | null {
  return d === ';' ? 'semicolon' : d === ',' ? 'comma' : d === '\t' ? 'tab' : null;
}

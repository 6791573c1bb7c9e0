/**
 * Each row of an imported table, converted by its mapping into an incident ready to store, or
 * rejected with every problem it has: where (the row as the file numbers it, the column's header),
 * the value as written, and what is wrong (a code with parameters, worded by messages.ts). Rows
 * obey the rules of a reported incident (src/core/incidents/rules.ts): the same text limits, the
 * same longest time window, no time in the future, a point in Sweden. The municipality's boundary,
 * the organisations and the rows already imported are the service's to check, against the
 * database. Pure.
 */
import { INCIDENT_LIMITS, cleanText } from '../incidents/rules.ts';
import { categoryMatcher, categoryText } from './categories.ts';
import { crsName, fitsCrs, inSweden3006, toSweref99tm } from './crs.ts';
import { readWhen, type WhenField } from './dates.ts';
import { fnv1a64 } from './fingerprint.ts';
import { foldKey } from './headers.ts';
import { LIST_SEPARATOR } from './messages.ts';
import { parseNumber } from './numbers.ts';
import type { Cell, ImportCategory, ImportField, ImportMapping, ImportMessage, ImportRow, RowError, SourceTable } from './types.ts';

export interface ImportRowsOptions {
  /** The time of the import: rows that happened after it (beyond a report's clock tolerance) are errors. Default: no such check. */
  now?: Date;
}

/** The longest external id kept (longer ones are an error: an id is a reference, not a text). */
export const EXTERNAL_ID_MAX = 200;
/** The longest organisation name looked up. */
export const ORGANISATION_NAME_MAX = 200;

/** A mapping that cannot convert rows at all (no date column, no coordinate system …): detect() names these as problems first. */
export class ImportMappingError extends Error {
  readonly code = 'import_mapping_incomplete';
  constructor(readonly problems: ImportMessage[]) {
    super(`the mapping cannot convert rows: ${problems.map((p) => p.code).join(', ')}`);
    this.name = 'ImportMappingError';
  }
}

/** What a mapping lacks to convert rows: the same problems detect() reports; none when toImportRows can run. */
export function mappingProblems(table: SourceTable, mapping: ImportMapping): ImportMessage[] {
  const problems: ImportMessage[] = [];
  const headers = table.headers.join(LIST_SEPARATOR);
  const c = mapping.columns;
  for (const [field, header] of Object.entries(c) as Array<[ImportField, string | undefined]>) {
    if (header !== undefined && header !== '' && !table.headers.includes(header)) problems.push({ code: 'column_not_found', params: { column: header, field, headers } });
  }
  if (!c.dateTime && !c.date) problems.push({ code: 'no_date_column', params: { headers } });
  if (!c.category) problems.push({ code: 'no_category_column', params: { headers } });
  if (!c.x && !c.y) problems.push({ code: 'no_coordinate_columns', params: { headers } });
  else if (!c.x || !c.y) problems.push({ code: 'coordinate_column_missing', params: { column: (c.x || c.y)! } });
  else if (mapping.crs === null) problems.push({ code: 'crs_unknown', params: { x: c.x, y: c.y, xSample: '', ySample: '', row: table.rowNumbers[0] ?? 0 } });
  return problems;
}

/** A cell as the messages quote it. */
export function cellText(c: Cell): string | null {
  if (c === null) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 19).replace('T', ' ');
  return String(c);
}

const TRUE = new Set(['ja', 'j', 'yes', 'y', 'true', 'sant', '1', 'x']);
const FALSE = new Set(['nej', 'n', 'no', 'false', 'falskt', '0']);

/**
 * Converts every row. A row with any problem is left out of `rows` and has every problem in
 * `errors` (sorted by row). Throws ImportMappingError when the mapping lacks what every row needs.
 * @example toImportRows(table, detect(table, categories).mapping, categories)
 */
export function toImportRows(
  table: SourceTable, mapping: ImportMapping, categories: readonly ImportCategory[], options: ImportRowsOptions = {},
): { rows: ImportRow[]; errors: RowError[] } {
  const problems = mappingProblems(table, mapping);
  if (problems.length) throw new ImportMappingError(problems);
  const crs = mapping.crs!;
  const index = new Map(table.headers.map((h, i) => [h, i]));
  const col = (f: ImportField): number => (mapping.columns[f] ? index.get(mapping.columns[f]!) ?? -1 : -1);
  const at = {
    dateTime: col('dateTime'), date: col('date'), time: col('time'), dateTimeTo: col('dateTimeTo'), category: col('category'),
    x: col('x'), y: col('y'), place: col('place'), description: col('description'), organisation: col('organisation'),
    reportedToPolice: col('reportedToPolice'), externalId: col('externalId'),
  };
  // With date and time columns the date column is the time's; without, the one column.
  if (at.date >= 0 && at.time < 0) { at.dateTime = at.date; at.date = -1; }
  const header = (i: number) => table.headers[i];
  const matcher = categoryMatcher(categories, mapping.categories);
  const now = options.now?.getTime();
  // A column of crosses ("x" for yes) leaves the others blank: there blank means no, elsewhere unknown.
  const crosses = at.reportedToPolice >= 0 && table.rows.some((r) => typeof r[at.reportedToPolice] === 'string' && foldKey(r[at.reportedToPolice] as string) === 'x');
  const readerErrors = new Map<number, RowError[]>();
  for (const e of table.rowErrors ?? []) readerErrors.set(e.row, [...(readerErrors.get(e.row) ?? []), e]);

  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const ids = new Map<string, number>();
  const fingerprints = new Map<string, number>();
  for (let r = 0; r < table.rows.length; r++) {
    const cells = table.rows[r];
    const row = table.rowNumbers[r];
    const found: RowError[] = [...(readerErrors.get(row) ?? [])];
    const cell = (i: number): Cell => (i >= 0 ? cells[i] ?? null : null);
    const fail = (i: number, code: string, params?: Record<string, string | number>, value: string | null = cellText(cell(i))) => {
      found.push({ row, column: i >= 0 ? header(i) : null, value, code, ...(params ? { params } : {}) });
    };

    // When.
    const fieldColumn: Record<WhenField, number> = { dateTime: at.dateTime, date: at.date, time: at.time, dateTimeTo: at.dateTimeTo };
    const when = readWhen({
      ...(at.date >= 0 ? { date: cell(at.date), time: at.time >= 0 ? cell(at.time) : null } : { dateTime: cell(at.dateTime) }),
      ...(at.dateTimeTo >= 0 ? { dateTimeTo: cell(at.dateTimeTo) } : {}),
    }, mapping.dateOrder, { now });
    if (!when.ok) for (const p of when.problems) fail(fieldColumn[p.field], p.code, p.params);

    // What.
    const categoryValue = categoryText(cell(at.category));
    let categoryCode: string | null = null;
    if (categoryValue === null) fail(at.category, 'category_missing');
    else {
      const m = matcher.match(categoryValue);
      if (m.code !== null) categoryCode = m.code;
      else if (m.reason === 'mapped_unknown') fail(at.category, 'category_mapped_unknown', { code: String(findMapped(mapping.categories, categoryValue)) }, categoryValue);
      else fail(at.category, `category_${m.reason}`, undefined, categoryValue);
    }

    // Where.
    let point: { e: number; n: number } | null = null;
    const x = parseNumber(cell(at.x)), y = parseNumber(cell(at.y));
    for (const [i, n] of [[at.x, x], [at.y, y]] as const) {
      if (!n.ok) fail(i, n.reason === 'empty' ? 'coordinate_missing' : n.reason === 'ambiguous' ? 'coordinate_ambiguous' : 'coordinate_not_number');
    }
    if (x.ok && y.ok) {
      const p = toSweref99tm(crs, x.value, y.value);
      const shown = `${cellText(cell(at.x))}; ${cellText(cell(at.y))}`;
      if (p && inSweden3006(p.e, p.n) && fitsCrs(crs, x.value, y.value)) point = p;
      else if (fitsCrs(crs, y.value, x.value)) fail(at.x, 'point_swapped', undefined, shown);
      else fail(at.x, 'coordinate_outside_sweden', { crs: crsName(crs) }, shown);
    }

    // The texts.
    const textOf = (i: number, max: number): string | null => {
      const t = cleanText(cellText(cell(i)));
      if (t !== null && t.length > max) { fail(i, 'text_too_long', { max, length: t.length }); return null; }
      return t;
    };
    const placeName = textOf(at.place, INCIDENT_LIMITS.placeNameMax);
    const description = textOf(at.description, INCIDENT_LIMITS.descriptionMax);
    const organisationName = textOf(at.organisation, ORGANISATION_NAME_MAX);
    const externalId = textOf(at.externalId, EXTERNAL_ID_MAX);
    if (externalId !== null) {
      const first = ids.get(externalId);
      if (first !== undefined) fail(at.externalId, 'external_id_repeated', { first });
      else ids.set(externalId, row);
    }

    let reportedToPolice: boolean | null = null;
    if (at.reportedToPolice >= 0) {
      const v = cell(at.reportedToPolice);
      if (typeof v === 'boolean') reportedToPolice = v;
      else if (v === null || (typeof v === 'string' && v.trim() === '')) reportedToPolice = crosses ? false : null;
      else {
        const k = foldKey(String(v));
        if (TRUE.has(k)) reportedToPolice = true;
        else if (FALSE.has(k)) reportedToPolice = false;
        else fail(at.reportedToPolice, 'reported_to_police_invalid');
      }
    }

    if (found.length) { errors.push(...found); continue; }
    let importKey: string;
    if (externalId !== null) importKey = `id:${externalId}`;
    else {
      // The values as read, not as written: the same row from the CSV and from the XLSX has one key.
      const fp = fnv1a64(JSON.stringify([
        when.ok ? when.from : 0, when.ok ? when.to : 0, foldKey(categoryValue!), point!.e.toFixed(1), point!.n.toFixed(1),
        placeName, description, organisationName, reportedToPolice,
      ]));
      // Identical rows are kept apart by their order, so that both are imported, and neither twice.
      const seen = (fingerprints.get(fp) ?? 0) + 1;
      fingerprints.set(fp, seen);
      importKey = seen === 1 ? `fp:${fp}` : `fp:${fp}-${seen}`;
    }
    rows.push({
      row, externalId, importKey, occurredFrom: new Date(when.ok ? when.from : 0), occurredTo: new Date(when.ok ? when.to : 0),
      categoryCode: categoryCode!, e: point!.e, n: point!.n, placeName, description, organisationName, reportedToPolice,
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}

/** The mapping's entry for a value written another way ("klotter " for "Klotter"). */
function findMapped(entries: Readonly<Record<string, string | null>>, value: string): string | null {
  const key = foldKey(value);
  for (const [k, code] of Object.entries(entries)) if (foldKey(k) === key) return code;
  return null;
}

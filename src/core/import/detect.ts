/**
 * How a file's columns map to the fields of an incident, without a mapping file: the headers name
 * the fields (headers.ts), the values tell the coordinate system and the orientation of the
 * coordinates (crs.ts), the order of day and month (dates.ts), and which categories the values
 * mean (categories.ts). Whatever the user gives overrides it, part by part. What cannot be settled
 * is a problem: the import waits for the user to settle it. Pure.
 */
import { categoryMatcher, categoryValues } from './categories.ts';
import { crsName, guessCrs, type CrsGuess } from './crs.ts';
import { describeDateFormat, detectDateOrder } from './dates.ts';
import { crsNamedIn, recogniseHeaders, type CoordinateKind } from './headers.ts';
import { LIST_SEPARATOR } from './messages.ts';
import { parseNumber } from './numbers.ts';
import type { Cell, Detection, ImportCategory, ImportField, ImportMapping, ImportMessage, SourceTable } from './types.ts';

/** Rows the coordinate system, the date order and the date format are judged from. */
export const SAMPLE_ROWS = 1000;

/** The municipality's centre, to choose among coordinate systems that fit equally well. */
export interface LocationHint { lon: number; lat: number }

const text = (c: Cell): string => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c));
const list = (items: readonly string[]) => items.join(LIST_SEPARATOR);

/**
 * Detects the mapping of a table and what stands in its way.
 * @param given what the user (or a saved mapping) says: each column, the crs, the date order and
 *   each category value it names overrides detection; a column given as '' is left unmapped.
 * @param hint the municipality's centre (WGS 84), which chooses among local SWEREF 99 zones.
 * @example detect(table, categories).mapping.columns // { date: 'Datum', time: 'Klockslag', category: 'Händelsetyp', x: 'Öst', y: 'Nord', … }
 */
export function detect(table: SourceTable, categories: readonly ImportCategory[], given: Partial<ImportMapping> = {}, hint?: LocationHint): Detection {
  const problems: ImportMessage[] = [];
  const notes: ImportMessage[] = [];
  const recognised = recogniseHeaders(table.headers);
  const columns: Partial<Record<ImportField, string>> = { ...recognised.columns };
  let kind: CoordinateKind | null = recognised.coordinateKind;
  if (table.coordinateColumns) {
    columns.x = table.coordinateColumns.x; columns.y = table.coordinateColumns.y;
    // A GeoJSON point is [x, y] by the standard: its order is a promise, not a guess.
    kind = 'projected';
  }

  // The user's columns, field by field; a header they give to one field leaves the field it was detected for.
  const givenColumns = Object.entries(given.columns ?? {}) as Array<[ImportField, string | undefined]>;
  const givenFields = new Set<ImportField>();
  // Fields whose given column is not in the file: that problem is named, not "no such column" again.
  const notFound = new Set<ImportField>();
  for (const [field, header] of givenColumns) {
    if (header === undefined) continue;
    givenFields.add(field);
    if (header === '') { delete columns[field]; continue; }
    if (!table.headers.includes(header)) {
      problems.push({ code: 'column_not_found', params: { column: header, field, headers: list(table.headers) } });
      notFound.add(field);
      delete columns[field];
      continue;
    }
    const twice = givenColumns.find(([f, h]) => h === header && f !== field);
    if (twice && field < twice[0]) problems.push({ code: 'column_twice', params: { column: header, field, other: twice[0] } });
    for (const f of Object.keys(columns) as ImportField[]) if (columns[f] === header && !givenFields.has(f)) delete columns[f];
    columns[field] = header;
  }
  settleDateColumns(columns, givenFields);
  const orientationGiven = givenFields.has('x') || givenFields.has('y') || kind !== 'xy';

  const named = (...fields: ImportField[]) => fields.some((f) => notFound.has(f));
  if (columns.dateTime === undefined && columns.date === undefined && !named('dateTime', 'date', 'time')) problems.push({ code: 'no_date_column', params: { headers: list(table.headers) } });
  if (columns.category === undefined && !named('category')) problems.push({ code: 'no_category_column', params: { headers: list(table.headers) } });
  if (!named('x', 'y')) {
    if (columns.x === undefined && columns.y === undefined) problems.push({ code: 'no_coordinate_columns', params: { headers: list(table.headers) } });
    else if (columns.x === undefined || columns.y === undefined) problems.push({ code: 'coordinate_column_missing', params: { column: (columns.x ?? columns.y)! } });
  }

  const index = new Map(table.headers.map((h, i) => [h, i]));
  const column = (field: ImportField): Cell[] | null => {
    const i = columns[field] === undefined ? undefined : index.get(columns[field]!);
    return i === undefined ? null : table.rows.map((r) => r[i] ?? null);
  };
  const sample = <T>(v: T[]) => v.slice(0, SAMPLE_ROWS);

  // The coordinate system, and which column is east.
  let crs: ImportMapping['crs'] = null;
  let crsSource: Detection['crsSource'] = 'none';
  const xs = column('x'), ys = column('y');
  if (xs && ys) {
    const points: Array<[number, number]> = [];
    let first = -1;
    for (let i = 0; i < Math.min(xs.length, SAMPLE_ROWS); i++) {
      const x = parseNumber(xs[i]), y = parseNumber(ys[i]);
      if (x.ok && y.ok) { points.push([x.value, y.value]); if (first < 0) first = i; }
    }
    const fixed = given.crs ?? table.crs ?? null;
    const namedCrs = recognised.namedCrs ?? crsNamedIn(columns.x!) ?? crsNamedIn(columns.y!);
    const [xh, yh] = [columns.x!, columns.y!];
    if (!points.length) {
      problems.push({ code: 'crs_no_numbers', params: { x: xh, y: yh } });
      if (fixed !== null) { crs = fixed; crsSource = 'given'; }
    } else {
      const g: CrsGuess = fixed !== null ? guessCrs(points, { only: fixed }) : guessCrs(points, { named: namedCrs, hint });
      if (fixed !== null) { crs = fixed; crsSource = 'given'; }
      else if (g.crs !== null) {
        crs = g.crs; crsSource = 'guessed';
        if (g.by === 'location') notes.push({ code: 'crs_by_location', params: { crs: crsName(g.crs), candidates: list(g.candidates.map(crsName)) } });
        if (g.by === 'named') notes.push({ code: 'crs_by_name', params: { crs: crsName(g.crs), column: crsNamedIn(xh) ? xh : yh } });
      } else if (g.candidates.length > 1) {
        problems.push({ code: 'crs_ambiguous', params: { x: xh, y: yh, candidates: list(g.candidates.map(crsName)) } });
      } else {
        problems.push({ code: 'crs_unknown', params: { x: xh, y: yh, xSample: text(xs[first]), ySample: text(ys[first]), row: table.rowNumbers[first] } });
      }
      if (g.crs !== null && g.swapped) {
        if (orientationGiven) problems.push({ code: 'coordinates_swapped', params: { x: xh, y: yh, xSample: text(xs[first]) } });
        else {
          // X and Y promise no order: the values say X is north, as Swedish surveying has it.
          columns.x = yh; columns.y = xh;
          notes.push({ code: 'xy_north', params: { column: xh, other: yh } });
        }
      }
    }
  }

  // Day and month.
  const dates = column(columns.date !== undefined ? 'date' : 'dateTime');
  const times = columns.date !== undefined ? column('time') : null;
  let dateOrder = given.dateOrder;
  if (dates && dateOrder === undefined) {
    const found = detectDateOrder(dates);
    dateOrder = found.order;
    const dateColumn = (columns.date ?? columns.dateTime)!;
    const numeric = dates.some((c) => typeof c === 'string' && /^\s*\d{1,2}[./-]\d{1,2}(?:[./-]|\s)/.test(c));
    if (found.evidence === 'none' && numeric) notes.push({ code: 'date_order_default', params: { column: dateColumn } });
    if (found.evidence === 'both') notes.push({ code: 'date_order_mixed', params: { column: dateColumn, order: found.order } });
  }
  dateOrder ??= 'dmy';
  const dateFormat = dates ? describeDateFormat(sample(dates), times && sample(times), dateOrder) : null;

  // Category values: the user's entries first, then the names.
  const matcher = categoryMatcher(categories, given.categories ?? {});
  const cats = column('category');
  const values = cats ? categoryValues(cats, matcher) : [];
  const mappedCategories: Record<string, string | null> = {};
  for (const v of values) if (v.code !== null) mappedCategories[v.value] = v.code;
  Object.assign(mappedCategories, given.categories ?? {});

  const mapping: ImportMapping = { columns, crs, dateOrder, categories: mappedCategories };
  const sheet = given.sheet ?? table.sheet;
  if (sheet !== undefined) mapping.sheet = sheet;
  const mapped = new Set(Object.values(columns));
  return {
    mapping, crsSource, unmappedHeaders: table.headers.filter((h) => !mapped.has(h)), categoryValues: values, dateFormat, problems, notes,
  };
}

/**
 * One column with the whole time, or a date and a time: what the user gave wins over what was
 * detected, and a date column without a time column holds the whole time.
 */
function settleDateColumns(columns: Partial<Record<ImportField, string>>, given: ReadonlySet<ImportField>): void {
  const twoGiven = given.has('date') || given.has('time');
  if (twoGiven && !given.has('dateTime') && columns.date !== undefined) delete columns.dateTime;
  if (given.has('dateTime') && columns.dateTime !== undefined) {
    if (!given.has('date')) delete columns.date;
    if (!given.has('time')) delete columns.time;
  }
  if (columns.date !== undefined && columns.time !== undefined) delete columns.dateTime;
  else if (columns.date !== undefined) {
    if (columns.dateTime === undefined) columns.dateTime = columns.date;
    delete columns.date;
  } else if (columns.time !== undefined) {
    if (columns.dateTime === undefined) columns.dateTime = columns.time;
    delete columns.time;
  }
}
